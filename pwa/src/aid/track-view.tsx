// One application as the server's tracking answer gives it: the stage in plain Chinese, what
// happens next, the lawyer's office phone once assigned (tap to call), the reason when it was
// not accepted or refused, every step of the timeline; and, while materials are asked for,
// what is asked and by when, with the worker's text and photos sent through the outbox.
import { useEffect, useState } from 'preact/hooks';
import { useStore } from '../core/store';
import { shortDateTime } from '../core/time';
import { useLoad } from '../core/ui';
import { AidInput } from './fields';
import { PhotoPicker } from './photo-picker';
import { photosOf } from './store';
import { queuedSupplement, saveSupplementDraft, submitSupplement, supplementDraft, type SupplementDraft } from './supplement';
import type { AidPhoto, Tracked } from './types';

const REFUSED: Record<string, string> = { not_accepted: '不予受理的理由', refused: '不予法律援助的理由' };

/** The reason the worker reads, from the timeline step that refused. */
function refusal(t: Tracked): string {
  if (!(t.stage in REFUSED)) return '';
  const step = [...t.timeline].reverse().find((e) => e.stage === t.stage);
  return (step?.note || '').replace(/^(不予受理|决定不予法律援助)：/, '');
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
  const reason = refusal(t);
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
      {t.lawyer_office_phone && (
        <p class="track-lawyer">
          援助律师办公电话：
          <a class="tel-no" href={telHref(t.lawyer_office_phone)} data-testid="lawyer-phone">
            {t.lawyer_office_phone}
          </a>
          （点一下就能打）
        </p>
      )}
      {t.materials_request && <Materials t={t} phone={props.phone} onSupplied={props.onSupplied} />}
      <h2 class="track-sub">办理经过</h2>
      <ol class="timeline" aria-label="办理经过">
        {t.timeline.map((e, i) => (
          <li key={i}>
            <span class="timeline-when">{shortDateTime(Date.parse(e.at))}</span>
            <span class="timeline-what">
              <strong>{e.label}</strong>
              {e.note ? `：${e.note}` : ''}
              {e.by ? `（${e.by}）` : ''}
            </span>
          </li>
        ))}
      </ol>
      <p class="page-desc">照片 {t.evidence_count} 张</p>
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
          {m.due_on} 前。到期没有补充的，视为撤回申请（《法律援助法》第四十三条）。
        </p>
      )}
      {props.phone ? (
        <SupplementForm code={t.code} phone={props.phone} onSupplied={props.onSupplied} />
      ) : (
        <a class="btn btn-primary" href={`/aid/track?code=${encodeURIComponent(t.code)}`}>
          去补充材料
        </a>
      )}
    </section>
  );
}

function SupplementForm(props: { code: string; phone: string; onSupplied?: () => void }) {
  const st = useStore();
  const pending = useLoad(() => queuedSupplement(props.code), [props.code, st.outbox.version]);
  const [draft, setDraft] = useState<SupplementDraft | null>(null);
  const [photos, setPhotos] = useState<AidPhoto[]>([]);
  const [problem, setProblem] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [wasPending, setWasPending] = useState(false);

  useEffect(() => {
    void (async () => {
      const d = await supplementDraft(props.code);
      setDraft(d);
      setPhotos(await photosOf(d.id));
    })();
  }, [props.code]);

  // Sent and confirmed: the entry has left the outbox, so the page asks the server again.
  useEffect(() => {
    if (pending.loading) return;
    if (pending.data) setWasPending(true);
    else if (wasPending) {
      setWasPending(false);
      props.onSupplied?.();
    }
  }, [pending.data, pending.loading]);

  const e = pending.data;
  if (e) {
    return e.state === 'rejected' ? (
      <div class="bad-box" role="alert">
        <p>补充的材料没有送到：{e.message}</p>
        <a class="btn btn-default" href="/outbox">
          看待发送
        </a>
      </div>
    ) : (
      <p class="msg" role="status" data-testid="supplement-waiting">
        <strong>补充的材料已存在手机上，</strong>
        {st.outbox.sending ? '正在发送…' : '有信号时会自动发出，不用再按。'}
      </p>
    );
  }
  if (!draft) return null;
  return (
    <form
      noValidate
      aria-label="补充材料"
      onSubmit={async (ev) => {
        ev.preventDefault();
        if (!draft.text.trim() && !photos.length) {
          setError('请写几句话或者加上照片。');
          return;
        }
        setBusy(true);
        const kept = await submitSupplement(props.code, props.phone, draft);
        setBusy(false);
        if (kept !== 'queued') setProblem('没能存到手机上（手机存储可能满了）。请清理一下手机空间再发，写的内容还在。');
        else {
          setWasPending(true);
          pending.retry();
        }
      }}
    >
      <ul class="cells">
        <AidInput
          id={`sup-${props.code}`}
          label="写几句话（可以不写）"
          multiline
          value={draft.text}
          error={error}
          onInput={(v) => {
            const d = { ...draft, text: v };
            setDraft(d);
            setError('');
            void saveSupplementDraft(props.code, d);
          }}
        />
      </ul>
      <PhotoPicker ownerId={draft.id} photos={photos} setPhotos={(p) => (setPhotos(p), setError(''))} setProblem={setProblem} idPrefix="sup-ph" />
      {problem && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? '正在保存…' : '发送补充材料'}
        </button>
      </div>
      <p class="page-desc">没信号也可以按：先存在手机上，有信号时自动发出，只会发一次。</p>
    </form>
  );
}
