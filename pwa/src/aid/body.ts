// The legal-aid application as it leaves the phone: the body of POST /api/v1/applications from
// the answers (toBody), the masks a queued or delivered application shows, the form's screens and
// which field each asks for, and the server's reasons mapped back onto those fields. The outbox's
// aid sender (store.ts, on every first load) needs only this; the checks made while typing are in
// rules.ts, which loads with the form.
import { typedNumber } from '../core/digits';
import { cleanPhone, contactPhone } from '../core/phone';
import type { Described } from '../core/schemas';
import { type Answers, type Errors, yuanToFen } from './answers';
import { type CaseType, MEANS_TEST_EXEMPT } from './case-types';

export type ApplicationBody = Described<'ApplicationIn'>;

/** Full-width digits, spaces and dashes as people type them → 18 characters, X upper case. */
export function cleanIdNumber(raw: string): string {
  return typedNumber(raw).replace(/-/g, '').toUpperCase();
}

export function maskIdNumber(raw: string): string {
  const n = cleanIdNumber(raw);
  return n.length > 8 ? `${n.slice(0, 4)}${'*'.repeat(n.length - 8)}${n.slice(-4)}` : n;
}

/** "孙七" → "孙*": enough for a volunteer to tell workers apart, not a name on a screen others may see. */
export function maskName(raw: string): string {
  const first = Array.from(raw.trim())[0]; // a rare character outside the BMP is one character
  return first ? `${first}*` : '';
}

// --- the screens ---

export type StepId = 'type' | 'account' | 'employer' | 'site' | 'dates' | 'amount' | 'coworkers' | 'photos' | 'applicant' | 'consent' | 'review';

export const STEPS: { id: StepId; title: string }[] = [
  { id: 'type', title: '是什么事？' },
  { id: 'account', title: '发生了什么？' },
  { id: 'employer', title: '欠你的是谁？' },
  { id: 'site', title: '在哪里干的活？' },
  { id: 'dates', title: '几个重要的日子' },
  { id: 'amount', title: '欠你多少钱？' },
  { id: 'coworkers', title: '有工友一起申请吗？' },
  { id: 'photos', title: '拍照留证据' },
  { id: 'applicant', title: '申请人是谁？' },
  { id: 'consent', title: '同意与承诺' },
  { id: 'review', title: '核对一遍，再提交' },
];

export function isExempt(a: Pick<Answers, 'case_type'>): boolean {
  return MEANS_TEST_EXEMPT.includes(a.case_type);
}

/** Which screen asks for each field (the form's names; a co-worker's fields are `coworker-<i>-name|phone`). */
const FIELD_STEP: Record<string, StepId> = {
  case_type: 'type', account: 'account', employer_name: 'employer', employer_phone: 'employer', contractor: 'employer', owner: 'employer',
  site_code: 'site', site: 'site', project: 'site', city: 'site', district: 'site', site_division: 'site', started_on: 'dates', last_paid_on: 'dates',
  left_on: 'dates', injured_on: 'dates', amount_yuan: 'amount', coworkers: 'coworkers', photos: 'photos',
  applicant_name: 'applicant', phone: 'applicant', id_number: 'applicant', hometown: 'applicant',
  consent_privacy: 'consent', consent_sensitive: 'consent', honesty_commitment: 'consent',
  worker_consent_confirmed: 'consent',
};

export function stepOfField(field: string): number {
  const id = field.startsWith('coworker-') ? 'coworkers' : FIELD_STEP[field] || 'review';
  return STEPS.findIndex((s) => s.id === id);
}

function said(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(said).filter(Boolean).join('');
  if (v && typeof v === 'object') return Object.values(v).map(said).filter(Boolean).join('');
  return '';
}

/**
 * The server's reasons per field (a 422's `errors.json`, in the body's names) as the form's
 * fields: the amount in fen is the amount typed in yuan, a co-worker's index is the row on the
 * screen (empty rows are not sent), the upload ids are the photos; anything else is the review's.
 */
export function serverFieldErrors(json: Record<string, unknown>, a: Answers): Errors {
  const e: Errors = {};
  const put = (k: string, msg: string) => {
    if (msg) e[k] = e[k] ? `${e[k]}${msg}` : msg;
  };
  const sentRows = a.coworkers.map((c, i) => [c, i] as const).filter(([c]) => c.name.trim()).map(([, i]) => i);
  for (const [field, value] of Object.entries(json || {})) {
    if (field === 'amount_owed_fen') put('amount_yuan', said(value));
    else if (field === 'upload_ids' || field === 'file' || field === 'label') put('photos', said(value));
    else if (field === 'coworkers' && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [n, row] of Object.entries(value as Record<string, unknown>)) {
        const i = sentRows[Number(n)];
        if (i === undefined || !row || typeof row !== 'object' || Array.isArray(row)) put('coworkers', said(row));
        else for (const [k, msg] of Object.entries(row as Record<string, unknown>)) put(`coworker-${i}-${k === 'phone' ? 'phone' : 'name'}`, said(msg));
      }
    } else if (field in FIELD_STEP) put(field, said(value));
    else put('review', said(value));
  }
  return e;
}

const orNull = (v: string) => (v ? v : null);

/** The body of POST /api/v1/applications, from the answers (the upload ids come from the photos). */
export function toBody(a: Answers, uploadIds: string[], opts: { onBehalf: boolean }): ApplicationBody {
  const exempt = isExempt(a);
  return {
    case_type: a.case_type as CaseType,
    account: a.account.trim(),
    employer_name: a.employer_name.trim(),
    employer_phone: a.employer_phone.trim() ? contactPhone(a.employer_phone) ?? a.employer_phone.trim() : null,
    contractor: a.contractor.trim(),
    owner: (a.owner || '').trim(), // a draft saved before sites has none
    site_code: a.site_code || '',
    site: a.site.trim(),
    project: a.project.trim(),
    city: a.city.trim(),
    district: a.district.trim(),
    site_division: a.site_division || '', // a draft saved before the question has none
    started_on: orNull(a.started_on),
    last_paid_on: orNull(a.last_paid_on),
    left_on: orNull(a.left_on),
    injured_on: a.case_type === 'injury' ? orNull(a.injured_on) : null,
    amount_owed_fen: yuanToFen(a.amount_yuan),
    coworkers: a.coworkers.filter((c) => c.name.trim()).map((c) => ({ name: c.name.trim(), phone: c.phone.trim() ? cleanPhone(c.phone) : null })),
    applicant_name: a.applicant_name.trim(),
    phone: cleanPhone(a.phone),
    id_number: cleanIdNumber(a.id_number),
    hometown: a.hometown.trim(),
    consent_privacy: true,
    consent_sensitive: true,
    honesty_commitment: exempt ? false : a.honesty_commitment,
    worker_consent_confirmed: opts.onBehalf ? a.worker_consent_confirmed : false,
    upload_ids: uploadIds,
    // Only once the worker ticked 「这是我自己记的」 (its photos the server keeps are those among upload_ids).
    day_log: a.day_log?.signed_off ? (a.day_log as ApplicationBody['day_log']) : null,
    // Only when there are some: a body sent before stays the same.
    ...(a.claims?.length ? { claims: a.claims.map(({ calc, inputs, result }) => ({ calc, inputs, result })) } : {}),
    // Opened from a question's offer: the question it continues (sent with the same phone).
    ...(a.question_code ? { question_code: a.question_code } : {}),
  };
}
