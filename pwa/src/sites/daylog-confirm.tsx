// 「请工友确认」 on the day log of a site: a QR (drawn in the browser, the `qr` encoder loaded only when opened)
// holding one month's days, the site and the log's random id in a link's fragment (confirm-link.ts). A co-worker
// scans it with the phone's camera, or with 「扫工友的记工码」 here, and confirms on their own phone; the server
// joins what they said to this log when it is sent with an application. Nothing about the worker is in it.
import { useState } from 'preact/hooks';
import { navigate } from '../core/router';
import { Lazy } from '../core/ui';
import { confirmHref, readConfirm } from './confirm-link';
import { byMonth, type DayLog } from './daylog';
import './confirm-send'; // registers the outbox's sender: a confirmation made offline goes when this opens online

export function AskConfirm({ log }: { log: DayLog }) {
  const months = byMonth(log.entries);
  const [month, setMonth] = useState('');
  if (!log.siteCode || !months.length) return null;
  const shown = months.find(([m]) => m === month);
  const href = shown && confirmHref({ logId: log.clientId, siteCode: log.siteCode, dates: shown[1].map((e) => e.date) });
  return (
    <div class="msg" data-testid="daylog-ask-confirm">
      <p>请同一个工地的工友用手机扫一扫，确认你哪些天出工了（工友确认过的天数更有说服力）：</p>
      <div class="chips">
        {months.map(([m]) => (
          <button key={m} type="button" class={`btn btn-small ${m === month ? 'btn-primary' : 'btn-default'}`} onClick={() => setMonth(m === month ? '' : m)}>
            请工友确认 {m}
          </button>
        ))}
      </div>
      {href && (
        <div data-testid="daylog-confirm-qr" data-href={href}>
          <Lazy load={() => import('../events/qr-code')} render={(q) => <q.QrCode text={location.origin + href} label={`请工友确认 ${month} 的出工`} />} />
          <p class="page-desc">二维码里只有工地编号、这个月的出工日子和一个随机编号，没有你的名字和电话。工友确认后，你用记工申请时会一起交上去。</p>
        </div>
      )}
    </div>
  );
}

/** 「扫工友的记工码」: this phone's camera reads a co-worker's QR and opens the confirm page. */
export function ScanConfirm() {
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState('');
  const scanned = (text: string) => {
    const ask = readConfirm(text);
    if (!ask) return setProblem('这不是工友的记工确认码。');
    setOpen(false);
    navigate(confirmHref(ask));
  };
  return (
    <div>
      {open ? (
        <Lazy load={() => import('../events/scanner')} render={(s) => <s.Scanner onScanned={scanned} onClose={() => setOpen(false)} other="手机自带的相机扫码" aim="工友的记工确认码" />} />
      ) : (
        <button type="button" class="btn btn-default" onClick={() => (setProblem(''), setOpen(true))}>扫工友的记工码（帮工友作证）</button>
      )}
      {problem && <p class="form-error" role="alert">{problem}</p>}
    </div>
  );
}
