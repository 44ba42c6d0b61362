// The five kinds of case a worker picks from (server/aid/models.py CASE_TYPES), and which one a
// card's topic stands for, so a card's 怎么申请 opens the form with it already chosen.
import type { Described } from '../core/schemas';

export type CaseType = Described<'ApplicationIn'>['case_type'];

/** `icon`: an SVG path on a 24×24 grid, drawn as a line (no emoji: not every phone has the font). */
export const CASE_TYPES: { id: CaseType; label: string; hint: string; icon: string }[] = [
  { id: 'wages', label: '欠薪', hint: '干了活拿不到工资', icon: 'M3 7h18v10H3zM12 9.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5zM6.5 10v4M17.5 10v4' },
  { id: 'injury', label: '工伤', hint: '干活受伤、得了职业病', icon: 'M9.5 4h5v5.5H20v5h-5.5V20h-5v-5.5H4v-5h5.5z' },
  { id: 'dismissal', label: '劳动合同/辞退', hint: '没签合同、被辞退、被开除', icon: 'M6 3h9l4 4v14H6zM15 3v4h4M9 12h7M9 16h7' },
  { id: 'social_insurance', label: '社保', hint: '没交社保、少交社保', icon: 'M12 3.5 19.5 6v5.5c0 4.5-3.2 7.8-7.5 9-4.3-1.2-7.5-4.5-7.5-9V6zM12 8.5v7M8.5 12h7' },
  { id: 'other', label: '其他', hint: '别的劳动纠纷', icon: 'M4 5h16v11H10l-6 4zM8.5 10.5h.01M12 10.5h.01M15.5 10.5h.01' },
];

/** 法律援助法第四十二条第（三）项: wage and injury claims of migrant workers skip the means test. */
export const MEANS_TEST_EXEMPT: readonly string[] = ['wages', 'injury'];

export function caseLabel(id: string): string {
  return CASE_TYPES.find((c) => c.id === id)?.label || id;
}

export function isCaseType(v: string | null | undefined): v is CaseType {
  return !!v && CASE_TYPES.some((c) => c.id === v);
}

/** A card topic (content/topics.yml) → the case it is about; topics about how to act choose none. */
const BY_TOPIC: Record<string, CaseType> = {
  wages: 'wages',
  hours: 'wages',
  'site-rules': 'wages',
  injury: 'injury',
  health: 'injury',
  contracts: 'dismissal',
  probation: 'dismissal',
  dismissal: 'dismissal',
  women: 'dismissal',
  insurance: 'social_insurance',
};

export function caseTypeForTopic(topic: string): CaseType | null {
  return BY_TOPIC[topic] || null;
}

/** Where a card's 怎么申请 leads: the form, with the case type when the topic says it. */
export function applyHref(topic: string): string {
  const t = caseTypeForTopic(topic);
  return t ? `/aid/apply?type=${t}` : '/aid/apply';
}
