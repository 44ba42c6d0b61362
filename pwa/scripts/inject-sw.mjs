// Gives dist/sw.js its two precache lists, each file with a revision:
// - self.__WB_MANIFEST: what every user needs (the HTML and the route shells of scripts/route-shells.mjs, the manifest, every JS and CSS file
//   the worker's pages can reach, the sign-up QR code included);
// - self.__VOLUNTEER_MANIFEST: the files only the volunteer's tools reach (check-in, scanner,
//   report), cached when a volunteer signs in.
// The office's screens (OFFICE_SCREENS, staff and admin) are online screens: in neither list,
// so nobody's phone downloads them ahead; they load when opened.
// The split comes from Vite's chunk graph (dist/.vite/manifest.json): the volunteer's tools are
// the dynamic imports named checkin-page.tsx and debrief-page.tsx, wherever they sit. Runs after both builds.
// The case screens of the office and the lawyers (CASE_TOOLS, issue 13) are precached by no
// list at all: they work online, and a worker's phone never downloads them.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { getManifest, injectManifest } from 'workbox-build';

const VOLUNTEER_TOOLS = new Set(['checkin-page.tsx', 'debrief-page.tsx']);
const OFFICE_SCREENS = new Set([
  'office-events-page.tsx',
  'office-event-page.tsx',
  'office-event-edit-page.tsx',
  'office-debriefs-page.tsx',
  'office-accounts-page.tsx',
  'office-audit-page.tsx',
  'office-import-page.tsx',
  'office-content-page.tsx',
]);
const graph = JSON.parse(readFileSync('dist/.vite/manifest.json', 'utf8'));
const lazy = (names) => Object.keys(graph).filter((k) => graph[k].isDynamicEntry && names.has(basename(k)));
const roots = lazy(VOLUNTEER_TOOLS);
const CASE_TOOLS = new Set(['inbox-page.tsx', 'case-page.tsx', 'my-cases-page.tsx', 'group-page.tsx']);
const caseRoots = lazy(CASE_TOOLS);
if (caseRoots.length !== CASE_TOOLS.size) {
  console.error(`inject-sw: expected the case tools ${[...CASE_TOOLS]} among the lazy chunks, found ${caseRoots}`);
  process.exit(1);
}
if (roots.length !== VOLUNTEER_TOOLS.size) {
  console.error(`inject-sw: expected the volunteer tools ${[...VOLUNTEER_TOOLS]} among the lazy chunks, found ${roots}`);
  process.exit(1);
}
const office = lazy(OFFICE_SCREENS);
// A lazy office screen missing from the set would land in everyone's precache.
const strays = Object.keys(graph).filter((k) => graph[k].isDynamicEntry && k.includes('src/office/') && !office.includes(k));
if (office.length !== OFFICE_SCREENS.size || strays.length) {
  console.error(`inject-sw: expected the office screens ${[...OFFICE_SCREENS]} among the lazy chunks, found ${office}; not in the set: ${strays}`);
  process.exit(1);
}

/** Every output file reachable from `starts`, not entering `stop`. */
function reach(starts, stop = new Set()) {
  const seen = new Set();
  const files = new Set();
  const walk = (key) => {
    if (seen.has(key) || stop.has(key) || !graph[key]) return;
    seen.add(key);
    const c = graph[key];
    files.add(c.file);
    (c.css || []).forEach((f) => files.add(f));
    (c.assets || []).forEach((f) => files.add(f)); // e.g. the search's Web Worker (src/cards/search-worker.ts)
    [...(c.imports || []), ...(c.dynamicImports || [])].forEach(walk);
  };
  starts.forEach(walk);
  return files;
}

const everyone = reach(['index.html'], new Set([...roots, ...office, ...caseRoots]));
const volunteerOnly = [...reach(roots, new Set([...office, ...caseRoots]))].filter((f) => !everyone.has(f));
rmSync('dist/.vite', { recursive: true, force: true }); // build bookkeeping, not for serving

const common = { globDirectory: 'dist', dontCacheBustURLsMatching: /^assets\//, maximumFileSizeToCacheInBytes: 1024 * 1024 };
const { count, size, warnings } = await injectManifest({
  ...common,
  swSrc: 'dist/sw.js',
  swDest: 'dist/sw.js',
  globPatterns: ['*.html', 'manifest.webmanifest', ...everyone], // index.html and the route shells
});
const tools = await getManifest({ ...common, globPatterns: volunteerOnly });
warnings.push(...tools.warnings);
const sw = readFileSync('dist/sw.js', 'utf8');
if (!sw.includes('self.__VOLUNTEER_MANIFEST')) warnings.push('dist/sw.js has no self.__VOLUNTEER_MANIFEST to fill');
writeFileSync('dist/sw.js', sw.replace('self.__VOLUNTEER_MANIFEST', JSON.stringify(tools.manifestEntries)));
for (const w of warnings) console.warn('workbox:', w);
if (warnings.length) process.exitCode = 1;
const officeOnly = [...reach(office)].filter((f) => !everyone.has(f) && !volunteerOnly.includes(f));
console.log(
  `sw.js: precaches ${count} files, ${(size / 1024).toFixed(1)} KiB; volunteer tools ${tools.count} files, ${(tools.size / 1024).toFixed(1)} KiB; ` +
    `office screens ${officeOnly.length} files, not precached`,
);
