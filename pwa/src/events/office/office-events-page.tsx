// 活动 in the office: every event, drafts too, by state, mine, and words in the title.
import { useState } from 'preact/hooks';
import { navigate } from '../../core/router';
import { dayTime } from '../../core/time';
import { SearchForm } from '../../core/search-form';
import { Pager } from '../../core/pager';
import { useLoad } from '../../core/ui';
import { Pending } from '../../core/cells';
import { listEvents, type EventFilter } from './office-api';
import { Office } from '../../office/office-nav';
import { Table } from '../../office/office-table';
import { StatusBadge } from './office-parts';

const FILTERS = [
  { id: '', label: '全部' },
  { id: 'draft', label: '草稿' },
  { id: 'published', label: '即将开始' },
  { id: 'past', label: '已结束' },
  { id: 'cancelled', label: '已取消' },
];

function filterOf(query: URLSearchParams): EventFilter {
  return {
    status: query.get('status') || '',
    mine: query.get('mine') === 'true',
    q: query.get('q') || '',
    page: Math.max(1, Number(query.get('page')) || 1),
  };
}

function urlOf(f: EventFilter): string {
  const qs = new URLSearchParams();
  if (f.status) qs.set('status', f.status);
  if (f.mine) qs.set('mine', 'true');
  if (f.q) qs.set('q', f.q);
  if (f.page > 1) qs.set('page', String(f.page));
  const s = qs.toString();
  return '/office/events' + (s ? `?${s}` : '');
}

export function OfficeEventsPage(props: { query: URLSearchParams }) {
  const f = filterOf(props.query);
  const go = (change: Partial<EventFilter>) => navigate(urlOf({ ...f, page: 1, ...change }), { replace: true });
  return (
    <Office
      section="events"
      title="活动"
      right={
        <a class="btn btn-small btn-primary" href="/office/events/new">
          新建
        </a>
      }
    >
      <Filters f={f} go={go} />
      <EventTable f={f} go={go} />
    </Office>
  );
}

function Filters(props: { f: EventFilter; go: (c: Partial<EventFilter>) => void }) {
  const [q, setQ] = useState(props.f.q);
  return (
    <SearchForm class="office-filters" onSearch={() => props.go({ q: q.trim() })}>
      <div class="segmented" role="radiogroup" aria-label="活动状态">
        {FILTERS.map((s) => (
          <button key={s.id} type="button" role="radio" aria-checked={props.f.status === s.id} class={props.f.status === s.id ? 'on' : ''} onClick={() => props.go({ status: s.id })}>
            {s.label}
          </button>
        ))}
      </div>
      <label>
        <input type="checkbox" checked={props.f.mine} onChange={(e) => props.go({ mine: (e.target as HTMLInputElement).checked })} />
        只看我建的
      </label>
      <label>
        <span class="sr-only">按标题找</span>
        <input type="search" placeholder="按标题找" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
      </label>
      <button type="submit" class="btn btn-small btn-default">
        找
      </button>
    </SearchForm>
  );
}

function EventTable(props: { f: EventFilter; go: (c: Partial<EventFilter>) => void }) {
  const { f } = props;
  const list = useLoad(() => listEvents(f), [f.status, f.mine, f.q, f.page]);
  if (!list.data) return <Pending of={list} />;
  const { events, total, lastPage } = list.data;
  if (!events.length) return <p class="page-desc">没有这样的活动。</p>;
  return (
    <>
      <p class="page-desc">共 {total} 场</p>
      <Table heads={['时间', '活动', '类型', '地点', '状态']}>
        {events.map((e) => (
          <tr key={e.id}>
            <td>{dayTime(e.starts_at)}</td>
            <td>
              <a href={`/office/events/${e.id}`}>{e.title}</a>
            </td>
            <td>{e.kind_label}</td>
            <td>{e.place}</td>
            <td>
              <StatusBadge e={e} />
            </td>
          </tr>
        ))}
      </Table>
      <Pager page={f.page} pages={lastPage} go={(page) => props.go({ page })} />
    </>
  );
}
