// A question as it leaves the phone: which dates the form asks for each kind of case and the body of
// POST /api/v1/questions. Pure and small: the outbox's sender (store.ts) is on every first load. The
// checks made before 发送 are in checks.ts, which loads with the form.
import { caseLabel } from '../aid/case-types';
import { cleanPhone } from '../core/phone';
import type { Asked, QuestionBody } from './types';

export type DateName = 'started_on' | 'left_on' | 'injured_on';

/** The dates that matter for each kind of case (at most three); none for 其他. */
const DATES: Record<string, DateName[]> = {
  wages: ['started_on', 'left_on'],
  injury: ['started_on', 'injured_on', 'left_on'],
  dismissal: ['started_on', 'left_on'],
  social_insurance: ['started_on', 'left_on'],
};

export const DATE_LABELS: Record<DateName, string> = {
  started_on: '哪天开始干活',
  left_on: '哪天离开（或被辞退）',
  injured_on: '哪天受的伤',
};

export function datesFor(caseType: string): DateName[] {
  return DATES[caseType] || [];
}

export const TEXT_MAX = 2000;

export const EMPTY_ASKED: Asked = {
  case_type: '', text: '', started_on: '', left_on: '', injured_on: '', city: '', district: '', site_division: '', site_code: '',
  phone: '', consent_privacy: false, consent_sensitive: false,
};

const orNull = (v: string) => (v ? v : null);

/** The body of POST /api/v1/questions: only the dates the kind of case asks for. */
export function toQuestionBody(a: Asked, uploadIds: string[], audioId: string | null): QuestionBody {
  const dates = datesFor(a.case_type);
  const date = (d: DateName) => (dates.includes(d) ? orNull(a[d]) : null);
  return {
    text: a.text.trim(),
    audio_id: audioId,
    upload_ids: uploadIds,
    case_type: a.case_type || 'other',
    started_on: date('started_on'),
    left_on: date('left_on'),
    injured_on: date('injured_on'),
    city: a.city.trim(),
    district: a.district.trim(),
    site_division: a.site_division || '',
    site_code: a.site_code || '',
    phone: cleanPhone(a.phone),
    consent_privacy: true,
    consent_sensitive: true,
  };
}

/** What the question is, for 待发送: "问一问：欠薪（语音 12 秒）". */
export function questionLabel(a: Asked, clipMs: number | null): string {
  const voice = clipMs ? `语音 ${Math.round(clipMs / 1000)} 秒` : '';
  const words = a.text.trim().slice(0, 12);
  return `问一问：${caseLabel(a.case_type || 'other')}（${[voice, words].filter(Boolean).join('，')}）`;
}

/** The code as people read it (ACD3-4EFG) from either form. */
export function displayCode(code: string): string {
  const c = code.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
  return c.length === 8 ? `${c.slice(0, 4)}-${c.slice(4)}` : c;
}
