// 「转为法律援助申请」: the server drafts an application from the question (type, dates, site, the worker's words and
// voice as evidence), runs the limitation and 第四十四条 checks on its dates and texts the worker the link; the
// worker adds the ID number and consent. Here: the button, then the draft and the checks it ran.
import { caseLabel } from '../../aid/case-types';
import { convert } from './api';
import { checkClass } from './queue-text';
import type { QuestionView } from './types';
import type { useQuestion } from './use-question';

const SEVERITY: Record<string, string> = { ok: '正常', urgent: '紧急', overdue: '已过期', unknown: '待核实' };

export function ConvertBox(props: { q: QuestionView; s: ReturnType<typeof useQuestion> }) {
  const { q, s } = props;
  if (q.status === 'moderated') return null;
  const o = q.offer;
  return (
    <section class="case-box" aria-labelledby="convert-h" data-testid="convert-box">
      <h2 class="cells-title" id="convert-h">
        法律援助申请
      </h2>
      {o ? (
        <>
          <p class="page-desc">
            已发短信请工友确认：{caseLabel(o.case_type)}
            {[o.started_on && `开始 ${o.started_on}`, o.left_on && `离开 ${o.left_on}`, o.injured_on && `受伤 ${o.injured_on}`, [o.city, o.district].filter(Boolean).join(' ')].filter(Boolean).map((t) => `，${t}`)}
          </p>
          <ul class="q-checks" aria-label="检查结果">
            {o.checks.map((c) => (
              <li key={c.kind} data-severity={c.severity}>
                <span class={checkClass(c.severity)}>{SEVERITY[c.severity] || c.severity}</span> {c.label}
              </li>
            ))}
            {!o.checks.length && <li>没有查出时效问题。</li>}
          </ul>
        </>
      ) : q.application_code ? null : (
        <>
          <p class="page-desc">按工友说的类型、日期和工地生成申请草稿，检查时效，并发短信请工友补上身份证号、确认后提交。</p>
          <button type="button" class="btn btn-small btn-default" disabled={s.busy} onClick={() => s.move(() => convert(q.id))}>
            转为法律援助申请
          </button>
        </>
      )}
    </section>
  );
}
