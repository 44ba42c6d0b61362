// 咨询登记's form read into the body of POST /questions/logged, with the errors to show beside each field.
import { cleanPhone, isMobile, PHONE_MESSAGE } from '../../core/phone';
import { typedCount } from '../../core/digits';
import type { LoggedIn } from './types';

export interface LogValues {
  channel: LoggedIn['channel'];
  case_type: LoggedIn['case_type'];
  text: string;
  phone: string;
  event_id: string;
  started_on: string;
  left_on: string;
  injured_on: string;
  answered: boolean;
  answer_text: string;
}

export const EMPTY_LOG: LogValues = { channel: 'hotline', case_type: 'wages', text: '', phone: '', event_id: '', started_on: '', left_on: '', injured_on: '', answered: false, answer_text: '' };

export const LOG_CHANNELS: { value: LoggedIn['channel']; label: string }[] = [
  { value: 'hotline', label: '热线电话' },
  { value: 'walk_in', label: '来访' },
  { value: 'event', label: '活动现场' },
];

/** The body, or the errors ({} when none): the question's words are needed, a phone given must be a mobile. */
export function logBody(v: LogValues): [LoggedIn, Record<string, string>] {
  const errors: Record<string, string> = {};
  if (!v.text.trim()) errors.text = '请写下工友问的问题。';
  if (v.phone.trim() && !isMobile(v.phone)) errors.phone = PHONE_MESSAGE;
  const event = v.channel === 'event' && v.event_id.trim() ? typedCount(v.event_id) : null;
  if (v.channel === 'event' && v.event_id.trim() && event === null) errors.event_id = '活动编号是数字。';
  if (v.answered && !v.answer_text.trim()) errors.answer_text = '请写下当场是怎么回答的。';
  const body: LoggedIn = {
    channel: v.channel,
    case_type: v.case_type,
    text: v.text.trim(),
    started_on: v.started_on || null,
    left_on: v.left_on || null,
    injured_on: v.injured_on || null,
    answered: v.answered,
    answer_text: v.answered ? v.answer_text.trim() : '',
    phone: v.phone.trim() ? cleanPhone(v.phone) : null,
    event_id: event,
    city: '',
    district: '',
    site_division: '',
  };
  return [body, errors];
}
