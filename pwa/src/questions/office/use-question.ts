// The state of one question's page: the question as loaded, then as each move's answer leaves it; whether
// this person holds its claim (or, as staff, may answer it anyway); one move at a time, its refusal kept.
import { useEffect, useState } from 'preact/hooks';
import { useMe } from '../../accounts/auth';
import { errorText } from '../../core/api';
import { useLoad } from '../../core/ui';
import { loadQuestion } from './api';
import type { QuestionView } from './types';

export function useQuestion(id: number) {
  const me = useMe();
  const loaded = useLoad(() => loadQuestion(id), [id]);
  const [q, setQ] = useState<QuestionView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  useEffect(() => setQ(loaded.data ?? null), [loaded.data]);
  const live = !!q && q.status === 'claimed' && (!q.claim_expires_at || Date.parse(q.claim_expires_at) > Date.now());
  const mine = live && !!me && (q.claimed_by_id != null ? q.claimed_by_id === me.id : q.claimed_by_name === me.display_name);
  const staff = !!me && (me.role === 'staff' || me.role === 'admin');
  const closed = !q || q.status === 'moderated' || q.status === 'closed';
  /** One move (claim, release, convert, moderate): its answer is the question as it now is. */
  const move = async (fn: () => Promise<QuestionView>): Promise<boolean> => {
    setBusy(true);
    setError('');
    try {
      setQ(await fn());
      return true;
    } catch (e) {
      setError(errorText(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { loaded, q, setQ, mine, held: live && !mine, canAnswer: !closed && (mine || staff), closed, busy, error, move, reload: loaded.retry };
}
