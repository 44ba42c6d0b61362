// Shell only: the screen comes in a later commit.
import { Office } from './office-nav';

export function OfficeDebriefsPage(_props: { query: URLSearchParams }) {
  return (
    <Office section="debriefs" title="总结">
      <p class="page-desc">正在做。</p>
    </Office>
  );
}
