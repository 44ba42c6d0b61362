// 记工's sums (sites/daylog.ts) agree to the fen with the server's (server/daylogs/service.py, held by
// tests/test_daylogs.py to the same ten days of March 2026), and toCalcDays gives CALC.md's `days` shape.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { type DayEntry, sums, toCalcDays } from '../src/sites/daylog';

const DAYS = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13'];
const entries: DayEntry[] = DAYS.map((date) => ({ date, unit: 'day', hours: 8, overtime_hours: 0, received_fen: 0, received_from: '', work: '砌墙' }));
entries[9] = { ...entries[9], unit: 'half', hours: 4, received_fen: 30_000, received_from: '李老板（生活费）' };
entries[6] = { ...entries[6], overtime_hours: 2 };
entries[4] = { ...entries[4], received_fen: 50_000, received_from: '李老板（借支）' };

test('the sums are the server\'s: 9.5 days at 300 元, 800 received, 2,050 owed', () => {
  assert.deepEqual(sums({ kind: 'day', amount_fen: 30_000 }, entries), { from: '2026-03-02', to: '2026-03-13', days: '9.5', overtime: 2, agreed: 285_000, received: 80_000, owed: 205_000 });
  // a monthly rate: 6,000 元 ÷ 21.75 = 275.86 元 a day shown, × 9.5 = 2,620.67 元 (as the server)
  assert.equal(sums({ kind: 'month', amount_fen: 600_000 }, entries).agreed, 262_067);
  assert.equal(sums({ kind: 'piece', amount_fen: 50_000 }, entries).owed, 0);
  const hours: DayEntry = { ...entries[0], date: '2026-03-14', unit: 'hours', hours: 3 };
  assert.equal(sums({ kind: 'day', amount_fen: 30_000 }, [hours]).agreed, 11_250); // 3 h of an 8-hour day
});

test("toCalcDays gives CALC.md's days, nothing more", () => {
  const days = toCalcDays(entries);
  assert.deepEqual(days[0], { date: '2026-03-02', unit: 'day', hours: 8, overtime_hours: 0, received_fen: 0 });
  assert.deepEqual(days[9], { date: '2026-03-13', unit: 'half', hours: 4, overtime_hours: 0, received_fen: 30_000 });
});

test("the calculators' guarded import finds this module and its store (calc/screens/daylog-link.ts)", () => {
  // The link reads the logs through import.meta.glob, which finds nothing, without a word, once the file moves.
  const screens = join(process.cwd(), 'src', 'calc', 'screens');
  const link = readFileSync(join(screens, 'daylog-link.ts'), 'utf8');
  const globbed = /import\.meta\.glob<.*>\('([^']+)'\)/.exec(link);
  assert.ok(globbed, 'daylog-link.ts has no import.meta.glob');
  assert.equal(resolve(screens, globbed[1]), join(process.cwd(), 'src', 'sites', 'daylog.ts'));
  assert.equal(typeof toCalcDays, 'function');
  const store = /getAll\('(\w+)'\)/.exec(link)?.[1];
  assert.ok(store && readFileSync(join(process.cwd(), 'src', 'sites', 'daylog.ts'), 'utf8').includes(`db.put('${store}'`));
});
