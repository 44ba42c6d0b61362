// Severance, probation, injury and annual leave give the same whole result in the PWA as on the server — texts,
// bases, notes, what is not covered and the figures used, not only the amounts calculators.test.ts compares —
// for every vector, so the working a worker sees offline is the working the server recomputes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { compute } from '../src/calc/engine';

const ROOT = join(process.cwd(), '..');
const CALCS = ['severance', 'probation', 'injury', 'annual_leave'];
const SCRIPT = `
import json, sys
from datetime import date
from pathlib import Path
from server.calculators import CalcInputError, compute
from server.cards.calculators_content import read_calculators
root = Path("content/calculators")
rules = read_calculators(root)
out = {"rules": rules}
for calc in sys.argv[1:]:
    res = []
    for v in json.loads((root / "vectors" / f"{calc}.json").read_text(encoding="utf-8")):
        try:
            res.append(compute(calc, v["inputs"], date.fromisoformat(v["on"]), rules))
        except CalcInputError as e:
            res.append({"error": e.field})
    out[calc] = res
print(json.dumps(out, ensure_ascii=False))
`;

const run = spawnSync(join(ROOT, '.venv', 'bin', 'python'), ['-c', SCRIPT, ...CALCS], { cwd: ROOT, encoding: 'utf8' });
if (run.status !== 0) throw new Error(`the server's engines did not run (make setup-dev first): ${run.stderr || run.error}`);
const server = JSON.parse(run.stdout);

for (const calc of CALCS) {
  test(`${calc}: every vector's whole result is the server's`, () => {
    const vectors = JSON.parse(readFileSync(join(ROOT, 'content', 'calculators', 'vectors', `${calc}.json`), 'utf8'));
    vectors.forEach((v: { name: string; on: string; inputs: Record<string, unknown> }, i: number) => {
      let got: unknown;
      try {
        got = compute(calc, v.inputs, server.rules, v.on);
      } catch (e) {
        got = { error: (e as { field?: string }).field };
      }
      assert.deepEqual(got, server[calc][i], v.name);
    });
  });
}
