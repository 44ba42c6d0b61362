// /me/questions (我的咨询): a worker signed in by phone code sees every question asked with that phone,
// newest first; each opens its thread (the code in the link's fragment, the phone asked again).
import { useMe } from '../accounts/auth';
import { OfflineError } from '../core/api';
import { LinkCell, Page, Pending } from '../core/cells';
import { shortDateTime } from '../core/time';
import { useLoad } from '../core/ui';
import { loadMine } from './api';
import { threadHref } from './thread-link';

export function MyQuestionsPage() {
  const me = useMe();
  const mine = useLoad(() => (me ? loadMine() : Promise.resolve([])), [me?.id]);
  return (
    <Page title="我的咨询" back="/me">
      {!me ? (
        <div class="msg">
          <p>用手机号登录后，这里会列出你问过的问题。</p>
          <a class="btn btn-primary" href="/me">
            去登录
          </a>
        </div>
      ) : mine.data ? (
        mine.data.length ? (
          <ul class="cells" data-testid="my-questions">
            {mine.data.map((q) => (
              <LinkCell key={q.code} href={threadHref(q.code)} title={q.first_words || '（语音）'} desc={`${shortDateTime(q.created_at)} · 查询码 ${q.code_display}`} after={<span class="tag">{q.status_label}</span>} />
            ))}
          </ul>
        ) : (
          <p class="page-desc">用你的手机号问过的问题会列在这里。还没有。</p>
        )
      ) : mine.error instanceof OfflineError ? (
        <p class="page-desc">没有网络，联网后这里会列出你的问题。</p>
      ) : (
        <Pending of={mine} />
      )}
      <a class="btn btn-primary btn-big" href="/ask">
        问一问
      </a>
    </Page>
  );
}
