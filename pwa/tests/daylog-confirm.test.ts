// 「请工友确认」's link (sites/confirm-link.ts): the log's id, the site and one month's days go in the fragment
// only (nothing in the path or query a server or Referer sees), come back as they went, and a broken or foreign
// link reads as none (the confirm page then says it cannot read it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { confirmHref, readConfirm } from '../src/sites/confirm-link';

(globalThis as { location?: unknown }).location = { origin: 'https://gyfy.example' }; // read at each call

const ask = { logId: 'log-5b0c7e52-8f6a-4d61-9a43-0c2de1f7a9b1', siteCode: 'ACD34EFG', dates: ['2026-03-02', '2026-03-03', '2026-03-13'] };

test('the link carries everything in its fragment and reads back the same', () => {
  const href = confirmHref(ask);
  const url = new URL(href, 'https://gyfy.example');
  assert.equal(url.pathname, '/confirm');
  assert.equal(url.search, '');
  assert.ok(url.hash.includes('2026-03:2.3.13'), href);
  assert.deepEqual(readConfirm(href), ask);
  assert.deepEqual(readConfirm(`https://gyfy.example${href}`), ask);
  // the site code as the board prints it (dash, lower case) reads as the code
  assert.equal(readConfirm(href.replace('ACD34EFG', 'acd3-4efg'))?.siteCode, 'ACD34EFG');
});

test('a broken, foreign or hostile link reads as none', () => {
  const href = confirmHref(ask);
  for (const bad of [
    '/s/ACD34EFG',
    href.replace('/confirm', '/confirmx'),
    href.replace(ask.logId, 'short'),
    href.replace(ask.logId, encodeURIComponent('log/../../' + 'x'.repeat(30))),
    href.replace('ACD34EFG', 'ZZZZ'),
    href.replace('2026-03:2.3.13', '2026-13:2'),
    href.replace('2026-03:2.3.13', '2026-03:'),
    href.replace('2026-03:2.3.13', '2026-02:30.31'),
    'not a url at all \u0000',
  ]) {
    assert.equal(readConfirm(bad), null, bad);
  }
  // a day that does not exist is dropped, the real ones kept; a day twice is once
  assert.deepEqual(readConfirm(href.replace('2026-03:2.3.13', '2026-02:28.30.28'))?.dates, ['2026-02-28']);
});
