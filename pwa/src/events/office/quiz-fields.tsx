// 有奖知识问答 in the event's edit form: how many questions (empty: no quiz), how many right answers pass, which
// topics (none ticked: all). The server draws the questions; every attendee gets the same ones.
import { Field } from '../../core/form';
import { useLoad } from '../../core/ui';
import { loadTopics } from '../../cards/content';
import { typedCount } from '../../core/digits';

export interface QuizForm {
  count: string;
  pass: string;
  topics: string[];
}

export const NO_QUIZ: QuizForm = { count: '', pass: '', topics: [] };

export function quizFormOf(given: unknown): QuizForm {
  const q = given as { question_count: number; pass_mark: number; topics: string[] } | null | undefined;
  return q?.question_count ? { count: String(q.question_count), pass: String(q.pass_mark), topics: q.topics } : NO_QUIZ;
}

/** The `quiz` of the event's body: null for none. */
export function quizBody(f: QuizForm) {
  const count = typedCount(f.count);
  return count ? { question_count: count, pass_mark: typedCount(f.pass) ?? count, topics: f.topics } : null;
}

/** `errors`: the form's, as the server named them ("quiz.pass_mark"), each shown beside its box. */
export function QuizFields(props: { f: QuizForm; set: (f: QuizForm) => void; errors: Record<string, string> }) {
  const topics = useLoad(loadTopics, []);
  const { f, set, errors } = props;
  return (
    <>
      <Field id="ev-quiz-count" label="有奖知识问答：题目数（不填就是不办）" inputMode="numeric" value={f.count} onInput={(v) => set({ ...f, count: v })} error={errors['quiz.question_count'] || errors.quiz} />
      <Field id="ev-quiz-pass" label="答对几题及格" inputMode="numeric" value={f.pass} onInput={(v) => set({ ...f, pass: v })} error={errors['quiz.pass_mark']} />
      <li class="cell">
        <fieldset class="cell-body">
          <legend>问答题目的分类（不选就是全部）</legend>
          {errors['quiz.topics'] ? <p class="bad">{errors['quiz.topics']}</p> : null}
          {(topics.data || []).map((t) => (
            <label key={t.slug}>
              <input
                type="checkbox"
                checked={f.topics.includes(t.slug)}
                onChange={(e) => set({ ...f, topics: (e.currentTarget as HTMLInputElement).checked ? [...f.topics, t.slug] : f.topics.filter((s) => s !== t.slug) })}
              />{' '}
              {t.name}
            </label>
          ))}
        </fieldset>
      </li>
    </>
  );
}
