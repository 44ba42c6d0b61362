// One question on its own screen: big, plain, with 上一步 and 下一步 (the form kit's fields, core/form*.tsx).
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { DateField, Field, Money } from '../../core/form';
import { Choice } from '../../core/form-extra';
import { DaylogAsk } from './daylog-ask';
import type { Answers, Question, Rules } from './kinds';
import { RegionAsk } from './region';
import { readAnswer, shown } from './runner';

export interface Ask {
  q: Question;
  step: number;
  answers: Answers;
  rules: Rules;
  answer: (patch: Answers) => void;
  back: () => void;
}

export function AskScreen(p: Ask) {
  if (p.q.kind === 'region') return <RegionAsk {...p} />;
  if (p.q.kind === 'daylog') return <DaylogAsk {...p} />;
  return <TypedAsk {...p} />;
}

function TypedAsk(p: Ask) {
  const { q } = p;
  const [raw, setRaw] = useState(shown(q, p.answers[q.key]));
  const [error, setError] = useState('');
  const done = () => {
    const r = readAnswer(q, raw);
    if ('error' in r) setError(r.error);
    else p.answer({ [q.key]: r.value });
  };
  const box = { id: `calc-${q.key}`, label: q.ask, hint: q.hint, error, value: raw, onInput: setRaw };
  const choices = q.kind === 'yesno' ? [{ value: 'yes', label: '是' }, { value: 'no', label: '不是' }] : q.choices || [];
  return (
    <AskFrame p={p} done={done}>
      {q.kind === 'money' ? (
        <Money {...box} placeholder="比如 4500" maxLength={20} />
      ) : q.kind === 'number' ? (
        <Field {...box} inputMode="decimal" placeholder="比如 20" maxLength={12} />
      ) : q.kind === 'date' ? (
        <DateField {...box} />
      ) : (
        <Choice id={box.id} label={q.ask} options={choices} value={raw || null} onChange={setRaw} error={error} />
      )}
    </AskFrame>
  );
}

/** The screen around a question: which step, the control, 上一步 / 下一步 (or `next`'s own label). */
export function AskFrame(props: { p: Ask; done: () => void; next?: string; children: ComponentChildren }) {
  return (
    <form
      class="calc-ask"
      noValidate
      onSubmit={(ev) => {
        ev.preventDefault();
        props.done();
      }}
    >
      <p class="calc-step">第 {props.p.step} 问{props.p.q.optional ? '（不知道可以空着）' : ''}</p>
      <ul class="cells">{props.children}</ul>
      <div class="apply-nav">
        <button type="button" class="btn btn-default btn-big" onClick={props.p.back}>
          上一步
        </button>
        <button type="submit" class="btn btn-primary btn-big">
          {props.next ?? '下一步'}
        </button>
      </div>
    </form>
  );
}
