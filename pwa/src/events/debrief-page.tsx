// 活动小结, for the event's volunteers: the four things every event brings back (四个带回) and
// the figures the office reports. Typed at the gate, often with no signal: every keystroke is
// kept on the phone as a draft, and 提交 puts it in the outbox (events/debrief.ts), so 待发送
// shows it until the server has it.
import { useMe } from '../accounts/auth';
import { Field, FormEnd } from '../core/form';
import { TextArea } from '../core/form-extra';
import { Loading, PageHeader, useTitle } from '../core/ui';
import type { Debrief } from './debrief';
import { timeRange } from './events';
import type { EventInfo } from './types';
import { useDebrief, type Sent } from './use-debrief';

const BRINGS: { key: keyof Debrief; label: string; hint: string }[] = [
  { key: 'worry', label: '带回一：工友最操心的一件事', hint: '例如：怕年底拿不到工资' },
  { key: 'urgent_problem', label: '带回二：急需解决的问题', hint: '例如：3 号楼班组欠薪两个月，包工头联系不上' },
  { key: 'service_suggestion', label: '带回三：对我们服务的建议', hint: '例如：希望晚上下班后来' },
  { key: 'next_event_suggestion', label: '带回四：对下次活动的建议', hint: '例如：多讲讲工伤怎么认定' },
];

const STATUS: Record<Sent, string> = {
  draft: '还没提交：写的内容已存在手机上，不会丢。',
  queued: '已存进「待发送」：现在没有网络也不要紧，有信号后会自动提交。',
  rejected: '没有提交上：',
  sent: '小结已提交，服务器已收到。',
  server: '每场活动带回四件事，再填上人数和发出的资料。',
};

export function ReportPage(props: { id: number }) {
  useTitle('活动小结');
  const me = useMe();
  const { ev, r, sent, rejection, busy, set, countError, submit } = useDebrief(props.id);
  if (!me) return <SignInFirst id={props.id} />;
  if (!r) return <Loading />;

  return (
    <div class="page">
      <PageHeader title="活动小结" back={`/checkin/${props.id}`} />
      <form class="form" noValidate onSubmit={submit}>
        {ev.data && <WhichEvent event={ev.data} />}
        <p class={'page-desc' + (sent === 'rejected' ? ' bad' : '')} role={sent === 'rejected' ? 'alert' : 'status'}>
          {STATUS[sent]}
          {sent === 'rejected' && rejection}
        </p>
        <ul class="cells">
          {BRINGS.map((b) => (
            <TextArea key={b.key} id={`rp-${b.key}`} label={b.label} placeholder={b.hint} value={r[b.key]} onInput={(v) => set(b.key, v)} />
          ))}
          {([['people_reached', '来了多少工友（人）'], ['leaflets_given', '发出多少份资料（份）']] as const).map(([key, label]) => (
            <Field key={key} id={`rp-${key}`} label={label} inputMode="numeric" value={r[key]} onInput={(v) => set(key, v.trim())} error={countError(r[key])} />
          ))}
        </ul>
        <FormEnd error="" submit={busy ? '正在提交…' : '提交小结'} disabled={busy} note="再次提交会替换上一次的小结。" />
      </form>
    </div>
  );
}

function SignInFirst(props: { id: number }) {
  return (
    <div class="page">
      <PageHeader title="活动小结" back={`/checkin/${props.id}`} />
      <div class="msg">
        <p>写活动小结要先用志愿者账号登录。</p>
        <a class="btn btn-primary" href="/me">
          去「我的」登录
        </a>
      </div>
    </div>
  );
}

function WhichEvent({ event }: { event: EventInfo }) {
  return (
    <ul class="cells">
      <li class="cell">
        <span class="cell-body">
          <span class="cell-desc">这份小结是哪场活动的</span>
          <span class="cell-title">{event.title}</span>
          <span class="cell-desc">
            {timeRange(event)} · {event.place}
          </span>
        </span>
      </li>
    </ul>
  );
}
