// The sizes a newcomer can read (issue 19): a module of src/ at 300 lines or fewer, a component (a
// function named with a capital letter that returns JSX) at 80 or fewer, unless a comment says why
// not. The marker is a comment containing `size:` and the reason, e.g.
//   // size: one table of every screen; split, it would be read in two places.
// anywhere in a module for the module, and in the comments right above a component (or on its first
// line) for the component. Generated files (core/api-types.ts) are exempt.
//
// `node scripts/sizes.mjs` prints the offenders as JSON ({ modules, components }), exit 1 if any;
// `--all` lists every component with its length, longest first. tests/test_pwa_layout.py runs it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAst } from 'rolldown/parseAst';

export const MODULE_LINES = 300;
export const COMPONENT_LINES = 80;
const GENERATED = new Set(['core/api-types.ts']);
const MARKER = /\bsize:/;
const COMMENT = /^\s*(\/\/|\/\*|\*)/;

const SRC = join(new URL('..', import.meta.url).pathname, 'src');

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [],
  );
}

const FUNCTION = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);
const JSX = new Set(['JSXElement', 'JSXFragment']);

/** Calls `visit(node, parent)` on every node of an ESTree. */
function walk(node, visit, parent = null) {
  if (!node || typeof node.type !== 'string') return;
  visit(node, parent);
  for (const key of Object.keys(node)) {
    const v = node[key];
    if (key === 'parent') continue;
    if (Array.isArray(v)) for (const c of v) walk(c, visit, node);
    else if (v && typeof v === 'object' && typeof v.type === 'string') walk(v, visit, node);
  }
}

function hasJsx(fn) {
  let found = false;
  walk(fn.body, (n) => {
    if (JSX.has(n.type)) found = true;
  });
  return found;
}

/** The components of one file: { name, lines, marked }. */
function components(file, text) {
  const ast = parseAst(text, { lang: file.endsWith('.tsx') ? 'tsx' : 'ts' });
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const lineOf = (pos) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const lines = text.split('\n');
  const out = [];
  // The statement a function is written in (`export function F`, `const F = () =>`), for its first line.
  const outer = new Map();
  walk(ast, (n, parent) => {
    if (parent && (parent.type === 'ExportNamedDeclaration' || parent.type === 'ExportDefaultDeclaration' || parent.type === 'VariableDeclaration')) outer.set(n, parent);
    if (parent && parent.type === 'VariableDeclarator' && FUNCTION.has(n.type)) outer.set(n, parent);
  });
  const top = (n) => {
    while (outer.has(n)) n = outer.get(n);
    return n;
  };
  walk(ast, (n, parent) => {
    let name = null;
    if (n.type === 'FunctionDeclaration' && n.id) name = n.id.name;
    else if (FUNCTION.has(n.type) && parent?.type === 'VariableDeclarator' && parent.id?.type === 'Identifier') name = parent.id.name;
    if (!name || !/^[A-Z]/.test(name) || !n.body || !hasJsx(n)) return;
    const first = lineOf(top(n).start);
    let above = first;
    while (above > 0 && COMMENT.test(lines[above - 1])) above -= 1;
    out.push({
      name,
      lines: lineOf(n.end) - first + 1,
      marked: lines.slice(above, first + 1).some((l) => MARKER.test(l)),
    });
  });
  return out;
}

export function measure() {
  const modules = [];
  const comps = [];
  for (const path of files(SRC)) {
    const file = relative(SRC, path).split('\\').join('/');
    if (GENERATED.has(file)) continue;
    const text = readFileSync(path, 'utf8');
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    modules.push({ file, lines, marked: text.split('\n').some((l) => /^\s*(\/\/|\*|\/\*)/.test(l) && MARKER.test(l)) });
    for (const c of components(path, text)) comps.push({ file, ...c });
  }
  return { modules, components: comps };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { modules, components: comps } = measure();
  if (process.argv.includes('--all')) {
    for (const c of comps.sort((a, b) => b.lines - a.lines)) console.log(`${String(c.lines).padStart(4)} ${c.marked ? '*' : ' '} ${c.file} ${c.name}`);
  } else {
    const over = {
      modules: modules.filter((m) => m.lines > MODULE_LINES && !m.marked),
      components: comps.filter((c) => c.lines > COMPONENT_LINES && !c.marked),
    };
    console.log(JSON.stringify(over, null, 1));
    process.exitCode = over.modules.length || over.components.length ? 1 : 0;
  }
}
