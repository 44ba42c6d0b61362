import { runSearch } from './content';
import { useStore } from '../core/store';
import { PageHeader, SearchBar, useLoad, useTitle } from '../core/ui';
import { CardList, Pending, TopicCells } from '../core/cells';

export function SearchPage(props: { q: string }) {
  const { pack } = useStore();
  const q = props.q.trim();
  const res = useLoad(() => (q ? runSearch(q) : Promise.resolve(null)), [q, pack]);
  useTitle(q ? `搜索：${q}` : '搜索');
  return (
    <div class="page">
      <PageHeader title="搜索" back="/topics" />
      <SearchBar initial={q} autoFocus={!q} />
      {!q ? (
        <p class="page-desc">输入你遇到的事，比如“工资”“合同”“工伤”“加班”。</p>
      ) : !res.data ? (
        <Pending of={res} />
      ) : res.data.items.length ? (
        <>
          <p class="page-desc" role="status">
            找到 {res.data.total} 条和“{q}”有关的问答
          </p>
          <CardList cards={res.data.items} label="搜索结果" />
        </>
      ) : (
        <>
          <p class="page-desc" role="status">
            没有找到和“{q}”有关的问答。换个说法试试，或者看看这些话题：
          </p>
          <TopicCells topics={res.data.suggestions} />
        </>
      )}
    </div>
  );
}
