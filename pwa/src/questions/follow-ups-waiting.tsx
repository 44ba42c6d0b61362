// The follow-ups of this thread still on the phone: 等待发送 (or the server's reason for refusing one).
// Read again on every change to the outbox; when one has gone, the thread is read again to show it.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { OutboxEntry } from '../core/outbox';
import { useStore } from '../core/store';
import { waitingFollowUps } from './follow-up-store';
import type { FollowUpPayload } from './types';

export function FollowUpsWaiting(props: { code: string; onSent: () => void }) {
  const version = useStore().outbox.version;
  const [waiting, setWaiting] = useState<OutboxEntry<FollowUpPayload>[]>([]);
  const before = useRef(0);
  useEffect(() => {
    void waitingFollowUps(props.code).then((list) => {
      if (list.length < before.current) props.onSent();
      before.current = list.length;
      setWaiting(list);
    });
  }, [props.code, version]);
  if (!waiting.length) return null;
  return (
    <ul class="cells" data-testid="follow-ups-waiting">
      {waiting.map((e) => (
        <li key={e.id} class="cell msg">
          {e.state === 'rejected' ? `没有发出去：${e.message || ''}` : '等待发送：联网后会自动发出。'}
          {e.payload.followUp.text && <span class="cell-sub">「{e.payload.followUp.text.slice(0, 40)}」</span>}
          {e.payload.clip && <span class="cell-sub">（还有一段录音）</span>}
        </li>
      ))}
    </ul>
  );
}
