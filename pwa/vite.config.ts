import { defineConfig } from 'vite';
import { readRouteTable } from './scripts/route-table.mjs';

// The online screens (the route table's 'none' rows: the office's and the lawyers'): their chunks' names.
const online = readRouteTable()
  .filter((r) => r.precache === 'none')
  .map((r) => r.module.replace(/^.*\//, '').replace(/\.tsx?$/, ''));
const onlineChunk = new RegExp(`(^|/)(${online.join('|')})-[\\w-]{8}\\.js$`);

// The app shell. The service worker is built separately (vite.sw.config.ts) and then
// gets its precache manifest from workbox-build (scripts/inject-sw.mjs).
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    target: 'es2019', // older Android WebViews (WeChat's X5/XWeb) lag behind Chrome
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
    // An online screen's own JS is not preloaded beside it (its imports still load with it, one round trip
    // later, on the office's connection): its file names stay out of the first download's list of every
    // lazy chunk's deps (~0.4 KB gzipped of every worker's first visit). Its CSS is still loaded with it.
    modulePreload: {
      polyfill: false,
      resolveDependencies: (file, deps) => (onlineChunk.test(file) ? deps.filter((d) => d.endsWith('.css')) : deps),
    },
    manifest: true, // dist/.vite/manifest.json: scripts/inject-sw.mjs reads the chunk graph, then deletes it
    rolldownOptions: {
      output: {
        // What every first screen loads anyway (Preact, idb, the shared core/ modules, the sign-in) in one
        // chunk rather than the six or seven small shared chunks rolldown would cut (each costs a request and
        // a gzip frame: 0.7 KB of the first load). Only modules already on the first load belong here, or
        // the group would pull a lazy page's code forward: bench/pwa_size.py's raw total tells.
        // The sign-up's QR code and its encoder: always loaded together, so one file (one answer's headers less
        // in every first visit's precache); the volunteer's scanner (qr/decode.js) imports it from there.
        codeSplitting: {
          groups: [
            { name: 'shell', test: /[\\/](src[\\/]accounts[\\/]auth\.ts|src[\\/]core[\\/](digits|time|id|ui|form|store|api|router|outbox|db|phone|settings)\.tsx?|node_modules[\\/](preact|idb)[\\/].*)$/ },
            { name: 'qr-code', test: /[\\/](src[\\/]events[\\/]qr-code\.tsx|node_modules[\\/]qr[\\/]index\.js)$/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:5000' },
  },
});
