// 我的案件 (/cases): the cases assigned to this lawyer now, most urgent first. A case
// reassigned to someone else leaves this list (and the lawyer's access) at once. The search box finds
// among these only (the server keeps a lawyer to their own cases).
import { useState } from 'preact/hooks';
import { Pager } from '../../core/pager';
import { ErrorBox, Loading, PageHeader, useLoad, useTitle } from '../../core/ui';
import { loadCases } from './case-api';
import { CaseRows } from './case-rows';
import { CaseSearch, Found } from './case-search';
import { NotForYou, useHandler } from './case-parts';

const PAGE_SIZE = 20;

export function MyCasesPage(props: { page: number }) {
  useTitle('我的案件');
  const who = useHandler();
  const page = Math.max(1, props.page || 1);
  const [q, setQ] = useState('');
  const list = useLoad(() => ((who === 'lawyer' || who === 'office') && !q ? loadCases('mine', page, PAGE_SIZE) : Promise.resolve(null)), [page, who, q]);
  const base = who === 'office' ? '/office/cases' : '/cases';
  if (who === null || who === 'none') return <NotForYou title="我的案件" signedIn={who === 'none'} />;
  return (
    <div class="page page-wide">
      <PageHeader title="我的案件" back="/me" />
      {who === 'office' && (
        <p class="page-desc">
          这里是你经手的案件。全部案件在 <a href="/office/cases">案件</a>。
        </p>
      )}
      {who === 'lawyer' && (
        <p class="page-desc">
          <a href="/schedule">我的日程</a>：接下来的开庭和调解
        </p>
      )}
      <CaseSearch active={!!q} onSearch={setQ} />
      {q ? (
        <Found q={q} filter="mine" base={base} />
      ) : list.data ? (
        <>
          <CaseRows items={list.data.items} base={base} label="我的案件" />
          <Pager page={list.data.page} pages={Math.ceil(list.data.total / Math.max(1, list.data.page_size))} total={list.data.total} unit="件" href={(p) => `/cases${p > 1 ? `?page=${p}` : ''}`} />
        </>
      ) : list.error ? (
        <ErrorBox error={list.error} retry={list.retry} />
      ) : (
        <Loading />
      )}
    </div>
  );
}
