// What a roster on the phone looks like after this device acted, and after the server answered.
// Plain functions over one IndexedDB transaction, so a check-in and its outbox entry are written
// together (or not at all), and a server's answer updates both at once.
import { authFetch } from '../accounts/auth';
import { deviceId, readAnswer, registerSender, RetryLater, type Answer, type OutboxEntry, type Sender, type Tx } from '../core/outbox';
import type { LocalAttendee, StoredRoster, SyncOp, SyncResult } from './types';

/** Checked in, as far as this phone knows: by the server, or here and not refused. */
export function isCheckedIn(a: LocalAttendee): boolean {
  return a.checked_in || (!!a.local && !a.local.rejected);
}

/** A scanned code the roster did not know, that the server has not answered for yet. */
export function isAwaitingServer(a: LocalAttendee): boolean {
  return a.id === null && a.source === 'unknown' && !!a.local && !a.local.rejected;
}

/** On the list: signed up, or registered here and not refused; not a code waiting for the server. */
export function isOnList(a: LocalAttendee): boolean {
  return a.id !== null || (a.source === 'walkin' && !a.local?.rejected);
}

/** The one roster size every screen shows. */
export function rosterSize(roster: StoredRoster | undefined): number {
  return roster ? roster.attendees.filter(isOnList).length : 0;
}

/** Checked in, among those on the list (codes waiting for the server are counted apart). */
export function countCheckedIn(roster: StoredRoster | undefined): number {
  return roster ? roster.attendees.filter((a) => isOnList(a) && isCheckedIn(a)).length : 0;
}

/** Who has not arrived yet, in roster order. */
export function notArrived(roster: StoredRoster | undefined): LocalAttendee[] {
  return roster ? roster.attendees.filter((a) => isOnList(a) && !isCheckedIn(a)) : [];
}

/** The codes scanned here that the roster did not know: waiting, confirmed (with a name once known) or refused. */
export function scannedUnknown(roster: StoredRoster | undefined): LocalAttendee[] {
  return roster ? roster.attendees.filter((a) => !!a.scannedAt) : [];
}

/** Merge a roster download into what the phone has: by server id, keeping this device's marks. */
export function mergeRoster(rows: LocalAttendee[], incoming: LocalAttendee[]): LocalAttendee[] {
  const out = rows.slice();
  const byId = new Map<number, number>();
  out.forEach((a, i) => a.id !== null && byId.set(a.id, i));
  for (const a of incoming) {
    let i = a.id !== null ? byId.get(a.id) : undefined;
    // A code scanned here before the roster knew it: the same person, now with a name.
    if (i === undefined) i = out.findIndex((b) => b.id === null && !!b.qr_token && b.qr_token === a.qr_token);
    if (i === undefined || i < 0) {
      byId.set(a.id!, out.length);
      out.push(a);
    } else {
      out[i] = { ...a, local: out[i].local, scannedAt: out[i].scannedAt, prize: out[i].prize };
      byId.set(a.id!, i);
    }
  }
  return out;
}

/** The server answered some of this device's operations: put its word into the rosters. */
export async function settleInRosters(tx: Tx, answers: { op: SyncOp; result: SyncResult }[]): Promise<void> {
  const store = tx.objectStore('rosters');
  // One read and one write per roster: several writes of copies of it would undo each other.
  for (const eventId of new Set(answers.map((a) => a.op.event_id))) {
    const roster = await store.get(eventId);
    if (!roster) continue;
    for (const a of answers) if (a.op.event_id === eventId) settleRow(roster.attendees, a.op, a.result);
    await store.put(roster);
  }
}

/** The prize: handed over (here or, 已经领过, by another device) or refused, by the server's word. */
function settleRow(rows: LocalAttendee[], op: SyncOp, r: SyncResult): void {
  const i = rows.findIndex((a) => a.local?.opId === op.id);
  if (i < 0) return;
  const row = rows[i];
  if (r.status === 'applied' || r.status === 'duplicate') {
    const id = r.attendee_id ?? row.id;
    const twin = rows.findIndex((a, j) => j !== i && id !== null && a.id === id);
    const settled: LocalAttendee = {
      ...row,
      id,
      qr_token: r.qr_token || row.qr_token,
      checked_in: true,
      checked_in_at: r.checked_in_at || row.local!.at,
      local: undefined,
    };
    if (twin >= 0) {
      // A walk-in who had signed up already: one person, the roster's row.
      rows[twin] = { ...rows[twin], checked_in: true, checked_in_at: settled.checked_in_at, scannedAt: rows[twin].scannedAt || row.scannedAt };
      rows.splice(i, 1);
    } else {
      rows[i] = settled;
    }
  } else {
    rows[i] = { ...row, local: { ...row.local!, rejected: r.reason || r.message || '服务器没有接受这条登记。' } };
  }
}

/** The person let a refused operation go: its mark leaves the roster too. */
export async function forgetInRoster(tx: Tx, op: SyncOp): Promise<void> {
  const store = tx.objectStore('rosters');
  const roster = await store.get(op.event_id);
  if (!roster) return;
  const i = roster.attendees.findIndex((a) => a.local?.opId === op.id);
  if (i < 0) return;
  if (roster.attendees[i].id === null) roster.attendees.splice(i, 1);
  else roster.attendees[i] = { ...roster.attendees[i], local: undefined };
  await store.put(roster);
}

/** A group of an event's entries in the outbox, so its pages count their own. */
export function eventGroup(eventId: number): string {
  return `event:${eventId}`;
}

/**
 * Check-ins and walk-ins go to POST /api/v1/sync in batches (the server takes 2,000; 500 shows
 * progress on a weak signal); each answer is put into the roster in the same transaction.
 */
const checkinSender: Sender<SyncOp> = {
  kind: 'op',
  stores: ['rosters'],
  batch: 500,
  async send(entries) {
    const res = await authFetch('/api/v1/sync', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ device_id: deviceId(), operations: entries.map((e) => e.payload) }),
    });
    if (res.status === 401) {
      void res.body?.cancel().catch(() => undefined);
      // Kept as they are: they go as soon as the volunteer signs in again.
      throw new RetryLater('登录已过期：到「我的」重新登录后，这些记录会自动发送。');
    }
    const whole = await readAnswer(res);
    if (!whole.ok) return entries.map(() => whole);
    const byId = new Map((whole.data as { results: SyncResult[] }).results.map((r) => [r.id, r]));
    return entries.map((e): Answer | undefined => {
      const r = byId.get(e.id);
      if (!r) return undefined; // not answered: stays, goes again next time
      if (r.status === 'applied' || r.status === 'duplicate') return { ok: true, data: r };
      return { ok: false, message: r.reason || r.message || '服务器没有接受这条记录。' };
    });
  },
  onDelivered: (tx, items) => settleInRosters(tx, items.map(({ entry, data }) => ({ op: entry.payload, result: data as SyncResult }))),
  onRejected: (tx, items) =>
    settleInRosters(tx, items.map(({ entry, message }) => ({ op: entry.payload, result: { id: entry.id, status: 'rejected', reason: message } }))),
  onDismiss: (tx, entry) => forgetInRoster(tx, entry.payload),
  exportAs: { key: 'operations', item: (e: OutboxEntry<SyncOp>) => e.payload },
};

export function registerCheckinSender(): void {
  registerSender(checkinSender);
}
