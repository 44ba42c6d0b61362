// The worker's 补充材料: text and photos, kept on the phone from the first key and sent through
// the outbox (supplement.ts). Loaded on demand from the tracking view (track-view.tsx).
import { useEffect, useState } from 'preact/hooks';
import type { OutboxEntry } from '../core/outbox';
import { useStore } from '../core/store';
import { useLoad } from '../core/ui';
import { FormEnd } from '../core/form';
import { TextArea } from '../core/form-extra';
import { PhotoPicker } from './photo-picker';
import { photosOf } from './draft';
import { queuedSupplement, saveSupplementDraft, submitSupplement, supplementDraft, type SupplementDraft } from './supplement';
import type { AidPhoto } from './types';

/** The supplement's draft and photos, what of it waits in the outbox, and sending it. */
function useSupplement(props: { code: string; phone: string; onSupplied?: () => void }) {
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

  const send = async (ev: Event) => {
    ev.preventDefault();
    if (!draft) return;
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
  };
  const type = (v: string) => {
    if (!draft) return;
    const d = { ...draft, text: v };
    setDraft(d);
    setError('');
    void saveSupplementDraft(props.code, d);
  };
  return { sending: st.outbox.sending, pending: pending.data, draft, photos, setPhotos: (p: AidPhoto[]) => (setPhotos(p), setError('')), problem, setProblem, error, busy, send, type };
}

export function SupplementForm(props: { code: string; phone: string; onSupplied?: () => void }) {
  const s = useSupplement(props);
  if (s.pending) return <Pending e={s.pending} sending={s.sending} />;
  if (!s.draft) return null;
  return (
    <form noValidate aria-label="补充材料" onSubmit={s.send}>
      <ul class="cells">
        <TextArea id={`sup-${props.code}`} label="写几句话（可以不写）" rows={5} value={s.draft.text} error={s.error} onInput={s.type} />
      </ul>
      <PhotoPicker ownerId={s.draft.id} photos={s.photos} setPhotos={s.setPhotos} setProblem={s.setProblem} idPrefix="sup-ph" />
      <FormEnd error={s.problem} submit={s.busy ? '正在保存…' : '发送补充材料'} disabled={s.busy} note="没信号也可以按：先存在手机上，有信号时自动发出，只会发一次。" />
    </form>
  );
}

/** The supplement in the outbox: waiting to be sent, or refused. */
function Pending(props: { e: OutboxEntry<unknown>; sending: boolean }) {
  const e = props.e;
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
      {props.sending ? '正在发送…' : '有信号时会自动发出，不用再按。'}
    </p>
  );
}
