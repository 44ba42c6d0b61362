// Route shells: index.html paints the home page before any script arrives, which is right for
// `/` and wrong for a page opened cold from a QR code: at 150 kbit/s a worker who scanned an
// "apply" poster looked at the home page for 5–7 s before the form. For each row of the route table
// with a `shell` (src/routes.tsx: every lazy screen every phone keeps; read by route-table.mjs) this
// writes dist/<path with - for />.html (/aid/apply → aid-apply.html): the same shell with the home
// screen replaced by that page's title and a plain loading line, and with the page's lazy chunk
// preloaded beside the app's own script, so both download at once. The server (server/web.py) and the service worker (src/sw.ts) answer
// the route with it. Runs after `vite build`, before inject-sw.mjs (which deletes the graph).
import { readFileSync, writeFileSync } from 'node:fs';
import { readRouteTable } from './route-table.mjs';

const ROUTE_SHELLS = readRouteTable().filter((r) => r.shell);

const graph = JSON.parse(readFileSync('dist/.vite/manifest.json', 'utf8'));
const html = readFileSync('dist/index.html', 'utf8');
const FIRST = /<!-- first-screen -->[\s\S]*<!-- \/first-screen -->/;
if (!FIRST.test(html)) {
  console.error('route-shells: dist/index.html has no <!-- first-screen --> … <!-- /first-screen --> block');
  process.exit(1);
}
const entry = Object.values(graph).find((c) => c.isEntry);
const inShell = new Set([entry.file, ...(entry.imports || []).map((k) => graph[k].file)]);

/** The chunk and what it imports statically, minus what index.html already loads. */
function preloads(key) {
  const files = new Set();
  const walk = (k) => {
    const c = graph[k];
    if (!c || inShell.has(c.file) || files.has(c.file)) return;
    files.add(c.file);
    (c.imports || []).forEach(walk);
  };
  walk(key);
  return [...files];
}

const escape = (s) => s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]);
for (const { module: key, shell: route } of ROUTE_SHELLS) {
  if (!graph[key]?.isDynamicEntry) {
    console.error(`route-shells: ${key} is not a lazy chunk in the build`);
    process.exit(1);
  }
  const links = preloads(key).map((f) => `<link rel="modulepreload" crossorigin href="/${f}">`);
  const css = (graph[key].css || []).map((f) => `<link rel="stylesheet" crossorigin href="/${f}">`);
  // The page's own header (as PageHeader draws it) and a loading line: never another page.
  const screen = `<div class="page"><header class="navbar"><a class="navbar-back" href="${route.back}" aria-label="返回">` +
    '<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><path d="M15.5 4.5 8 12l7.5 7.5" fill="none" stroke="currentColor" stroke-width="2.2"/></svg></a>' +
    `<h1 class="navbar-title">${escape(route.title)}</h1><span class="navbar-side"></span></header>` +
    '<p class="loading" role="status">正在打开，请稍等…</p></div>';
  const out = html
    .replace(FIRST, () => screen)
    .replace(/<title>[^<]*<\/title>/, () => `<title>${escape(route.title)} - 工友法援</title>`)
    .replace('  </head>', () => `    ${[...links, ...css].join('\n    ')}\n  </head>`);
  writeFileSync(`dist/${route.file}`, out);
  console.log(`route-shells: dist/${route.file} preloads ${links.length} chunk(s)`);
}
