// The case screens' amounts and field errors: what staff type in yuan is sent in fen, and a
// server's 422 lands beside the field it names.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { flattenErrors, shortWhen, toFen, yuan } from '../src/aid/case-text.ts';

test('yuan typed as people type them become fen exactly', () => {
  assert.equal(toFen('24000'), 2_400_000);
  assert.equal(toFen('24,000.5'), 2_400_050);
  assert.equal(toFen('１'), null); // a full-width digit is not silently read as something else
  assert.equal(toFen(' 18000 元'), 1_800_000);
  assert.equal(toFen('0.07'), 7); // not 7.000000000000001
  assert.equal(toFen('0'), 0);
  for (const bad of ['', '-5', '1.234', 'abc', '1e5', '.5']) assert.equal(toFen(bad), null, bad);
});

test('fen are shown in yuan, cents only when there are some', () => {
  assert.equal(yuan(2_400_000), '24,000 元');
  assert.equal(yuan(2_400_050), '24,000.50 元');
  assert.equal(yuan(5), '0.05 元');
  assert.equal(yuan(null), '未填');
});

test("the server's field errors are keyed by field, nested ones with a dot", () => {
  assert.deepEqual(
    flattenErrors({ json: { reason: ['必须填写。'], checklist: { arrears_checked: ['必须确认。'] } } }),
    { reason: '必须填写。', 'checklist.arrears_checked': '必须确认。' },
  );
  assert.deepEqual(flattenErrors({ lawyer_id: '不是在职律师。' }), { lawyer_id: '不是在职律师。' });
  assert.deepEqual(flattenErrors(undefined), {});
});

test('moments are read in Beijing time', () => {
  assert.equal(shortWhen('2026-12-01T16:30:00Z'), '12/2 00:30');
});
