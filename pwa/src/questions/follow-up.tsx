// 再问一句: a follow-up in the same thread, in words or by voice (the same recorder as /ask). 发送 puts it
// into the outbox under a client id made then (follow-up-store.ts): sent at once when online, else when
// the signal is back; the recording stays on the phone until the server has the message. The thread says
// what still waits to be sent (FollowUpsWaiting) and is read again once it has gone.
import { useState } from 'preact/hooks';
import { TextArea } from '../core/form-extra';
import { newId } from '../core/id';
import { queueFollowUp } from './follow-up-store';
import { FollowUpsWaiting } from './follow-ups-waiting';
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
    if (await queueFollowUp(props.code, props.phone, text, v.clip)) {
      setText('');
      setId(newId()); // the recording went with the follow-up; the next one starts empty
    } else setProblem('手机没能存下这句话（存储可能满了），请再试一次。');
    setBusy(false);
  };
  return (
    <form noValidate class="follow-up" onSubmit={(e) => void send(e)} aria-labelledby="fu-h">
      <h3 id="fu-h" class="cells-title">
        再问一句
      </h3>
      <FollowUpsWaiting code={props.code} onSent={props.onSent} />
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
