// A `daylog` question: the days the worker logged (记工) go into the calculator as they are. The worker
// picks the log (one per site) or types the figures instead.
import { useState } from 'preact/hooks';
import { Pending } from '../../core/cells';
import { Choice } from '../../core/form-extra';
import { useLoad } from '../../core/ui';
import { type Ask, AskFrame } from './ask';
import { readLogs } from './daylog-link';

export function DaylogAsk(p: Ask) {
  const got = useLoad(readLogs, []);
  const [pick, setPick] = useState(0);
  const logs = got.data;
  if (!logs) return <Pending of={got} />;
  const log = pick >= 0 ? logs[pick] : undefined;
  const done = () => p.answer({ [p.q.key]: log ? log.days : undefined });
  const options = [...logs.map((l, i) => ({ value: i, label: l.label })), { value: -1, label: '不用记工，自己填' }];
  return (
    <AskFrame p={p} done={done}>
      {logs.length ? (
        <Choice id={`calc-${p.q.key}`} label={p.q.ask} options={options} value={pick} onChange={setPick} />
      ) : (
        <li class="cell calc-info">
          <p class="calc-q">{p.q.ask}</p>
          <p class="calc-daylog">还没有记工。</p>
        </li>
      )}
      {log && (
        <li class="cell calc-info">
          <p class="calc-daylog">
            用这份记工里的 {log.days.length} 天：{log.days[0].date} 到 {log.days[log.days.length - 1].date}。
          </p>
        </li>
      )}
      {p.q.hint && (
        <li class="cell calc-note">
          <p>{p.q.hint}</p>
        </li>
      )}
    </AskFrame>
  );
}
