import { defineConfig } from 'vite';

// The app shell. The service worker is built separately (vite.sw.config.ts) and then
// gets its precache manifest from workbox-build (scripts/inject-sw.mjs).
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    target: 'es2019', // older Android WebViews (WeChat's X5/XWeb) lag behind Chrome
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
    modulePreload: { polyfill: false },
    manifest: true, // dist/.vite/manifest.json: scripts/inject-sw.mjs reads the chunk graph, then deletes it
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:5000' },
  },
});
