// 「用这个数申请法律援助」: a calculator's result goes into the legal-aid draft (draft.ts, IndexedDB) with what the
// worker answered, and leaves with the application (body.ts); the server recomputes it and keeps its own numbers.
// Small on purpose: the calculator screens import it, and nothing of the calculators comes with it.
import type { AttachedClaim } from './answers';
import { currentDraft, newDraft, saveDraft } from './draft';

export type { AttachedClaim };

/** The server takes at most this many with one application. */
export const MAX_CLAIMS = 10;

/** Each calculator's name on the application's review step. */
export const CALC_LABELS: Record<AttachedClaim['calc'], string> = {
  wages: '欠薪', overtime: '加班费', double_pay: '未签合同二倍工资', severance: '经济补偿/赔偿金',
  probation: '试用期工资', injury: '工伤待遇', annual_leave: '年休假工资',
};

const same = (a: Pick<AttachedClaim, 'calc' | 'inputs'>, b: Pick<AttachedClaim, 'calc' | 'inputs'>) =>
  a.calc === b.calc && JSON.stringify(a.inputs) === JSON.stringify(b.inputs);

/** Put this amount into the application being filled in (one is started when there is none): the same
 * calculation again replaces itself; the oldest goes when there are already ten. Settles once it is kept. */
export async function attachClaim(claim: Omit<AttachedClaim, 'label'>): Promise<void> {
  const draft = (await currentDraft()) || newDraft();
  const kept = (draft.answers.claims || []).filter((c) => !same(c, claim));
  const added = { calc: claim.calc, label: CALC_LABELS[claim.calc] || claim.calc, inputs: claim.inputs, result: claim.result };
  await saveDraft({ ...draft, answers: { ...draft.answers, claims: [...kept, added].slice(-MAX_CLAIMS) } });
}
