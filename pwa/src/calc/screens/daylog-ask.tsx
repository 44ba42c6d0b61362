// A `daylog` question: the days the worker logged (记工) go into the calculator as they are.
import { Pending } from '../../core/cells';
import { useLoad } from '../../core/ui';
import { type Ask, AskFrame } from './ask';
import { readDays } from './daylog-link';

export function DaylogAsk(p: Ask) {
  const got = useLoad(readDays, []);
  const days = got.data;
  if (!days) return <Pending of={got} />;
  const none = days.length === 0;
  const done = () => p.answer({ [p.q.key]: none ? undefined : days });
  return (
    <AskFrame p={p} done={done} next={none && !p.q.optional ? '不用记工，往下填' : '下一步'}>
      <li class="cell field-area">
        <p class="calc-q">{p.q.ask}</p>
        {none ? (
          <p class="calc-daylog">还没有记工。</p>
        ) : (
          <p class="calc-daylog">
            用你记工里的 {days.length} 天：{days[0].date} 到 {days[days.length - 1].date}。
          </p>
        )}
        {p.q.hint && <p class="field-hint">{p.q.hint}</p>}
      </li>
    </AskFrame>
  );
}
