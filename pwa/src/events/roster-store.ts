// What a roster on the phone looks like after this device acted, and after the server answered.
// Plain functions over one IndexedDB transaction, so a check-in and its outbox entry are written
// together (or not at all), and a server's answer updates both at once.
import type { IDBPTransaction } from 'idb';
import type { Schema } from '../core/db';
import type { LocalAttendee, StoredRoster, SyncOp, SyncResult } from './types';

export const WRITE_STORES: ['outbox', 'rosters', 'mine'] = ['outbox', 'rosters', 'mine'];
export type WriteTx = IDBPTransaction<Schema, typeof WRITE_STORES, 'readwrite'>;

/** Checked in, as far as this phone knows: by the server, or here and not refused. */
export function isCheckedIn(a: LocalAttendee): boolean {
  return a.checked_in || (!!a.local && !a.local.rejected);
}

export function countCheckedIn(roster: StoredRoster | undefined): number {
  return roster ? roster.attendees.filter(isCheckedIn).length : 0;
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
      out[i] = { ...a, local: out[i].local };
      byId.set(a.id!, i);
    }
  }
  return out;
}

/** The server answered some of this device's operations: put its word into the rosters. */
export async function settleInRosters(tx: WriteTx, answers: { op: SyncOp; result: SyncResult }[]): Promise<void> {
  const store = tx.objectStore('rosters');
  // One read and one write per roster: several writes of copies of it would undo each other.
  for (const eventId of new Set(answers.map((a) => a.op.event_id))) {
    const roster = await store.get(eventId);
    if (!roster) continue;
    for (const a of answers) if (a.op.event_id === eventId) settleRow(roster.attendees, a.op, a.result);
    await store.put(roster);
  }
}

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
      rows[twin] = { ...rows[twin], checked_in: true, checked_in_at: settled.checked_in_at };
      rows.splice(i, 1);
    } else {
      rows[i] = settled;
    }
  } else {
    rows[i] = { ...row, local: { ...row.local!, rejected: r.reason || r.message || '服务器没有接受这条登记。' } };
  }
}

/** The person let a refused operation go: its mark leaves the roster too. */
export async function forgetInRoster(tx: WriteTx, op: SyncOp): Promise<void> {
  const store = tx.objectStore('rosters');
  const roster = await store.get(op.event_id);
  if (!roster) return;
  const i = roster.attendees.findIndex((a) => a.local?.opId === op.id);
  if (i < 0) return;
  if (roster.attendees[i].id === null) roster.attendees.splice(i, 1);
  else roster.attendees[i] = { ...roster.attendees[i], local: undefined };
  await store.put(roster);
}
