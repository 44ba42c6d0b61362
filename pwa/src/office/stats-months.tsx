// 统计's line by month (GET /stats?by=month): applications received and cases closed in each month of the period,
// two plain bars a month, the numbers in the chart's label and in a table beside it for screen readers and print.
import type { Answer } from '../core/schemas';
import { Table } from './office-table';

export type Month = Answer<'MonthOut'>;

const SLOT = 44;
const HIGH = 90;
const COLOURS = { received: '#2f6fb0', closed: '#3a8a4a' };

/** The chart's words: every month with both numbers, for the aria-label. */
export function monthWords(months: Month[]): string {
  return `按月：${months.map((m) => `${m.month} 收到申请 ${m.received ?? 0} 件、结案 ${m.closed ?? 0} 件`).join('；')}`;
}

export function MonthChart(props: { months: Month[] }) {
  const months = props.months;
  const top = Math.max(1, ...months.map((m) => Math.max(m.received ?? 0, m.closed ?? 0)));
  const bar = (value: number | undefined) => ((value ?? 0) / top) * HIGH;
  return (
    <figure class="stats-months">
      <svg width={months.length * SLOT + 8} height={HIGH + 36} role="img" aria-label={monthWords(months)}>
        {months.map((m, i) => (
          <g key={m.month} transform={`translate(${i * SLOT + 4} 0)`}>
            <rect x="4" y={HIGH + 4 - bar(m.received)} width="16" height={bar(m.received)} fill={COLOURS.received} />
            <rect x="22" y={HIGH + 4 - bar(m.closed)} width="16" height={bar(m.closed)} fill={COLOURS.closed} />
            <text x="21" y={HIGH + 20} font-size="11" text-anchor="middle">
              {m.month?.slice(5)}月
            </text>
          </g>
        ))}
      </svg>
      <figcaption>
        <span style={{ color: COLOURS.received }}>■</span> 收到申请　<span style={{ color: COLOURS.closed }}>■</span> 结案
      </figcaption>
      <MonthTable months={months} />
    </figure>
  );
}

function MonthTable(props: { months: Month[] }) {
  return (
    <details>
      <summary>按月数字</summary>
      <Table label="按月数字" heads={['月份', '收到申请', '结案']}>
        {props.months.map((m) => (
          <tr key={m.month} data-month={m.month}>
            <td>{m.month}</td>
            <td>{m.received}</td>
            <td>{m.closed}</td>
          </tr>
        ))}
      </Table>
    </details>
  );
}
