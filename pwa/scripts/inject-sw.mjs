// Gives dist/sw.js its precache manifest: every file of the app shell with a revision,
// written where the worker reads self.__WB_MANIFEST. Runs after both vite builds.
import { injectManifest } from 'workbox-build';

const { count, size, warnings } = await injectManifest({
  swSrc: 'dist/sw.js',
  swDest: 'dist/sw.js',
  globDirectory: 'dist',
  globPatterns: ['index.html', 'assets/**/*.{js,css}', 'manifest.webmanifest', 'favicon.ico', 'icons/*.png'],
  // Hashed file names already change with their content.
  dontCacheBustURLsMatching: /^assets\//,
  maximumFileSizeToCacheInBytes: 1024 * 1024,
});
for (const w of warnings) console.warn('workbox:', w);
if (warnings.length) process.exitCode = 1;
console.log(`sw.js: precaches ${count} files, ${(size / 1024).toFixed(1)} KiB`);
