// The checks made on the phone before 发送 (the server checks again by its own rules), each reason
// beside its field. Loads with the form (/ask), not with the first download.
import { isCaseType } from '../aid/case-types';
import { dateProblem } from '../aid/rules';
import { isMobile, PHONE_MESSAGE } from '../core/phone';
import { datesFor, TEXT_MAX } from './body';
import type { Asked } from './types';

export const MESSAGES = {
  empty: '请说一段话（按住按钮录音），或者写几个字。',
  caseType: '请点一个：是什么事。',
  tooLong: `最多写 ${TEXT_MAX} 个字。`,
  privacy: '要同意隐私说明才能发送。',
  sensitive: '要单独同意才能发送（录音和经过属于个人信息）。',
};

export type AskErrors = Partial<Record<keyof Asked | 'voice', string>>;

/** What stops 发送 (each beside its field), given whether a recording is kept. */
export function askProblems(a: Asked, hasClip: boolean): AskErrors {
  const e: AskErrors = {};
  if (!isCaseType(a.case_type)) e.case_type = MESSAGES.caseType;
  if (!a.text.trim() && !hasClip) e.text = MESSAGES.empty;
  if (a.text.length > TEXT_MAX) e.text = MESSAGES.tooLong;
  for (const d of datesFor(a.case_type)) {
    const p = dateProblem(a[d]);
    if (p) e[d] = p;
  }
  if (!isMobile(a.phone)) e.phone = PHONE_MESSAGE;
  if (!a.consent_privacy) e.consent_privacy = MESSAGES.privacy;
  if (!a.consent_sensitive) e.consent_sensitive = MESSAGES.sensitive;
  return e;
}

