// 记工 on the case page: the worker's own day log, sent with the application and signed off by them
// (「这是我自己记的」), as a table: each day, what it comes to, and the sums the papers state; the days co-workers
// at the same site confirmed from their own phones (「请工友确认」) are marked with who (their phone masked).
import type { CaseView } from './case-api';
import { yuan } from './case-text';

type Log = NonNullable<CaseView['day_log']>;

export function DayLogTable({ log }: { log: Log }) {
  const worked = (e: Log['entries'][number]) => (e.unit === 'hours' ? `${e.hours} 小时` : e.unit_label);
  const by = (date: string) => log.confirmations.filter((c) => c.dates.includes(date)).map((c) => c.name);
  return (
    <section class="case-box" data-testid="case-daylog" aria-labelledby="daylog-h">
      <h2 class="cells-title" id="daylog-h">
        记工表（工友自己记的{log.signed_off ? '，已确认“这是我自己记的”' : ''}）
      </h2>
      <p>
        {log.period_from} 至 {log.period_to}，出工 {log.days_worked} 天{log.overtime_hours ? `，加班 ${log.overtime_hours} 小时（加班费未计入）` : ''}；工钱{log.rate_label}
        {log.rate_kind === 'piece' ? '' : ` ${yuan(log.rate_fen)}`}，应得 {yuan(log.agreed_fen)}，已收到 {yuan(log.received_fen)}，<strong>还欠 {yuan(log.owed_fen)}</strong>。
        {log.photos.length ? ` 附照片 ${log.photos.length} 张（在证据照片里，标注“记工照片”）。` : ''}
      </p>
      <div class="case-table-wrap">
        <table class="case-table">
          <thead>
            <tr>
              <th>日期</th>
              <th>出工</th>
              <th>加班</th>
              <th>收到</th>
              <th>谁给的</th>
              <th>干了什么</th>
              <th>工友确认</th>
            </tr>
          </thead>
          <tbody>
            {log.entries.map((e) => (
              <tr key={e.date}>
                <td>{e.date}</td>
                <td>{worked(e)}</td>
                <td>{e.overtime_hours ? `${e.overtime_hours} 小时` : ''}</td>
                <td>{e.received_fen ? yuan(e.received_fen) : ''}</td>
                <td>{e.received_from}</td>
                <td>{e.work}</td>
                <td data-testid="case-daylog-confirmed">{by(e.date).length ? `✓ ${by(e.date).join('、')}` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Confirmations log={log} />
      <p class="page-desc">这是工友自己记的，不是单位的考勤；有照片、有工友作证时更有说服力。</p>
    </section>
  );
}

/** Who confirmed which days: the co-worker's own word from their phone (name as they gave it, phone masked). */
function Confirmations({ log }: { log: Log }) {
  if (!log.confirmations.length) return null;
  return (
    <div data-testid="case-daylog-confirmations">
      <p>同一工地的工友用自己的手机确认了部分天数（工友本人说的，不是单位的记录）：</p>
      <ul>
        {log.confirmations.map((c) => (
          <li key={c.phone_masked + c.name}>
            {c.name}（手机 {c.phone_masked}）确认了 {c.dates.length} 天：{c.dates.join('、')}
          </li>
        ))}
      </ul>
    </div>
  );
}
