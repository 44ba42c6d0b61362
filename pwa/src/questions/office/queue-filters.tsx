// The queue's filters (type, channel, age, urgent: each a change of the page's address) and its search box
// (what is typed stays in the box and the request, never in the address).
import { useState } from 'preact/hooks';
import { CASE_TYPES } from '../../aid/case-types';
import { SearchForm } from '../../core/search-form';
import { AGES, CHANNELS, type Filters } from './queue-text';

type Opt = { id: string; label: string };

function Pick(props: { label: string; value: string; all: string; options: Opt[]; onChange: (v: string) => void }) {
  return (
    <label>
      <span class="sr-only">{props.label}</span>
      <select aria-label={props.label} value={props.value} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}>
        <option value="">{props.all}</option>
        {props.options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function QueueFilters(props: { f: Filters; go: (patch: Partial<Filters>) => void; searching: boolean; onSearch: (q: string) => void }) {
  const [typed, setTyped] = useState('');
  const f = props.f;
  return (
    <SearchForm class="office-filters question-filters" label="筛选和查找咨询" onSearch={() => props.onSearch(typed.trim())}>
      <Pick label="类型" value={f.type} all="全部类型" options={CASE_TYPES} onChange={(type) => props.go({ type })} />
      <Pick label="来源" value={f.channel} all="全部来源" options={CHANNELS} onChange={(channel) => props.go({ channel })} />
      <Pick label="时限" value={f.age} all="全部时限" options={AGES} onChange={(age) => props.go({ age })} />
      <label>
        <input type="checkbox" checked={f.urgent} onChange={(e) => props.go({ urgent: (e.target as HTMLInputElement).checked })} />
        只看紧急
      </label>
      <label>
        <span class="sr-only">找咨询</span>
        <input type="search" name="question-q" autoComplete="off" enterKeyHint="search" maxLength={40} placeholder="查询码、手机尾号或问题里的字" value={typed} onInput={(e) => setTyped((e.target as HTMLInputElement).value)} />
      </label>
      <button type="submit" class="btn btn-small btn-default">
        找
      </button>
      {props.searching && (
        <button
          type="button"
          class="btn btn-small btn-default"
          onClick={() => {
            setTyped('');
            props.onSearch('');
          }}
        >
          清除
        </button>
      )}
    </SearchForm>
  );
}
