// 统计: the work-report figures (GET /stats) for a period and an office of the reader's subtree, each with its
// definition beside it, bars by month of applications received and cases closed (by=month), and the same as the
// Excel report. Online only, never precached.
import { useState } from 'preact/hooks';
import { DateField, FormEnd } from '../core/form';
import { Pending } from '../core/cells';
import { navigate } from '../core/router';
import { showToast } from '../core/store';
import { useLoad } from '../core/ui';
import { OfficePick } from '../accounts/office/office-pick';
import { api, download, problemText } from './admin-api';
import { Office } from './office-nav';
import { MonthChart } from './stats-months';
import { FigureTable, type Stats } from './stats-parts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function asked(query: URLSearchParams): string {
  const out = new URLSearchParams();
  for (const name of ['from', 'to']) if (DAY.test(query.get(name) || '')) out.set(name, query.get(name)!);
  if (/^\d+$/.test(query.get('office') || '')) out.set('office', query.get('office')!);
  return out.toString();
}

export function StatsPage(props: { query: URLSearchParams }) {
  const query = asked(props.query);
  const stats = useLoad(() => api<Stats>(`/api/v1/stats?${query ? `${query}&` : ''}by=month`), [query]);
  return (
    <Office section="stats" title="工作统计">
      {stats.data ? <PeriodForm stats={stats.data} /> : <Pending of={stats} />}
      {stats.data && (
        <>
          <p class="page-desc">
            {stats.data.office_name}：{stats.data.from} 至 {stats.data.to}（北京时间，含首尾两天）
          </p>
          {stats.data.months && stats.data.months.length > 0 && <MonthChart months={stats.data.months} />}
          <FigureTable figures={stats.data.figures} />
        </>
      )}
    </Office>
  );
}

function PeriodForm(props: { stats: Stats }) {
  const [from, setFrom] = useState(props.stats.from);
  const [to, setTo] = useState(props.stats.to);
  const [office, setOffice] = useState(String(props.stats.office_id));
  const query = `from=${props.stats.from}&to=${props.stats.to}&office=${props.stats.office_id}`;
  return (
    <form
      class="office-filters"
      onSubmit={(e) => {
        e.preventDefault();
        navigate(`/office/stats?from=${from}&to=${to}&office=${office}`, { replace: true });
      }}
    >
      <DateField tag="div" id="stats-from" label="从" value={from} onInput={setFrom} />
      <DateField tag="div" id="stats-to" label="到" value={to} onInput={setTo} />
      <OfficePick id="stats-office" value={office} onChange={setOffice} />
      <FormEnd error="" submit="看这段时间" disabled={!from || !to}>
        <button
          type="button"
          class="btn btn-default"
          onClick={() => download(`/api/v1/stats/report.xlsx?${query}`, `工作统计-${props.stats.from}-${props.stats.to}.xlsx`).catch((err) => showToast(problemText(err)))}
        >
          导出 Excel
        </button>
      </FormEnd>
    </form>
  );
}
