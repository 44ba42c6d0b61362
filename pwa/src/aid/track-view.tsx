// One application as the server's tracking answer gives it: the stage in plain Chinese, what
// happens next, the office handling it and its phone, the lawyer's office phone once assigned (tap to call), the reason when it was
// not accepted or refused, every step of the timeline; and, while materials are asked for,
// what is asked and by when, with the worker's text and photos sent through the outbox.
import { chinaTime, shortDateTime } from '../core/time';
import { Lazy } from '../core/ui';
import { trackHref } from './track-link';
import type { Tracked } from './types';

// The supplement's form (photo picker, shrinking) loads when materials are asked for: it is
// precached with everything else, but not in the first download.
const supplementForm = () => import('./supplement-form');

export const REFUSED: Record<string, string> = { not_accepted: '为什么不受理', refused: '为什么不给法律援助', terminated: '为什么终止' };

/** The reason the worker reads, from the timeline step that refused (shown once, in its box). */
export function refusalReason(t: Tracked): string {
  if (!(t.stage in REFUSED)) return '';
  const step = [...t.timeline].reverse().find((e) => e.stage === t.stage);
  return step?.note || '';
}

/** "下一次调解：12月31日上午 9:30，在某某仲裁院" (Beijing time). */
function hearingWords(h: NonNullable<Tracked['next_hearing']>): string {
  const [, m, d, hh, mm] = chinaTime(h.starts_at).split(/\D/);
  return `下一次${h.kind_label}：${+m}月${+d}日${+hh < 12 ? '上午' : '下午'} ${+hh % 12 || 12}:${mm}，在${h.place}`;
}

function telHref(phone: string): string {
  return 'tel:' + phone.replace(/[^\d+]/g, '');
}

/**
 * `phone`: the number the worker tracked with, which the 补充材料 need; without it (我的申请)
 * the page sends the worker to 查进度 for them.
 */
export function TrackView(props: { t: Tracked; phone?: string; onSupplied?: () => void }) {
  const { t } = props;
  const reason = refusalReason(t);
  return (
    <div class="msg track" data-testid="track">
      <p class="track-head">
        <strong>{t.case_type_label}</strong> · 查询码 <span class="code-inline">{t.code_display}</span>
      </p>
      <p class="track-stage" data-testid="track-stage">
        现在：<strong>{t.stage_label}</strong>
      </p>
      {t.next_step && (
        <p class="track-next" data-testid="track-next">
          {t.next_step}
        </p>
      )}
      {reason && (
        <p class="bad-box track-reason" data-testid="track-reason">
          <strong>{REFUSED[t.stage]}：</strong>
          {reason}
        </p>
      )}
      {(t.office_phone || t.office_name !== '法律援助机构') && (
        <p class="track-lawyer" data-testid="track-office">
          现在由 {t.office_name} 办理
          {t.office_phone && <>，电话 <a class="tel-no" href={telHref(t.office_phone)}>{t.office_phone}</a></>}
        </p>
      )}
      {t.lawyer_law_firm && <p class="track-lawyer">援助律师所在的律师事务所：{t.lawyer_law_firm}</p>}
      {t.lawyer_office_phone && (
        <p class="track-lawyer">
          援助律师办公电话：
          <a class="tel-no" href={telHref(t.lawyer_office_phone)} data-testid="lawyer-phone">
            {t.lawyer_office_phone}
          </a>
          （点一下就能打）
        </p>
      )}
      {t.next_hearing && <p class="track-next" data-testid="track-hearing">{hearingWords(t.next_hearing)}</p>}
      {t.materials_request && <Materials t={t} phone={props.phone} onSupplied={props.onSupplied} />}
      <h2 class="track-sub">办理经过</h2>
      <ol class="timeline" aria-label="办理经过">
        {t.timeline.map((e, i) => (
          <li key={i}>
            <span class="timeline-when">{shortDateTime(Date.parse(e.at))}</span>
            <span class="timeline-what">
              <strong>{e.label}</strong>
              {e.note && e.note !== reason ? `：${e.note}` : ''}
              {e.by ? `（${e.by}）` : ''}
            </span>
          </li>
        ))}
      </ol>
      {t.evidence_count > 0 && <p class="page-desc">交了照片 {t.evidence_count} 张</p>}
    </div>
  );
}

function Materials(props: { t: Tracked; phone?: string; onSupplied?: () => void }) {
  const { t } = props;
  const m = t.materials_request!;
  return (
    <section class="track-materials" aria-labelledby={`materials-${t.code}`}>
      <h2 class="track-sub" id={`materials-${t.code}`}>
        需要你补充材料
      </h2>
      <p>
        <strong>要补充：</strong>
        {m.asked}
      </p>
      {m.due_on && (
        <p>
          <strong>期限：</strong>
          {m.due_on} 前
        </p>
      )}
      {props.phone ? (
        <Lazy load={supplementForm} render={(f) => <f.SupplementForm code={t.code} phone={props.phone!} onSupplied={props.onSupplied} />} />
      ) : (
        <a class="btn btn-primary" href={trackHref(t.code)}>
          去补充材料
        </a>
      )}
    </section>
  );
}

