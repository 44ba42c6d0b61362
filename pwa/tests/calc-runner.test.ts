// The calculators' runner (src/calc/screens/runner.ts): one question per screen, a question whose
// `when` says no is skipped going forward and back, and money is typed in yuan as phones type it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { daysLeft, inputsOf, nextIndex, parseYuan, pressing, prevIndex, readAnswer, shown, yuan } from '../src/calc/screens/runner';
import type { Question } from '../src/calc/screens/kinds';

const QS: Question[] = [
  { key: 'monthly_wage_fen', ask: '每月工资多少？', kind: 'money' },
  { key: 'rest_day_off', ask: '休息日加班后补休了吗？', kind: 'yesno' },
  { key: 'rest_day_hours', ask: '休息日加班几小时？', kind: 'number', when: (a) => a.rest_day_off === false },
  { key: 'holiday_hours', ask: '法定节假日加班几小时？', kind: 'number', optional: true },
];

test('a question whose `when` is false is skipped forward and back', () => {
  assert.equal(nextIndex(QS, { rest_day_off: true }, 1), 3);
  assert.equal(nextIndex(QS, { rest_day_off: false }, 1), 2);
  assert.equal(prevIndex(QS, { rest_day_off: true }, 3), 1);
  assert.equal(prevIndex(QS, { rest_day_off: false }, 3), 2);
  assert.equal(nextIndex(QS, {}, 3), -1, 'after the last question: the result');
  assert.equal(prevIndex(QS, {}, 0), -1, 'before the first: back to the list');
  assert.equal(prevIndex(QS, { rest_day_off: true }, -1), 3, 'back from the result: the last question asked');
});

test('an answer left on a path the worker went back from is not sent', () => {
  const a = { monthly_wage_fen: 500000, rest_day_off: true, rest_day_hours: 16, holiday_hours: 8 };
  assert.deepEqual(inputsOf(QS, a), { monthly_wage_fen: 500000, rest_day_off: true, holiday_hours: 8 });
  assert.deepEqual(inputsOf(QS, { ...a, rest_day_off: false }).rest_day_hours, 16);
});

test('yuan as typed: full-width digits, separators, 元, at most two decimals', () => {
  assert.equal(parseYuan('5000'), 500000);
  assert.equal(parseYuan('５０００'), 500000);
  assert.equal(parseYuan('１２，０００．５'), 1200050);
  assert.equal(parseYuan('12,000.05'), 1200005);
  assert.equal(parseYuan(' 3 000 元'), 300000);
  assert.equal(parseYuan('0.1'), 10);
  assert.equal(parseYuan('7.'), 700);
  for (const bad of ['', '-5', '1.005', 'abc', '1e5', '1234567890', '.5', '四千', '1\u0000']) assert.equal(parseYuan(bad), null, bad);
  assert.equal(yuan(86220), '862.20');
  assert.equal(yuan(5), '0.05');
});

test('an answer is read for its question, or says plainly what is wrong', () => {
  assert.deepEqual(readAnswer(QS[0], '４５００'), { value: 450000 });
  assert.ok('error' in readAnswer(QS[0], '四千五'));
  assert.ok('error' in readAnswer(QS[0], '  '), 'a required answer is required');
  assert.deepEqual(readAnswer(QS[3], ''), { value: null }, 'an optional one may stay empty');
  assert.deepEqual(readAnswer(QS[2], '２.５'), { value: 2.5 });
  assert.ok('error' in readAnswer(QS[2], '2.55'), 'hours have at most one decimal, as the calculators take them');
  assert.ok('error' in readAnswer({ key: 'left_on', ask: '', kind: 'date' }, '0001-01-01'));
  assert.equal(shown(QS[0], 450050), '4500.50');
  assert.equal(shown(QS[0], 450000), '4500');
});

test('an expiry within 30 days, or past, is pressing', () => {
  assert.equal(daysLeft('2025-04-01', '2025-03-02'), 30);
  assert.equal(pressing('2025-04-01', '2025-03-02'), true);
  assert.equal(pressing('2025-04-01', '2025-03-01'), false);
  assert.equal(pressing('2024-04-01', '2025-03-01'), true);
  assert.equal(pressing(null, '2025-03-01'), false);
});
