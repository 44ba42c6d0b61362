// The legal-aid form's answers as typed, and the server's rules for them (server/aid/schemas.py,
// server/aid/idnumber.py), checked on the phone so each error shows beside its field before
// anything is sent. The server checks again by the same rules (tests/vectors/ hold both to them);
// neither refuses an ID number for its region code (the issuing county, often younger than its holder).
// The answers themselves and the amounts in yuan are in answers.ts.
import { CONTACT_MESSAGE, contactPhone, isMobile, PHONE_MESSAGE } from '../core/phone';
import { chinaToday } from '../core/time';
import { type Answers, type Errors, MAX_YUAN, yuanToFen } from './answers';
import { cleanIdNumber, isExempt, STEPS, type StepId } from './body';
import { isCaseType } from './case-types';

// What leaves the phone (the body, the masks, the screens, the server's reasons per field): body.ts.
export { cleanIdNumber, isExempt, maskIdNumber, maskName, serverFieldErrors, stepOfField, STEPS, toBody, type ApplicationBody, type StepId } from './body';

// --- ID numbers (GB 11643): written here, mirroring server/aid/idnumber.py ---

export const ID_MESSAGES = {
  old: '这是旧的 15 位身份证号，请填写现在使用的 18 位身份证号（在身份证正面最下面一行）。',
  length: '身份证号应该是 18 位，请核对。',
  format: '身份证号前 17 位是数字，最后一位是数字或 X，请核对。',
  birth: '身份证号里的出生日期不对，请核对。',
  check: '身份证号有一位写错了（最后一位对不上），请逐位核对。',
};

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

// --- dates ---

// Today is Beijing's (core/time.ts), not the phone's zone: a date limit must not move with a phone set abroad.
export function dateProblem(v: string): string {
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

