// /ask/sent/<id>: after 发送, the question's code once the server has it (big, to write down), or the
// question still waiting on the phone (or refused, to correct), and what happens next.
import { useStore } from '../core/store';
import { Loading, useLoad } from '../core/ui';
import { Page } from '../core/cells';
import { queuedQuestion, sentQuestion } from './store';
import { threadHref } from './thread-link';

export const NEXT = '律师或志愿者会在 24 小时内回复。回复了会发短信到你的手机，短信里有链接，点开就能听、能看。也可以用查询码和手机号来看回复。';

export function AskSentPage(props: { id: string }) {
  const st = useStore();
  const sent = useLoad(() => sentQuestion(props.id), [props.id, st.outbox.version]);
  const entry = useLoad(() => queuedQuestion(props.id), [props.id, st.outbox.version]);
  const s = sent.data;
  const e = entry.data;
  return (
    <Page title={s ? '问题已送到' : e?.state === 'rejected' ? '问题要改一下' : '问题已保存'} back="/">
      {s ? (
        <div class="msg sent-code">
          <p>问题已经送到，你的查询码：</p>
          <p class="big-code" data-testid="question-code">
            {s.codeDisplay}
          </p>
          <p class="write-down">
            <strong>请把查询码抄在纸上，或者拍下来。</strong>看回复要用查询码和手机号（{s.phoneMasked}）。
          </p>
          <p>{NEXT}</p>
          <a class="btn btn-primary" href={threadHref(s.code)}>
            看回复
          </a>
        </div>
      ) : e?.state === 'rejected' ? (
        <div class="msg" role="alert">
          <p class="bad">问题没有送到：{e.message}</p>
          <a class="btn btn-primary" href={`/ask?fix=${encodeURIComponent(e.id)}`}>
            去改正
          </a>
        </div>
      ) : e ? (
        <div class="msg" role="status">
          <p>
            <strong>问题已存在手机上，等待发送。</strong>
          </p>
          <p>{st.outbox.sending ? '正在发送…' : '有信号时会自动发出，不用再按。发出后这里会显示查询码。'}</p>
          <a class="btn btn-default" href="/outbox">
            看待发送
          </a>
        </div>
      ) : sent.loading || entry.loading ? (
        <Loading />
      ) : (
        <div class="msg">
          <p>这台手机上没有这个问题。</p>
          <a class="btn btn-default" href="/ask">
            问一问
          </a>
        </div>
      )}
    </Page>
  );
}
