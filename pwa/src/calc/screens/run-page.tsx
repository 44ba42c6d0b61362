// /calc/:id: one calculator, one question per screen (a question whose `when` is false is skipped),
// then the result with its working. The answers live in this screen only: nothing leaves the phone
// unless the worker sends them on (the legal-aid application).
import { useState } from 'preact/hooks';
import { Pending } from '../../core/cells';
import { navigate } from '../../core/router';
import { PageHeader, useLoad, useTitle } from '../../core/ui';
import { AskScreen } from './ask';
import { entryOf } from './catalog';
import { type Calculator, loadCalculator, loadRules, NO_RULES } from './engine-link';
import type { Answers, Rules } from './kinds';
import { ResultScreen } from './result';
import { nextIndex, prevIndex } from './runner';
import './calc.css';

export function CalcPage(props: { id: string }) {
  const entry = entryOf(props.id);
  useTitle(entry?.title ?? '算一算');
  const got = useLoad(() => Promise.all([loadCalculator(props.id), loadRules()]), [props.id]);
  const [calc, rules] = got.data ?? [null, null];
  return (
    <div class="page calc">
      <PageHeader title={entry?.title ?? '算一算'} back="/calc" />
      {!entry || (got.data && !calc) ? (
        <p class="msg">没有这个计算器。<a href="/calc">看看都能算什么</a></p>
      ) : calc && rules ? (
        <Runner id={props.id} calc={calc} rules={rules} />
      ) : (
        <Pending of={got} offline={NO_RULES} />
      )}
    </div>
  );
}

/** `at`: the question shown, or -1 for the result. */
function Runner(props: { id: string; calc: Calculator; rules: Rules }) {
  const qs = props.calc.questions;
  const [answers, setAnswers] = useState<Answers>({});
  const [at, setAt] = useState(() => nextIndex(qs, {}, -1));
  const back = () => {
    const prev = prevIndex(qs, answers, at);
    if (prev < 0) navigate('/calc');
    else setAt(prev);
  };
  if (at < 0) {
    const ask = (key: string) => setAt(Math.max(0, qs.findIndex((q) => q.key === key)));
    return <ResultScreen id={props.id} calc={props.calc} rules={props.rules} answers={answers} back={back} ask={ask} />;
  }
  const q = qs[at];
  const answer = (patch: Answers) => {
    const a = { ...answers, ...patch };
    for (const k of Object.keys(patch)) if (patch[k] === undefined) delete a[k];
    setAnswers(a);
    setAt(nextIndex(qs, a, at));
  };
  const step = qs.slice(0, at + 1).filter((x) => !x.when || x.when(answers)).length;
  return <AskScreen key={q.key} q={q} step={step} answers={answers} rules={props.rules} answer={answer} back={back} />;
}
