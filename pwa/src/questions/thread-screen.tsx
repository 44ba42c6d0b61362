// /q: the answer to a question. Opened from the text's link (/q/<code>: the code is already filled in,
// moved out of the address bar) or typed: the code and the phone, then the thread (thread-view.tsx):
// the voice answer to play, the text, the cards (which open offline), the next step, a follow-up, and
// 「申请法律援助」 where the answerer offered it. /me/questions: a signed-in worker's questions.
import { Field, FormEnd } from '../core/form';
import { Page } from '../core/cells';
import { useThread } from './use-thread';
import { ThreadView } from './thread-view';

export function ThreadPage(props: { code: string }) {
  const { code, setCode, phone, setPhone, errors, busy, problem, found, again, submit } = useThread(props.code);
  return (
    <Page title="看回复" back="/">
      <p class="page-desc">填上查询码和发问题时留的手机号，就能听到、看到回复。</p>
      <form noValidate onSubmit={submit}>
        <ul class="cells">
          <Field id="q-code" label="查询码" value={code} onInput={setCode} error={errors.code} placeholder="如 K7QM-X3WP" />
          <Field id="q-phone" label="发问题时填的手机号" value={phone} onInput={setPhone} error={errors.phone} type="tel" inputMode="tel" autoComplete="tel" />
        </ul>
        <FormEnd error={problem} submit={busy ? '正在查…' : '看回复'} disabled={busy} />
      </form>
      {found && <ThreadView t={found.t} phone={found.phone} onSent={() => void again()} />}
    </Page>
  );
}
