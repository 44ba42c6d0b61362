// The money: the rate agreed (by the day, by the month, or a piece-rate total) and, month by month,
// the days worked, what that comes to, what was received and what is still owed (daylog.ts sums).
import { useState } from 'preact/hooks';
import { Money } from '../core/form';
import { Choice } from '../core/form-extra';
import { fenToYuan, yuanToFen } from '../aid/answers';
import { byMonth, type DayLog, type RateKind, sums } from './daylog';

const KINDS: { value: RateKind; label: string }[] = [
  { value: 'day', label: '按天' },
  { value: 'month', label: '按月' },
  { value: 'piece', label: '按件/包干' },
];
const AMOUNT_LABEL: Record<RateKind, string> = { day: '一天多少钱（元）', month: '一个月多少钱（元）', piece: '谈好的总共多少钱（元）' };

export function RateForm(props: { log: DayLog; keep: (l: DayLog) => Promise<void> }) {
  const rate = props.log.rate;
  const [kind, setKind] = useState<RateKind>(rate?.kind || 'day');
  const [amount, setAmount] = useState(rate ? fenToYuan(rate.amount_fen) : '');
  const [said, setSaid] = useState('');
  const save = async () => {
    const fen = yuanToFen(amount);
    if (fen === null || Number.isNaN(fen)) return setSaid('请写数字，比如 300。');
    await props.keep({ ...props.log, rate: { kind, amount_fen: fen } });
    setSaid('工钱记好了。');
  };
  return (
    <form noValidate onSubmit={(ev) => (ev.preventDefault(), void save())}>
      <ul class="cells">
        <Choice id="dl-rate-kind" label="工钱怎么算" options={KINDS} value={kind} onChange={setKind} />
        <Money id="dl-rate" label={AMOUNT_LABEL[kind]} value={amount} onInput={setAmount} />
      </ul>
      <p class="page-desc" role="status">{said}</p>
      <button type="submit" class="btn btn-default">记下工钱</button>
    </form>
  );
}

const y = (fen: number) => `${fenToYuan(fen)} 元`;

export function MonthView(props: { log: DayLog; pick: (date: string) => void }) {
  const { log } = props;
  if (!log.entries.length) return <p class="page-desc">还没有记。上面选好日子，点「记上这一天」。</p>;
  const all = sums(log.rate, log.entries);
  return (
    <>
      <table data-testid="daylog-months" style={{ width: '100%', margin: '8px 0' }}>
        <thead>
          <tr><th>月份</th><th>出工</th><th>应得</th><th>收到</th><th>还欠</th></tr>
        </thead>
        <tbody>
          {byMonth(log.entries).map(([month, entries]) => {
            const s = sums(log.rate?.kind === 'piece' ? null : log.rate, entries);
            return (
              <tr key={month}>
                <td>{month}</td><td>{s.days} 天</td><td>{log.rate?.kind === 'piece' ? '—' : y(s.agreed)}</td><td>{y(s.received)}</td><td>{log.rate?.kind === 'piece' ? '—' : y(Math.max(0, s.agreed - s.received))}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class="msg" data-testid="daylog-total">
        {all.from} 到 {all.to}，一共出工 {all.days} 天{all.overtime ? `，加班 ${all.overtime} 小时（加班费没算在里面）` : ''}。
        {log.rate ? ` 应得 ${y(all.agreed)}，收到 ${y(all.received)}，还欠 ${y(all.owed)}。` : ' 记下工钱，就能算出还欠多少。'}
      </p>
      <ul class="chips" style={{ listStyle: 'none', padding: 0 }}>
        {[...log.entries].reverse().map((e) => (
          <li key={e.date}>
            <button type="button" class="btn btn-small btn-default" onClick={() => props.pick(e.date)}>
              {e.date} {e.unit === 'day' ? '全天' : e.unit === 'half' ? '半天' : `${e.hours} 小时`}
              {e.received_fen ? ` · 收到 ${y(e.received_fen)}` : ''}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
