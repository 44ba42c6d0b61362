/// <reference lib="webworker" />
// The service worker: small on purpose, so it can be read in one sitting.
//
// - Precache what every worker needs (HTML, the app's JS and CSS, the manifest) from the
//   build's manifest, which workbox-build injects at self.__WB_MANIFEST (scripts/inject-sw.mjs).
//   Icons are not precached: the browser fetches them itself when the app is installed.
// - The volunteer's tools (check-in, scanner, report: self.__VOLUNTEER_MANIFEST) are cached
//   apart, only when the page asks (a volunteer signed in: CACHE_VOLUNTEER_TOOLS), and kept
//   up to date by every later install on that phone, so they still open offline.
// - Every page URL (/cards/<slug>, /topics/<slug>, /quiz ...) opens the cached shell, with
//   or without network; the app routes it.
// - The cards themselves are not cached here: the app keeps the content pack in IndexedDB
//   and revalidates it with its ETag (src/content.ts), so /api requests pass straight
//   through (and POSTs, later, are never cached).
// - A new version waits until the person taps 更新 in the page (SKIP_WAITING); it is never
//   forced on someone mid-task.
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, PrecacheController, PrecacheRoute, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

type Manifest = Array<{ url: string; revision: string | null }>;
declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Manifest; __VOLUNTEER_MANIFEST: Manifest };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Its own cache name, without "-precache-", so cleanupOutdatedCaches() leaves it alone.
const VOLUNTEER_CACHE = 'gyfy-volunteer-tools';
const volunteer = new PrecacheController({ cacheName: VOLUNTEER_CACHE });
volunteer.addToCacheList(self.__VOLUNTEER_MANIFEST);
registerRoute(new PrecacheRoute(volunteer));

async function hasVolunteerTools(): Promise<boolean> {
  return (await caches.has(VOLUNTEER_CACHE)) && (await (await caches.open(VOLUNTEER_CACHE)).keys()).length > 0;
}

/** Workbox's install() caches only inside an install event, so a message does it by hand. */
async function cacheVolunteerTools(): Promise<void> {
  const cache = await caches.open(VOLUNTEER_CACHE);
  for (const key of volunteer.getURLsToCacheKeys().values()) {
    if (await cache.match(key)) continue;
    const res = await fetch(key, { credentials: 'same-origin', cache: 'reload' });
    if (!res.ok) throw new Error(`${res.status} ${key}`);
    await cache.put(key, res);
  }
}

// A phone that had the tools gets this version's tools with this version's install.
self.addEventListener('install', (event) => {
  event.waitUntil(hasVolunteerTools().then((had) => (had ? volunteer.install(event) : undefined)));
});
self.addEventListener('activate', (event) => {
  event.waitUntil(hasVolunteerTools().then((had) => (had ? volunteer.activate(event) : undefined)));
});

// A page with a first screen of its own (scripts/route-shells.mjs) opens it, never the home page's.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/aid-apply.html'), { allowlist: [/^\/aid\/apply\/?$/] }));
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    // Server pages that are not the app: the API and its docs, health checks.
    denylist: [/^\/api\//, /^\/healthz/, /^\/readyz/, /^\/admin/],
  }),
);

// The first install takes charge of the open page at once, so it works offline straight
// away. Later versions only get here after the person agreed (SKIP_WAITING below).
clientsClaim();

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') void self.skipWaiting();
  if (event.data && event.data.type === 'CACHE_VOLUNTEER_TOOLS') {
    const reply = event.ports[0];
    const done = cacheVolunteerTools().then(
      () => reply?.postMessage({ ok: true }),
      () => reply?.postMessage({ ok: false }), // offline: asked again next start
    );
    event.waitUntil(done);
  }
});
