// A local figure (minimum wage, average wage): the worker picks a province from the pack's reviewed
// table (the calculator then says which figure and which date it used), or types the figure — never a guess.
import { useState } from 'preact/hooks';
import { Money } from '../../core/form';
import { Select } from '../../core/form-extra';
import { type Ask, AskFrame } from './ask';
import type { Rules } from './kinds';
import { readAnswer, shown } from './runner';

const TYPED = 'typed';

/** The provinces that have this figure (content/calculators/regions.yml), by name. */
export function provinces(rules: Rules, figure: string): { id: string; label: string }[] {
  const table: Record<string, { name?: string; figures?: Record<string, unknown[]> }> = rules.regions?.regions ?? rules.regions ?? {};
  return Object.entries(table)
    .filter(([, r]) => Array.isArray(r?.figures?.[figure]) && r.figures![figure].length > 0)
    .map(([id, r]) => ({ id, label: r.name || id }))
    .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
}

export function RegionAsk(p: Ask) {
  const { q } = p;
  const list = provinces(p.rules, q.key);
  const had = p.answers.region;
  const [pick, setPick] = useState(typeof had === 'string' ? had : list.length && p.answers[q.key] == null ? '' : TYPED);
  const [raw, setRaw] = useState(shown({ ...q, kind: 'money' }, p.answers[q.key]));
  const [error, setError] = useState('');
  const done = () => {
    if (pick && pick !== TYPED) return p.answer({ region: pick, [q.key]: undefined });
    if (!pick) return setError('请选一个省，或者选“我自己填”。');
    const r = readAnswer({ ...q, kind: 'money' }, raw);
    if ('error' in r) setError(r.error);
    else p.answer({ region: undefined, [q.key]: r.value });
  };
  const options = [{ id: '', label: '请选择' }, ...list, { id: TYPED, label: '我自己填' }];
  return (
    <AskFrame p={p} done={done}>
      {list.length > 0 && (
        <Select id={`calc-${q.key}-region`} label={q.ask} hint="选你干活的省，用那里公布的数" value={pick} onChange={setPick} options={options} error={pick === TYPED ? '' : error} />
      )}
      {pick === TYPED && (
        <Money id={`calc-${q.key}`} label={list.length ? '自己填这个数（元）' : q.ask} hint={q.hint ?? '可以问当地人社局或 12333'} error={error} value={raw} onInput={setRaw} placeholder="比如 2300" maxLength={20} />
      )}
    </AskFrame>
  );
}
