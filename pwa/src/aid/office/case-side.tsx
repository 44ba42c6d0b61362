// The side column of a case's page (under the moves): the clocks, the lawyer, the linked cases (group,
// possible duplicates: office only), the documents, the timeline and who opened the case.
import { useState } from 'preact/hooks';
import { shortDateTime } from '../../core/time';
import { ErrorBox } from '../../core/ui';
import { type AuditRow, type CaseView, loadAudit } from './case-api';
import { daysText, Download, levelClass } from './case-parts';
import { urgencyLevel, yuan } from './case-text';

export function Clocks(props: { c: CaseView }) {
  if (!props.c.clocks?.length) return null;
  return (
    <section class="sec-actions" aria-labelledby="clocks-h">
      <h2 class="cells-title" id="clocks-h">
        期限
      </h2>
      <ul class="cells clocks">
        {props.c.clocks.map((k) => (
          <li key={k.name + k.label} class={'cell' + (k.overdue ? ' clock-overdue' : '')}>
            <span class="cell-body">
              <span class="cell-title">
                {k.label}
                {k.due_on && <>：{k.due_on}</>}
              </span>
              <span class="cell-desc clock-how">{k.how}</span>
            </span>
            <span class={'tag ' + (k.done ? 'tag-ok' : k.paused ? 'tag-wait' : levelClass(urgencyLevel(k.days_left, k.overdue), 'tag'))} data-level={k.done || k.paused ? undefined : urgencyLevel(k.days_left, k.overdue)}>
              {k.done ? '已办' : k.paused ? '暂停' : daysText(k.days_left, k.overdue) || '—'}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The lawyer handling the case, and how to reach them. */
export function LawyerBox(props: { l: NonNullable<CaseView['lawyer']> }) {
  const l = props.l;
  return (
    <section class="sec-actions" aria-labelledby="lawyer-h">
      <h2 class="cells-title" id="lawyer-h">
        承办律师
      </h2>
      <p class="case-box">
        {l.name}
        {l.law_firm && <> · {l.law_firm}</>}
        {l.office_phone && <> · 办公电话 {l.office_phone}</>}
        {l.active === false && <span class="tag tag-bad">账号已停用，请改派</span>}
      </p>
    </section>
  );
}

/** The office handling the case (routed by where the work was done, or given it by 转办), and that place. */
export function OfficeBox(props: { c: CaseView }) {
  const { office: o, site_division_name: site } = props.c;
  return (
    <section class="sec-actions" aria-labelledby="office-h">
      <h2 class="cells-title" id="office-h">
        承办机构
      </h2>
      <p class="case-box" data-testid="case-office">
        {o?.name}
        {o?.phone && <> · 电话 {o.phone}</>}
        {site && <> · 干活的地方：{site}</>}
      </p>
      {props.c.linked_site && (
        <p class="case-box" data-testid="case-site">
          来自工地告示牌：<a href={`/office/sites/${props.c.linked_site.code}`}>{props.c.linked_site.name}</a>（编号 {props.c.linked_site.code_display}）
        </p>
      )}
    </section>
  );
}

/** The group the case belongs to (same employer or site), with a link to all of it. */
export function GroupBox(props: { g: NonNullable<CaseView['group']> }) {
  const g = props.g;
  return (
    <section class="sec-linked" aria-labelledby="group-h">
      <h2 class="cells-title" id="group-h">
        群体案件
      </h2>
      <p class="case-box">
        同一单位或工地共 {g.size} 人申请，合计欠 {yuan(g.total_owed_fen)}。{' '}
        <a href={`/office/cases/groups/${encodeURIComponent(g.key)}`}>查看全部</a>
      </p>
    </section>
  );
}

/** Other applications with the same ID number and employer within 30 days, each to compare. */
export function Duplicates(props: { c: CaseView }) {
  const c = props.c;
  return (
    <section class="sec-linked" aria-labelledby="dup-h">
      <h2 class="cells-title" id="dup-h">
        {c.duplicate ? '疑似重复（同一身份证号和单位，30 天内）' : '同一身份证号和单位的其他申请（30 天内）'}
      </h2>
      <ul class="cells">
        {(c.duplicates || []).map((d) => (
          <li key={d.id} class="cell">
            <span class="cell-body">
              <span class="cell-title">
                {d.applicant_name} · {d.stage_label}
                {!d.duplicate && <> <span class="tag tag-wait">不算重复</span></>}
              </span>
              <span class="cell-desc">
                {d.employer_name} · 收到 {shortDateTime(d.created_at)}
              </span>
            </span>
            <a class="btn btn-default btn-small" href={`/office/cases/${c.id}/compare/${d.id}`}>
              对比
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Documents(props: { c: CaseView }) {
  const docs = props.c.documents || [];
  if (!docs.length) return null;
  return (
    <section class="sec-docs" aria-labelledby="docs-h">
      <h2 class="cells-title" id="docs-h">
        文书（下载后可修改）
      </h2>
      <ul class="cells">
        {docs.map((d) => (
          <li key={d.kind} class="cell doc">
            <span class="cell-body">{d.label}</span>
            <Download path={d.docx_url} name={`${d.label}-${props.c.code_display || props.c.code}.docx`}>
              Word
            </Download>
            <Download path={d.pdf_url} name={`${d.label}-${props.c.code_display || props.c.code}.pdf`}>
              PDF
            </Download>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Timeline(props: { c: CaseView }) {
  return (
    <section class="sec-timeline" aria-labelledby="timeline-h">
      <h2 class="cells-title" id="timeline-h">
        经过
      </h2>
      <ol class="timeline" aria-label="案件经过">
        {props.c.timeline.map((t, i) => (
          <li key={i}>
            <span class="timeline-at">{shortDateTime(t.at)}</span>
            <span class="timeline-label">{t.label}</span>
            {t.note && <span class="timeline-note pre">{t.note}</span>}
            {t.reason && t.reason !== t.note && <span class="timeline-note pre">理由：{t.reason}</span>}
            {t.by && <span class="timeline-by">{t.by}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function Audit(props: { id: number }) {
  const [rows, setRows] = useState<AuditRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  return (
    <section class="sec-timeline" aria-labelledby="audit-h">
      <h2 class="cells-title" id="audit-h">
        谁看过这个案件
      </h2>
      {rows ? (
        <ul class="cells">
          {rows.map((r, i) => (
            <li key={i} class="cell">
              <span class="cell-body">
                <span class="cell-title">
                  {r.user_name}（{r.user_role}）
                </span>
                <span class="cell-desc">
                  {shortDateTime(r.at)} · {r.action_label || r.action} · {r.why}
                </span>
              </span>
            </li>
          ))}
        </ul>
      ) : error ? (
        <ErrorBox error={error} />
      ) : (
        <p class="case-box">
          <button
            type="button"
            class="btn btn-default btn-small"
            onClick={async () => {
              try {
                setRows(await loadAudit(props.id));
              } catch (e) {
                setError(e);
              }
            }}
          >
            查看记录
          </button>
        </p>
      )}
    </section>
  );
}
