// 案件 (/office/cases): the office's inbox. Filters with their counts, the server's order
// (urgency, then age), pages of 20, rows masked as the server sends them; above them the box that finds
// any case of the office's, whatever its filter (case-search.tsx).
import { useState } from 'preact/hooks';
import { FilterLinks, Pager } from '../../core/pager';
import { ErrorBox, Loading, PageHeader, useLoad, useTitle } from '../../core/ui';
import { FILTERS, type Filter, loadCases } from './case-api';
import { CaseRows } from './case-rows';
import { CaseSearch, Found } from './case-search';
import { NotForYou, useHandler } from './case-parts';
import { BySite } from './case-sites';

const PAGE_SIZE = 20;

function pick(raw: string | null): Filter {
  return (FILTERS.find((f) => f.id === raw)?.id ?? 'all') as Filter;
}

export function InboxPage(props: { filter: string | null; page: number; site?: string }) {
  useTitle('案件');
  const who = useHandler();
  const filter = pick(props.filter);
  const page = Math.max(1, props.page || 1);
  const [q, setQ] = useState('');
  const list = useLoad(() => (who === 'office' && !q ? loadCases(filter, page, PAGE_SIZE, '', props.site) : Promise.resolve(null)), [filter, page, who, q, props.site]);
  if (who !== 'office') return <NotForYou title="案件" signedIn={who !== null} officeOnly lawyer={who === 'lawyer'} />;
  const href = (f: Filter, p = 1) => `/office/cases?filter=${f}${p > 1 ? `&page=${p}` : ''}${props.site ? `&site=${props.site}` : ''}`;
  const counts: Partial<Record<Filter, number>> = list.data?.counts || {};
  return (
    <div class="page page-wide">
      <PageHeader title="案件" back="/me" />
      <CaseSearch active={!!q} onSearch={setQ} />
      {q ? (
        <Found q={q} filter="all" base="/office/cases" />
      ) : (
        <FilterLinks filters={FILTERS} on={filter} href={href} counts={counts} />
      )}
      {q ? null : list.data ? (
        <>
          <BySite sites={list.data.sites} on={props.site || ''} />
          <CaseRows items={list.data.items} base="/office/cases" label={`${FILTERS.find((f) => f.id === filter)?.label}案件`} />
          <Pager page={list.data.page} pages={Math.ceil(list.data.total / Math.max(1, list.data.page_size))} total={list.data.total} unit="件" href={(p) => href(filter, p)} />
        </>
      ) : list.error ? (
        <ErrorBox error={list.error} retry={list.retry} />
      ) : (
        <Loading />
      )}
    </div>
  );
}
