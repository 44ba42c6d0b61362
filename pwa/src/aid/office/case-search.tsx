// 找案件: the one search box of the inbox and of 我的案件 (issue 21). What is typed stays in this box and in
// the request (never in the page's address); the server finds a code with or without its dash, a phone or an
// ID number whole or its last four, part of a name, the employer or the site, and sends the rows masked.
import { useState } from 'preact/hooks';
import { ErrorBox, Loading, useLoad } from '../../core/ui';
import { type Filter, loadCases } from './case-api';
import { CaseRows } from './case-rows';

const FOUND_MAX = 50;

/** The box: `onSearch('')` when cleared. */
export function CaseSearch(props: { active: boolean; onSearch: (q: string) => void }) {
  const [q, setQ] = useState('');
  return (
    <form
      class="searchbar case-search"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSearch(q.trim());
      }}
    >
      <label class="searchbar-box">
        <span class="sr-only">找案件</span>
        <input type="search" name="case-q" autoComplete="off" enterKeyHint="search" maxLength={40} placeholder="查询码、手机尾号、姓名、单位或工地" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
      </label>
      <button type="submit" class="searchbar-go">
        找案件
      </button>
      {props.active && (
        <button
          type="button"
          class="btn btn-default btn-small"
          onClick={() => {
            setQ('');
            props.onSearch('');
          }}
        >
          清除
        </button>
      )}
    </form>
  );
}

/** What a search found: the rows (the first 50), or a plain "none". */
export function Found(props: { q: string; filter: Filter; base: string }) {
  const found = useLoad(() => loadCases(props.filter, 1, FOUND_MAX, props.q), [props.q, props.filter]);
  if (found.error) return <ErrorBox error={found.error} retry={found.retry} />;
  if (!found.data) return <Loading />;
  const { items, total } = found.data;
  return (
    <section aria-label="找到的案件" data-testid="case-found">
      <p class="page-desc" role="status">
        {total ? `找到 ${total} 件` : '没有找到。可以换成查询码、手机号后四位、姓名里的一个字，或单位、工地的名字再试。'}
        {total > FOUND_MAX && `，只列出前 ${FOUND_MAX} 件，多输几个字可以缩小范围`}
      </p>
      {!!items.length && <CaseRows items={items} base={props.base} label="找到的案件" />}
    </section>
  );
}
