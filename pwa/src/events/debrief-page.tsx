// 活动小结, for the event's volunteers: the four things every event brings back (四个带回) and
// the figures the office reports. Typed at the gate, often with no signal: every keystroke is
// kept on the phone as a draft, and 提交 puts it in the outbox (events/debrief.ts), so 待发送
// shows it until the server has it.
import { useEffect, useState } from 'preact/hooks';
import { authFetch, useMe } from '../accounts/auth';
import { httpError } from '../core/api';
import { writeKv } from '../core/db';
import { typedCount } from '../core/digits';
import { flush } from '../core/outbox';
import { isOffline, useStore } from '../core/store';
import { Field, FormEnd } from '../core/form';
import { TextArea } from '../core/form-extra';
import { Loading, PageHeader, useLoad, useTitle } from '../core/ui';
import { draftKey, EMPTY_DEBRIEF, queuedDebrief, readDraft, submitDebrief, type Debrief } from './debrief';
import { timeRange } from './events';
import { eventForVolunteer } from './roster';

const BRINGS: { key: keyof Debrief; label: string; hint: string }[] = [
  { key: 'worry', label: '带回一：工友最操心的一件事', hint: '例如：怕年底拿不到工资' },
  { key: 'urgent_problem', label: '带回二：急需解决的问题', hint: '例如：3 号楼班组欠薪两个月，包工头联系不上' },
  { key: 'service_suggestion', label: '带回三：对我们服务的建议', hint: '例如：希望晚上下班后来' },
  { key: 'next_event_suggestion', label: '带回四：对下次活动的建议', hint: '例如：多讲讲工伤怎么认定' },
];


/** What the server has, as the form's strings; an empty form when there is none yet. */
async function loadSent(id: number): Promise<Debrief> {
  const res = await authFetch(`/api/v1/events/${id}/report`, { headers: { Accept: 'application/json' } });
  if (res.status === 404) return EMPTY_DEBRIEF;
  if (!res.ok) throw await httpError(res);
  const r = await res.json();
  return { ...EMPTY_DEBRIEF, ...Object.fromEntries(Object.keys(EMPTY_DEBRIEF).map((k) => [k, String(r[k] ?? '')])) } as Debrief;
}

type Sent = 'draft' | 'queued' | 'rejected' | 'sent' | 'server';

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
  const st = useStore();
  const ev = useLoad(() => eventForVolunteer(props.id), [props.id]);
  const [r, setR] = useState<Debrief | null>(null);
  const [sent, setSent] = useState<Sent>('server');
  const [rejection, setRejection] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);

  // What the form starts from: the draft being typed, else the one in the outbox, else the server's.
  useEffect(() => {
    let live = true;
    (async () => {
      const draft = await readDraft(props.id);
      const queued = await queuedDebrief(props.id);
      let from: Debrief = EMPTY_DEBRIEF;
      let now: Sent = 'server';
      if (draft) [from, now] = [draft, 'draft'];
      else if (queued) [from, now] = [queued.payload.report, queued.state === 'rejected' ? 'rejected' : 'queued'];
      else from = await loadSent(props.id).catch(() => EMPTY_DEBRIEF); // offline or not allowed: sending will say why
      if (!live) return;
      setR((had) => had || from);
      setSent(now);
      setRejection(queued?.message || '');
    })();
    return () => {
      live = false;
    };
  }, [props.id]);

  // The outbox sent it (back online) or the server refused it: say so where it was written.
  useEffect(() => {
    if (sent !== 'queued') return;
    void queuedDebrief(props.id).then((q) => {
      if (!q) setSent('sent');
      else if (q.state === 'rejected') {
        setSent('rejected');
        setRejection(q.message || '');
      }
    });
  }, [st.outbox.version, sent]);
  if (!me) {
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
  if (!r) return <Loading />;

  const set = (key: keyof Debrief, value: string) => {
    const next = { ...r, [key]: value };
    setR(next);
    setSent('draft');
    void writeKv(draftKey(props.id), next);
  };
  const countError = (v: string) => (tried && v !== '' && typedCount(v) === null ? '请填写整数，没有就填 0。' : '');

  return (
    <div class="page">
      <PageHeader title="活动小结" back={`/checkin/${props.id}`} />
      <form
        class="form"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setTried(true);
          if ([r.people_reached, r.leaflets_given].some((v) => v !== '' && typedCount(v) === null)) return;
          setBusy(true);
          const kept = await submitDebrief(props.id, ev.data?.title || `活动 ${props.id}`, r);
          if (kept === 'queued') {
            setSent('queued');
            if (!isOffline()) await flush();
          } else {
            setRejection('这个浏览器存不下小结（可能是无痕模式），请换个浏览器再试。');
            setSent('rejected');
          }
          setBusy(false);
        }}
      >
        {ev.data && (
          <ul class="cells">
            <li class="cell">
              <span class="cell-body">
                <span class="cell-desc">这份小结是哪场活动的</span>
                <span class="cell-title">{ev.data.title}</span>
                <span class="cell-desc">
                  {timeRange(ev.data)} · {ev.data.place}
                </span>
              </span>
            </li>
          </ul>
        )}
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
