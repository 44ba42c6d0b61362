// The main column of a case's page: who acts next, the facts, what was asked and supplied, the
// progress, how it closed and the follow-up call. The photos come from case-parts.tsx; the phone shows masked,
// with 打电话 beside it (case-desk.tsx).
import { shortDateTime } from '../../core/time';
import type { CaseView } from './case-api';
import { CallButton } from './case-desk';
import { daysText, levelClass } from './case-parts';
import { urgencyLevel, yuan } from './case-text';

export function NextActor(props: { c: CaseView }) {
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

export function Facts(props: { c: CaseView }) {
  const c = props.c;
  return (
    <section class="sec-facts" aria-labelledby="facts-h">
      <h2 class="cells-title" id="facts-h">
        申请人和案情
      </h2>
      <dl class="facts">
        <Fact k="申请人" v={c.applicant_name} />
        <div class="fact">
          <dt>手机号</dt>
          <dd class="fact-call">
            {c.phone_masked} <CallButton id={c.id} />
          </dd>
        </div>
        <Fact k="身份证号" v={c.id_number} note={c.id_number_note} />
        <Fact k="户籍地" v={c.hometown} />
        <Fact k="案件类型" v={c.case_type_label} />
        <Fact k="经济状况" v={c.means_test_label} />
        <Fact k="单位/包工头" v={c.employer_name} />
        <Fact k="对方电话" v={c.employer_phone} />
        <Fact k="总包单位" v={c.contractor} />
        <Fact k="建设单位" v={c.owner} />
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

export function Materials(props: { m: NonNullable<CaseView['materials_request']> }) {
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

export function Progress(props: { c: CaseView }) {
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

/** How the case closed. */
export function Outcome(props: { o: NonNullable<CaseView['outcome']> }) {
  const o = props.o;
  return (
    <section class="sec-outcome" aria-labelledby="outcome-h">
      <h2 class="cells-title" id="outcome-h">
        结案
      </h2>
      <dl class="facts">
        <Fact k="结案方式" v={o.outcome_label} />
        <Fact k="追回金额" v={yuan(o.recovered_fen)} />
        <Fact k="结案日期" v={o.closed_on} />
        <Fact k="备注" v={o.note} />
      </dl>
    </section>
  );
}

/** The follow-up call after closing. */
export function FollowUp(props: { f: NonNullable<CaseView['follow_up']> }) {
  const f = props.f;
  return (
    <section class="sec-outcome" aria-labelledby="follow-h">
      <h2 class="cells-title" id="follow-h">
        回访
      </h2>
      <dl class="facts">
        <Fact k="联系上" v={f.reached ? '联系上了' : '没联系上'} />
        <Fact k="满意度" v={f.satisfaction ? `${f.satisfaction} / 5` : ''} />
        <Fact k="记录" v={f.comment} />
      </dl>
    </section>
  );
}
