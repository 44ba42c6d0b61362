// Every content/calculators/vectors/<calc>.json through the TypeScript engines (calc/engine.ts), as
// tests/test_calculators_vectors.py runs them through Python: same totals, lines, expiry dates, to the fen.
// The rules are the pack's `calculators`, read from content/calculators/ by the server's own reader
// (../.venv/bin/python -m server.calculators.content), or from the JSON file PWA_CALC_RULES names.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CalcInputError, yuan, type Rules } from '../src/calc/common';
import { CALCULATORS, compute } from '../src/calc/engine';

const ROOT = join(process.cwd(), '..');
const VECTORS = join(ROOT, 'content', 'calculators', 'vectors');

function rules(): Rules {
  const file = process.env.PWA_CALC_RULES;
  if (file) return JSON.parse(readFileSync(file, 'utf8'));
  const run = spawnSync(join(ROOT, '.venv', 'bin', 'python'), ['-m', 'server.calculators.content'], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`cannot read content/calculators (make setup-dev first): ${run.stderr || run.error}`);
  return JSON.parse(run.stdout);
}

const RULES = rules();
const files = readdirSync(VECTORS).filter((f) => f.endsWith('.json')).sort();

test('the vector files are there and each names a calculator in the registry', () => {
  for (const calc of ['wages', 'overtime', 'double_pay']) assert.ok(files.includes(`${calc}.json`), calc);
  for (const f of files) assert.ok(f.replace(/\.json$/, '') in CALCULATORS, `${f}: no calculator in calc/engine.ts`);
});

for (const f of files) {
  const calc = f.replace(/\.json$/, '');
  for (const v of JSON.parse(readFileSync(join(VECTORS, f), 'utf8'))) {
    test(`${calc}: ${v.name}`, () => {
      if (v.error) {
        assert.throws(() => compute(calc, v.inputs, RULES, v.on), (e: unknown) => e instanceof CalcInputError && e.field === v.error && !!e.message);
        return;
      }
      const got = compute(calc, v.inputs, RULES, v.on);
      assert.deepEqual(got.lines.map((l) => ({ kind: l.kind, amount_fen: l.amount_fen, expires_on: l.expires_on })), v.expect.lines);
      assert.equal(got.total_fen, v.expect.total_fen);
      for (const l of got.lines) assert.ok(l.text.includes(yuan(Math.abs(l.amount_fen))), l.text);
      assert.equal(got.calc, calc);
      assert.ok(got.notes[0].startsWith('这是估算'));
    });
  }
}

test('every calculator asks its questions one at a time, in plain words', () => {
  const kinds = ['money', 'number', 'date', 'choice', 'yesno', 'daylog', 'region'];
  for (const [id, calc] of Object.entries(CALCULATORS)) {
    assert.ok(calc.questions.length > 0, id);
    for (const q of calc.questions) {
      assert.ok(q.key && q.ask.endsWith('？') && kinds.includes(q.kind), `${id}.${q.key}`);
      if (q.kind === 'choice') assert.ok((q.choices ?? []).length >= 2, `${id}.${q.key}`);
    }
  }
});

test('hostile answers are refused with CalcInputError, never another error', () => {
  const base = { pay: 'day', daily_wage_fen: 30000, worked_days: 2 };
  for (const bad of [-1, 1e30, NaN, Infinity, true, '\u0000', '\ud800', '２０２４-０３-０１', 'x'.repeat(100_000), '0001-01-01', [], {}]) {
    for (const key of Object.keys(base)) {
      assert.throws(() => compute('wages', { ...base, [key]: bad }, RULES, '2025-01-01'), CalcInputError, `${key}=${String(bad).slice(0, 9)}`);
    }
  }
  assert.throws(() => compute('nope', {}, RULES, '2025-01-01'), CalcInputError);
  assert.throws(() => compute('__proto__', {}, RULES, '2025-01-01'), CalcInputError);
});
