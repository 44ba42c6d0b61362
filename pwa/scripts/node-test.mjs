// Runs a TypeScript test of the app's own modules under Node: Vite bundles it (as for a
// server build, so packages stay imports) into a temporary folder, then Node runs it.
//     node scripts/node-test.mjs tests/outbox-steps.test.ts
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';

const entry = resolve(process.argv[2]);
// Inside node_modules, so the bundle finds the packages it imports.
const cache = resolve('node_modules/.cache');
mkdirSync(cache, { recursive: true });
const out = mkdtempSync(join(cache, 'node-test-'));
try {
  await build({
    configFile: false,
    logLevel: 'warn',
    build: { ssr: entry, outDir: out, emptyOutDir: true, rollupOptions: { output: { entryFileNames: 'test.mjs' } } },
  });
  await import(pathToFileURL(join(out, 'test.mjs')).href);
} finally {
  rmSync(out, { recursive: true, force: true });
}
