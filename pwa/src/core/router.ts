// History routing: every page and card has a real URL (/cards/<slug>, /topics/<slug>,
// /quiz ...), so a link shared in a WeChat group opens the right page cold.
import { useEffect, useReducer } from 'preact/hooks';

const listeners = new Set<() => void>();
let depth = 0; // pages opened inside the app, so "back" knows whether it can go back

function notify() {
  listeners.forEach((fn) => fn());
}

export function currentUrl(): URL {
  return new URL(location.href);
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const url = new URL(to, location.href);
  if (url.href === location.href && !opts.replace) return;
  if (opts.replace) {
    history.replaceState({ depth }, '', url.pathname + url.search + url.hash);
  } else {
    // Remember where this page was scrolled to, for when the person comes back to it.
    history.replaceState({ ...(history.state || {}), depth, scroll: window.scrollY }, '');
    depth += 1;
    history.pushState({ depth }, '', url.pathname + url.search + url.hash);
  }
  notify();
  window.scrollTo(0, 0);
}

/**
 * A new screen inside the same page (the legal-aid form's next step): a history entry of its
 * own, with `screen` in its state, so the phone's back button comes back to the screen before.
 * The page listens for `popstate` and shows the screen its state names.
 */
export function pushScreen(screen: Record<string, unknown>): void {
  history.replaceState({ ...(history.state || {}), depth, scroll: window.scrollY }, '');
  depth += 1;
  history.pushState({ depth, ...screen }, '', location.pathname + location.search + location.hash);
}

/** The screen the current history entry names (with `pushScreen` or `markScreen`). */
export function screenState(): Record<string, unknown> {
  return (history.state as Record<string, unknown> | null) || {};
}

/** Name the screen the current history entry shows, without a new entry (where a page opens). */
export function markScreen(screen: Record<string, unknown>): void {
  history.replaceState({ ...(history.state || {}), depth, ...screen }, '');
}

/** Back inside the app if we came from a page of ours, else to `fallback`. */
export function goBack(fallback: string): void {
  if (depth > 0) history.back();
  else navigate(fallback, { replace: true });
}

function restoreScroll(y: number): void {
  const until = Date.now() + 1000;
  const tick = () => {
    if (document.documentElement.scrollHeight - window.innerHeight >= y || Date.now() > until) window.scrollTo(0, y);
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

export function startRouter(): void {
  // Pages render after their data arrives, so the browser's own restoration comes too early.
  if ('scrollRestoration' in history) history.scrollRestoration = 'manual';
  history.replaceState({ depth: 0 }, '');
  window.addEventListener('popstate', (e) => {
    depth = (e.state && e.state.depth) || 0;
    notify();
    restoreScroll((e.state && e.state.scroll) || 0);
  });
  document.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element | null)?.closest?.('a');
    if (!a || !a.href || a.target || a.hasAttribute('download')) return;
    const url = new URL(a.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
    e.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
}

export function useLocation(): URL {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const fn = () => bump(0);
    listeners.add(fn);
    return () => {
      listeners.delete(fn);
    };
  }, []);
  return currentUrl();
}
