// 统计's parts: one row per figure (label, value, its definition beside it) with a plain bar for each breakdown,
// under a heading row for each area (法律咨询, 法律援助, 普法活动, 工地公示牌, 服务的工友) as the server orders them.
import type { Answer } from '../core/schemas';
import { Table } from './office-table';

export type Stats = Answer<'StatsOut'>;
export type Figure = Answer<'FigureOut'>;

/** A figure's value as people read it: money in 元, a share in %, days with one decimal. */
export function shown(unit: string, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (unit === 'fen') return `${(value / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
  if (unit === 'share') return `${(value * 100).toFixed(1)}%`;
  if (unit === 'days') return `${Number(value).toFixed(1)} 天`;
  return value.toLocaleString('zh-CN');
}

function Bars(props: { figure: Figure }) {
  const parts = (props.figure.breakdown || []).filter((p) => typeof p.value === 'number');
  const top = Math.max(1, ...parts.map((p) => Number(p.value)));
  if (!parts.length) return null;
  return (
    <svg class="stats-bars" width="220" height={parts.length * 18} role="img" aria-label={`${props.figure.label}的分项`}>
      {parts.map((p, i) => (
        <g key={p.key} transform={`translate(0 ${i * 18})`}>
          <text x="0" y="13" font-size="12">
            {p.label}
          </text>
          <rect x="96" y="3" height="12" width={(Number(p.value) / top) * 90} fill="#2f6fb0" />
          <text x="190" y="13" font-size="12">
            {props.figure.unit === 'fen' || props.figure.unit === 'share' ? shown(props.figure.unit, Number(p.value)) : String(p.value)}
          </text>
        </g>
      ))}
    </svg>
  );
}

export function FigureTable(props: { figures: Figure[] }) {
  return (
    <Table label="统计数字" heads={['项目', '数值', '分项', '定义']}>
      {props.figures.map((f, i) => [
        i === 0 || props.figures[i - 1].area !== f.area ? (
          <tr key={`area-${f.area}`} class="stats-area" data-area={f.area}>
            <th colSpan={4} scope="colgroup">
              {f.area_label}
            </th>
          </tr>
        ) : null,
        <tr key={f.id} data-figure={f.id}>
          <td>{f.label}</td>
          <td class="stats-value">{shown(f.unit, f.value as number | null)}</td>
          <td>
            <Bars figure={f} />
          </td>
          <td>
            <small>{f.definition}</small>
          </td>
        </tr>,
      ])}
    </Table>
  );
}
