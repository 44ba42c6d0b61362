// The answer: text and/or a voice reply, cards from the picker, the next step, and 「可以申请法律援助」 (the worker's
// page then shows 申请法律援助). Sent once (use-answer.ts); the asker gets an SMS with the link.
import { CheckBox, Select, TextArea } from '../../core/form-extra';
import { FormEnd } from '../../core/form';
import { CardPicker } from './card-picker';
import { NEXT_STEPS } from './queue-text';
import type { NextStep, QuestionView } from './types';
import { useAnswer } from './use-answer';
import { VoiceReply } from './voice-reply';

export function AnswerForm(props: { q: QuestionView; onAnswered: () => void }) {
  const a = useAnswer(props.q.id, props.onAnswered);
  return (
    <section aria-labelledby="answer-h">
      <h2 class="cells-title" id="answer-h">
        回复
      </h2>
      <form onSubmit={a.submit} aria-label="回复" noValidate>
        <ul class="cells">
          <TextArea id="answer-text" label="文字回复" rows={5} value={a.text} onInput={a.setText} placeholder="用工友听得懂的话回答：能不能要、找谁、要带什么" />
          <VoiceReply clip={a.clip} onClip={a.recorded} />
          <CardPicker chosen={a.cards} add={a.addCard} drop={a.dropCard} />
          <Select id="answer-next" label="下一步" value={a.next} onChange={(v) => a.setNext(v as NextStep)} options={NEXT_STEPS} />
          <CheckBox id="answer-offer" label="可以申请法律援助（工友的页面会出现「申请法律援助」）" checked={a.offer} onChange={a.setOffer} />
        </ul>
        <FormEnd error={a.error} disabled={a.busy} submit={a.busy ? '正在发送…' : '发送回复'} note="发送后，提问人会收到短信，点链接就能看到、听到回复。" />
      </form>
    </section>
  );
}
