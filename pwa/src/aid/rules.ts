// The legal-aid form's answers as typed, and the server's rules for them (server/aid/schemas.py,
// server/aid/idnumber.py), checked on the phone so each error shows beside its field before
// anything is sent. The server checks again by the same rules (tests/vectors/ hold both to them);
// neither refuses an ID number for its region code (the issuing county, often younger than its holder).
// The answers themselves and the amounts in yuan are in answers.ts.
import { typedNumber } from '../core/digits';
import { cleanPhone, CONTACT_MESSAGE, contactPhone, isMobile, PHONE_MESSAGE } from '../core/phone';
import type { Described } from '../core/schemas';
import { chinaToday } from '../core/time';
import { type Answers, type Errors, MAX_YUAN, yuanToFen } from './answers';
import { type CaseType, isCaseType, MEANS_TEST_EXEMPT } from './case-types';

export type ApplicationBody = Described<'ApplicationIn'>;

// --- ID numbers (GB 11643): written here, mirroring server/aid/idnumber.py ---

export const ID_MESSAGES = {
  old: '这是旧的 15 位身份证号，请填写现在使用的 18 位身份证号（在身份证正面最下面一行）。',
  length: '身份证号应该是 18 位，请核对。',
  format: '身份证号前 17 位是数字，最后一位是数字或 X，请核对。',
  birth: '身份证号里的出生日期不对，请核对。',
  check: '身份证号有一位写错了（最后一位对不上），请逐位核对。',
};

/** Full-width digits, spaces and dashes as people type them → 18 characters, X upper case. */
export function cleanIdNumber(raw: string): string {
  return typedNumber(raw).replace(/-/g, '').toUpperCase();
}

/** ISO 7064 MOD 11-2 over the first 17 digits. */
export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const c = (12 - (sum % 11)) % 11;
  return c === 10 ? 'X' : String(c);
}

/** Why an ID number is refused (the server's words, in the server's order), or ''. */
export function idNumberProblem(raw: string, today = new Date()): string {
  const n = cleanIdNumber(raw);
  if (/^\d{15}$/.test(n)) return ID_MESSAGES.old;
  if (n.length !== 18) return ID_MESSAGES.length;
  if (!/^\d{17}$/.test(n.slice(0, 17))) return ID_MESSAGES.format;
  if (idCheckDigit(n) !== n[17]) return ID_MESSAGES.check;
  const [y, m, d] = [Number(n.slice(6, 10)), Number(n.slice(10, 12)), Number(n.slice(12, 14))];
  const born = new Date(Date.UTC(y, m - 1, d));
  if (born.getUTCFullYear() !== y || born.getUTCMonth() !== m - 1 || born.getUTCDate() !== d) return ID_MESSAGES.birth;
  if (y < 1900 || n.slice(6, 14) > chinaToday(today).replace(/-/g, '')) return ID_MESSAGES.birth;
  return '';
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

// --- dates ---

// Today is Beijing's (core/time.ts), not the phone's zone: a date limit must not move with a phone set abroad.
function dateProblem(v: string): string {
  if (!v) return '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return '请选一个日期。';
  if (v < '2000-01-01') return '日期不在合理范围内（2000 年到 2100 年之间）。';
  if (v > chinaToday()) return '日期不能晚于今天。';
  return '';
}

// --- the screens ---

export const TEXT_MAX: Record<string, number> = {
  account: 5000, employer_name: 120, contractor: 120, site: 120, project: 120, city: 60, district: 60,
  applicant_name: 40, hometown: 120,
};

// The server's input rule (server/inputs.py): no control characters (line breaks only in the account).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_OR_BREAK = /[\u0000-\u001f\u007f-\u009f]/;

function textProblem(name: string, v: string, required = false): string {
  if (required && !v.trim()) return '';
  if ((name === 'account' ? CONTROL : CONTROL_OR_BREAK).test(v)) return '不能含有看不见的控制字符或乱码，请重新输入。';
  const max = TEXT_MAX[name];
  if (max && v.length > max) return `最多 ${max} 个字，现在有 ${v.length} 个。`;
  return '';
}

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

/** What is wrong on one screen, field by field, in plain Chinese (empty: go on). */
export function stepErrors(step: StepId, a: Answers, opts: { onBehalf: boolean }): Errors {
  const e: Errors = {};
  const put = (k: string, msg: string) => {
    if (msg && !e[k]) e[k] = msg;
  };
  switch (step) {
    case 'type':
      if (!isCaseType(a.case_type)) put('case_type', '请先选一种：是欠薪、工伤，还是别的事。');
      break;
    case 'account':
      put('account', textProblem('account', a.account));
      break;
    case 'employer':
      put('employer_name', textProblem('employer_name', a.employer_name));
      if (a.employer_phone.trim() && !contactPhone(a.employer_phone)) put('employer_phone', CONTACT_MESSAGE + '不知道可以不填。');
      put('contractor', textProblem('contractor', a.contractor));
      break;
    case 'site':
      for (const k of ['site', 'project', 'city', 'district'] as const) put(k, textProblem(k, a[k]));
      break;
    case 'dates':
      for (const k of ['started_on', 'last_paid_on', 'left_on', 'injured_on'] as const) put(k, dateProblem(a[k]));
      if (a.started_on) {
        for (const k of ['last_paid_on', 'left_on'] as const) if (a[k] && a[k] < a.started_on) put(k, '不能早于开始干活的日期。');
      }
      break;
    case 'amount': {
      const fen = yuanToFen(a.amount_yuan);
      if (fen !== null && (Number.isNaN(fen) || fen > MAX_YUAN * 100)) put('amount_yuan', '请写一个金额，只写数字，比如 12000。');
      break;
    }
    case 'coworkers':
      a.coworkers.forEach((c, i) => {
        if (!c.name.trim() && !c.phone.trim()) return;
        if (!c.name.trim()) put(`coworker-${i}-name`, '请写这位工友的名字，不写就删掉这一行。');
        else if (c.name.length > 40) put(`coworker-${i}-name`, '名字最多 40 个字。');
        else put(`coworker-${i}-name`, textProblem('applicant_name', c.name));
        if (c.phone.trim() && !isMobile(c.phone)) put(`coworker-${i}-phone`, PHONE_MESSAGE + '不知道可以不填。');
      });
      if (a.coworkers.filter((c) => c.name.trim()).length > 200) put('coworkers', '一份申请最多写 200 位工友。');
      break;
    case 'applicant':
      if (!a.applicant_name.trim()) put('applicant_name', opts.onBehalf ? '请写工友本人的名字。' : '请写你的名字。');
      put('applicant_name', textProblem('applicant_name', a.applicant_name));
      if (!isMobile(a.phone)) put('phone', PHONE_MESSAGE);
      put('id_number', idNumberProblem(a.id_number));
      put('hometown', textProblem('hometown', a.hometown));
      break;
    case 'consent':
      if (!a.consent_privacy) put('consent_privacy', '请先阅读并同意隐私说明。');
      if (!a.consent_sensitive) put('consent_sensitive', '身份证号、伤情和照片属于敏感个人信息，需要你单独同意才能提交。');
      if (!isExempt(a) && !a.honesty_commitment) put('honesty_commitment', '请如实说明经济困难状况，并勾选个人诚信承诺（《法律援助法》第四十一条）。');
      if (opts.onBehalf && !a.worker_consent_confirmed) put('worker_consent_confirmed', '代工友提交前，请确认工友本人已经同意以上内容。');
      break;
    case 'photos':
    case 'review':
      break;
  }
  return e;
}

/** The first screen with something to fix, for the review's 提交. */
export function firstProblem(a: Answers, opts: { onBehalf: boolean }): { step: number; errors: Errors } | null {
  for (let i = 0; i < STEPS.length; i++) {
    const errors = stepErrors(STEPS[i].id, a, opts);
    if (Object.keys(errors).length) return { step: i, errors };
  }
  return null;
}

/** Which screen asks for each field (the form's names; a co-worker's fields are `coworker-<i>-name|phone`). */
const FIELD_STEP: Record<string, StepId> = {
  case_type: 'type', account: 'account', employer_name: 'employer', employer_phone: 'employer', contractor: 'employer',
  site: 'site', project: 'site', city: 'site', district: 'site', started_on: 'dates', last_paid_on: 'dates',
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
    site: a.site.trim(),
    project: a.project.trim(),
    city: a.city.trim(),
    district: a.district.trim(),
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
  };
}
