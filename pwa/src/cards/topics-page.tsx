import { loadTopics } from './content';
import { useStore } from '../core/store';
import { Arrow, ErrorBox, Loading, PageHeader, SearchBar, TopicCells, useLoad, useTitle } from '../core/ui';

export function Topics() {
  const { pack } = useStore();
  useTitle('普法');
  const topics = useLoad(loadTopics, [pack]);
  return (
    <div class="page">
      <PageHeader title="普法" />
      <SearchBar />
      <h2 class="cells-title">全部话题</h2>
      {topics.data ? (
        <TopicCells topics={topics.data} />
      ) : topics.error ? (
        <ErrorBox error={topics.error} retry={topics.retry} />
      ) : (
        <Loading />
      )}
      <ul class="cells">
        <li>
          <a class="cell cell-link" href="/quiz">
            <span class="cell-body">
              <span class="cell-title">普法小测验</span>
              <span class="cell-desc">10 道题，答完看分数和解释</span>
            </span>
            <Arrow />
          </a>
        </li>
      </ul>
    </div>
  );
}
