// The form and API kit in src/core/: digits as typed, Beijing's today, and the one reader of a refusal.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HttpError, httpError, refusal } from '../src/core/api.ts';
import { typedCount, typedNumber } from '../src/core/digits.ts';
import { newId } from '../src/core/id.ts';
import { chinaTime, chinaToday, fileStamp, fromLocalInput, toLocalInput } from '../src/core/time.ts';

test('counts typed with a Chinese input method read as numbers', () => {
  assert.equal(typedCount('４０'), 40);
  assert.equal(typedCount(' 1 200　'), 1200);
  assert.equal(typedCount('0'), 0);
  assert.equal(typedCount('1234567'), null); // more than six digits
  assert.equal(typedCount('4.5'), null);
  assert.equal(typedCount('四十'), null);
  assert.equal(typedCount(''), null);
  assert.equal(typedNumber('１２，０００．５'), '12,000.5');
});

test("today is Beijing's, whatever zone the phone is in", () => {
  assert.equal(chinaToday('2026-11-30T15:59:00Z'), '2026-11-30');
  assert.equal(chinaToday('2026-11-30T16:00:00Z'), '2026-12-01'); // midnight in Beijing
  assert.match(chinaToday(), /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(chinaTime('2026-03-02T02:00:00Z'), '2026-03-02 10:00');
  assert.equal(chinaTime('2026-03-01T16:05:00Z'), '2026-03-02 00:05'); // not "24:05"
  assert.equal(chinaTime(''), '');
  assert.equal(toLocalInput('2026-12-01T01:00:00Z'), '2026-12-01T09:00');
  assert.equal(fromLocalInput('2026-12-01T09:00'), '2026-12-01T09:00:00+08:00');
  assert.equal(fileStamp('2026-12-01T01:05:00Z'), '202612010905');
});

test('a refusal reads as status, message, code and each field by its dotted name', async () => {
  const res = new Response(
    JSON.stringify({ message: '填写的内容有误。', error_code: 'validation', errors: { json: { checklist: { arrears_checked: ['要确认。'] }, phone: ['不对。', '太短。'] } } }),
    { status: 422, headers: { 'Content-Type': 'application/json' } },
  );
  const r = await refusal(res);
  assert.deepEqual(
    { status: r.status, message: r.message, code: r.code, fields: r.fields },
    { status: 422, message: '填写的内容有误。', code: 'validation', fields: { 'checklist.arrears_checked': '要确认。', phone: '不对。 太短。' } },
  );
  assert.deepEqual(Object.keys(r.errors), ['checklist', 'phone']);
  assert.equal((await res.json()).error_code, 'validation'); // the body is still there for the caller
  const nested = await refusal(new Response(JSON.stringify({ message: 'x', errors: { json: { coworkers: { 0: { phone: ['不对。'] } }, rows: [{ a: ['空。'] }] } } }), { status: 422 }));
  assert.deepEqual(nested.fields, { 'coworkers.0.phone': '不对。', 'rows.0.a': '空。' });
  const err = await httpError(new Response('<html>', { status: 502 }));
  assert.ok(err instanceof HttpError);
  assert.deepEqual([err.status, err.message, err.code, err.fields], [502, '服务器出了点问题，请稍后再试。', '', {}]);
});

test('ids are version-4 UUIDs', () => {
  const a = newId();
  assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(a, newId());
});
