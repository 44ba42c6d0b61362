// An event's people in the office (office-event-page.tsx): the live headcount, and its volunteers
// by name (found, added, removed).
import { useEffect, useState } from 'preact/hooks';
import { errorText } from '../../core/api';
import { showToast } from '../../core/store';
import { useLoad } from '../../core/ui';
import { Pending, Section } from '../../core/cells';
import { findVolunteers, headcount, setVolunteers, type OfficeEventFull, type Person, type Volunteer } from './office-api';
import { act } from './office-parts';

export function Counts(props: { e: OfficeEventFull }) {
  const [tick, setTick] = useState(0);
  const counts = useLoad(() => headcount(props.e.id), [props.e.id, tick]);
  // Live while the event could be running: a fresh count every 20 seconds while the page is open.
  useEffect(() => {
    if (props.e.status !== 'published') return;
    const timer = setInterval(() => document.visibilityState === 'visible' && setTick((t) => t + 1), 20000);
    return () => clearInterval(timer);
  }, [props.e.status]);
  const c = counts.data;
  return (
    <Section id="counts-h" title="人数" class="office-section">
      {!c ? (
        <Pending of={counts} />
      ) : (
        <div class="office-figures" aria-live="polite">
          <div>
            <strong data-count="registered">{c.registered}</strong>报名
          </div>
          <div>
            <strong data-count="checked_in">{c.checked_in}</strong>已签到
          </div>
          <div>
            <strong data-count="walk_ins">{c.walk_ins}</strong>现场登记
          </div>
          {c.capacity != null && (
            <div>
              <strong>{c.capacity}</strong>名额
            </div>
          )}
        </div>
      )}
      <div class="office-actions">
        <button type="button" class="btn btn-small btn-default" onClick={() => setTick((t) => t + 1)}>
          {counts.loading ? '正在刷新…' : '刷新人数'}
        </button>
      </div>
    </Section>
  );
}

export function Volunteers(props: { e: OfficeEventFull; changed: () => void }) {
  const { e } = props;
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Volunteer[] | null>(null);
  const [busy, setBusy] = useState(false);
  const save = (people: Person[], done: string) =>
    act(() => setVolunteers(e.id, people.map((p) => p.id)), done, props.changed);
  const mine = new Set(e.volunteers.map((v) => v.id));
  return (
    <Section id="vol-h" title="志愿者" class="office-section">
      <ul class="cells" aria-label="这场活动的志愿者">
        {!e.volunteers.length && <li class="cell">还没有安排志愿者。</li>}
        {e.volunteers.map((v) => (
          <li class="cell" key={v.id}>
            <span class="cell-body">{v.display_name}</span>
            <button type="button" class="btn btn-small btn-default" onClick={() => save(e.volunteers.filter((x) => x.id !== v.id), `已移除 ${v.display_name}`)}>
              移除
            </button>
          </li>
        ))}
      </ul>
      <form
        class="office-filters"
        role="search"
        onSubmit={async (ev) => {
          ev.preventDefault();
          setBusy(true);
          try {
            setFound(await findVolunteers(q.trim()));
          } catch (err) {
            showToast(errorText(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <label>
          <span class="sr-only">志愿者姓名</span>
          <input type="search" placeholder="志愿者姓名" value={q} onInput={(ev) => setQ((ev.target as HTMLInputElement).value)} />
        </label>
        <button type="submit" class="btn btn-small btn-default" disabled={busy}>
          找志愿者
        </button>
      </form>
      {found && (
        <ul class="cells" aria-label="找到的志愿者">
          {!found.length && <li class="cell">没有找到在用的志愿者账号。</li>}
          {found.map((v) => (
            <li class="cell" key={v.id}>
              <span class="cell-body">
                <span class="cell-title">{v.display_name}</span>
                <span class="cell-desc">
                  {v.username} {v.phone_masked || ''}
                </span>
              </span>
              {mine.has(v.id) ? (
                <span class="cell-ft">已安排</span>
              ) : (
                <button type="button" class="btn btn-small btn-primary" onClick={() => save([...e.volunteers, v], `已安排 ${v.display_name}`)}>
                  安排
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
