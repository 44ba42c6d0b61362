// The end of a calculator: the big number, then the working line by line — each line's article and the
// day after which that part may be lost (highlighted within 30 days or past) — and what it leaves out.
import { chinaToday } from '../../core/time';
import { CalcInputError } from '../common';
import type { Calculator } from './engine-link';
import { inputsOf, pressing, yuan } from './runner';
import type { Answers, CalcResult, Line, Rules } from './kinds';
import { ResultMore } from './result-more';

export function ResultScreen(p: { id: string; calc: Calculator; rules: Rules; answers: Answers; back: () => void; ask: (key: string) => void }) {
  const on = chinaToday();
  const inputs = inputsOf(p.calc.questions, p.answers);
  let r: CalcResult;
  try {
    r = p.calc.compute(inputs, p.rules, on);
  } catch (e) {
    if (!(e instanceof CalcInputError)) throw e;
    return (
      <div class="msg" role="alert">
        <p>{e.message}</p>
        <button type="button" class="btn btn-primary btn-big" onClick={() => p.ask(e.field)}>
          回去改一下
        </button>
      </div>
    );
  }
  return (
    <div class="calc-result">
      <p class="calc-total" role="status">
        大概能要 <strong>{yuan(r.total_fen)}</strong> 元
      </p>
      <h2 class="cells-title">怎么算的</h2>
      <ol class="cells calc-lines">
        {r.lines.map((l, i) => (
          <WorkLine key={i} line={l} on={on} />
        ))}
      </ol>
      <ResultMore id={p.id} result={r} inputs={inputs} back={p.back} />
    </div>
  );
}

/** "2024年3月" for a line's period (a month), or the two days. */
function period(l: Line): string {
  if (!l.period_from) return '';
  const from = l.period_from;
  const to = l.period_to ?? from;
  const m = (d: string) => `${+d.slice(0, 4)}年${+d.slice(5, 7)}月`;
  return from.slice(0, 7) === to.slice(0, 7) ? m(from) : `${from} 到 ${to} `;
}

function WorkLine({ line, on }: { line: Line; on: string }) {
  const hot = pressing(line.expires_on, on);
  return (
    <li class="cell calc-work">
      <span class="calc-text">{line.text}</span>
      {line.basis && <span class="calc-basis">（{line.basis}）</span>}
      {line.expires_on ? (
        <span class={'calc-expiry' + (hot ? ' hot' : '')}>
          {line.expires_on < on
            ? `${period(line)}这部分 ${line.expires_on} 已经过了时效，可能拿不回来`
            : `${period(line)}这部分 ${line.expires_on} 后可能拿不回来`}
        </span>
      ) : null}
      {line.expires_note && <span class="calc-note">{line.expires_note}</span>}
    </li>
  );
}
