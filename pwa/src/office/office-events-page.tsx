// Shell only: the screen comes in a later commit.
import { Office } from './office-nav';

export function OfficeEventsPage(_props: { query: URLSearchParams }) {
  return (
    <Office section="events" title="活动">
      <p class="page-desc">正在做。</p>
    </Office>
  );
}
