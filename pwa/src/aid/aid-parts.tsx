// The parts of the 援助 pages (aid-page.tsx): this phone's applications, a signed-in worker's
// applications from the server, and after 提交 the tracking code or the entry still waiting.
import { authFetch } from '../accounts/auth';
import { httpError, OfflineError } from '../core/api';
import type { OutboxEntry } from '../core/outbox';
import { showToast } from '../core/store';
import { shortDateTime } from '../core/time';
import { useLoad } from '../core/ui';
import { LinkCell, Pending, Section } from '../core/cells';
import { caseLabel } from './case-types';
import { whose } from './store';
import { trackHref } from './track-link';
import { TrackView } from './track-view';
import type { AidPayload, AidSent, Tracked } from './types';

/** The applications this phone sent: waiting in the outbox (or refused, to correct), then those sent. */
export function PhoneApplications(props: { waiting: OutboxEntry<AidPayload>[]; sent: AidSent[] }) {
  const { waiting, sent } = props;
  return (
    <Section id="phone-h" title="这台手机提交的申请">
      <ul class="cells">
        {waiting.map((e) => (
          <LinkCell
            key={e.id}
            href={`/aid/sent/${e.id}`}
            title={e.label.replace(/^法律援助申请：/, '')}
            desc={`${shortDateTime(e.createdAt)} 提交`}
            after={e.state === 'rejected' ? <span class="tag tag-bad">要改一下</span> : <span class="tag tag-wait">等待发送</span>}
          />
        ))}
        {sent.map((s) => (
          <LinkCell
            key={s.id}
            href={`/aid/sent/${s.id}`}
            title={`${caseLabel(s.caseType)}${s.applicant ? ` · ${whose(s)}` : ''} · 查询码 ${s.codeDisplay}`}
            desc={`${shortDateTime(s.sentAt)} 已发出${s.checkedAt ? ` · ${shortDateTime(s.checkedAt)} 查的进度` : ''}`}
            after={<span class="tag tag-ok">{s.stageLabel || '已发出'}</span>}
          />
        ))}
      </ul>
    </Section>
  );
}

async function loadMine(): Promise<Tracked[]> {
  const res = await authFetch('/api/v1/me/applications', { headers: { Accept: 'application/json' } });
  if (!res.ok) throw await httpError(res);
  return ((await res.json()) as { items: Tracked[] }).items;
}

/** A worker signed in by phone code: every application with their phone, without the code. */
export function MyApplications() {
  const mine = useLoad(loadMine, []);
  return (
    <Section id="mine-h" title="我的申请">
      {mine.data ? (
        mine.data.length ? (
          mine.data.map((t) => <TrackView key={t.code} t={t} />)
        ) : (
          <p class="page-desc">用你的手机号提交的申请会列在这里。还没有。</p>
        )
      ) : mine.error instanceof OfflineError ? (
        <p class="page-desc">没有网络，联网后这里会列出你的申请。</p>
      ) : (
        <Pending of={mine} />
      )}
    </Section>
  );
}

/** The tracking code once the server has it, big, to copy and write down. */
export function SentCode(props: { s: AidSent; next: string }) {
  const s = props.s;
  return (
    <div class="msg sent-code">
      <p>申请已经送到法律援助机构。</p>
      <p data-testid="whose-code">{s.applicant ? `这是工友${whose(s)}的查询码：` : '你的查询码：'}</p>
      <p class="big-code" data-testid="tracking-code">
        {s.codeDisplay}
      </p>
      <button
        type="button"
        class="btn btn-primary"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(s.codeDisplay);
            showToast('已复制查询码');
          } catch {
            showToast('没能复制，请抄下来');
          }
        }}
      >
        复制
      </button>
      {s.stageLabel && (
        <p>
          上次查的进度：<strong>{s.stageLabel}</strong>
          {s.checkedAt ? `（${shortDateTime(s.checkedAt)}）` : ''}
        </p>
      )}
      <p class="write-down">
        <strong>{s.applicant ? '请把查询码抄给工友本人，或者让工友拍下来。' : '请把查询码抄在纸上，或者拍下来。'}</strong>
        查进度要用查询码和{s.applicant ? '工友的' : ''}手机号（{s.phoneMasked}）。
      </p>
      <p class="page-desc">{props.next}</p>
      <a class="btn btn-default" href={trackHref(s.code)}>
        查进度
      </a>
    </div>
  );
}

/** The application still on the phone: waiting to be sent, or refused and to be corrected. */
export function Waiting(props: { e: OutboxEntry<AidPayload>; sending: boolean }) {
  const e = props.e;
  return e.state === 'rejected' ? (
    <div class="msg" role="alert">
      <p class="bad">申请没有送到：{e.message}</p>
      <p>改一下再提交就行，填过的都还在。</p>
      <a class="btn btn-primary" href={`/aid/apply?fix=${encodeURIComponent(e.id)}`}>
        去改正
      </a>
    </div>
  ) : (
    <div class="msg" role="status">
      <p>
        <strong>申请已存在手机上，等待发送。</strong>
      </p>
      <p>{props.sending ? '正在发送…' : '有信号时会自动发出，不用再按。发出后这里会显示查询码。'}</p>
      <a class="btn btn-default" href="/outbox">
        看待发送
      </a>
    </div>
  );
}
