// The runner's logic, apart from its screens (and unit-tested: tests/calc-runner.test.ts): which
// question comes next (a question whose `when` says no is skipped, both ways), how what the worker
// typed becomes a calculator's input (yuan → integer fen, full-width digits folded by core/digits.ts),
// and how near a line's expiry is. Nothing here draws.
import { typedNumber } from '../../core/digits';
import type { Answers, Question } from './kinds';

/** Whether a question is asked with these answers (no `when`: always). */
export function asked(q: Question, a: Answers): boolean {
  return !q.when || q.when(a);
}

/** The index of the next question asked after `from` (−1 for none: the result), skipping those not asked. */
export function nextIndex(qs: readonly Question[], a: Answers, from: number): number {
  for (let i = from + 1; i < qs.length; i++) if (asked(qs[i], a)) return i;
  return -1;
}

/** The question asked before `from` (−1: none, the list of calculators is behind). */
export function prevIndex(qs: readonly Question[], a: Answers, from: number): number {
  for (let i = (from < 0 ? qs.length : from) - 1; i >= 0; i--) if (asked(qs[i], a)) return i;
  return -1;
}

/** The inputs the calculator gets: the answers of the questions asked, in order, each `when` seeing only
 * the answers before it (an answer left behind on a path the worker went back from does not count). */
export function inputsOf(qs: readonly Question[], a: Answers): Answers {
  const out: Answers = {};
  for (const q of qs) {
    if (!asked(q, out)) continue;
    if (q.key in a) out[q.key] = a[q.key];
  }
  return out;
}

/** An amount in yuan as typed ("1,200", "１２００．５", "3000元") → integer fen; null when it is none. */
export function parseYuan(raw: string): number | null {
  const t = typedNumber(raw).replace(/[,，]/g, '').replace(/元$/, '');
  if (!/^\d{1,9}(\.\d{0,2})?$/.test(t)) return null;
  const [whole, frac = ''] = t.split('.');
  return Number(whole) * 100 + Number((frac + '00').slice(0, 2));
}

/** A count as typed (hours may have one decimal, as the calculators take them: "2.5", "２"); null when it is none. */
export function parseNumber(raw: string): number | null {
  const t = typedNumber(raw);
  return /^\d{1,6}(\.\d)?$/.test(t) ? Number(t) : null;
}

/** Integer fen shown as yuan: 86220 → "862.20". */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const n = Math.abs(Math.round(fen));
  return `${sign}${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;
}

/** The typed text of an answer kept (to show it again when the worker comes back to the question). */
export function shown(q: Question, v: unknown): string {
  if (v == null) return '';
  if (q.kind === 'money' && typeof v === 'number') return yuan(v).replace(/\.00$/, '');
  if (q.kind === 'yesno') return v ? 'yes' : 'no';
  return String(v);
}

/** What the worker typed or picked, read for the question: the value, or the plain words of what is wrong. */
export function readAnswer(q: Question, raw: string): { value: unknown } | { error: string } {
  const empty = typedNumber(raw) === '';
  if (empty) return q.optional ? { value: null } : { error: '这一项要填。' };
  switch (q.kind) {
    case 'money': {
      const fen = parseYuan(raw);
      return fen == null ? { error: '请填一个钱数，比如 3000 或 3000.50。' } : { value: fen };
    }
    case 'number': {
      const n = parseNumber(raw);
      return n == null ? { error: '请填一个数，比如 20。' } : { value: n };
    }
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(raw) && raw >= '1990-01-01' && raw <= '2100-12-31' ? { value: raw } : { error: '请选一个日期。' };
    case 'yesno':
      return raw === 'yes' || raw === 'no' ? { value: raw === 'yes' } : { error: '请选“是”或“不是”。' };
    case 'choice':
      return (q.choices || []).some((c) => c.value === raw) ? { value: raw } : { error: '请选一个。' };
    default:
      return { value: raw };
  }
}

/** Days from `today` to `expires` (ISO dates; negative when past). */
export function daysLeft(expires: string, today: string): number {
  return Math.round((Date.parse(expires + 'T00:00:00Z') - Date.parse(today + 'T00:00:00Z')) / 86400000);
}

/** A line's expiry is pressing: within 30 days, or already past. */
export function pressing(expires: string | null | undefined, today: string): boolean {
  return !!expires && daysLeft(expires, today) <= 30;
}
