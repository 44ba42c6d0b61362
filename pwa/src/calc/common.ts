// What every calculator shares (the twin of server/calculators/common.py, fen for fen): the Question the
// screens ask, the Result they show, integer money with half-up rounding, checked inputs, dates and the
// limitation clock (the cases' add_years: 29 Feb → 28 Feb). Loaded only by the lazy /calc routes.

/** What a screen asks: one question per screen, in plain Chinese. */
export type QuestionKind = 'money' | 'number' | 'date' | 'choice' | 'yesno' | 'daylog' | 'region';
export type Answers = Record<string, unknown>;
export interface Choice {
  value: string;
  label: string;
}
export interface Question {
  /** The input key the answer goes into (content/calculators/README.md lists each calculator's keys). */
  key: string;
  ask: string;
  hint?: string;
  kind: QuestionKind;
  choices?: Choice[];
  optional?: boolean;
  /** Ask only when this is true for the answers so far. */
  when?: (answers: Answers) => boolean;
}

export interface Line {
  kind: string;
  text: string;
  amount_fen: number;
  basis: string;
  period_from: string | null;
  period_to: string | null;
  expires_on: string | null;
  expires_note: string;
}
export interface FigureUsed {
  name: string;
  value_fen: number;
  source: string;
  effective_from: string;
}
export interface CalcResult {
  calc: string;
  total_fen: number;
  lines: Line[];
  not_covered: string[];
  figures_used: FigureUsed[];
  notes: string[];
}

/** One rules.yml entry as the pack carries it. */
export interface Citation {
  law: string;
  article: string;
  section?: string;
  label: string;
}
export interface Rule {
  value: unknown;
  cite: Citation[];
  note?: string;
}
/** GET /api/v1/content/calculators's `calculators`: every rules*.yml key (common, wages, …) plus holidays and regions. */
export type Rules = Record<string, any>;

export type Compute = (inputs: Answers, rules: Rules, on: string) => CalcResult;

export class CalcInputError extends Error {
  constructor(public field: string, message: string) {
    super(message);
  }
}

export const MAX_FEN = 10_000_000_000;
export const MAX_DAYS = 3700;
const MAX_TEXT = 64;
export const ESTIMATE = '这是估算，12348 或律师可以帮你核对。';
export const ARBITRATION = '《劳动争议调解仲裁法》第二十七条';
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** n ÷ d rounded half-up, for n ≥ 0 and d > 0 (both integers below 2^53). */
export function roundDiv(n: number, d: number): number {
  return Math.floor((2 * n + d) / (2 * d));
}

export function yuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

export function money(inputs: Answers, key: string, label = '金额', optional = false, most = MAX_FEN): number | null {
  const v = inputs[key];
  if (v === undefined || v === null) {
    if (optional) return null;
    throw new CalcInputError(key, `请填写${label}`);
  }
  if (!isInt(v) || v < 0 || v > most) throw new CalcInputError(key, `${label}要填 0 到 ${most / 100} 元之间的数`);
  return v;
}

export function count(inputs: Answers, key: string, most: number, label = '数', optional = false): number | null {
  const v = inputs[key];
  if (v === undefined || v === null) {
    if (optional) return null;
    throw new CalcInputError(key, `请填写${label}`);
  }
  if (!isInt(v) || v < 0 || v > most) throw new CalcInputError(key, `${label}要填 0 到 ${most} 之间的整数`);
  return v;
}

/** Hours (or a quantity) with at most one decimal place, as an integer count of tenths. */
export function tenths(v: unknown, key: string, most = 24, label = '小时数'): number {
  if (typeof v !== 'number' || Number.isNaN(v) || v < 0 || v > most) {
    throw new CalcInputError(key, `${label}要填 0 到 ${most} 之间的数`);
  }
  const t = Math.round(v * 10);
  if (Math.abs(v * 10 - t) > 1e-6) throw new CalcInputError(key, `${label}最多填一位小数`);
  return t;
}

export function tenthsText(t: number): string {
  return t % 10 === 0 ? String(t / 10) : `${Math.floor(t / 10)}.${t % 10}`;
}

// Dates are ISO strings; arithmetic goes through UTC days so no time zone can shift them.
export function parseDay(v: unknown, key: string, label = '日期'): string {
  if (typeof v !== 'string' || !ISO_DAY.test(v)) throw new CalcInputError(key, `${label}要写成 2024-03-01 这样`);
  const [y, m, d] = v.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) {
    throw new CalcInputError(key, `没有这一天：${v}`);
  }
  if (y < 1990 || y > 2100) throw new CalcInputError(key, `${label}要在 1990 年到 2100 年之间`);
  return v;
}

export function day(inputs: Answers, key: string, label = '日期', optional = false): string | null {
  const v = inputs[key];
  if (v === undefined || v === null || v === '') {
    if (optional) return null;
    throw new CalcInputError(key, `请填写${label}`);
  }
  return parseDay(v, key, label);
}

export function choice(inputs: Answers, key: string, allowed: readonly string[], dflt?: string): string {
  const v = inputs[key] ?? dflt;
  if (typeof v !== 'string' || !allowed.includes(v)) throw new CalcInputError(key, '请从给出的选项里选一个');
  return v;
}

export function yesno(inputs: Answers, key: string, dflt?: boolean): boolean {
  const v = inputs[key] ?? dflt;
  if (typeof v !== 'boolean') throw new CalcInputError(key, '请选“是”或“不是”');
  return v;
}

export function checkInputs(inputs: unknown): Answers {
  if (typeof inputs !== 'object' || inputs === null || Array.isArray(inputs)) {
    throw new CalcInputError('inputs', '输入的格式不对');
  }
  for (const k of Object.keys(inputs)) if (k.length > MAX_TEXT) throw new CalcInputError('inputs', '输入的格式不对');
  return inputs as Answers;
}

const DAY_MS = 86_400_000;
const ms = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10));
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const iso = (t: number) => {
  const d = new Date(t);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

export function addDays(d: string, n: number): string {
  return iso(ms(d) + n * DAY_MS);
}
export function daysBetween(a: string, b: string): number {
  return Math.round((ms(b) - ms(a)) / DAY_MS);
}
/** The same date `years` later; 29 February becomes 28 February in a common year (clocks.py add_years). */
export function addYears(d: string, years: number): string {
  const y = +d.slice(0, 4) + years;
  let md = d.slice(5);
  if (md === '02-29' && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) md = '02-28';
  return `${pad(y, 4)}-${md}`;
}
/** The same day `months` later, or the month's last day when it has no such day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(d: string, months: number): string {
  const total = +d.slice(0, 4) * 12 + (+d.slice(5, 7) - 1) + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${pad(y, 4)}-${pad(m)}-${pad(Math.min(+d.slice(8), last))}`;
}
/** 0 = Monday … 6 = Sunday, as Python's date.weekday(). */
export function weekday(d: string): number {
  return (new Date(ms(d)).getUTCDay() + 6) % 7;
}

export function monthText(d: string): string {
  return `${+d.slice(0, 4)}年${+d.slice(5, 7)}月`;
}

export function wageExpiry(leftOn: string | null): string | null {
  return leftOn === null ? null : addYears(leftOn, 1);
}
export function wageExpiryNote(leftOn: string | null): string {
  if (leftOn === null) return `还在这里干活的，欠的工资不受 1 年时效限制；离开后 1 年内要申请仲裁（${ARBITRATION}）。`;
  return `离开那天 ${leftOn} 起 1 年内要申请仲裁（${ARBITRATION}）；讨过薪、投诉过的，时效从那时重新算。`;
}

/** The citation label(s) of one rules.yml entry (or several), as a line shows them. */
export function basis(rule: Rule | Rule[]): string {
  const labels: string[] = [];
  for (const e of Array.isArray(rule) ? rule : [rule]) {
    for (const c of e.cite ?? []) if (!labels.includes(c.label)) labels.push(c.label);
  }
  return labels.join('、');
}

export function line(kind: string, text: string, amount_fen: number, basisText: string, period_from: string | null,
  period_to: string | null, expires_on: string | null, expires_note: string): Line {
  return { kind, text, amount_fen, basis: basisText, period_from, period_to, expires_on, expires_note };
}

/** A rules.yml value like 21.75 as an integer count of hundredths (2175). */
export function hundredths(rule: Rule): number {
  return Math.round(Number(rule.value) * 100);
}

export const WAGE_MAX = 100_000_000;

/** A wage rate in fen (a month's, a day's or a piece's): more than 0, at most 100 万元. */
export function wage(inputs: Answers, key: string, label: string, optional = false): number | null {
  const v = money(inputs, key, label, optional, WAGE_MAX);
  if (v === 0) throw new CalcInputError(key, `${label}要大于 0`);
  return v;
}

/** What was already paid for this comes off, as a line with a negative amount; never below 0 in all. */
export function minusReceived(inputs: Answers, lines: Line[], what: string, basisText: string, expiresOn: string | null,
  expiresNote: string): void {
  const received = money(inputs, 'received_fen', `已经拿到的${what}`, true) ?? 0;
  const earned = lines.reduce((s, l) => s + l.amount_fen, 0);
  if (!received) return;
  const take = Math.min(received, earned);
  const text = received > earned
    ? `已经拿到的${what}有 ${yuan(received)} 元，比上面算的还多，只减去 ${yuan(take)} 元（按这些数字算不欠）`
    : `减去已经拿到的${what} ${yuan(take)} 元`;
  lines.push(line('received', text, -take, basisText, null, null, expiresOn, expiresNote));
}

export function result(calc: string, lines: Line[], not_covered: string[], figures_used: FigureUsed[],
  notes: string[]): CalcResult {
  return { calc, total_fen: lines.reduce((s, l) => s + l.amount_fen, 0), lines, not_covered, figures_used,
    notes: [ESTIMATE, ...notes] };
}
