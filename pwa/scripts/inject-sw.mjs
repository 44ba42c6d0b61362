// Gives dist/sw.js its two precache lists, each file with a revision, from the route table's
// `precache` column (src/routes.tsx, read by scripts/route-table.mjs):
// - self.__WB_MANIFEST: what every user needs (the HTML and the route shells of scripts/route-shells.mjs, the manifest, every JS and CSS file
//   the worker's pages can reach, the sign-up QR code and the 'all' rows' lazy screens included);
// - self.__VOLUNTEER_MANIFEST: the files only the 'volunteer' rows' screens reach (check-in, scanner,
//   report), cached when a volunteer signs in;
// - self.__LATER_MANIFEST: the files only the 'later' rows' screens reach (the calculators, the day log),
//   every worker's, cached a few seconds after the first visit's part (outside its 120 KB).
// The 'none' rows (the office's screens, the office's and the lawyers' case screens) are online
// screens: in neither list, so nobody's phone downloads them ahead; they load when opened.
// The files come from Vite's chunk graph (dist/.vite/manifest.json): each lazy row's module is a
// dynamic entry there. Runs after both builds.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { getManifest, injectManifest } from 'workbox-build';
import { readRouteTable } from './route-table.mjs';

const graph = JSON.parse(readFileSync('dist/.vite/manifest.json', 'utf8'));
const table = readRouteTable();
const modules = (precache) => [...new Set(table.filter((r) => r.module && r.precache === precache).map((r) => r.module))];
const roots = modules('volunteer');
const online = modules('none');
const laters = modules('later');
const missing = [...roots, ...online, ...laters, ...modules('all')].filter((k) => !graph[k]?.isDynamicEntry);
if (missing.length) {
  console.error(`inject-sw: the route table's lazy screens ${missing} are not lazy chunks in the build`);
  process.exit(1);
}
const both = [...roots, ...laters].filter((k) => online.includes(k) || (laters.includes(k) && roots.includes(k)));
if (both.length) {
  console.error(`inject-sw: screens of two classes ('volunteer', 'later', 'none') in the route table: ${both}`);
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

const everyone = reach(['index.html'], new Set([...roots, ...online, ...laters]));
const volunteerOnly = [...reach(roots, new Set([...online, ...laters]))].filter((f) => !everyone.has(f));
const laterOnly = [...reach(laters, new Set([...online, ...roots]))].filter((f) => !everyone.has(f));
// An office screen (any domain's office/ folder) loaded some other way than a 'none' row would land in a precache.
const officeFiles = new Set(Object.keys(graph).filter((k) => /(^|\/)office\//.test(k)).map((k) => graph[k].file));
const strays = [...everyone, ...volunteerOnly, ...laterOnly].filter((f) => officeFiles.has(f));
if (strays.length) {
  console.error(`inject-sw: office screens in a precache list (not behind a 'none' row of the route table): ${strays}`);
  process.exit(1);
}
rmSync('dist/.vite', { recursive: true, force: true }); // build bookkeeping, not for serving

const common = { globDirectory: 'dist', dontCacheBustURLsMatching: /^assets\//, maximumFileSizeToCacheInBytes: 1024 * 1024 };
const { count, size, warnings } = await injectManifest({
  ...common,
  swSrc: 'dist/sw.js',
  swDest: 'dist/sw.js',
  globPatterns: ['*.html', 'manifest.webmanifest', ...everyone], // index.html and the route shells
});
const tools = await getManifest({ ...common, globPatterns: volunteerOnly });
// No files for a tier: an empty list (a glob of nothing would take every file).
const kept = laterOnly.length ? await getManifest({ ...common, globPatterns: laterOnly }) : { count: 0, size: 0, warnings: [], manifestEntries: [] };
warnings.push(...tools.warnings, ...kept.warnings);
let sw = readFileSync('dist/sw.js', 'utf8');
// Each list after the first named in a comment, for the readers of dist/sw.js (bench/pwa_size.py, tests/e2e/test_route_table.py).
for (const [name, tier, list] of [['self.__VOLUNTEER_MANIFEST', 'volunteer', tools], ['self.__LATER_MANIFEST', 'later', kept]]) {
  if (!sw.includes(name)) warnings.push(`dist/sw.js has no ${name} to fill`);
  sw = sw.replace(name, `/*${tier}*/${JSON.stringify(list.manifestEntries)}`);
}
writeFileSync('dist/sw.js', sw);
for (const w of warnings) console.warn('workbox:', w);
if (warnings.length) process.exitCode = 1;
const onlineOnly = [...reach(online)].filter((f) => !everyone.has(f) && !volunteerOnly.includes(f) && !laterOnly.includes(f));
console.log(
  `sw.js: precaches ${count} files, ${(size / 1024).toFixed(1)} KiB; volunteer tools ${tools.count} files, ${(tools.size / 1024).toFixed(1)} KiB; ` +
    `later ${kept.count} files, ${(kept.size / 1024).toFixed(1)} KiB; ` +
    `online screens ${onlineOnly.length} files, not precached`,
);
