// 有奖知识问答 on the check-in page: who has handed in (score as the server judged it, from the roster), and for
// those who passed, 发奖品 — once per person, even from two phones (the server answers the second "已经领过").
// A prize marked here is in the outbox until the server has it: waiting, refused (with the reason), or gone (given).
import { useState } from 'preact/hooks';
import { listEntries, type OutboxEntry } from '../core/outbox';
import { useStore } from '../core/store';
import { useLoad } from '../core/ui';
import { givePrize, who } from './roster';
import type { LocalAttendee, StoredRoster } from './types';

function PrizeState(props: { a: LocalAttendee; entry?: OutboxEntry; give: () => void }) {
  const { a, entry } = props;
  if (a.prize_at || (a.prize && !entry)) return <span class="tag tag-ok">已领奖品</span>;
  if (entry && entry.state === 'waiting') return <span class="tag tag-wait">已发，待同步</span>;
  return (
    <button type="button" class="btn btn-small btn-primary" aria-label={`发奖品：${who(a)}`} onClick={props.give}>
      发奖品
    </button>
  );
}

export function PrizeList(props: { r: StoredRoster }) {
  const st = useStore();
  const queued = useLoad(listEntries, [st.outbox.version]);
  const [said, setSaid] = useState('');
  const taken = props.r.attendees.filter((a) => a.quiz_score !== null && a.quiz_score !== undefined);
  if (!props.r.event.quiz && !taken.length) return null;
  const passed = taken.filter((a) => a.quiz_passed);
  const entryOf = (a: LocalAttendee) => (a.prize ? (queued.data || []).find((e) => e.id === a.prize!.opId) : undefined);
  return (
    <section aria-labelledby="prize-h">
      <h2 id="prize-h" class="cells-title">
        有奖知识问答：交卷 {taken.length} 人，及格 {passed.length} 人
      </h2>
      {said ? <p role="status">{said}</p> : null}
      <ul class="cells" aria-label="问答及格的人">
        {passed.map((a) => {
          const entry = entryOf(a);
          return (
            <li class="cell" key={a.id}>
              <span class="cell-body">
                <span class="cell-title">{who(a)}</span>
                <span class="cell-desc">
                  答对 {a.quiz_score}/{a.quiz_total}
                  {entry && entry.state === 'rejected' ? <span class="bad">（没记上：{entry.message}）</span> : null}
                </span>
              </span>
              <PrizeState a={a} entry={entry} give={() => void givePrize(props.r.eventId, a).then(setSaid)} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
