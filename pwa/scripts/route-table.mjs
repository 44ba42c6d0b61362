// Reads the route table (src/routes.tsx) as data, for what runs in Node: the service worker's
// precache lists (inject-sw.mjs) and tests/route-table.test.js. The table is TSX (each row carries
// its view), so this reads its text: each `eager({ … })` or `lazy({ … })` row's path, tab,
// precache, roles, menu entry, shell (title and back link) and lazy module (`load: () => import('./…')`, or the name of a
// `const x = () => import('./…');` several rows share). A row it cannot read fails loudly.
// `node scripts/route-table.mjs` prints the rows as JSON.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const PRECACHE = new Set(['all', 'volunteer', 'later', 'none']);

/** The table's rows: { kind, path, tab, precache, roles, menu, shell, module } (module: 'src/….tsx' or null;
 * shell: { title, back, file } or null, file being the path with - for /: '/aid/apply' → 'aid-apply.html'). */
export function readRouteTable(pwaDir = process.cwd()) {
  const text = readFileSync(join(pwaDir, 'src', 'routes.tsx'), 'utf8');
  const lists = Object.fromEntries(
    [...text.matchAll(/^const ([A-Z_]+) = \[([^\]]*)\];/gm)].map((m) => [m[1], [...m[2].matchAll(/'([^']*)'/g)].map((q) => q[1])]),
  );
  const loaders = Object.fromEntries([...text.matchAll(/^const (\w+) = \(\) => import\('\.\/([^']+)'\);/gm)].map((m) => [m[1], m[2]]));
  const start = text.indexOf('export const ROUTES');
  const end = text.indexOf('\n];', start);
  if (start < 0 || end < 0) throw new Error('route-table: no `export const ROUTES … ];` in src/routes.tsx');
  const rows = text.slice(start, end).split(/\n\s*(?=(?:eager|lazy)\(\{)/).slice(1);
  return rows.map((row) => {
    const one = (re) => row.match(re)?.[1];
    const kind = one(/^(eager|lazy)\(/);
    const path = one(/\bpath: '([^']+)'/);
    const tab = one(/\btab: '([a-z]+)'/);
    const precache = one(/\bprecache: '([a-z]+)'/);
    const loader = one(/\bload: (\w+)/);
    const load = one(/\bload: \(\) => import\('\.\/([^']+)'\)/) || loaders[loader];
    const rolesName = one(/\broles: ([A-Z_]+)/);
    const rolesList = one(/\broles: \[([^\]]*)\]/);
    const menu = row.match(/\bmenu: \{ section: '([a-z]+)', label: '([^']+)' \}/);
    const shell = row.match(/\bshell: \{ title: '([^']+)', back: '([^']+)' \}/);
    const where = `route-table: row ${path || row.slice(0, 60)}`;
    if (!kind || !path || !tab || !PRECACHE.has(precache)) throw new Error(`${where}: needs a path, a tab and precache 'all' | 'volunteer' | 'later' | 'none'`);
    if ((kind === 'lazy') !== !!load) throw new Error(`${where}: a lazy row needs load: () => import('./…') (or a const loader of that form), an eager one none`);
    if (precache === 'later' && kind !== 'lazy') throw new Error(`${where}: a 'later' row is a lazy screen (the first download is 'all')`);
    // A lazy screen every phone keeps can be opened cold (a QR code, a text): it has a first screen of its own.
    if ((kind === 'lazy' && precache === 'all') !== !!shell) throw new Error(`${where}: a lazy row with precache 'all' needs shell: { title: '…', back: '/…' }, any other row none`);
    // A shell is one file: for a path of plain words, or of plain words and one last param (/s/:code → s-_.html).
    if (shell && !/^(\/[a-z]+)+(\/:[a-z]+)?$/.test(path)) throw new Error(`${where}: a shell is one file, for a path of plain words and at most one last param`);
    if (rolesName && !lists[rolesName]) throw new Error(`${where}: no list named ${rolesName}`);
    let module = null;
    if (load) {
      module = ['.tsx', '.ts'].map((ext) => `src/${load}${ext}`).find((f) => existsSync(join(pwaDir, f)));
      if (!module) throw new Error(`${where}: no module src/${load}.tsx or .ts`);
    }
    const roles = rolesName ? lists[rolesName] : rolesList ? [...rolesList.matchAll(/'([^']*)'/g)].map((q) => q[1]) : null;
    return {
      kind, path, tab, precache, roles, module,
      menu: menu ? { section: menu[1], label: menu[2] } : null,
      shell: shell ? { title: shell[1], back: shell[2], file: shellFile(path) } : null,
    };
  });
}

/** The shell's file: the path with - for / and _ for its param ('/aid/apply' → 'aid-apply.html', '/s/:code' → 's-_.html'). */
export function shellFile(path) {
  return `${path.slice(1).replace(/:[a-z]+$/, '_').replace(/\//g, '-')}.html`;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(readRouteTable(), null, 2));
