// 「请工友确认」: the link a worker's day-log QR holds, for a co-worker at the same site to confirm days of one
// month. Everything is in the fragment (as aid/track-link.ts explains: a fragment stays in the browser, so no
// request line, Referer or access log carries the log's id or the days): `/confirm#l=<log id>&s=<site>&d=<days>`,
// days written short as `2026-03:2.3.4.13` so the QR stays small enough to scan off a phone's screen.
// The co-worker's phone sends the confirmation under the log's id (confirm-send.ts); the server joins it to the
// log when the worker applies with it (server/daylogs/confirm.py).
import { siteCode } from './site-store';

export interface ConfirmAsk {
  logId: string;
  siteCode: string;
  /** "YYYY-MM-DD", in order. */
  dates: string[];
}

const LOG_ID = /^[A-Za-z0-9_-]{20,80}$/;
const MONTH = /^(\d{4}-(0[1-9]|1[0-2])):(\d{1,2}(\.\d{1,2}){0,30})$/;

/** The link (path and fragment) for one month's days of a log; `dates` all of one month. */
export function confirmHref(ask: ConfirmAsk): string {
  const month = ask.dates[0].slice(0, 7);
  const days = ask.dates.map((d) => Number(d.slice(8))).join('.');
  const f = new URLSearchParams({ l: ask.logId, s: ask.siteCode, d: `${month}:${days}` });
  return `/confirm#${f.toString().replace(/%3A/g, ':')}`;
}

/** A day the calendar has ('2026-02-30' is not): the month's length, leap years counted. */
const real = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
};

/** What a confirm link (or a scanned text holding one) asks, or null when it is not one (or is broken). */
export function readConfirm(text: string): ConfirmAsk | null {
  let url: URL;
  try {
    url = new URL(text, location.origin);
  } catch {
    return null;
  }
  if (url.pathname !== '/confirm') return null;
  const f = new URLSearchParams(url.hash.slice(1));
  const [logId, code, m] = [f.get('l') || '', siteCode(f.get('s')), MONTH.exec(f.get('d') || '')];
  if (!LOG_ID.test(logId) || !code || !m) return null;
  const dates = [...new Set(m[3].split('.').map((d) => `${m[1]}-${d.padStart(2, '0')}`))].filter(real).sort();
  return dates.length ? { logId, siteCode: code, dates } : null;
}
