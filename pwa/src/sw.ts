/// <reference lib="webworker" />
// The service worker: small on purpose, so it can be read in one sitting (and so a worker's first
// visit downloads ~1.5 KB of it, not Workbox's 5.7 KB on 2G: issue 18, item 29).
//
// - Precache what every worker needs (HTML, the app's JS and CSS, the manifest) from the
//   build's manifest, which workbox-build injects at self.__WB_MANIFEST (scripts/inject-sw.mjs):
//   each file under its URL and revision (Workbox's cache and key names, so a phone that had the
//   Workbox worker keeps what it cached). An install downloads only what changed; the version
//   that takes over deletes what it no longer lists.
//   Icons are not precached: the browser fetches them itself when the app is installed.
// - The volunteer's tools (check-in, scanner, report: self.__VOLUNTEER_MANIFEST) are cached
//   apart, only when the page asks (a volunteer signed in: CACHE_VOLUNTEER_TOOLS), and kept
//   up to date by every later install on that phone, so they still open offline.
// - The 'later' screens (the calculators, the day log: self.__LATER_MANIFEST) are every worker's
//   too, but not part of the first visit (it must stay under 120 KB until 已可离线使用): the page
//   asks for them (CACHE_LATER) a few seconds after the worker's part is cached, and every later
//   install keeps them up to date, as it does the volunteer's tools. The calculators' rules and the
//   quiz bank (GET /api/v1/content/calculators and /quiz ?locale=…, no longer in the pack) are kept there
//   too: fetched with them, revalidated (ETag) at each start's CACHE_LATER and each time a screen asks,
//   answered from the cache at once when it has them, so they work offline and never wait on 2G.
// - Every page URL (/cards/<slug>, /topics/<slug>, /quiz ...) opens the cached shell, with
//   or without network; the app routes it.
// - The cards themselves are not cached here: the app keeps the content pack in IndexedDB
//   and revalidates it with its ETag (src/content.ts), so /api requests pass straight
//   through, the calculators' rules and the quiz bank apart (and POSTs are never cached).
// - A new version waits until the person taps 更新 in the page (SKIP_WAITING); it is never
//   forced on someone mid-task.

export {}; // a module: its `self` below is the worker's, not the global one redeclared

type Manifest = Array<{ url: string; revision: string | null }>;
declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Manifest; __VOLUNTEER_MANIFEST: Manifest; __LATER_MANIFEST: Manifest };

const PRECACHE = 'workbox-precache-v2-' + self.registration.scope;
// Its own cache, kept apart from the precache: only a volunteer's phone has it.
const VOLUNTEER_CACHE = 'gyfy-volunteer-tools';
const LATER_CACHE = 'gyfy-later';
const KEPT_API = ['/api/v1/content/calculators', '/api/v1/content/quiz'];
const keptApi = (url: string) => KEPT_API.includes(new URL(url).pathname);

/** URL (absolute) -> the cache key naming its revision. */
function keys(manifest: Manifest): Map<string, string> {
  return new Map(
    manifest.map(({ url, revision }) => {
      const u = new URL(url, self.location.href);
      const key = new URL(u.href);
      if (revision) key.searchParams.set('__WB_REVISION__', revision);
      return [u.href, key.href];
    }),
  );
}
const everyone = keys(self.__WB_MANIFEST);
const volunteer = keys(self.__VOLUNTEER_MANIFEST);
const later = keys(self.__LATER_MANIFEST);
const home = new URL('/index.html', self.location.href).href;

/** Fetch and keep each file not kept yet, one at a time; any failure fails the install. */
async function fill(cacheName: string, files: Map<string, string>): Promise<void> {
  const cache = await caches.open(cacheName);
  for (const [url, key] of files) {
    if (await cache.match(key)) continue;
    const revisioned = key !== url;
    // The home page is the same file as the `/` the browser usually just loaded: asked for as `/`, its
    // copy in the HTTP cache is revalidated (304) instead of downloaded a second time. A revisioned file
    // is always checked with the server (no-cache); a hashed one may come from the HTTP cache.
    const from = url === home ? new URL('/', url).href : url;
    let res = await fetch(from, { credentials: 'same-origin', cache: revisioned ? 'no-cache' : 'default' });
    if (!res.ok) throw new Error(`${res.status} ${url}`);
    if (res.redirected) res = new Response(res.body, res); // a redirected answer cannot answer a navigation
    await cache.put(key, res);
  }
}

/** Remove what this version no longer lists. */
async function prune(cacheName: string, files: Map<string, string>): Promise<void> {
  const cache = await caches.open(cacheName);
  const wanted = new Set(files.values());
  for (const req of await cache.keys()) if (!wanted.has(req.url) && !keptApi(req.url)) await cache.delete(req);
}

async function has(cacheName: string): Promise<boolean> {
  return (await caches.has(cacheName)) && (await (await caches.open(cacheName)).keys()).length > 0;
}
/** The tiers a phone keeps beside the precache, each filled only once the page asked for it. */
const TIERS: [string, Map<string, string>][] = [
  [VOLUNTEER_CACHE, volunteer],
  [LATER_CACHE, later],
];

// A phone that had the tools (or the 'later' screens) gets this version's with this version's install.
self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      await fill(PRECACHE, everyone);
      for (const [name, files] of TIERS) if (await has(name)) await fill(name, files);
    })(),
  );
});

// The first install takes charge of the open page at once, so it works offline straight
// away. Later versions only get here after the person agreed (SKIP_WAITING below).
self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      await prune(PRECACHE, everyone);
      for (const [name, files] of TIERS) if (await has(name)) await prune(name, files);
      await self.clients.claim();
    })(),
  );
});

async function cached(cacheName: string, key: string, request: Request): Promise<Response> {
  return (await (await caches.open(cacheName)).match(key)) || fetch(request);
}

/** The calculators' rules or the quiz bank from the network (the HTTP cache revalidates them with their ETag), kept. */
async function keepApi(request: Request | string): Promise<Response> {
  const res = await fetch(request);
  if (res.ok) await (await caches.open(LATER_CACHE)).put(request, res.clone());
  return res;
}

// Server pages that are not the app: the API and its docs, health checks.
const NOT_THE_APP = [/^\/api\//, /^\/healthz/, /^\/readyz/, /^\/admin/];

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  url.hash = '';
  const path = url.pathname;
  const file = path === '/' ? home : url.href;
  const mine = everyone.get(file);
  if (mine) return event.respondWith(cached(PRECACHE, mine, request));
  const tools = volunteer.get(file);
  if (tools) return event.respondWith(cached(VOLUNTEER_CACHE, tools, request));
  const kept = later.get(file);
  if (kept) return event.respondWith(cached(LATER_CACHE, kept, request));
  if (KEPT_API.includes(path)) {
    const fresh = keepApi(request);
    event.waitUntil(fresh.catch(() => undefined)); // offline: the kept copy answers
    return event.respondWith(caches.match(request, { cacheName: LATER_CACHE, ignoreVary: true }).then((r) => r || fresh));
  }
  if (request.mode === 'navigate' && !NOT_THE_APP.some((re) => re.test(path))) {
    // A page with a first screen of its own opens it, never the home page's: scripts/route-shells.mjs
    // names it after the path (/aid/apply → aid-apply.html), and it is precached with the rest.
    // A page with one last param has it as _ (/s/ACD34EFG → s-_.html).
    const name = path.replace(/^\/+|\/+$/g, '').replace(/\//g, '-');
    const own = (n: string) => everyone.get(new URL(`/${n}.html`, url).href);
    const key = own(name) || (name.includes('-') && own(name.replace(/-[^-]*$/, '-_'))) || everyone.get(home);
    if (key) event.respondWith(cached(PRECACHE, key, request));
  }
});

/** Asked by the page (a volunteer signed in; the worker's part cached), outside an install. */
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') void self.skipWaiting();
  if (event.data && event.data.type === 'CACHE_VOLUNTEER_TOOLS') {
    const reply = event.ports[0];
    const done = fill(VOLUNTEER_CACHE, volunteer).then(
      () => reply?.postMessage({ ok: true }),
      () => reply?.postMessage({ ok: false }), // offline: asked again next start
    );
    event.waitUntil(done);
  }
  if (event.data && event.data.type === 'CACHE_LATER') {
    const locale = event.data.locale === 'zh-TW' ? 'zh-TW' : 'zh-CN';
    const apis = KEPT_API.map((path) => keepApi(`${path}?locale=${locale}`));
    event.waitUntil(Promise.all([fill(LATER_CACHE, later), ...apis]).catch(() => undefined)); // offline: next start
  }
});
