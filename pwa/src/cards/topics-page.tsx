import { loadTopics } from './content';
import { useStore } from '../core/store';
import { LinkCell, PageHeader, Pending, SearchBar, TopicCells, useLoad, useTitle } from '../core/ui';

export function Topics() {
  const { pack } = useStore();
  useTitle('普法');
  const topics = useLoad(loadTopics, [pack]);
  return (
    <div class="page">
      <PageHeader title="普法" />
      <SearchBar />
      <h2 class="cells-title">全部话题</h2>
      {topics.data ? <TopicCells topics={topics.data} /> : <Pending of={topics} />}
      <ul class="cells">
        <LinkCell href="/quiz" title="普法小测验" desc="10 道题，答完看分数和解释" />
      </ul>
    </div>
  );
}
