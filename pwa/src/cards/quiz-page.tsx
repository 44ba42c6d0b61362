import { useEffect, useRef, useState } from 'preact/hooks';
import { drawQuiz } from './content';
import type { QuizItem } from './types';
import { ErrorBox, focusHeading } from '../core/ui';
import { Page } from '../core/cells';

interface Session {
  items: QuizItem[];
  answers: (string | null)[];
  at: number;
}

// Kept outside the component: opening a card from an explanation and coming back
// returns to the same question.
let session: Session | null = null;

export function QuizPage() {
  const [, setVersion] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const update = (s: Session | null) => {
    session = s;
    setVersion((v) => v + 1);
  };
  const start = () => {
    setBusy(true);
    setError(null);
    drawQuiz(10).then(
      (items) => {
        setBusy(false);
        update({ items, answers: items.map(() => null), at: 0 });
      },
      (e) => {
        setBusy(false);
        setError(e);
      },
    );
  };
  const s = session;
  return (
    <Page title="普法小测验" back="/topics">
      {!s ? (
        <div class="msg">
          <p>一共 10 道题，每题选一个答案。</p>
          <p>答完看成绩，每道题都有解释，还能点开对应的问答卡片。</p>
          {error ? <ErrorBox error={error} /> : null}
          <button type="button" class="btn btn-primary" disabled={busy} onClick={start}>
            {busy ? '正在出题…' : '开始答题'}
          </button>
        </div>
      ) : s.at >= s.items.length ? (
        <Result s={s} again={() => update(null)} />
      ) : (
        <Question
          key={s.at}
          s={s}
          choose={(opt) => {
            s.answers[s.at] = opt;
            update({ ...s });
          }}
          next={() => update({ ...s, at: s.at + 1 })}
        />
      )}
    </Page>
  );
}

function Question(props: { s: Session; choose: (o: string) => void; next: () => void }) {
  const { s } = props;
  const item = s.items[s.at];
  const chosen = s.answers[s.at];
  const h = useRef<HTMLHeadingElement>(null);
  const fb = useRef<HTMLDivElement>(null);
  useEffect(() => focusHeading(h.current), []);
  useEffect(() => {
    if (chosen) fb.current?.focus();
  }, [chosen]);
  const last = s.at === s.items.length - 1;
  return (
    <section class="quiz" aria-labelledby="quiz-q">
      <p class="quiz-progress">
        第 {s.at + 1} 题 / 共 {s.items.length} 题
      </p>
      <h2 id="quiz-q" class="quiz-q" tabIndex={-1} ref={h}>
        {item.question}
      </h2>
      <ul class="quiz-options">
        {item.options.map((o) => {
          const state = !chosen ? '' : o === item.answer ? 'right' : o === chosen ? 'wrong' : '';
          return (
            <li key={o}>
              <button type="button" class={'quiz-option ' + state} disabled={!!chosen} aria-pressed={o === chosen} onClick={() => props.choose(o)}>
                <span>{o}</span>
                {state === 'right' && <span class="mark">✓ 正确答案</span>}
                {state === 'wrong' && <span class="mark">✗ 你的选择</span>}
              </button>
            </li>
          );
        })}
      </ul>
      {chosen && (
        <div class="quiz-feedback" tabIndex={-1} ref={fb} role="status">
          <p class={chosen === item.answer ? 'ok' : 'bad'}>{chosen === item.answer ? '答对了！' : `答错了。正确答案：${item.answer}`}</p>
          {item.explanation && <p>{item.explanation}</p>}
          <p>
            <a href={`/cards/${item.card}`}>看这道题的问答卡片</a>
          </p>
          <button type="button" class="btn btn-primary" onClick={props.next}>
            {last ? '看成绩' : '下一题'}
          </button>
        </div>
      )}
    </section>
  );
}

function Result(props: { s: Session; again: () => void }) {
  const { s } = props;
  const right = s.items.filter((q, i) => s.answers[i] === q.answer).length;
  const h = useRef<HTMLHeadingElement>(null);
  useEffect(() => focusHeading(h.current), []);
  return (
    <section class="quiz" aria-labelledby="quiz-score">
      <h2 id="quiz-score" class="quiz-score" tabIndex={-1} ref={h}>
        答对 {right} 题，共 {s.items.length} 题
      </h2>
      <p class="page-desc">{right === s.items.length ? '全对，真厉害！' : '看看下面的解释，点开卡片多了解一点。'}</p>
      <ol class="quiz-review">
        {s.items.map((q, i) => {
          const ok = s.answers[i] === q.answer;
          return (
            <li key={q.id} class={ok ? 'ok' : 'bad'}>
              <p class="quiz-review-q">
                <span class="mark">{ok ? '✓ 对' : '✗ 错'}</span> {q.question}
              </p>
              <p>正确答案：{q.answer}</p>
              {!ok && s.answers[i] && <p>你的答案：{s.answers[i]}</p>}
              {q.explanation && <p>{q.explanation}</p>}
              <a href={`/cards/${q.card}`}>看问答卡片</a>
            </li>
          );
        })}
      </ol>
      <button type="button" class="btn btn-primary" onClick={props.again}>
        再来一次
      </button>
    </section>
  );
}
