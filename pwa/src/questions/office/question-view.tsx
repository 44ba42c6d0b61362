// One question (/office/questions/{id}): claim and release, the thread (listen, read), the photos, the answer
// (text and/or voice, cards, next step, the offer), 「转为法律援助申请」 with the checks it ran, and marking it.
// The claim sits under the summary (on a phone, before the thread); the conversion and marking at the side.
// Every open is audited by the server; a question of another office is 404 there, said plainly here.
import './questions.css';
import { Photos } from '../../aid/office/case-parts';
import { Pending, Section } from '../../core/cells';
import { Office } from '../../office/office-nav';
import { AnswerForm } from './answer-form';
import { ClaimBar } from './claim-bar';
import { ConvertBox } from './convert-box';
import { ModerateBox } from './moderate-box';
import { AgeTag, UrgentTags } from './queue-rows';
import { channelLabel, photosOf } from './queue-text';
import { Thread } from './thread';
import type { QuestionView } from './types';
import { useQuestion } from './use-question';

export function QuestionPage(props: { id: number }) {
  const s = useQuestion(props.id);
  const q = s.q;
  return (
    <Office section="questions" title={q ? `咨询 ${q.code_display}` : '咨询'} back="/office/questions">
      {!q ? (
        <Pending of={s.loaded} />
      ) : (
        <div class="case-cols">
          <div class="case-main">
            <Head q={q} />
            <ClaimBar s={s} />
            <Section id="thread-h" title="问题和回复">
              <Thread q={q} />
            </Section>
            {!!photosOf(q).length && (
              <Section id="photos-h" title="照片">
                <Photos items={photosOf(q)} />
              </Section>
            )}
            {s.canAnswer ? <AnswerForm q={q} onAnswered={s.reload} /> : !s.closed && <p class="page-desc">{s.held ? '别人正在回复这条咨询。' : '先认领，再回复：认领后别人就不会重复回答。'}</p>}
          </div>
          <div class="case-side">
            {s.error && (
              <p class="form-error" role="alert">
                {s.error}
              </p>
            )}
            <ConvertBox q={q} s={s} />
            <ModerateBox q={q} s={s} />
          </div>
        </div>
      )}
    </Office>
  );
}

function Head(props: { q: QuestionView }) {
  const q = props.q;
  const dates = [q.started_on && `开始干活 ${q.started_on}`, q.left_on && `离开 ${q.left_on}`, q.injured_on && `受伤 ${q.injured_on}`].filter(Boolean);
  return (
    <section class="case-head" aria-label="咨询概况">
      <p class="case-stage">
        <span class="tag tag-ok">{q.status_label}</span> <AgeTag q={q} /> <UrgentTags items={q.urgent} />
      </p>
      <p class="page-desc">{[q.case_type_label, channelLabel(q.channel, q.channel_label), q.phone_masked || '未留电话', [q.city, q.district].filter(Boolean).join(' '), q.office_name].filter(Boolean).join(' · ')}</p>
      {!!dates.length && <p class="page-desc">{dates.join('，')}</p>}
      {q.application_code && <p class="ok-box case-note">已转为法律援助申请，查询码 {q.application_code}</p>}
    </section>
  );
}
