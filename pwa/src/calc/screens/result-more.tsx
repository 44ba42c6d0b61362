// Below the working: what the calculation does not cover, the notes (an estimate 12348 or a lawyer can
// check), the figures it used with their source and date, and what to do with the number.
import { useState } from 'preact/hooks';
import { attachClaim, type AttachedClaim } from '../../aid/claims';
import { navigate } from '../../core/router';
import { yuan } from './runner';
import type { Answers, CalcResult } from './kinds';

export function ResultMore(p: { id: string; result: CalcResult; inputs: Answers; back: () => void }) {
  const r = p.result;
  return (
    <>
      {r.not_covered.length > 0 && (
        <>
          <h2 class="cells-title">没算进去的</h2>
          <ul class="cells calc-plain">
            {r.not_covered.map((t, i) => (
              <li key={i} class="cell">
                {t}
              </li>
            ))}
          </ul>
        </>
      )}
      {r.figures_used.length > 0 && (
        <>
          <h2 class="cells-title">用到的数</h2>
          <ul class="cells calc-plain">
            {r.figures_used.map((f, i) => (
              <li key={i} class="cell">
                {f.name}：{yuan(f.value_fen)} 元（{f.source}，{f.effective_from} 起）
              </li>
            ))}
          </ul>
        </>
      )}
      <div class="calc-notes">
        {r.notes.map((t, i) => (
          <p key={i}>{t}</p>
        ))}
      </div>
      <ApplyWith id={p.id} result={r} inputs={p.inputs} />
      <div class="apply-nav">
        <button type="button" class="btn btn-default btn-big" onClick={p.back}>
          改一改
        </button>
        <a class="btn btn-default btn-big" href="/calc">
          算别的
        </a>
      </div>
    </>
  );
}

/** 「用这个数申请法律援助」: the amount, what was answered and the working go into the application being filled in
 * (aid/claims.ts; the server recomputes it), and the form opens. */
function ApplyWith(p: { id: string; result: CalcResult; inputs: Answers }) {
  const [failed, setFailed] = useState('');
  const go = () =>
    attachClaim({ calc: p.id as AttachedClaim['calc'], inputs: p.inputs, result: p.result }).then(
      () => navigate('/aid/apply'),
      () => setFailed('没存上：这台手机的浏览器不让存。可以把上面的数记下来，申请时填上。'),
    );
  return (
    <>
      <button type="button" class="btn btn-primary btn-big calc-apply" onClick={go}>
        用这个数申请法律援助
      </button>
      {failed && (
        <p class="msg" role="alert">
          {failed}
        </p>
      )}
    </>
  );
}
