// The legal-aid form's answers as the person typed them (strings until sent, see rules.ts toBody),
// and the amounts in them: yuan as typed → integer fen, and back.
import { typedNumber } from '../core/digits';
import type { Described } from '../core/schemas';
import type { CaseType } from './case-types';
import type { CalcResult } from '../calc/common';

export interface Coworker {
  name: string;
  phone: string;
}

/** An amount brought from 算一算 (claims.ts): the calculator, what was answered, and the result the phone showed. */
export interface AttachedClaim {
  calc: NonNullable<Described<'ApplicationIn'>['claims']>[number]['calc'];
  /** The calculator's name as the review step shows it (加班费). */
  label: string;
  inputs: Record<string, unknown>;
  result: CalcResult;
}

/** Everything as the person typed it: strings until it is sent. */
export interface Answers {
  case_type: CaseType | '';
  account: string;
  employer_name: string;
  employer_phone: string;
  contractor: string;
  /** 建设单位, and the site's code: filled from a site's board (/aid/apply?site=CODE, sites/site-store.ts). */
  owner: string;
  site_code: string;
  site: string;
  project: string;
  city: string;
  district: string;
  /** Where the work was done: a 行政区划代码 from GET /offices/areas, '' when not known (不清楚). */
  site_division: string;
  started_on: string;
  last_paid_on: string;
  left_on: string;
  injured_on: string;
  amount_yuan: string;
  /** The helper: days × daily wage, or months × monthly wage. */
  wage_mode: 'days' | 'months';
  wage_count: string;
  wage_rate: string;
  coworkers: Coworker[];
  applicant_name: string;
  phone: string;
  id_number: string;
  hometown: string;
  consent_privacy: boolean;
  consent_sensitive: boolean;
  honesty_commitment: boolean;
  worker_consent_confirmed: boolean;
  /** 记工: the worker's day log attached by 「用记工申请」 (sites/daylog-attach.tsx); null once taken off. */
  day_log?: DayLogDraft | null;
  /** Amounts brought from 算一算 (claims.ts attachClaim); absent in drafts that have none. */
  claims?: AttachedClaim[];
  /** 问一问's code when the form was opened from an answer's offer (questions/from-offer.ts): the server links them. */
  question_code?: string;
}

/** The log as attached: sent (signed_off true) only once the worker ticked 「这是我自己记的」. */
export type DayLogDraft = Omit<Described<'DayLogIn'>, 'signed_off'> & { signed_off: boolean };

export const EMPTY_ANSWERS: Answers = {
  case_type: '', account: '', employer_name: '', employer_phone: '', contractor: '', owner: '', site_code: '', site: '', project: '', city: '',
  district: '', site_division: '', started_on: '', last_paid_on: '', left_on: '', injured_on: '', amount_yuan: '', wage_mode: 'days',
  wage_count: '', wage_rate: '', coworkers: [], applicant_name: '', phone: '', id_number: '', hometown: '',
  consent_privacy: false, consent_sensitive: false, honesty_commitment: false, worker_consent_confirmed: false,
};

export type Errors = Partial<Record<string, string>>;

// --- money: yuan as typed → integer fen ---

export const MAX_YUAN = 100_000_000;

/** "3000", "3,000.50", "３０００" → fen; null when empty; NaN when it is no amount. */
export function yuanToFen(raw: string): number | null {
  const t = typedNumber(raw).replace(/[,元]/g, '');
  if (!t) return null;
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return NaN;
  const [whole, part = ''] = t.split('.');
  return Number(whole) * 100 + Number((part + '00').slice(0, 2));
}

export function fenToYuan(fen: number): string {
  const y = Math.floor(fen / 100);
  const f = fen % 100;
  return f ? `${y}.${String(f).padStart(2, '0').replace(/0$/, '')}` : String(y);
}

/** The helper's product in fen (days × daily wage, months × monthly wage), or null. */
export function helperFen(a: Pick<Answers, 'wage_count' | 'wage_rate'>): number | null {
  const count = Number(typedNumber(a.wage_count));
  const rate = yuanToFen(a.wage_rate);
  if (!a.wage_count.trim() || !Number.isFinite(count) || count <= 0 || rate === null || Number.isNaN(rate)) return null;
  return Math.round(count * rate);
}

export function yuanText(fen: number): string {
  return `${fenToYuan(fen)} 元`;
}
