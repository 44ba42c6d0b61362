// The route table (src/routes.tsx, issue 19 item 5): adding a screen is one row. These tests hold
// the router, the office's menu and the service worker's precache classes to that one table; the
// built precache lists themselves are compared with it in tests/e2e/test_route_table.py.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { matchPath, routePath } from '../src/core/route-match.ts';
import { readRouteTable } from '../scripts/route-table.mjs';

const SRC = join(process.cwd(), 'src');
const rows = readRouteTable();
/** A role list of accounts/auth.ts (the office's frame and the volunteer's tools check these). */
function authRoles(name) {
  const text = readFileSync(join(SRC, 'accounts', 'auth.ts'), 'utf8');
  return [...text.match(new RegExp(`export const ${name}: readonly string\\[\\] = \\[([^\\]]*)\\]`))[1].matchAll(/'([^']*)'/g)].map((m) => m[1]);
}
const OFFICE = authRoles('OFFICE_ROLES');
const VOLUNTEER = authRoles('VOLUNTEER_ROLES');

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The row the router picks for a URL (the first that matches), as app.tsx does. */
function routed(href) {
  const path = routePath(new URL(href, 'https://example.org'));
  const row = rows.find((r) => matchPath(r.path, path));
  return row ? { path: row.path, params: matchPath(row.path, path) } : null;
}

test('the reader sees every row of the table', () => {
  const text = readFileSync(join(SRC, 'routes.tsx'), 'utf8');
  assert.equal(rows.length, text.match(/^\s*(eager|lazy)\(\{/gm).length);
  assert.equal(new Set(rows.map((r) => r.path)).size, rows.length, 'one row per path');
  assert.ok(rows.every((r) => ['home', 'law', 'events', 'aid', 'me'].includes(r.tab)));
  assert.deepEqual(rows.filter((r) => r.path.startsWith('/calc')).map((r) => [r.path, r.precache]), [['/calc', 'later'], ['/calc/:calc', 'later']]);
});

test('every URL routes as the regex chain it replaced did', () => {
  const cases = {
    '/': '/',
    '/topics/': '/topics',
    '/topics/wages': '/topics/:slug',
    '/cards/wage-arrears': '/cards/:slug',
    '/search?q=工资': '/search',
    '/events/12': '/events/:id',
    '/events/mine/0b5e2f7c-1234-4abc-9def-0123456789ab': '/events/mine/:uuid',
    '/checkin': '/checkin',
    '/checkin/3': '/checkin/:id',
    '/checkin/3/report': '/checkin/:id/report',
    '/office': '/office',
    '/office/events': '/office/events',
    '/office/events/new': '/office/events/new',
    '/office/events/7': '/office/events/:id',
    '/office/events/7/edit': '/office/events/:id/edit',
    '/office/cases?filter=new&page=2': '/office/cases',
    '/office/cases/groups/%E5%85%AC%E5%8F%B8': '/office/cases/groups/:key',
    '/office/cases/4/compare/5': '/office/cases/:id/compare/:other',
    '/office/cases/4': '/office/cases/:id',
    '/cases/4/': '/cases/:id',
    '/cases': '/cases',
    '/aid/apply?kind=wages': '/aid/apply',
    '/aid/track#code=ABCD2345': '/aid/track',
    '/aid/sent/local:1700000000-ab': '/aid/sent/:sent',
    '/me/password': '/me/password',
    '/log': '/log',
    '/s/ACD34EFG/log': '/s/:code/log',
    '/confirm#l=log-5b0c7e52-8f6a-4d61-9a43-0c2de1f7a9b1&s=ACD34EFG&d=2026-03:2.3': '/confirm',
    '/calc': '/calc',
    '/calc/double_pay': '/calc/:calc',
    '/office/questions?tab=mine': '/office/questions',
    '/office/questions/new': '/office/questions/new',
    '/office/questions/12': '/office/questions/:id',
  };
  for (const [href, path] of Object.entries(cases)) assert.equal(routed(href)?.path, path, href);
  assert.deepEqual(routed('/office/cases/groups/%E5%85%AC%E5%8F%B8').params, { key: '%E5%85%AC%E5%8F%B8' });
  assert.deepEqual(routed('/office/cases/4/compare/5').params, { id: '4', other: '5' });
  // Not a screen: the page "找不到这个页面".
  for (const href of ['/calc/Overtime', '/calc/1/2', '/topics/Wages', '/events/abc', '/events/mine/123', '/checkin/x', '/office/events/x', '/aid/sent/short', '/cases/x', '/t/ABCD2345', '/nope']) {
    assert.equal(routed(href), null, href);
  }
});

test('the precache class follows the screen', () => {
  assert.deepEqual(OFFICE, ['staff', 'admin']);
  for (const r of rows) {
    // A screen without a lazy module is in the first download, which every phone keeps.
    if (!r.module) assert.equal(r.precache, 'all', `${r.path} is in the first download: precache 'all'`);
    // The office's screens (a domain's office/ folder: the lawyers' case screens too) are online screens;
    // those under /office are for staff and admin only, but 问一问's, which its answerers (volunteers, lawyers) open too.
    const officePath = r.path === '/office' || r.path.startsWith('/office/');
    if (officePath || /(^|\/)office\//.test(r.module || '')) assert.equal(r.precache, 'none', r.path);
    const answerers = r.path === '/office/questions' || r.path.startsWith('/office/questions/');
    if (officePath) assert.deepEqual(r.roles, answerers ? ['volunteer', 'lawyer', ...OFFICE] : OFFICE, r.path);
    if (r.precache === 'volunteer') assert.deepEqual(r.roles, VOLUNTEER, r.path);
    // The 'later' tier is every worker's, fetched after the first visit: lazy screens for anyone.
    if (r.precache === 'later') assert.ok(r.module && !r.roles, r.path);
  }
  // One module, one class: a module cannot be both a volunteer's tool and an online screen.
  const byModule = new Map();
  for (const r of rows.filter((x) => x.module)) {
    assert.equal(byModule.get(r.module) ?? r.precache, r.precache, r.module);
    byModule.set(r.module, r.precache);
  }
});

test("the office's menu is the table's menu rows, and every office page names one", () => {
  const menu = rows.filter((r) => r.menu);
  assert.deepEqual(
    menu.map((r) => r.menu.label),
    ['活动', '总结', '统计', '账号', '审计', '机构', '导入', '任务', '工地', '内容', '案件', '问一问'],
  );
  for (const r of menu) assert.ok(!r.path.includes(':'), `a menu entry opens a plain address: ${r.path}`);
  const sections = menu.map((r) => r.menu.section);
  assert.equal(new Set(sections).size, sections.length);
  const nav = readFileSync(join(SRC, 'office', 'office-nav.tsx'), 'utf8');
  const declared = nav.match(/export type Section = ([^;]+);/)[1].match(/'([a-z]+)'/g).map((s) => s.slice(1, -1));
  assert.deepEqual([...declared].sort(), [...sections].sort(), 'office-nav.tsx declares the sections the table has');
  const used = files(SRC).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/<Office\s[^>]*?section="([a-z]+)"/g)].map((m) => [relative(SRC, f), m[1]]));
  assert.ok(used.length >= 8, `office pages found: ${used.length}`);
  for (const [file, section] of used) assert.ok(sections.includes(section), `${file}: section "${section}" is not in the menu`);
});

test('every lazy screen every phone keeps has a first screen of its own, named after its path', () => {
  const shells = rows.filter((r) => r.shell);
  assert.deepEqual(shells.map((r) => r.path), rows.filter((r) => r.module && r.precache === 'all').map((r) => r.path));
  assert.ok(shells.length >= 1);
  for (const r of shells) {
    // A last param stands as _ (/s/:code → s-_.html): the server and the service worker try it for /s/<anything>.
    assert.equal(r.shell.file, `${r.path.slice(1).split('/').map((p) => (p.startsWith(':') ? '_' : p)).join('-')}.html`, r.path);
    assert.ok(r.shell.back.startsWith('/') && r.shell.title, r.path);
  }
  assert.deepEqual(rows.find((r) => r.path === '/aid/apply').shell, { title: '申请法律援助', back: '/aid', file: 'aid-apply.html' });
  assert.deepEqual(rows.find((r) => r.path === '/s/:code').shell, { title: '工地信息', back: '/', file: 's-_.html' });
});
