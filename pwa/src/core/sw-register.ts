// Registers our service worker (/sw.js), says "已可离线使用" once the shell is cached,
// and offers a new version ("有新版本") without ever reloading on its own: the page
// reloads only after the person taps 更新.
import { getState, setState } from './store';

let acceptedUpdate = false;
let registration: ServiceWorkerRegistration | null = null;
let lastUpdateCheck = Date.now();

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const sw = navigator.serviceWorker;
  sw.addEventListener('controllerchange', () => {
    // Also fires when the very first worker claims the page: only reload if asked to.
    if (acceptedUpdate) window.location.reload();
  });
  const start = () => {
    sw.register('/sw.js', { scope: '/' })
      .then((reg) => {
        registration = reg;
        if (reg.waiting && sw.controller) setState({ updateWaiting: reg.waiting });
        reg.addEventListener('updatefound', () => {
          const worker = reg.installing;
          worker?.addEventListener('statechange', () => {
            if (worker.state === 'installed' && sw.controller) setState({ updateWaiting: worker });
          });
        });
      })
      .catch(() => undefined); // no service worker (e.g. a private window): the app still runs online
    sw.ready.then(() => setState({ shellCached: true })).catch(() => undefined);
  };
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
}

/** The person said yes: let the waiting worker take over, then reload once. */
export function applyUpdate(): void {
  const waiting = getState().updateWaiting;
  if (!waiting) return;
  acceptedUpdate = true;
  waiting.postMessage({ type: 'SKIP_WAITING' });
}

export function checkForUpdate(maxAgeMs = 60 * 60 * 1000): void {
  if (registration && Date.now() - lastUpdateCheck > maxAgeMs) {
    lastUpdateCheck = Date.now();
    registration.update().catch(() => undefined);
  }
}

/**
 * A volunteer is signed in: have the service worker keep the check-in tools too, so they open
 * offline at the site gate. Workers never download them. True once they are cached.
 */
export async function cacheVolunteerTools(): Promise<boolean> {
  if (!('serviceWorker' in navigator)) return false;
  const reg = await navigator.serviceWorker.ready;
  const worker = reg.active;
  if (!worker) return false;
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (e) => resolve(!!(e.data && e.data.ok));
    worker.postMessage({ type: 'CACHE_VOLUNTEER_TOOLS' }, [channel.port2]);
  });
}

/** The worker's part is on the phone: a few seconds on (the first visit's bytes counted, bench/first_visit.py),
 * have the service worker keep the 'later' screens too (the calculators, the day log: sw.ts) and, in `locale`, the
 * calculators' rules and the quiz bank. */
export function cacheLater(locale: string): void {
  setTimeout(() => navigator.serviceWorker?.controller?.postMessage({ type: 'CACHE_LATER', locale }), 3000);
}
