// The parts of 办公室 → 导入: what a file holds (by kind and by event), and what importing each
// entry did.
import { chinaTime } from '../core/time';
import { Section } from '../core/cells';
import { Table } from './office-table';
import type { Held } from './use-import';

const KINDS: Record<string, string> = {
  checkin: '签到',
  walkin: '现场登记',
  signup: '线下报名',
  online_signup: '工友自己报名',
  report: '活动小结',
  unknown: '看不懂的记录',
};
const STATUSES: Record<string, string> = { applied: '已生效', duplicate: '之前已有', rejected: '没有生效', conflict: '编号冲突' };

const counted = (counts: Record<string, number>, names: Record<string, string>) =>
  Object.entries(counts)
    .map(([k, n]) => `${names[k] || k} ${n}`)
    .join('，');

/** What the file holds, or (once imported) what it held; `onApply` while it is only a preview. */
export function HeldSummary(props: { shown: Held; done: boolean; busy: boolean; onApply?: () => void }) {
  const { shown } = props;
  return (
    <Section id="held-h" title={`${props.done ? '导入结果' : '文件里有'}：共 ${shown.total} 条`} class="office-panel">
      <p class="page-desc">
        设备 {shown.device_id}
        {shown.exported_at ? ` · 导出于 ${chinaTime(shown.exported_at)}` : ''}
        {shown.already_received ? ` · 其中 ${shown.already_received} 条服务器之前已经收到过（不会重复计数）` : ''}
      </p>
      <div class="office-figures">
        {Object.entries(shown.counts).map(([k, n]) => (
          <div key={k}>
            <strong>{n}</strong>
            {KINDS[k] || k}
          </div>
        ))}
      </div>
      <ByEvent shown={shown} />
      {props.onApply && (
        <div class="office-actions">
          <button type="button" class="btn btn-primary" disabled={props.busy || !shown.total} onClick={props.onApply}>
            导入这 {shown.total} 条
          </button>
        </div>
      )}
    </Section>
  );
}

function ByEvent(props: { shown: Held }) {
  return (
    <Table label="按活动" heads={['活动', '内容']}>
      {props.shown.events.map((ev) => (
        <tr key={String(ev.event_id)}>
          <td>{ev.event_id ? `${ev.title || '（找不到这场活动）'} #${ev.event_id}` : '（没写活动）'}</td>
          <td>{counted(ev.counts, KINDS)}</td>
        </tr>
      ))}
    </Table>
  );
}

/** What importing did to each entry. */
export function ImportResults(props: { done: Held }) {
  return (
    <Section id="res-h" title={`每一条的结果：${counted(props.done.status_counts, STATUSES)}`} class="office-panel">
      <Table label="每一条的结果" heads={['记录', '类型', '活动', '结果', '说明']}>
        {props.done.results.map((r, i) => (
          <tr key={i} data-testid="import-result">
            <td>{r.label || r.id || '—'}</td>
            <td>{KINDS[r.kind] || r.kind}</td>
            <td>{r.event_id ?? ''}</td>
            <td class={r.status === 'applied' || r.status === 'duplicate' ? 'office-ok' : 'office-bad'}>
              {STATUSES[r.status] || r.status}
              {r.replayed ? '（之前已导入）' : ''}
            </td>
            <td>{r.reason || r.message || ''}</td>
          </tr>
        ))}
      </Table>
    </Section>
  );
}
