// The PWA's import graph (issue 19, "Done when"): core/ is shared ground and imports no domain (so
// the outbox knows no sign-up or check-in), and no page imports another page. Everything is read
// from file and folder names, wherever a screen lives: a domain is any folder of src/ but core/
// (cards, events, aid, accounts, office, …); a page is a file named *-page.tsx; the router is a file
// at the top of src/ (app.tsx) or a route table (a file named routes.* or route-table.*), the only
// modules that may import a page, and a route table only lazily (import('./…-page')).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const SRC = join(process.cwd(), 'src');

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

// import x from '…', import { x } from '…', import type …, import '…', export … from '…', import('…').
const STATIC = /(?:^|[\n;])\s*(?:import|export)\b(?:[^'";]*?\bfrom)?\s*(['"])([^'"\n]+)\1/g;
const DYNAMIC = /\bimport\(\s*(['"`])([^'"`\n]+)\1\s*\)/g;

/** Comments out of the way, so a comment naming an import is not one (strings are kept whole). */
function code(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"\\])\/\/[^\n]*/g, '$1');
}

/** The imports of one source text: [{ spec, lazy }], relative and package ones alike. */
export function importsOf(text) {
  const src = code(text);
  return [
    ...[...src.matchAll(STATIC)].map((m) => ({ spec: m[2], lazy: false })),
    ...[...src.matchAll(DYNAMIC)].map((m) => ({ spec: m[2], lazy: true })),
  ];
}

/** Every relative import under src/: { from, to, spec, lazy }, paths inside src/ without extension. */
function graph() {
  return files(SRC).flatMap((file) =>
    importsOf(readFileSync(file, 'utf8'))
      .filter(({ spec }) => spec.startsWith('.'))
      .map(({ spec, lazy }) => ({
        from: relative(SRC, file).split('\\').join('/'),
        to: relative(SRC, resolve(dirname(file), spec)).split('\\').join('/').replace(/\?.*$/, '').replace(/\.(tsx?|js)$/, ''),
        spec,
        lazy,
      })),
  );
}

const top = (path) => (path.includes('/') ? path.split('/')[0] : null); // null: a file at the top of src/
const isPage = (path) => /-page(\.tsx)?$/.test(basename(path));
const isRouteTable = (path) => /^route(s|-table)\.tsx?$/.test(basename(path));
const DOMAINS = readdirSync(SRC, { withFileTypes: true })
  .filter((e) => e.isDirectory() && e.name !== 'core')
  .map((e) => e.name);
const EDGES = graph();

test('the import reader sees every kind of import, and no import in a comment', () => {
  const text = [
    "import { a } from './a';",
    "import type { B } from '../b/b';",
    "import C, { d as e } from \"./c\";",
    "import './styles.css';",
    "export { f } from './f';",
    "export * from './g';",
    'import {',
    '  h,',
    '  i,',
    "} from './h';",
    "const Page = lazy(() => import('./events/checkin-page'));",
    "const later = () => import( './later' ).then((m) => m.x);",
    "// import { no } from './commented';",
    "/* import('./block-commented') */",
    "const url = 'https://example.org/x'; import { j } from './j';",
    "import { render } from 'preact';",
  ].join('\n');
  assert.deepEqual(importsOf(text), [
    { spec: './a', lazy: false },
    { spec: '../b/b', lazy: false },
    { spec: './c', lazy: false },
    { spec: './styles.css', lazy: false },
    { spec: './f', lazy: false },
    { spec: './g', lazy: false },
    { spec: './h', lazy: false },
    { spec: './j', lazy: false },
    { spec: 'preact', lazy: false },
    { spec: './events/checkin-page', lazy: true },
    { spec: './later', lazy: true },
  ]);
});

test('the graph holds the app: domains, core, pages and their lazy imports', () => {
  assert.ok(DOMAINS.length >= 4, DOMAINS.join(' '));
  assert.ok(EDGES.length > 100, `${EDGES.length} imports`);
  // The router loads the pages lazily, and core/ is used from the domains.
  assert.ok(EDGES.some((e) => e.lazy && top(e.from) === null && isPage(e.to)));
  assert.ok(EDGES.some((e) => DOMAINS.includes(top(e.from)) && top(e.to) === 'core'));
  // Every relative import names a file that is there (so a moved file cannot hide an edge).
  const known = new Set(files(SRC).map((f) => relative(SRC, f).split('\\').join('/').replace(/\.tsx?$/, '')));
  const missing = EDGES.filter((e) => !/\.(css|json|svg|png)$/.test(e.to) && !known.has(e.to) && !known.has(`${e.to}/index`));
  assert.deepEqual(missing, []);
});

test('core/ imports no domain', () => {
  const found = EDGES.filter((e) => top(e.from) === 'core' && DOMAINS.includes(top(e.to)));
  assert.deepEqual(found.map((e) => `${e.from} → ${e.spec}`), []);
});

test('no page imports another page', () => {
  const found = EDGES.filter((e) => isPage(e.from) && isPage(e.to) && e.to !== e.from.replace(/\.tsx?$/, ''));
  assert.deepEqual(found.map((e) => `${e.from} → ${e.spec}`), []);
});

test('only the router imports a page, and a route table only lazily', () => {
  const found = EDGES.filter(
    (e) => isPage(e.to) && top(e.from) !== null && !(isRouteTable(e.from) && e.lazy),
  );
  assert.deepEqual(found.map((e) => `${e.from} → ${e.spec}`), []);
});
