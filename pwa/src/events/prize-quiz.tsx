// 有奖知识问答 at an event, on the attendee's own phone: the event's questions (kept with the event, so they open
// offline), one answer each, then 交卷: kept in the outbox and sent once; the score is the server's, never this
// phone's. One go per person: once handed in, this screen shows what was sent or the server's result.
// Not in the first download (a worker's first visit stays small): 我的报名 loads this module, with signal, for a
// sent sign-up (quizLink), which registers the quiz's outbox sender; a quiz handed in waits in the outbox until then.
import { useState } from 'preact/hooks';
import { enqueue, flush, flushSoon, listEntries, postOnce, readAnswer, registerSender, type Sender } from '../core/outbox';
import { request } from '../core/api';
import { newId } from '../core/id';
import { getState, useStore } from '../core/store';
import { ErrorBox, Loading, PageHeader, useLoad, useTitle } from '../core/ui';
import { loadEvent, mySignup } from './events';
import type { EventInfo, MySignup, QuizResult } from './types';

type Quiz = NonNullable<EventInfo['quiz']>;

/**
 * The prize quiz's answers, sent once (Idempotency-Key: the id made when the attendee handed in); the score is the
 * server's. A refusal stays in the outbox with its reason, which the quiz's screen reads there.
 */
const quizSender: Sender<{ mine: string; body: unknown }> = {
  kind: 'quiz',
  stores: ['mine'],
  send: async ([e]) => [await readAnswer(await request('/api/v1/quiz/answers', postOnce(e, e.payload.body)))],
  async onDelivered(tx, items) {
    const mine = tx.objectStore('mine');
    for (const { entry, data } of items) {
      const had = await mine.get(entry.payload.mine);
      if (had) await mine.put({ ...had, quiz: { state: 'scored', ...(data as QuizResult) } });
    }
  },
};

registerSender(quizSender);
flushSoon();

/** 我的报名's way in, for an event that runs a quiz (the event as kept on the phone says so). */
export async function quizLink(s: MySignup) {
  return (await loadEvent(s.eventId)).quiz ? (
    <a class="btn btn-default" href={`/events/mine/${s.id}/quiz`}>
      有奖知识问答（签到后参加）
    </a>
  ) : null;
}

async function handIn(s: MySignup, ev: EventInfo, answers: Record<string, string>): Promise<void> {
  const body = { qr_token: s.qrToken, answers: Object.entries(answers).map(([id, answer]) => ({ id, answer })), answered_at: new Date().toISOString() };
  const entry = { id: newId(), kind: 'quiz', group: `quiz:${ev.id}`, payload: { mine: s.id, body }, label: `有奖问答交卷：${ev.title}` };
  await enqueue(entry, async (tx) => {
    await tx.objectStore('mine').put({ ...s, quiz: { state: 'waiting' } });
  });
  if (getState().online) await flush();
}

export function PrizeQuizPage(props: { id: string }) {
  const st = useStore();
  const got = useLoad(async () => {
    const s = await mySignup(props.id);
    const sent = (await listEntries()).find((e) => e.kind === 'quiz' && (e.payload as { mine: string }).mine === props.id);
    return { s, ev: s ? await loadEvent(s.eventId) : undefined, refused: sent?.state === 'rejected' ? sent.message || '' : null };
  }, [props.id, st.outbox.version]);
  useTitle('有奖知识问答');
  const back = `/events/mine/${props.id}`;
  if (got.error) return <ErrorBox error={got.error} retry={got.retry} />;
  if (!got.data) return <Loading />;
  const { s, ev, refused } = got.data;
  return (
    <div class="page">
      <PageHeader title="有奖知识问答" back={back} />
      {!s || !ev?.quiz || !s.qrToken ? (
        <p class="msg">这场活动没有知识问答，或者还没报上名。</p>
      ) : refused !== null ? (
        <p class="msg bad" role="alert">
          没有交上：{refused}（到「待发送」里可以看原因）
        </p>
      ) : s.quiz ? (
        <Handed q={s.quiz} quiz={ev.quiz} />
      ) : (
        <Questions quiz={ev.quiz} send={(a) => handIn(s, ev, a)} />
      )}
    </div>
  );
}

function Questions(props: { quiz: Quiz; send: (a: Record<string, string>) => Promise<void> }) {
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const qs = props.quiz.questions || [];
  return (
    <form
      class="quiz"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        await props.send(answers);
      }}
    >
      <p class="page-desc">
        共 {qs.length} 题，答对 {props.quiz.pass_mark} 题及格，及格的找志愿者领奖品。只能交一次卷；没有网络也能答，有网后自动交上。
      </p>
      {qs.map((q, i) => (
        <fieldset key={q.id} class="quiz-options">
          <legend class="quiz-q">
            {i + 1}. {q.question}
          </legend>
          {(q.options || []).map((o) => (
            <label key={o} class="quiz-option">
              <input type="radio" name={q.id} checked={answers[q.id!] === o} onChange={() => setAnswers({ ...answers, [q.id!]: o })} /> {o}
            </label>
          ))}
        </fieldset>
      ))}
      <button type="submit" class="btn btn-primary" disabled={busy || Object.keys(answers).length < qs.length}>
        {busy ? '正在交卷…' : '交卷'}
      </button>
    </form>
  );
}

function Handed(props: { q: NonNullable<MySignup['quiz']>; quiz: Quiz }) {
  const q = props.q;
  if (q.state === 'waiting') return <p class="msg" role="status">已交卷，等待发送：有网后会自动交上，成绩由服务器判。</p>;
  return (
    <section class="quiz" aria-live="polite">
      <h2 class="quiz-score">
        答对 {q.score} 题，共 {q.total} 题：{q.passed ? '及格了！请找志愿者领奖品。' : `没有及格（要答对 ${props.quiz.pass_mark} 题）。`}
      </h2>
      {q.prize_given ? <p>奖品已经领过了。</p> : null}
      <ol class="quiz-review">
        {(q.questions || []).map((r) => (
          <li key={r.id} class={r.right ? 'ok' : 'bad'}>
            <p class="quiz-review-q">{r.question}</p>
            <p>正确答案：{r.answer}</p>
            {r.explanation ? <p>{r.explanation}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
