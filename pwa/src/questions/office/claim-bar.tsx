// 认领 / 放弃: one answerer at a time. A claim lapses after a set time (the server's QUESTION_CLAIM_MINUTES);
// a lapsed claim counts as none. Someone else's live claim is said with its holder and end.
import { clock } from '../../core/time';
import { claim, release } from './api';
import type { useQuestion } from './use-question';

export function ClaimBar(props: { s: ReturnType<typeof useQuestion> }) {
  const { q, mine, held, closed, busy, move, reload } = props.s;
  if (!q || closed || q.status === 'answered') return null;
  // Someone was quicker (409): load the question again to show who holds it.
  const take = async () => (await move(() => claim(q.id))) || reload();
  return (
    <section class="case-box q-claim" aria-label="认领">
      {mine ? (
        <>
          <span data-testid="claim-state">你已认领{q.claim_expires_at ? `，${clock(q.claim_expires_at)} 前回复` : ''}</span>
          <button type="button" class="btn btn-small btn-default" disabled={busy} onClick={() => move(() => release(q.id))}>
            放弃认领
          </button>
        </>
      ) : held ? (
        <span data-testid="claim-state">{`${q.claimed_by_name || '别人'}已认领${q.claim_expires_at ? `（${clock(q.claim_expires_at)} 到期）` : ''}`}</span>
      ) : (
        <>
          <span data-testid="claim-state">还没有人认领</span>
          <button type="button" class="btn btn-small btn-primary" disabled={busy} onClick={take}>
            认领回复
          </button>
        </>
      )}
    </section>
  );
}
