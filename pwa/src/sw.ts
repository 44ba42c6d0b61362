/// <reference lib="webworker" />
// The service worker: small on purpose, so it can be read in one sitting.
//
// - Precache the app shell (HTML, JS, CSS, icons, manifest) from the build's manifest,
//   which workbox-build injects at self.__WB_MANIFEST (scripts/inject-sw.mjs).
// - Every page URL (/cards/<slug>, /topics/<slug>, /quiz ...) opens the cached shell, with
//   or without network; the app routes it.
// - The cards themselves are not cached here: the app keeps the content pack in IndexedDB
//   and revalidates it with its ETag (src/content.ts), so /api requests pass straight
//   through (and POSTs, later, are never cached).
// - A new version waits until the person taps 更新 in the page (SKIP_WAITING); it is never
//   forced on someone mid-task.
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

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
});
