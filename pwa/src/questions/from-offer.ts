// 「申请法律援助」 on an answer that offers it: a new legal-aid draft (aid/draft.ts) filled from the offer
// (the kind of case, the dates, where) and the question (its code, the phone, the worker's own words),
// then the form; the worker adds the ID number and the consents. The application names the question
// (`question_code`), so the server links them and keeps the question's recording and photos as evidence.
import { isCaseType } from '../aid/case-types';
import { newDraft, saveDraft } from '../aid/draft';
import type { Answers } from '../aid/answers';
import { navigate } from '../core/router';
import type { Thread } from './types';

export function offerAnswers(t: Thread, phone: string): Partial<Answers> {
  const o = t.offer;
  const words = t.messages.filter((m) => m.author === 'asker' && m.text).map((m) => m.text);
  return {
    case_type: o && isCaseType(o.case_type) ? o.case_type : isCaseType(t.case_type) ? t.case_type : '',
    started_on: o?.started_on || '',
    left_on: o?.left_on || '',
    injured_on: o?.injured_on || '',
    city: o?.city || '',
    district: o?.district || '',
    site_division: o?.site_division || '',
    account: (o?.account || words.join('\n')).slice(0, 5000),
    phone,
    question_code: t.code,
  };
}

export async function applyFromOffer(t: Thread, phone: string): Promise<void> {
  await saveDraft(newDraft(offerAnswers(t, phone)));
  navigate('/aid/apply');
}
