// 现场签到, for volunteers: choose an event, download its roster, then check people in with no
// signal: by scanning their QR code, by name or phone ending, or as a walk-in. Everything is
// kept on the phone first and goes to the server through the outbox. The screen's state lives
// in useCheckin; its parts in checkin-parts.tsx.
import { useState } from 'preact/hooks';
import { useMe } from '../accounts/auth';
import { OutboxLine } from '../core/outbox-line';
import { isOffline, useStore } from '../core/store';
import { Arrow, Lazy, PageHeader, useLoad, useTitle } from '../core/ui';
import { LinkCell, Page, Pending } from '../core/cells';
import { CountBox, FindBox, LastResult, NotArrived, RosterLine, UnknownCodes, WalkInForm } from './checkin-parts';
import { timeRange } from './events';
import { loadAssigned, savedRosters } from './roster';
import { rosterSize } from './roster-store';
import type { EventInfo } from './types';
import { useCheckin } from './use-checkin';
import { PrizeList } from './prize-list';

const ROLES = ['volunteer', 'staff', 'admin'];

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
    <Page title="现场签到" back="/events">
      <OutboxLine />
      {!allowed ? (
        <SignInFirst />
      ) : !assigned.data && !events.length ? (
        <Pending of={assigned} />
      ) : (
        <>
          <h2 class="cells-title">选一场活动</h2>
          {events.length ? (
            <ul class="cells">
              {events.map((e) => {
                const r = byEvent.get(e.id);
                return (
                  <LinkCell
                    key={e.id}
                    href={`/checkin/${e.id}`}
                    title={e.title}
                    desc={`${timeRange(e)} · ${e.place}`}
                    after={<span class="cell-ft">{r ? `名单 ${rosterSize(r)} 人` : '名单未下载'}</span>}
                  />
                );
              })}
            </ul>
          ) : (
            <p class="msg">你还没有被安排到活动。请联系工作人员。</p>
          )}
        </>
      )}
    </Page>
  );
}

export function CheckinPage(props: { id: number }) {
  const me = useMe();
  const st = useStore();
  const c = useCheckin(props.id);
  const [scanning, setScanning] = useState(false);
  const [walkinOpen, setWalkinOpen] = useState(false);
  const { ev, roster: r } = c;
  useTitle(ev.data ? `签到：${ev.data.title}` : '现场签到');

  if (!me || !ROLES.includes(me.role) || !ev.data) {
    return (
      <div class="page">
        <PageHeader title="现场签到" back="/checkin" />
        {!me || !ROLES.includes(me.role) ? <SignInFirst /> : <Pending of={ev} />}
      </div>
    );
  }
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
        <RosterLine c={c} />
      </ul>

      {r && (
        <>
          <CountBox r={r} waitingHere={c.waitingHere} rejectedHere={c.rejectedHere} />
          <LastResult last={c.last} />
          <div class="form-actions checkin-actions">
            {scanning ? (
              <Lazy load={() => import('./scanner')} render={(m) => <m.Scanner onScanned={(t) => void c.onScanned(t)} onClose={() => setScanning(false)} />} />
            ) : (
              <button type="button" class="btn btn-primary" onClick={() => setScanning(true)}>
                扫码签到
              </button>
            )}
          </div>
          <FindBox c={c} r={r} />
          <div class="form-actions">
            <button type="button" class="btn btn-default" aria-expanded={walkinOpen} onClick={() => setWalkinOpen(!walkinOpen)}>
              现场登记（名单上没有的人）
            </button>
          </div>
          {walkinOpen && <WalkInForm c={c} />}
          <UnknownCodes r={r} />
          <NotArrived r={r} onCheck={(a) => void c.pick(a)} />
          <PrizeList r={r} />
        </>
      )}
      {isOffline(st) && <p class="page-desc">现在没有网络：签到都存在手机上，联网后自动发送。</p>}
      <MoreLinks id={props.id} offline={isOffline(st)} />
    </div>
  );
}

/** 待发送, the debrief and the attendance sheet (online only). */
function MoreLinks({ id, offline }: { id: number; offline: boolean }) {
  return (
    <ul class="cells">
      <li>
        <a class="cell cell-link" href="/outbox">
          <span class="cell-body">查看待发送、立即同步</span>
          <Arrow />
        </a>
      </li>
      <li>
        <a class="cell cell-link" href={`/checkin/${id}/report`}>
          <span class="cell-body">写活动小结（四个带回）</span>
          <Arrow />
        </a>
      </li>
      {!offline && (
        <li>
          <a class="cell cell-link" href={`/api/v1/events/${id}/attendance.xlsx`} download={`签到表-${id}.xlsx`}>
            <span class="cell-body">下载签到表（Excel）</span>
            <Arrow />
          </a>
        </li>
      )}
    </ul>
  );
}
