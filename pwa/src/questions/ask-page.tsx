// /ask (问一问): a question by voice (hold to record, up to 60 s) or in words, or both; the kind of case
// as picture buttons; the dates that matter for it; where; a photo; the phone to be told on; the two
// consents. No account needed. Written to the phone at every key, sent through the outbox (store.ts),
// so it works with no signal. A lazy chunk every phone keeps ('later'): it opens offline after the first visit.
// With it: /ask/sent/<id> (the code once the server has it), /q (the answer: thread-screen.tsx) and
// /me/questions (mine-view.tsx).
import { CaseTypePicker } from '../aid/case-type-picker';
import { TextArea } from '../core/form-extra';
import { Section } from '../core/cells';
import { Loading, PageHeader, useTitle } from '../core/ui';
import { Contact, Dates, Photo, Place } from './ask-parts';
import { TEXT_MAX } from './body';
import { useAsk } from './use-ask';
import { useVoice } from './use-voice';
import { VoiceBox } from './voice-box';
import type { Ask } from './use-ask';

// The other screens of 问一问 come in the same chunk (one download, kept with the same tier).
export { AskSentPage } from './sent-view';
export { ThreadPage } from './thread-screen';
export { MyQuestionsPage } from './mine-view';

export function AskPage(props: { params: URLSearchParams }) {
  useTitle('问一问');
  const c = useAsk(props.params);
  return (
    <div class="page ask">
      <PageHeader title="问一问" back="/" />
      {c ? <AskForm c={c} /> : <Loading />}
    </div>
  );
}

function AskForm({ c }: { c: Ask }) {
  const v = useVoice(c.draft.id, c.voiced);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void c.send(!!v.clip);
      }}
    >
      {c.draft.fixing && (
        <p class="msg bad-box" role="alert">
          上次没有送到，服务器说：{c.draft.fixing} 请改好后再发送，不会重复。
        </p>
      )}
      <p class="page-desc ask-intro">有什么事，说给我们听。律师或志愿者 24 小时内回复，回复了会发短信告诉你。没有信号也能录，有信号时自动发出。</p>
      <Section id="q-say-h" title="说一说，或者写下来">
        <VoiceBox v={v} />
        <ul class="cells">
          <TextArea id="q-text" label="或者写下来（可以不写）" value={c.a.text} onInput={(t) => c.set({ text: t })} error={c.errors.text} rows={4} maxLength={TEXT_MAX} placeholder="比如：干了三个月，老板一直不发工资，怎么办？" />
        </ul>
      </Section>
      <Section id="q-type-h" title="是什么事？点一个">
        <CaseTypePicker value={c.a.case_type} onPick={(t) => c.set({ case_type: t })} error={c.errors.case_type} errorId="q-case_type-error" />
      </Section>
      <Dates c={c} />
      <Place c={c} />
      <Photo c={c} />
      <Contact c={c} />
      {c.problem && (
        <p class="form-error" role="alert">
          {c.problem}
        </p>
      )}
      <div class="form-actions">
        <button type="submit" class="btn btn-primary btn-big" disabled={c.busy || v.state !== 'idle'}>
          {c.busy ? '正在保存…' : '发送问题'}
        </button>
      </div>
    </form>
  );
}
