// One case, for the office (/office/cases/{id}) and for its lawyer (/cases/{id}): who acts
// next and by when, the clocks with how each date was computed, the facts, the photos, the
// moves allowed to this person, the timeline, the documents. Every open is audited by the server.
import { useEffect, useState } from 'preact/hooks';
import { HttpError } from '../../core/api';
import { navigate } from '../../core/router';
import { shortDateTime } from '../../core/time';
import { ErrorBox, Loading, PageHeader, useLoad, useTitle } from '../../core/ui';
import { Actions } from './case-actions';
import { type AuditRow, type CaseView, loadAudit, loadCase } from './case-api';
import { daysText, Download, Flags, levelClass, NotForYou, Photos, useHandler } from './case-parts';
import { urgencyLevel, yuan } from './case-text';

export function CasePage(props: { id: number; office: boolean }) {
  const who = useHandler();
  const office = props.office && who === 'office'; // a lawyer sent an office link sees the lawyer's page
  const back = office ? '/office/cases' : '/cases';
  const loaded = useLoad(() => (who === 'office' || who === 'lawyer' ? loadCase(props.id) : Promise.resolve(null)), [props.id, who]);
  const [c, setC] = useState<CaseView | null>(null);
  useEffect(() => setC(loaded.data ?? null), [loaded.data]);
  useTitle(c ? `案件 ${c.applicant_name}` : '案件');
  if (who === null || who === 'none') return <NotForYou title="案件" signedIn={who === 'none'} back={back} />;
  if (loaded.error) {
    const refused = loaded.error instanceof HttpError && (loaded.error.status === 403 || loaded.error.status === 404);
    return (
      <div class="page page-wide">
        <PageHeader title="案件" back={back} />
        <ErrorBox error={loaded.error} retry={refused ? undefined : loaded.retry} />
        {refused && (
          <p class="page-desc">
            <a href={back}>{office ? '回到案件列表' : '回到我的案件'}</a>
          </p>
        )}
      </div>
    );
  }
  if (!c) {
    return (
      <div class="page page-wide">
        <PageHeader title="案件" back={back} />
        <Loading />
      </div>
    );
  }
  return (
    <div class="page page-wide">
      <PageHeader title={`${c.applicant_name} · ${c.case_type_label}`} back={back} />
      {/* On a phone one column: the moves right under the summary; from 900 px two columns. */}
      <div class="case-cols">
        <div class="case-main">
          <section class="case-head sec-head" aria-label="案件概况">
            <p class="case-stage">
              <span class="tag tag-ok">{c.stage_label}</span> <span class="case-code">查询码 {c.code_display || c.code}</span>
            </p>
            <Flags c={{ ...c, group_size: c.group?.size ?? 0 }} />
            <NextActor c={c} />
            {c.staff_alert && (
              <p class="warn-box case-note" data-testid="staff-alert">
                {c.staff_alert}
              </p>
            )}
            {c.first_aid && <p class="warn-box case-note">{c.first_aid_note || '时效快到了（不足 7 天）：按《法律援助法》第四十四条先行提供法律援助，手续后补。'}</p>}
          </section>
          <Facts c={c} />
          <section class="sec-photos" aria-labelledby="photos-h">
            <h2 class="cells-title" id="photos-h">
              证据照片（{c.evidence.length} 张）
            </h2>
            <div class="case-box">
              <Photos items={c.evidence} />
            </div>
          </section>
          {c.materials_request && <Materials m={c.materials_request} />}
          {!!c.progress?.length && <Progress c={c} />}
          {c.outcome && (
            <section class="sec-outcome" aria-labelledby="outcome-h">
              <h2 class="cells-title" id="outcome-h">
                结案
              </h2>
              <dl class="facts">
                <Fact k="结案方式" v={c.outcome.outcome_label} />
                <Fact k="追回金额" v={yuan(c.outcome.recovered_fen)} />
                <Fact k="结案日期" v={c.outcome.closed_on} />
                <Fact k="备注" v={c.outcome.note} />
              </dl>
            </section>
          )}
          {c.follow_up && (
            <section class="sec-outcome" aria-labelledby="follow-h">
              <h2 class="cells-title" id="follow-h">
                回访
              </h2>
              <dl class="facts">
                <Fact k="联系上" v={c.follow_up.reached ? '联系上了' : '没联系上'} />
                <Fact k="满意度" v={c.follow_up.satisfaction ? `${c.follow_up.satisfaction} / 5` : ''} />
                <Fact k="记录" v={c.follow_up.comment} />
              </dl>
            </section>
          )}
        </div>
        <div class="case-side">
          <section class="sec-actions" aria-labelledby="actions-h">
            <h2 class="cells-title" id="actions-h">
              操作
            </h2>
            <div class="case-box">
              <Actions
                c={c}
                onDone={(answer) => {
                  // A lawyer who declined no longer handles the case: the answer holds no case to show.
                  if (answer.handler === false) navigate(back, { replace: true });
                  else setC(answer as CaseView);
                }}
              />
            </div>
          </section>
          <Clocks c={c} />
          {c.lawyer && (
            <section class="sec-actions" aria-labelledby="lawyer-h">
              <h2 class="cells-title" id="lawyer-h">
                承办律师
              </h2>
              <p class="case-box">
                {c.lawyer.name}
                {c.lawyer.law_firm && <> · {c.lawyer.law_firm}</>}
                {c.lawyer.office_phone && <> · 办公电话 {c.lawyer.office_phone}</>}
                {c.lawyer.active === false && <span class="tag tag-bad">账号已停用，请改派</span>}
              </p>
            </section>
          )}
          {office && c.group && (
            <section class="sec-linked" aria-labelledby="group-h">
              <h2 class="cells-title" id="group-h">
                群体案件
              </h2>
              <p class="case-box">
                同一单位或工地共 {c.group.size} 人申请，合计欠 {yuan(c.group.total_owed_fen)}。{' '}
                <a href={`/office/cases/groups/${encodeURIComponent(c.group.key)}`}>查看全部</a>
              </p>
            </section>
          )}
          {office && !!c.duplicates?.length && (
            <section class="sec-linked" aria-labelledby="dup-h">
              <h2 class="cells-title" id="dup-h">
                {c.duplicate ? '疑似重复（同一身份证号和单位，30 天内）' : '同一身份证号和单位的其他申请（30 天内）'}
              </h2>
              <ul class="cells">
                {c.duplicates.map((d) => (
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
          )}
          <Documents c={c} />
          <Timeline c={c} />
          {office && <Audit id={c.id} />}
        </div>
      </div>
      {!office && <p class="page-desc">只显示指派给你的案件。案件改派后，你就看不到了。</p>}
    </div>
  );
}

function NextActor(props: { c: CaseView }) {
  const c = props.c;
  if (!c.next_actor_label) return null;
  return (
    <p class={'next-actor ' + (c.paused ? 'warn-box' : levelClass(urgencyLevel(c.days_left, c.overdue), 'box'))} data-testid="next-actor">
      <strong>下一步：</strong>
      {c.next_actor_label}
      {c.due_on && (
        <>
          {' '}
          · {c.paused && c.due_label === '补充材料期限' ? '计时暂停（等补充材料）' : `${c.due_label ? c.due_label + ' ' : ''}${c.due_on} 前（${daysText(c.days_left, c.overdue)}）`}
        </>
      )}
    </p>
  );
}

function Fact(props: { k: string; v: string | number | null | undefined; pre?: boolean; note?: string }) {
  if (props.v == null || props.v === '') return null;
  return (
    <div class="fact">
      <dt>{props.k}</dt>
      <dd class={props.pre ? 'pre' : ''}>
        {props.v}
        {props.note && <span class="fact-note">{props.note}</span>}
      </dd>
    </div>
  );
}

function Facts(props: { c: CaseView }) {
  const c = props.c;
  return (
    <section class="sec-facts" aria-labelledby="facts-h">
      <h2 class="cells-title" id="facts-h">
        申请人和案情
      </h2>
      <dl class="facts">
        <Fact k="申请人" v={c.applicant_name} />
        <Fact k="手机号" v={c.phone} />
        <Fact k="身份证号" v={c.id_number} note={c.id_number_note} />
        <Fact k="户籍地" v={c.hometown} />
        <Fact k="案件类型" v={c.case_type_label} />
        <Fact k="经济状况" v={c.means_test_label} />
        <Fact k="单位/包工头" v={c.employer_name} />
        <Fact k="对方电话" v={c.employer_phone} />
        <Fact k="总包单位" v={c.contractor} />
        <Fact k="工地" v={[c.site, c.project].filter(Boolean).join(' · ')} />
        <Fact k="地点" v={[c.city, c.district].filter(Boolean).join(' ')} />
        <Fact k="开始干活" v={c.started_on} />
        <Fact k="最后发工资" v={c.last_paid_on} />
        <Fact k="离开工地" v={c.left_on} />
        <Fact k="受伤日期" v={c.injured_on} />
        <Fact k="欠款金额" v={c.amount_owed_fen == null ? '' : yuan(c.amount_owed_fen)} />
        <Fact k="代为申请" v={c.on_behalf ? `由${c.submitted_by_role || '志愿者'}代为提交${c.worker_consent_confirmed ? '，已确认工友本人同意' : ''}` : ''} />
        <Fact k="工友自述" v={c.account || '（没有写）'} pre />
        {!!c.coworkers?.length && <Fact k="一起的工友" v={c.coworkers.map((w) => (w.phone ? `${w.name} ${w.phone}` : w.name)).join('、')} />}
      </dl>
    </section>
  );
}

function Clocks(props: { c: CaseView }) {
  if (!props.c.clocks?.length) return null;
  return (
    <section class="sec-actions" aria-labelledby="clocks-h">
      <h2 class="cells-title" id="clocks-h">
        期限
      </h2>
      <ul class="cells clocks">
        {props.c.clocks.map((k) => (
          <li key={k.name} class={'cell' + (k.overdue ? ' clock-overdue' : '')}>
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

function Materials(props: { m: NonNullable<CaseView['materials_request']> }) {
  const m = props.m;
  return (
    <section class="sec-photos" aria-labelledby="materials-h">
      <h2 class="cells-title" id="materials-h">
        补充材料
      </h2>
      <div class="case-box">
        <p>
          <strong>要求：</strong>
          {m.asked}
        </p>
        {m.due_on && <p class="cell-desc">期限 {m.due_on}</p>}
        {(m.supplied || []).map((s, i) => (
          <p key={i} class="cell-desc">
            {shortDateTime(s.at)} 工友补充：{s.text || `${s.upload_ids.length} 张照片`}
          </p>
        ))}
      </div>
    </section>
  );
}

function Progress(props: { c: CaseView }) {
  return (
    <section class="sec-photos" aria-labelledby="progress-h">
      <h2 class="cells-title" id="progress-h">
        办案进展
      </h2>
      <ul class="cells">
        {props.c.progress.map((p, i) => (
          <li key={i} class="cell">
            <span class="cell-body">
              <span class="cell-title">
                <span class="tag tag-wait">{p.kind_label}</span> {p.happened_on || shortDateTime(p.at)}
              </span>
              <span class="cell-desc pre">{p.note}</span>
              {p.next_hearing_on && <span class="cell-desc">下次开庭/调解：{p.next_hearing_on}</span>}
              {p.by && <span class="cell-desc">记录人：{p.by}</span>}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Timeline(props: { c: CaseView }) {
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

function Documents(props: { c: CaseView }) {
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

function Audit(props: { id: number }) {
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
