// Runs the PWA's unit tests (tests/*.test.js and *.test.ts) with node's own test runner, the one
// runner of the PWA's TypeScript. The tests import TypeScript from src/, so each is first bundled
// with rolldown (the bundler inside vite) into a temporary .mjs. Run: `npm run test:unit`; pytest
// runs it once (tests/test_pwa_units.py), with the server's search answers over the real cards in
// the file PWA_SERVER_ANSWERS names (tests/search-parity.test.js).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'rolldown';

const here = new URL('..', import.meta.url).pathname;
const tests = readdirSync(join(here, 'tests')).filter((f) => /\.test\.[jt]s$/.test(f));
const out = mkdtempSync(join(tmpdir(), 'pwa-unit-'));
try {
  for (const t of tests) {
    await build({
      input: join(here, 'tests', t),
      platform: 'node',
      external: [/^node:/],
      output: { file: join(out, t.replace(/\.[jt]s$/, '.mjs')), format: 'esm' },
      logLevel: 'warn',
    });
  }
  const run = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...tests.map((t) => join(out, t.replace(/\.[jt]s$/, '.mjs')))], { stdio: 'inherit' });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
