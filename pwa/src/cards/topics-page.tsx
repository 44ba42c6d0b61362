import { LinkCell, PageHeader, SearchBar, useTitle } from '../core/ui';
import { AllTopics } from './all-topics';

export function Topics() {
  useTitle('普法');
  return (
    <div class="page">
      <PageHeader title="普法" />
      <SearchBar />
      <h2 class="cells-title">全部话题</h2>
      <AllTopics />
      <ul class="cells">
        <LinkCell href="/quiz" title="普法小测验" desc="10 道题，答完看分数和解释" />
      </ul>
    </div>
  );
}
