// The parts of the check-in screen. Each shows one thing the volunteer needs to trust the
// count: who is on the list, who is in, what waits for the server, and what was refused.
import { useState } from 'preact/hooks';
import { cleanPhone, isMobile, PHONE_MESSAGE } from '../core/phone';
import { shortDateTime } from '../core/time';
import { Field, FormEnd } from '../core/form';
import { Section } from '../core/cells';
import { codeIn, search, type CheckinOutcome } from './roster';
import { countCheckedIn, isAwaitingServer, isCheckedIn, notArrived, rosterSize, scannedUnknown } from './roster-store';
import type { LocalAttendee, StoredRoster } from './types';
import type { Checkin } from './use-checkin';

function who(a: LocalAttendee): string {
  return `${a.name}${a.phone_last4 ? `（尾号 ${a.phone_last4}）` : ''}`;
}

export function RosterLine(props: { c: Checkin }) {
  const { roster: r, downloading, download, downloadNote } = props.c;
  return (
    <>
      <li class="cell">
        <span class="cell-body">
          <span class="cell-title">{r ? `名单：${rosterSize(r)} 人` : '名单还没下载'}</span>
          <span class="cell-desc">
            {r ? `存到手机上：${shortDateTime(r.savedAt)}。没信号也能签到。` : '有信号时先下载名单，到了现场没信号也能签到。'}
          </span>
        </span>
        <button type="button" class="btn btn-small btn-primary" disabled={downloading} onClick={download}>
          {downloading ? '正在下载…' : r ? '更新名单' : '下载名单'}
        </button>
      </li>
      {downloadNote && (
        <li class="cell">
          <span class="cell-desc" role="status">
            {downloadNote}
          </span>
        </li>
      )}
    </>
  );
}

/** The count: who is in and who is not (the roster size is said once, above); codes the server must confirm, apart. */
export function CountBox(props: { r: StoredRoster; waitingHere: number; rejectedHere: number }) {
  const { r } = props;
  const awaiting = r.attendees.filter(isAwaitingServer).length;
  const missing = notArrived(r);
  return (
    <div class="count-box" role="status" aria-live="polite">
      <p class="count-main">
        已签到 <strong data-testid="checked-in-count">{countCheckedIn(r)}</strong> 人
      </p>
      {awaiting > 0 && (
        <p class="warn-box" data-testid="awaiting-server">
          另有 <strong data-testid="awaiting-count">{awaiting}</strong> 个名单外的报名码，等服务器确认后再算进来
        </p>
      )}
      <p class="count-sub">
        还没到 <span data-testid="not-arrived-count">{missing.length}</span> 人 ·{' '}
        <a href="/outbox">
          本场等待发送 <span data-testid="waiting-here">{props.waitingHere}</span> 条
        </a>
        {props.rejectedHere ? <span class="bad"> · 没登记上 {props.rejectedHere} 条</span> : null}
      </p>
    </div>
  );
}

export function NotArrived(props: { r: StoredRoster; onCheck: (a: LocalAttendee) => void }) {
  // Drawn only while open: a roster of a thousand would otherwise redraw on every check-in.
  const [open, setOpen] = useState(false);
  const missing = notArrived(props.r);
  if (!missing.length) return null;
  return (
    <details class="not-arrived" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary class="cells-title">还没到的 {missing.length} 人</summary>
      {open && (
        <ul class="cells" aria-label="还没到的人">
          {missing.map((a) => (
            <FoundRow key={a.id ?? a.local?.opId} a={a} onCheck={() => props.onCheck(a)} />
          ))}
        </ul>
      )}
    </details>
  );
}

/** Codes scanned here that the roster did not know: what was scanned, when, and what became of it. */
export function UnknownCodes(props: { r: StoredRoster }) {
  const rows = scannedUnknown(props.r);
  if (!rows.length) return null;
  return (
    <Section id="unknown-h" title="扫到的名单外报名码">
      <ul class="cells">
        {rows.map((a) => (
          <li class="cell" key={a.qr_token}>
            <span class="cell-body">
              <span class="cell-title">{a.id !== null && a.name ? `已确认：${who(a)}` : `报名码 ${a.qr_token}`}</span>
              <span class="cell-desc">
                {shortDateTime(a.scannedAt!)} 扫的 ·{' '}
                {a.local?.rejected ? (
                  <span class="bad">没登记上：{a.local.rejected}</span>
                ) : a.id === null ? (
                  '等服务器确认'
                ) : a.name ? (
                  '服务器已确认'
                ) : (
                  '服务器已确认，更新名单后显示姓名'
                )}
              </span>
            </span>
            <span class={a.local?.rejected ? 'tag tag-bad' : a.id === null ? 'tag tag-wait' : 'tag tag-ok'}>
              {a.local?.rejected ? '没登记上' : a.id === null ? '待确认' : '已签到'}
            </span>
          </li>
        ))}
      </ul>
    </Section>
  );
}

export function LastResult(props: { last: CheckinOutcome | null }) {
  const { last } = props;
  if (!last || last.kind === 'onList') return null;
  const [cls, text] =
    last.kind === 'done'
      ? ['ok-box', `签到成功：${last.name}`]
      : last.kind === 'pending'
        ? ['warn-box', `名单里还没有这个报名码（${last.code}），已先记下，等服务器确认后才算签到。`]
        : last.kind === 'already'
          ? ['warn-box', `${last.name} 已经签过到了，不用再签。`]
          : last.kind === 'notCode'
            ? ['bad-box', `这不是报名二维码，没有记签到。扫到的是：${last.text || '（空白）'}`]
            : ['bad-box', last.message];
  return (
    <p class={'last-result ' + cls} role="alert">
      {text}
    </p>
  );
}

export function FindBox(props: { c: Checkin; r: StoredRoster }) {
  const [q, setQ] = useState('');
  const found = search(props.r.attendees, q);
  return (
    <>
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
              // A hand-held scanner types the code and presses Enter: a scan, unless it names someone.
              const v = (e.target as HTMLInputElement).value;
              if (e.key === 'Enter' && v.trim() && (codeIn(v) || !search(props.r.attendees, v).length)) {
                e.preventDefault();
                void props.c.onScanned(v).then(() => setQ(''));
              }
            }}
          />
        </label>
      </div>
      {q.trim() && (
        <ul class="cells" aria-label="查找结果">
          {found.length ? (
            found.map((a) => <FoundRow key={a.id ?? a.local?.opId} a={a} onCheck={() => void props.c.pick(a)} />)
          ) : (
            <li class="cell">没有找到。名单上没有的人，用下面的现场登记。</li>
          )}
        </ul>
      )}
    </>
  );
}

function FoundRow(props: { a: LocalAttendee; onCheck: () => void }) {
  const { a } = props;
  const done = isCheckedIn(a);
  return (
    <li class="cell">
      <span class="cell-body">
        <span class="cell-title">{who(a) || `报名码 ${a.qr_token}`}</span>
        <span class="cell-desc">
          {[a.employer, a.site].filter(Boolean).join(' · ') || (a.source === 'walkin' ? '现场登记' : '已报名')}
          {a.local?.rejected ? <span class="bad">（没登记上：{a.local.rejected}）</span> : null}
        </span>
      </span>
      {done ? (
        <span class="tag tag-ok">已签到</span>
      ) : (
        <button type="button" class="btn btn-small btn-primary" aria-label={`签到：${who(a)}`} onClick={props.onCheck}>
          签到
        </button>
      )}
    </li>
  );
}

export function WalkInForm(props: { c: Checkin }) {
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [employer, setEmployer] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [listed, setListed] = useState<LocalAttendee[]>([]);
  const nameError = tried && !name.trim() ? '请填写姓名。' : '';
  const phoneError = tried && !isMobile(phone) ? PHONE_MESSAGE : '';
  const settled = (o: CheckinOutcome) => {
    setListed(o.kind === 'onList' ? o.rows : []);
    if (o.kind === 'done' || o.kind === 'already') {
      setName('');
      setPhone('');
      setEmployer('');
      setTried(false);
    }
  };
  const send = async (anyway: boolean) => {
    setBusy(true);
    settled(await props.c.walkIn({ name, phone: cleanPhone(phone), employer }, anyway));
    setBusy(false);
  };
  return (
    <form
      class="form"
      aria-labelledby="walkin-h"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setTried(true);
        if (!name.trim() || !isMobile(phone)) return;
        await send(false);
      }}
    >
      <h2 class="cells-title" id="walkin-h">
        现场登记并签到
      </h2>
      <ul class="cells">
        <Field inline id="wi-name" label="姓名" autoComplete="off" value={name} onInput={setName} maxLength={40} required error={nameError} />
        <Field inline id="wi-phone" label="手机号" type="tel" inputMode="numeric" autoComplete="off" placeholder="11 位手机号" value={phone} onInput={setPhone} required error={phoneError} />
        <Field inline id="wi-employer" label="单位" autoComplete="off" placeholder="选填" value={employer} onInput={setEmployer} maxLength={120} />
      </ul>
      {listed.length > 0 && (
        <div class="msg warn-box" role="alert" aria-labelledby="listed-h">
          <p id="listed-h">这个手机号已经在名单上了，不用现场登记：</p>
          <ul class="cells">
            {listed.map((a) => (
              <li class="cell" key={a.id ?? a.local?.opId}>
                <span class="cell-body">
                  <span class="cell-title">{who(a)}</span>
                  <span class="cell-desc">{a.phone_masked}</span>
                </span>
                <button
                  type="button"
                  class="btn btn-small btn-primary"
                  onClick={async () => {
                    settled(await props.c.pick(a));
                    setListed([]);
                  }}
                >
                  给这位签到
                </button>
              </li>
            ))}
          </ul>
          <button type="button" class="btn btn-default" disabled={busy} onClick={() => void send(true)}>
            不是同一个人，仍然现场登记
          </button>
        </div>
      )}
      <FormEnd error="" submit={busy ? '正在登记…' : '登记并签到'} disabled={busy} />
    </form>
  );
}
