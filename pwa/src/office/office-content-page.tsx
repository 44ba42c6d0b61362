// 办公室 → 内容: which version of the law cards and quiz is live, when it was loaded, how much.
import type { Answer } from '../core/schemas';
import { useLoad } from '../core/ui';
import { Pending } from '../core/cells';
import { api, OFFICE_OFFLINE } from './admin-api';
import { chinaTime } from '../core/time';
import { Office } from './office-nav';
import './office-admin.css';

export function OfficeContentPage() {
  const live = useLoad(() => api<Answer<'ContentOut'>>('/api/v1/office/content'), []);
  const c = live.data;
  return (
    <Office section="content" title="在用的内容">
      {!c ? (
        <Pending of={live} offline={OFFICE_OFFLINE} />
      ) : c.version === 0 ? (
        <div class="msg" role="status">
          <p>还没有载入内容。在服务器上运行 flask content load。</p>
        </div>
      ) : (
        <>
          <div class="office-figures" data-testid="content-figures">
            <div>
              <strong>第 {c.version} 版</strong>内容版本
            </div>
            <div>
              <strong>{c.cards}</strong>张问答卡片
            </div>
            <div>
              <strong>{c.questions}</strong>道小测验题
            </div>
            <div>
              <strong>{c.topics}</strong>个专题
            </div>
          </div>
          <p class="page-desc">
            这一版载入于 {chinaTime(c.loaded_at)}（北京时间）。内容有改动时，在服务器上运行 flask content load，版本号会加一，工友的手机下次联网时自动更新。
          </p>
          <p class="page-desc">校验码 {c.digest.slice(0, 12)}</p>
        </>
      )}
    </Office>
  );
}
