// One form and API kit (issue 19 item 3): a second "today", a second error class or reader of a
// refused answer, a second id maker or a second field kit in src/ fails here. Each has one home in
// src/core/: time.ts (chinaToday and the formatters), api.ts (refusal, HttpError), id.ts (newId),
// form.tsx (the fields, FormEnd; form-extra.tsx the lazy ones), pager.tsx (Pager, FilterLinks). Nor may a
// module rename or wrap them (`const CaseError = HttpError`, `TextArea as Area`, a FormField of its own).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';

const SRC = join(process.cwd(), 'src');

// Modules that may break a rule below for now, with the reason; empty since the aid screens moved to the kit.
const NOT_YET = new Set([]);

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) && name !== 'api-types.ts' ? [relative(SRC, path).split('\\').join('/')] : [];
  });
}

/** The code without its comments (a comment may name what the code must not do). */
function code(file) {
  return readFileSync(join(SRC, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

function offenders(pattern, home) {
  return files(SRC)
    .filter((f) => !home.includes(f) && !NOT_YET.has(f))
    .flatMap((f) => code(f).split('\n').map((line, i) => [f, i + 1, line]))
    .filter(([, , line]) => pattern.test(line))
    .map(([f, n, line]) => `${f}:${n}: ${line.trim()}`);
}

test('chinaToday() in core/time.ts is the only "today", and Beijing time is worked out only there', () => {
  // The phone's own zone (getFullYear …) or Beijing's worked out by hand; getUTC… is calendar arithmetic, allowed.
  const today = /toISOString\(\)\.slice\(0,\s*10\)|toLocaleDateString|toLocaleString\([^)]*timeZone|getTimezoneOffset|Asia\/Shanghai|Intl\.DateTimeFormat|\bget(FullYear|Month|Date|Hours)\(\)|\b(function|const|let)\s+\w*today\w*/i;
  assert.deepEqual(offenders(today, ['core/time.ts']), []);
});

test('one error class for a refused request and one reader of the refusal, in core/api.ts', () => {
  // The other errors are not refusals: no answer at all, the outbox's "try later", a picked file that is no photo,
  // an answer a calculator cannot use (worked out on the phone, offline; the server's twin raises the same),
  // a microphone that cannot record (core/recorder.ts: no MediaRecorder, no permission).
  const classes = files(SRC).flatMap((f) => [...code(f).matchAll(/class\s+(\w+)\s+extends\s+(\w*Error)\b/g)].map((m) => `${f} ${m[1]}`));
  assert.deepEqual(classes.sort(), ['aid/photos.ts NotAPhoto', 'calc/common.ts CalcInputError', 'core/api.ts HttpError', 'core/api.ts OfflineError', 'core/outbox-senders.ts RetryLater', 'core/recorder.ts RecorderError']);
  const reader = /\berror_code\b|errors\??\.(json|query)\b|\bflatten\w*Errors\b/;
  assert.deepEqual(offenders(reader, ['core/api.ts']), []);
});

test('one id maker, in core/id.ts', () => {
  assert.deepEqual(offenders(/randomUUID|getRandomValues|Math\.random\(\)\.toString\(36\)/, ['core/id.ts']), []);
});

test('one field kit and one pager, in core/form.tsx (form-extra.tsx, pager.tsx); one reader of a list\'s figures, in core/pager.tsx', () => {
  assert.deepEqual(offenders(/["'`]cell (field|check)\b|field-(area|hint)\b|class="pager"|上一页/, ['core/form.tsx', 'core/form-extra.tsx', 'core/pager.tsx']), []);
  assert.deepEqual(offenders(/X-Pagination/, ['core/pager.tsx']), []);
});

test('digits as typed are folded in one place (core/digits.ts; the phone rule mirrors the server in core/phone.ts)', () => {
  // cards/search.ts folds the words of a search (the server's search rule), not digits typed in a form.
  assert.deepEqual(offenders(/normalize\(\s*['"]NFKC/, ['core/digits.ts', 'core/phone.ts', 'cards/search.ts']), []);
});

// The kit's names, each defined once in core/ and used under its own name elsewhere.
const KIT = ['HttpError', 'httpError', 'refusal', 'newId', 'chinaToday', 'Labelled', 'Field', 'TextInput', 'FormField', 'TextArea', 'CheckBox', 'Choice', 'Select', 'Money', 'DateField', 'FormEnd', 'Pager', 'FilterLinks'].join('|');
const HOMES = ['core/api.ts', 'core/id.ts', 'core/time.ts', 'core/form.tsx', 'core/form-extra.tsx', 'core/pager.tsx'];

test("the kit's pieces are not defined again, renamed or wrapped outside core/", () => {
  // a second definition under a kit name (a wrapper `FormField`, a `refusal` of another meaning), an alias
  // (`const newKey = newId`), a rename on import or export (`TextArea as Area`), a re-export (`export { newId }`), the frame used to build another kit
  const again = new RegExp(`\\b(function|class|const|let|var)\\s+(${KIT})\\b|=\\s*(${KIT})\\s*(;|$)|\\b(${KIT})\\s+as\\s+\\w|\\bexport\\s*\\{[^}]*\\b(${KIT})\\b|\\bLabelled\\b`);
  assert.deepEqual(offenders(again, HOMES), []);
});

test("a list's filters are core/pager.tsx's FilterLinks", () => {
  assert.deepEqual(offenders(/class="filters?"|filter-count/, ['core/pager.tsx']), []);
});
