// 总结: the debriefs (四个带回) of every event in a period side by side, and the same as Excel.
// What workers raised as urgent is what the office acts on next.
import { useState } from 'preact/hooks';
import { errorText } from '../../core/api';
import { navigate } from '../../core/router';
import { showToast } from '../../core/store';
import { chinaToday, dayTime } from '../../core/time';
import { useLoad } from '../../core/ui';
import { Pending } from '../../core/cells';
import { download } from '../../office/admin-api';
import { debriefs } from './office-api';
import { Office } from '../../office/office-nav';
import { Table } from '../../office/office-table';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function period(query: URLSearchParams): { since: string; until: string } {
  const until = DAY.test(query.get('until') || '') ? query.get('until')! : chinaToday();
  const since = DAY.test(query.get('since') || '') ? query.get('since')! : chinaToday(Date.now() - 30 * 86400000);
  return { since, until };
}

export function OfficeDebriefsPage(props: { query: URLSearchParams }) {
  const p = period(props.query);
  return (
    <Office section="debriefs" title="活动小结">
      <PeriodForm {...p} />
      <Debriefs {...p} />
    </Office>
  );
}

function PeriodForm(props: { since: string; until: string }) {
  const [since, setSince] = useState(props.since);
  const [until, setUntil] = useState(props.until);
  return (
    <form
      class="office-filters"
      onSubmit={(e) => {
        e.preventDefault();
        navigate(`/office/debriefs?since=${since}&until=${until}`, { replace: true });
      }}
    >
      <label>
        从
        <input type="date" value={since} onInput={(e) => setSince((e.target as HTMLInputElement).value)} />
      </label>
      <label>
        到
        <input type="date" value={until} onInput={(e) => setUntil((e.target as HTMLInputElement).value)} />
      </label>
      <button type="submit" class="btn btn-small btn-default">
        看这段时间
      </button>
      <button
        type="button"
        class="btn btn-small btn-primary"
        onClick={() =>
          download(`/api/v1/office/debriefs.xlsx?since=${props.since}&until=${props.until}`, `活动小结-${props.since}-${props.until}.xlsx`).catch((err) =>
            showToast(errorText(err)),
          )
        }
      >
        导出 Excel
      </button>
    </form>
  );
}

function Debriefs(props: { since: string; until: string }) {
  const rows = useLoad(() => debriefs(props.since, props.until), [props.since, props.until]);
  if (!rows.data) return <Pending of={rows} />;
  if (!rows.data.length) return <p class="page-desc">这段时间的活动还没有小结。</p>;
  return (
    <>
      <p class="page-desc">
        {props.since} 至 {props.until}，{rows.data.length} 场活动有小结（按活动时间，最近的在前）
      </p>
      <Table heads={['活动', '带回一：困扰', '带回二：急需解决的问题', '带回三：对服务的建议', '带回四：下次活动的建议', '人数', '填写人']}>
        {rows.data.map((r) => (
          <tr key={r.event_id}>
            <td>
              <a href={`/office/events/${r.event_id}`}>{r.event_title}</a>
              <br />
              <small>
                {dayTime(r.starts_at)} · {r.place}
              </small>
            </td>
            <td class="office-four">{r.worry}</td>
            <td class="office-four">{r.urgent_problem}</td>
            <td class="office-four">{r.service_suggestion}</td>
            <td class="office-four">{r.next_event_suggestion}</td>
            <td>
              接触 {r.people_reached}
              <br />
              资料 {r.leaflets_given}
            </td>
            <td>
              {r.submitted_by?.display_name || ''}
              {r.edits > 0 && <small> （改过 {r.edits} 次）</small>}
            </td>
          </tr>
        ))}
      </Table>
    </>
  );
}
