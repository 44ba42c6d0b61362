import { SearchBar } from '../core/ui';
import { LinkCell, Page } from '../core/cells';
import { AllTopics } from './all-topics';

export function Topics() {
  return (
    <Page title="普法">
      <SearchBar />
      <h2 class="cells-title">全部话题</h2>
      <AllTopics />
      <ul class="cells">
        <LinkCell href="/quiz" title="普法小测验" desc="10 道题，答完看分数和解释" />
      </ul>
    </Page>
  );
}
