// A volunteer's side of an event: the assigned events, the roster kept on the phone (downloaded
// whole once, then only what changed, by the server's cursor), and check-ins made offline:
// each one marks the roster row and joins the outbox in the same transaction.
import { httpError } from '../core/api';
import { authFetch } from '../accounts/auth';
import { askPersistentStorage, openDb, readAll, readKv, readOne } from '../core/db';
import type { EventInfo, LocalAttendee, RosterAttendee, StoredRoster, SyncOp } from './types';
import { loadEvent, withCopy, type Listed } from './events';
import { newId } from '../core/id';
import { enqueue, flushSoon } from '../core/outbox';
import { cleanPhone, maskPhone } from '../core/phone';
import { eventGroup, isAwaitingServer, isCheckedIn, isOnList, mergeRoster } from './roster-store';

async function authJSON<T>(path: string): Promise<T> {
  const res = await authFetch(path, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw await httpError(res);
  return res.json() as Promise<T>;
}

export function loadAssigned(): Promise<Listed<EventInfo[]>> {
  return withCopy('assigned', () => authJSON<EventInfo[]>('/api/v1/events/assigned?page_size=100'));
}

/** The event, for the volunteer's pages: from the roster on the phone, the kept list, or the server. */
export async function eventForVolunteer(id: number): Promise<EventInfo> {
  const r = await readRoster(id);
  if (r) return r.event;
  const kept = (await readKv<EventInfo[]>('assigned'))?.value.find((e) => e.id === id);
  return kept || loadEvent(id);
}

export function readRoster(eventId: number): Promise<StoredRoster | undefined> {
  return readOne('rosters', eventId);
}

export function savedRosters(): Promise<StoredRoster[]> {
  return readAll('rosters');
}

/** 下载名单: the first time everything, then only who changed since the last download. */
export async function downloadRoster(event: EventInfo): Promise<{ roster: StoredRoster; changed: number }> {
  const before = await readRoster(event.id);
  const since = before?.cursor ? `?since=${encodeURIComponent(before.cursor)}` : '';
  const body = await authJSON<{ full: boolean; cursor: string | null; attendees: RosterAttendee[] }>(
    `/api/v1/events/${event.id}/roster${since}`,
  );
  const d = await openDb();
  if (!d) throw new Error('这个浏览器存不了名单（可能是无痕模式），换个浏览器再试。');
  // The answer is in hand; now one transaction merges it with what this phone did meanwhile.
  const tx = d.transaction('rosters', 'readwrite');
  const now = (await tx.store.get(event.id)) || before;
  const roster: StoredRoster = {
    eventId: event.id,
    event,
    cursor: body.cursor ?? now?.cursor ?? null,
    savedAt: Date.now(),
    attendees: mergeRoster(now?.attendees || [], body.attendees),
  };
  await Promise.all([tx.store.put(roster), tx.done]);
  askPersistentStorage();
  return { roster, changed: body.attendees.length };
}

export type CheckinOutcome =
  | { kind: 'done'; name: string }
  /** A well-formed code the roster on the phone does not know: kept, the server decides. */
  | { kind: 'pending'; code: string }
  | { kind: 'already'; name: string }
  /** Scanned or typed text that is no sign-up code at all (a WeChat link): nothing kept. */
  | { kind: 'notCode'; text: string }
  /** A walk-in whose phone is on the roster already: check that person in instead? */
  | { kind: 'onList'; rows: LocalAttendee[] }
  | { kind: 'failed'; message: string };

/** The server's codes are secrets.token_urlsafe(16): 22 URL-safe characters (server/events/signups.py). */
const CODE = /^[A-Za-z0-9_-]{22}$/;

/**
 * The sign-up code in a scan: the bare code (what 我的报名 shows), or a link to this app that
 * ends with one. Anything else (a WeChat link, a price tag) is null, so it is never queued.
 */
export function codeIn(text: string): string | null {
  const t = text.trim();
  if (CODE.test(t)) return t;
  try {
    const u = new URL(t);
    const last = u.pathname.split('/').filter(Boolean).pop() || '';
    return u.origin === location.origin && CODE.test(last) ? last : null;
  } catch {
    return null;
  }
}

function op(eventId: number, type: SyncOp['type'], fields: Partial<SyncOp>): SyncOp {
  return { id: newId(), type, event_id: eventId, device_time: new Date().toISOString(), ...fields };
}

const NOT_KEPT = '没能存到手机上（存储空间满了或被浏览器拒绝），这条没有记下，请再试一次。';

/**
 * Check in one person: by what was scanned (or typed by a hand-held scanner), or picked from
 * the roster. Someone already checked in (by the server, or on this phone) is said so and
 * nothing new is queued. A well-formed code the roster does not know yet (signed up after the
 * download, or for another event) is kept as waiting for the server, counted apart.
 */
export async function checkIn(eventId: number, by: { scanned: string } | { row: LocalAttendee }): Promise<CheckinOutcome> {
  const token = 'scanned' in by ? codeIn(by.scanned) : null;
  if ('scanned' in by && token === null) return { kind: 'notCode', text: by.scanned.trim().slice(0, 200) };
  const wanted = 'row' in by ? by.row : null;
  const pending = op(eventId, 'checkin', {});
  let outcome: CheckinOutcome = { kind: 'failed', message: NOT_KEPT };
  const entry = { id: pending.id, kind: 'op', group: eventGroup(eventId), payload: pending, label: '签到' };
  const kept = await enqueue(entry, async (tx) => {
    const store = tx.objectStore('rosters');
    const roster = await store.get(eventId);
    if (!roster) {
      outcome = { kind: 'failed', message: '这场活动的名单还没下载到手机上。' };
      return false;
    }
    const rows = roster.attendees;
    let i = token !== null ? rows.findIndex((a) => a.qr_token === token) : rows.findIndex((a) => same(a, wanted!));
    if (i >= 0 && isCheckedIn(rows[i]) && !isAwaitingServer(rows[i])) {
      outcome = { kind: 'already', name: who(rows[i]) };
      return false;
    }
    if (i >= 0 && isAwaitingServer(rows[i])) {
      outcome = { kind: 'pending', code: token! }; // scanned twice before the server answered: once is enough
      return false;
    }
    const at = pending.device_time;
    if (token === null && (i < 0 || (rows[i].id === null && !rows[i].qr_token))) {
      outcome = { kind: 'failed', message: '这位是本机现场登记的，没有登记上。请看「待发送」里的原因，再现场登记一次。' };
      return false;
    }
    if (i < 0) {
      rows.push({ id: null, name: '', phone_last4: '', phone_masked: '', employer: '', site: '', qr_token: token!,
        source: 'unknown', checked_in: false, checked_in_at: null, local: { opId: pending.id, at }, scannedAt: at });
      i = rows.length - 1;
    } else {
      rows[i] = { ...rows[i], local: { opId: pending.id, at } };
    }
    const row = rows[i];
    // Scanned: by the code (the server records a QR check-in); picked from a search: by id.
    Object.assign(pending, token !== null || row.id === null ? { qr_token: token ?? row.qr_token } : { attendee_id: row.id });
    outcome = row.id === null && row.source === 'unknown' ? { kind: 'pending', code: token! } : { kind: 'done', name: who(row) };
    entry.label = outcome.kind === 'pending' ? `扫码签到：名单外的码 ${token}` : `签到：${who(row)}`;
    await store.put(roster);
  });
  if (kept === 'queued') flushSoon();
  if (kept === 'failed' && outcome.kind !== 'failed') outcome = { kind: 'failed', message: NOT_KEPT };
  return outcome;
}

/**
 * The quiz prize handed over to someone who passed: marked on the roster and queued in the same batch as the
 * check-ins. Once per person: marked already (here, or by the server for another device) is said so, nothing queued.
 */
export async function givePrize(eventId: number, row: LocalAttendee): Promise<string> {
  const pending = op(eventId, 'prize', { attendee_id: row.id! });
  let said = NOT_KEPT;
  const entry = { id: pending.id, kind: 'op', group: eventGroup(eventId), payload: pending, label: `发奖品：${who(row)}` };
  const kept = await enqueue(entry, async (tx) => {
    const store = tx.objectStore('rosters');
    const roster = await store.get(eventId);
    const i = roster ? roster.attendees.findIndex((a) => a.id === row.id) : -1;
    if (!roster || i < 0) return false;
    const a = roster.attendees[i];
    // Given already: by the server's word, or marked here since the screen showed the button (a double tap). A mark
    // the screen showed is one the server refused: marking again is allowed.
    if (a.prize_at || (a.prize && a.prize.opId !== row.prize?.opId)) {
      said = `${who(a)}已经领过奖品了，不要重复发。`;
      return false;
    }
    roster.attendees[i] = { ...a, prize: { opId: pending.id, at: pending.device_time } };
    said = `已记下：${who(a)}领了奖品。`;
    await store.put(roster);
  });
  if (kept === 'queued') flushSoon();
  return kept === 'failed' ? NOT_KEPT : said;
}

export function who(a: { name: string; phone_last4: string }): string {
  return a.phone_last4 ? `${a.name}（尾号 ${a.phone_last4}）` : a.name;
}

function same(a: LocalAttendee, b: LocalAttendee): boolean {
  return a.id !== null ? a.id === b.id : a.local?.opId === b.local?.opId;
}

export interface WalkIn {
  name: string;
  phone: string;
  employer: string;
}

/** Could this roster row be the person with this phone? Same ending, and every digit the mask shows. */
function samePhone(a: LocalAttendee, phone: string): boolean {
  if (!a.phone_last4 || a.phone_last4 !== phone.slice(-4)) return false;
  const m = a.phone_masked || '';
  return m.length !== phone.length || [...m].every((c, k) => !/\d/.test(c) || c === phone[k]);
}

/**
 * 现场登记: someone not on the roster, registered and checked in at once. A phone already on
 * the roster is offered back first ('onList': check that person in instead), unless the
 * volunteer says it is someone else (`anyway`).
 */
export async function walkIn(eventId: number, form: WalkIn, anyway = false): Promise<CheckinOutcome> {
  const phone = cleanPhone(form.phone);
  const name = form.name.trim();
  const pending = op(eventId, 'walkin', { name, phone, employer: form.employer.trim() });
  const last4 = phone.slice(-4);
  let outcome: CheckinOutcome = { kind: 'failed', message: NOT_KEPT };
  const label = `现场登记：${name} ${maskPhone(phone)}`;
  const kept = await enqueue({ id: pending.id, kind: 'op', group: eventGroup(eventId), payload: pending, label }, async (tx) => {
    const store = tx.objectStore('rosters');
    const roster = await store.get(eventId);
    if (!roster) {
      outcome = { kind: 'failed', message: '这场活动的名单还没下载到手机上。' };
      return false;
    }
    // Registered here a moment ago (or on the roster) under the same name and phone ending.
    const twin = roster.attendees.find((a) => a.name === name && a.phone_last4 === last4 && isCheckedIn(a));
    if (twin) {
      outcome = { kind: 'already', name: who(twin) };
      return false;
    }
    const listed = roster.attendees.filter((a) => isOnList(a) && samePhone(a, phone));
    if (listed.length && !anyway) {
      outcome = { kind: 'onList', rows: listed };
      return false;
    }
    roster.attendees.push({ id: null, name, phone_last4: last4, phone_masked: maskPhone(phone), employer: pending.employer || '',
      site: '', qr_token: '', source: 'walkin', checked_in: false, checked_in_at: null,
      local: { opId: pending.id, at: pending.device_time } });
    outcome = { kind: 'done', name: who({ name, phone_last4: last4 }) };
    await store.put(roster);
  });
  if (kept === 'queued') flushSoon();
  return outcome;
}

/** Search by name, or by the last digits of the phone (4 digits find the phone ending). */
export function search(rows: LocalAttendee[], q: string, limit = 30): LocalAttendee[] {
  const s = q.trim().replace(/\s+/g, '');
  if (!s) return [];
  const digits = /^\d+$/.test(s);
  return rows
    .filter((a) => (digits ? !!a.phone_last4 && a.phone_last4.endsWith(s.slice(-4)) : a.name.includes(s)) || a.qr_token === s)
    .slice(0, limit);
}
