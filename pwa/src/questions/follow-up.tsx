// 再问一句: a follow-up in the same thread, in words or by voice (the same recorder as /ask). Sent at once
// under its own client id (a second press sends nothing twice); the recording stays on the phone until
// the server has the message. The thread is only shown online, so the follow-up is sent online too.
import { useState } from 'preact/hooks';
import { TextArea } from '../core/form-extra';
import { newId } from '../core/id';
import { OfflineError } from '../core/api';
import { sendFollowUp } from './api';
import { dropClips } from './draft';
import { uploadClip } from './store';
import { useVoice } from './use-voice';
import { VoiceBox } from './voice-box';

export function FollowUp(props: { code: string; phone: string; onSent: () => void }) {
  const [id, setId] = useState(newId);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const v = useVoice(id);
  const send = async (ev: Event) => {
    ev.preventDefault();
    if (!text.trim() && !v.clip) return setProblem('请说一段话，或者写几个字。');
    setBusy(true);
    setProblem('');
    try {
      if (v.clip) {
        const a = await uploadClip(v.clip.id, id);
        if (!a.ok) throw new Error(a.message);
      }
      await sendFollowUp(id, props.code, props.phone, text, v.clip?.id ?? null);
      await dropClips(id);
      setText('');
      setId(newId());
      props.onSent();
    } catch (err) {
      setProblem(err instanceof OfflineError ? '没有网络，联网后再发送。写的话和录音都还在。' : err instanceof Error ? err.message : '没有发出去，请再试一次。');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form noValidate class="follow-up" onSubmit={(e) => void send(e)} aria-labelledby="fu-h">
      <h3 id="fu-h" class="cells-title">
        再问一句
      </h3>
      <VoiceBox v={v} />
      <ul class="cells">
        <TextArea id="fu-text" label="或者写下来" value={text} onInput={setText} rows={3} maxLength={2000} />
      </ul>
      {problem && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={busy || v.state !== 'idle'}>
          {busy ? '正在发送…' : '发送'}
        </button>
      </div>
    </form>
  );
}
