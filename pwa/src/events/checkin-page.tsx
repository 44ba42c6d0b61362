// 现场签到, for volunteers: choose an event, download its roster, then check people in with no
// signal: by scanning their QR code, by name or phone ending, or as a walk-in. Everything is
// kept on the phone first and goes to the server through the outbox.
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText } from '../core/api';
import { useMe } from '../accounts/auth';
import { readKv } from '../core/db';
import type { EventInfo, LocalAttendee } from './types';
import { loadEvent, timeRange } from './events';
import { listEntries } from '../core/outbox';
import { OutboxLine } from '../core/outbox-line';
import { cleanPhone, isMobile, PHONE_MESSAGE } from '../core/phone';
import { checkIn, downloadRoster, loadAssigned, readRoster, savedRosters, search, walkIn, type CheckinOutcome } from './roster';
import { countCheckedIn, isCheckedIn } from './roster-store';
import { isOffline, useStore } from '../core/store';
import { shortDateTime } from '../core/time';
import { Arrow, ErrorBox, Field, FormEnd, Lazy, Loading, PageHeader, useLoad, useTitle } from '../core/ui';

const ROLES = ['volunteer', 'staff', 'admin'];

declare global {
  interface Window {
    /** The scan handler of the open check-in page: the camera, a hand-held scanner or a test feed it. */
    gyScanner?: { onScanned: (text: string) => Promise<CheckinOutcome> };
  }
}

function SignInFirst() {
  return (
    <div class="msg">
      <p>现场签到要先用志愿者账号登录。账号由法律援助中心开通。</p>
      <a class="btn btn-primary" href="/me">
        去「我的」登录
      </a>
    </div>
  );
}

export function CheckinHome() {
  useTitle('现场签到');
  const me = useMe();
  const st = useStore();
  const allowed = !!me && ROLES.includes(me.role);
  const assigned = useLoad(() => (allowed ? loadAssigned() : Promise.resolve(null)), [allowed, st.online]);
  const rosters = useLoad(savedRosters, [st.outbox.version]);
  const byEvent = new Map((rosters.data || []).map((r) => [r.eventId, r]));
  // Events whose roster is on the phone stay listed offline, even if the list was never kept.
  const events: EventInfo[] = assigned.data?.items || [];
  for (const r of rosters.data || []) if (!events.some((e) => e.id === r.eventId)) events.push(r.event);
  return (
    <div class="page">
      <PageHeader title="现场签到" back="/events" />
      <OutboxLine />
      {!allowed ? (
        <SignInFirst />
      ) : assigned.error && !events.length ? (
        <ErrorBox error={assigned.error} retry={assigned.retry} />
      ) : !assigned.data && !events.length ? (
        <Loading />
      ) : (
        <>
          <h2 class="cells-title">选一场活动</h2>
          {events.length ? (
            <ul class="cells">
              {events.map((e) => {
                const r = byEvent.get(e.id);
                return (
                  <li key={e.id}>
                    <a class="cell cell-link" href={`/checkin/${e.id}`}>
                      <span class="cell-body">
                        <span class="cell-title">{e.title}</span>
                        <span class="cell-desc">
                          {timeRange(e)} · {e.place}
                        </span>
                      </span>
                      <span class="cell-ft">{r ? `名单 ${r.attendees.length} 人` : '名单未下载'}</span>
                      <Arrow />
                    </a>
                  </li>
                );
              })}
            </ul>
          ) : (
            <p class="msg">你还没有被安排到活动。请联系工作人员。</p>
          )}
        </>
      )}
    </div>
  );
}

async function eventFor(id: number): Promise<EventInfo> {
  const r = await readRoster(id);
  if (r) return r.event;
  const kept = (await readKv<EventInfo[]>('assigned'))?.value.find((e) => e.id === id);
  return kept || loadEvent(id);
}

/** The text inside a QR code: the bare token, or a link that ends with it. */
function tokenOf(text: string): string {
  const t = text.trim();
  const m = t.match(/\/([A-Za-z0-9_-]{8,64})\/?(?:[?#].*)?$/);
  return m ? m[1] : t;
}

export function CheckinPage(props: { id: number }) {
  const me = useMe();
  const st = useStore();
  const ev = useLoad(() => eventFor(props.id), [props.id]);
  const roster = useLoad(() => readRoster(props.id), [props.id, st.outbox.version]);
  const queued = useLoad(listEntries, [st.outbox.version]);
  const [downloading, setDownloading] = useState(false);
  const [downloadNote, setDownloadNote] = useState('');
  const [last, setLast] = useState<CheckinOutcome | null>(null);
  const [scanning, setScanning] = useState(false);
  const [q, setQ] = useState('');
  const [walkinOpen, setWalkinOpen] = useState(false);
  useTitle(ev.data ? `签到：${ev.data.title}` : '现场签到');

  // Every check-in waits for the one before it, so quick scans of the same code count once.
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const act = (fn: () => Promise<CheckinOutcome>): Promise<CheckinOutcome> => {
    const next = chain.current.then(fn, fn);
    chain.current = next;
    return next.then((r) => {
      setLast(r);
      return r;
    });
  };
  const onScanned = (text: string) => act(() => checkIn(props.id, { token: tokenOf(text) }));
  useEffect(() => {
    window.gyScanner = { onScanned };
    return () => {
      if (window.gyScanner?.onScanned === onScanned) delete window.gyScanner;
    };
  });

  // With signal, what other volunteers did since the last download joins the count by itself.
  useEffect(() => {
    if (ev.data && !isOffline()) {
      void readRoster(props.id).then((had) => had && downloadRoster(ev.data!).then(() => roster.retry(), () => undefined));
    }
  }, [ev.data]);

  const download = async () => {
    if (!ev.data) return;
    setDownloading(true);
    setDownloadNote('');
    try {
      const { roster: r, changed } = await downloadRoster(ev.data);
      setDownloadNote(`名单已存到手机上：共 ${r.attendees.length} 人${changed && r.attendees.length !== changed ? `，这次更新了 ${changed} 人` : ''}。`);
      roster.retry();
    } catch (err) {
      setDownloadNote(`名单没下载成功：${errorText(err)}`);
    } finally {
      setDownloading(false);
    }
  };

  if (!me || !ROLES.includes(me.role)) {
    return (
      <div class="page">
        <PageHeader title="现场签到" back="/checkin" />
        <SignInFirst />
      </div>
    );
  }
  if (!ev.data) {
    return (
      <div class="page">
        <PageHeader title="现场签到" back="/checkin" />
        {ev.error ? <ErrorBox error={ev.error} retry={ev.retry} /> : <Loading />}
      </div>
    );
  }
  const r = roster.data;
  const here = (queued.data || []).filter((e) => e.eventId === props.id);
  const waitingHere = here.filter((e) => e.state === 'waiting').length;
  const rejectedHere = here.length - waitingHere;
  const found = r ? search(r.attendees, q) : [];
  return (
    <div class="page">
      <PageHeader title="现场签到" back="/checkin" />
      <ul class="cells">
        <li class="cell">
          <span class="cell-body">
            <span class="cell-title">{ev.data.title}</span>
            <span class="cell-desc">
              {timeRange(ev.data)} · {ev.data.place}
            </span>
          </span>
        </li>
        <li class="cell">
          <span class="cell-body">
            <span class="cell-title">{r ? `名单：${r.attendees.length} 人` : '名单还没下载'}</span>
            <span class="cell-desc">
              {r ? `存到手机上：${shortDateTime(r.savedAt)}。没信号也能签到。` : '有信号时先下载名单，到了现场没信号也能签到。'}
            </span>
          </span>
          <button type="button" class="btn btn-small btn-primary" disabled={downloading} onClick={download}>
            {downloading ? '正在下载…' : r ? '更新名单' : '下载名单'}
          </button>
        </li>
      </ul>
      {downloadNote && (
        <p class="page-desc" role="status">
          {downloadNote}
        </p>
      )}

      {r && (
        <>
          <div class="count-box" role="status" aria-live="polite">
            <p class="count-main">
              已签到 <strong data-testid="checked-in-count">{countCheckedIn(r)}</strong> 人
            </p>
            <p class="count-sub">
              名单 {r.attendees.filter((a) => a.id !== null).length} 人 ·{' '}
              <a href="/outbox">
                本场等待发送 <span data-testid="waiting-here">{waitingHere}</span> 条
              </a>
              {rejectedHere ? <span class="bad"> · 没登记上 {rejectedHere} 条</span> : null}
            </p>
          </div>

          {last && (
            <p class={'last-result ' + (last.kind === 'done' ? 'ok-box' : last.kind === 'already' ? 'warn-box' : 'bad-box')} role="alert">
              {last.kind === 'done'
                ? last.unknown
                  ? '名单里还没有这个报名码，已先记下签到，联网后由服务器核对。'
                  : `签到成功：${last.name}`
                : last.kind === 'already'
                  ? `${last.name} 已经签过到了，不用再签。`
                  : last.message}
            </p>
          )}

          <div class="form-actions checkin-actions">
            {scanning ? (
              <Lazy load={() => import('./scanner')} render={(m) => <m.Scanner onScanned={(t) => void onScanned(t)} onClose={() => setScanning(false)} />} />
            ) : (
              <button type="button" class="btn btn-primary" onClick={() => setScanning(true)}>
                扫码签到
              </button>
            )}
          </div>

          <h2 class="cells-title" id="find-h">
            查找签到：姓名或手机尾号
          </h2>
          <div class="searchbar">
            <label class="searchbar-box">
              <span class="sr-only">姓名或手机尾号</span>
              <input
                type="search"
                enterKeyHint="search"
                placeholder="如：张三，或 5678"
                value={q}
                onInput={(e) => setQ((e.target as HTMLInputElement).value)}
                onKeyDown={(e) => {
                  // A hand-held scanner types the code and presses Enter: treat it as a scan.
                  const v = (e.target as HTMLInputElement).value.trim();
                  if (e.key === 'Enter' && r.attendees.some((a) => a.qr_token && a.qr_token === tokenOf(v))) {
                    e.preventDefault();
                    void onScanned(v).then(() => setQ(''));
                  }
                }}
              />
            </label>
          </div>
          {q.trim() && (
            <ul class="cells" aria-label="查找结果">
              {found.length ? (
                found.map((a) => <FoundRow key={a.id ?? a.local?.opId} a={a} onCheck={() => act(() => checkIn(props.id, { row: a }))} />)
              ) : (
                <li class="cell">没有找到。名单上没有的人，用下面的现场登记。</li>
              )}
            </ul>
          )}

          <div class="form-actions">
            <button type="button" class="btn btn-default" aria-expanded={walkinOpen} onClick={() => setWalkinOpen(!walkinOpen)}>
              现场登记（名单上没有的人）
            </button>
          </div>
          {walkinOpen && <WalkInForm act={act} eventId={props.id} />}
        </>
      )}
      {isOffline(st) && <p class="page-desc">现在没有网络：签到都存在手机上，联网后自动发送。</p>}
      <ul class="cells">
        <li>
          <a class="cell cell-link" href="/outbox">
            <span class="cell-body">查看待发送、立即同步</span>
            <Arrow />
          </a>
        </li>
        <li>
          <a class="cell cell-link" href={`/checkin/${props.id}/report`}>
            <span class="cell-body">写活动小结（四个带回）</span>
            <Arrow />
          </a>
        </li>
        {!isOffline(st) && (
          <li>
            <a class="cell cell-link" href={`/api/v1/events/${props.id}/attendance.xlsx`} download={`签到表-${props.id}.xlsx`}>
              <span class="cell-body">下载签到表（Excel）</span>
              <Arrow />
            </a>
          </li>
        )}
      </ul>
    </div>
  );
}

function FoundRow(props: { a: LocalAttendee; onCheck: () => void }) {
  const { a } = props;
  const done = isCheckedIn(a);
  const who = `${a.name}${a.phone_last4 ? `（尾号 ${a.phone_last4}）` : ''}`;
  return (
    <li class="cell">
      <span class="cell-body">
        <span class="cell-title">{who}</span>
        <span class="cell-desc">
          {[a.employer, a.site].filter(Boolean).join(' · ') || (a.source === 'walkin' ? '现场登记' : '已报名')}
          {a.local?.rejected ? <span class="bad">（没登记上：{a.local.rejected}）</span> : null}
        </span>
      </span>
      {done ? (
        <span class="tag tag-ok">已签到</span>
      ) : (
        <button type="button" class="btn btn-small btn-primary" aria-label={`签到：${who}`} onClick={props.onCheck}>
          签到
        </button>
      )}
    </li>
  );
}

function WalkInForm(props: { eventId: number; act: (fn: () => Promise<CheckinOutcome>) => Promise<CheckinOutcome> }) {
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [employer, setEmployer] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const nameError = tried && !name.trim() ? '请填写姓名。' : '';
  const phoneError = tried && !isMobile(phone) ? PHONE_MESSAGE : '';
  return (
    <form
      class="form"
      aria-labelledby="walkin-h"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setTried(true);
        if (!name.trim() || !isMobile(phone)) return;
        setBusy(true);
        const o = await props.act(() => walkIn(props.eventId, { name, phone: cleanPhone(phone), employer }));
        setBusy(false);
        if (o.kind === 'done') {
          setName('');
          setPhone('');
          setEmployer('');
          setTried(false);
        }
      }}
    >
      <h2 class="cells-title" id="walkin-h">
        现场登记并签到
      </h2>
      <ul class="cells">
        <Field id="wi-name" label="姓名" autoComplete="off" value={name} onInput={setName} maxLength={40} required error={nameError} />
        <Field id="wi-phone" label="手机号" type="tel" inputMode="numeric" autoComplete="off" placeholder="11 位手机号" value={phone} onInput={setPhone} required error={phoneError} />
        <Field id="wi-employer" label="单位" autoComplete="off" placeholder="选填" value={employer} onInput={setEmployer} maxLength={120} />
      </ul>
      <FormEnd error="" submit={busy ? '正在登记…' : '登记并签到'} disabled={busy} />
    </form>
  );
}
