// Runs the PWA's unit tests (tests/*.test.js) with node's own test runner. The tests import
// TypeScript from src/, so each is first bundled with rolldown (the bundler inside vite) into
// a temporary .mjs. Run: `npm run test:unit`; pytest runs it too (tests/test_pwa_units.py).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'rolldown';

const here = new URL('..', import.meta.url).pathname;
const tests = readdirSync(join(here, 'tests')).filter((f) => f.endsWith('.test.js'));
const out = mkdtempSync(join(tmpdir(), 'pwa-unit-'));
try {
  for (const t of tests) {
    await build({
      input: join(here, 'tests', t),
      platform: 'node',
      external: [/^node:/],
      output: { file: join(out, t.replace(/\.js$/, '.mjs')), format: 'esm' },
      logLevel: 'warn',
    });
  }
  const run = spawnSync(process.execPath, ['--test', ...tests.map((t) => join(out, t.replace(/\.js$/, '.mjs')))], { stdio: 'inherit' });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
