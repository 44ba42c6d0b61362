// 问一问 (/office/questions): the answerers' queue of the person's office (and its subtree). Tabs 待回复 /
// 我认领的 / 已回复 / 全部, the server's order (urgent first, then oldest), each question's age against the
// 24-hour clock, its urgent flags; filters in the page's address, the search typed only in the request.
import './questions.css';
import { useState } from 'preact/hooks';
import { FilterLinks, Pager } from '../../core/pager';
import { navigate } from '../../core/router';
import { ErrorBox, Loading, useLoad } from '../../core/ui';
import { Office } from '../../office/office-nav';
import { loadQueue } from './api';
import { QueueFilters } from './queue-filters';
import { QueueRows } from './queue-rows';
import { type Filters, queueHref, queueQuery, readFilters, TABS } from './queue-text';

// The other two screens of 问一问's answerers come in this module's chunk: one lazy load for the three rows.
export { QuestionPage } from './question-view';
export { LogPage } from './log-form';

const PAGE_SIZE = 20;

export function QueuePage(props: { query: URLSearchParams }) {
  const f = readFilters(props.query);
  const [q, setQ] = useState('');
  const list = useLoad(() => loadQueue(queueQuery(f, q, PAGE_SIZE)), [queueHref(f), q]);
  const go = (patch: Partial<Filters>) => navigate(queueHref({ ...f, page: 1, ...patch }));
  const tab = TABS.find((t) => t.id === f.tab)!;
  return (
    <Office section="questions" title="问一问" right={<a class="btn btn-small btn-primary" href="/office/questions/new">咨询登记</a>}>
      <FilterLinks filters={TABS} on={f.tab} href={(tab) => queueHref({ ...f, tab, page: 1 })} label="咨询状态" />
      <QueueFilters f={f} go={go} searching={!!q} onSearch={setQ} />
      {list.data ? (
        <>
          {q && (
            <p class="page-desc" role="status">
              {list.data.total ? `找到 ${list.data.total} 条` : '没有找到。可以换成查询码、手机号后四位或问题里的几个字再试。'}
            </p>
          )}
          <QueueRows items={list.data.items} label={q ? '找到的咨询' : `${tab.label}的咨询`} />
          {!q && <Pager page={list.data.page} pages={Math.ceil(list.data.total / Math.max(1, list.data.page_size))} total={list.data.total} unit="条" href={(page) => queueHref({ ...f, page })} />}
        </>
      ) : list.error ? (
        <ErrorBox error={list.error} retry={list.retry} />
      ) : (
        <Loading />
      )}
    </Office>
  );
}
