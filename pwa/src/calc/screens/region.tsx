// A `region` question: the province the worker picks from the pack's reviewed table (regions.yml: each figure
// with its source and dates; the calculator says which figure and which date it used). The figures themselves
// can always be typed in the questions after it — never a guess.
import { useState } from 'preact/hooks';
import { Select } from '../../core/form-extra';
import { type Ask, AskFrame } from './ask';
import type { Rules } from './kinds';

/** The provinces of the table, by name. */
export function provinces(rules: Rules): { id: string; label: string }[] {
  const table: Record<string, { name?: string }> = rules.regions ?? {};
  return Object.entries(table)
    .map(([id, r]) => ({ id, label: r?.name || id }))
    .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
}

export function RegionAsk(p: Ask) {
  const { q } = p;
  const list = provinces(p.rules);
  const had = p.answers[q.key];
  const [pick, setPick] = useState(typeof had === 'string' ? had : '');
  const [error, setError] = useState('');
  const done = () => {
    if (!pick && !q.optional && list.length) return setError('请选一个地方。');
    p.answer({ [q.key]: pick || undefined });
  };
  return (
    <AskFrame p={p} done={done}>
      {list.length ? (
        <Select id={`calc-${q.key}`} label={q.ask} hint={q.hint ?? '表里没有的，空着，后面自己填当地的数'} value={pick} onChange={setPick} error={error} options={[{ id: '', label: '不在表里 / 不知道' }, ...list]} />
      ) : (
        <li class="cell calc-info">
          <p class="calc-q">{q.ask}</p>
          <p class="calc-daylog">各地的数还没有核实好，接下来请自己填当地公布的数（可以问当地人社局或打 12333）。</p>
        </li>
      )}
    </AskFrame>
  );
}
