// The line at the top of the events and check-in pages while anything waits to be sent.
import { useStore } from './store';
import { LinkCell } from './cells';

/** "等待发送 3 条" when anything this phone did has not reached the server yet. */
export function OutboxLine() {
  const { outbox } = useStore();
  if (!outbox.waiting && !outbox.rejected) return null;
  return (
    <ul class="cells outbox-line">
      <LinkCell
        href="/outbox"
        title={
          <>
            {outbox.waiting ? `等待发送 ${outbox.waiting} 条` : '全部已发送'}
            {outbox.rejected ? <span class="bad">，没登记上 {outbox.rejected} 条</span> : null}
          </>
        }
        desc={outbox.sending ? '正在发送…' : outbox.problem || '点这里查看'}
      />
    </ul>
  );
}
