// The outbox's store: one IndexedDB store, first in first out. Entries go in (`enqueue`, with
// whatever the domain keeps beside them in the same transaction), the server's answers are written
// back (`settle`, `saveProgress`), a refused entry leaves only when the person lets it go
// (`dismiss`), and what waits can be counted, listed and exported. The network is never awaited
// inside a transaction: the sending loop (outbox.ts) reads, sends, then writes here.
import { askPersistentStorage, openDb, readAll } from './db';
import { newId } from './id';
import { getState, setState, type OutboxStatus } from './store';
import { fileStamp } from './time';
import { allSenders, senderFor, type Answer, type OutboxEntry, type SentItem, type Sender, type Tx } from './outbox-senders';

/** The outbox's part of the app state (what 待发送 and the badges show). */
export function status(patch: Partial<OutboxStatus>): void {
  setState({ outbox: { ...getState().outbox, ...patch } });
}

/** This phone's name for the server (one per browser), so it can tell devices apart. */
export function deviceId(): string {
  const KEY = 'gyfy.deviceId';
  try {
    let id = localStorage.getItem(KEY);
    if (!id) {
      id = newId();
      localStorage.setItem(KEY, id);
    }
    return id;
  } catch {
    return 'no-storage';
  }
}

async function writeTx(kind: string): Promise<Tx | null> {
  const d = await openDb();
  const sender = senderFor(kind);
  if (!d || !sender) return null;
  return d.transaction(['outbox', ...sender.stores], 'readwrite') as unknown as Tx;
}

/**
 * Put something the person did into the outbox, with whatever else must change with it (the
 * roster row, the worker's own sign-up), in one transaction. `alsoWrite` may decline (return
 * false: someone already checked in), and then nothing is written.
 */
export async function enqueue<P>(
  entry: Pick<OutboxEntry<P>, 'id' | 'kind' | 'group' | 'payload' | 'label'>,
  alsoWrite?: (tx: Tx) => Promise<boolean | void>,
): Promise<'queued' | 'declined' | 'failed'> {
  try {
    const tx = await writeTx(entry.kind);
    if (!tx) return 'failed';
    if ((await alsoWrite?.(tx)) === false) {
      tx.abort();
      await tx.done.catch(() => undefined);
      return 'declined';
    }
    const full: OutboxEntry<P> = { ...entry, state: 'waiting', tries: 0, createdAt: Date.now() };
    await Promise.all([tx.objectStore('outbox').add(full), tx.done]);
  } catch {
    return 'failed';
  }
  askPersistentStorage();
  await refreshStatus();
  return 'queued';
}

/** The whole outbox, first in first out. */
export function listEntries(): Promise<OutboxEntry[]> {
  return readAll('outbox');
}

export async function refreshStatus(): Promise<void> {
  const all = await listEntries();
  const rejected = all.filter((e) => e.state === 'rejected').length;
  status({ waiting: all.length - rejected, rejected, version: getState().outbox.version + 1 });
}

/** One transaction for a chunk's answers: delivered entries leave, refused ones are marked. */
export async function settle(sender: Sender<unknown>, chunk: OutboxEntry[], answers: (Answer | undefined)[]): Promise<void> {
  const delivered: { entry: OutboxEntry; data: unknown }[] = [];
  const rejected: { entry: OutboxEntry; message: string }[] = [];
  chunk.forEach((entry, i) => {
    const a = answers[i];
    if (a?.ok) delivered.push({ entry, data: a.data });
    else if (a) rejected.push({ entry, message: a.message });
  });
  if (!delivered.length && !rejected.length) return;
  const tx = await writeTx(sender.kind);
  if (!tx) return;
  const outbox = tx.objectStore('outbox');
  await Promise.all([
    ...delivered.map(({ entry }) => outbox.delete(entry.seq!)),
    // Refused, unless the person replaced or let it go meanwhile (a newer debrief).
    ...rejected.map(async ({ entry, message }) => (await outbox.get(entry.seq!)) && outbox.put({ ...entry, state: 'rejected', message, tries: entry.tries + 1 })),
    (async () => {
      // One hook after the other: both may rewrite the same record (a roster).
      if (delivered.length) await sender.onDelivered?.(tx, delivered);
      if (rejected.length) await sender.onRejected?.(tx, rejected);
    })(),
    tx.done,
  ]);
}

export async function saveProgress(entry: OutboxEntry, done: Record<string, unknown>): Promise<void> {
  const d = await openDb();
  if (!d) return;
  const tx = d.transaction('outbox', 'readwrite');
  const now = await tx.store.get(entry.seq!);
  // Let go meanwhile: nothing to keep.
  await Promise.all([now ? tx.store.put({ ...now, done }) : undefined, tx.done]);
  entry.done = done;
}

/** What the senders that keep a record of their deliveries have sent, newest first. */
export async function sentItems(): Promise<SentItem[]> {
  const lists = await Promise.all(allSenders().map((s) => (s.sent ? s.sent().catch(() => []) : [])));
  return lists.flat().sort((a, b) => b.at - a.at);
}

/** The page where a refused entry can be corrected, or null when its sender offers none. */
export function fixLink(e: OutboxEntry): string | null {
  return senderFor(e.kind)?.fixAt?.(e) || null;
}

/** The person read the server's reason and lets a refused entry go (never done silently). */
export async function dismiss(e: OutboxEntry): Promise<void> {
  if (e.state !== 'rejected') return;
  const tx = await writeTx(e.kind);
  if (!tx) return;
  await Promise.all([tx.objectStore('outbox').delete(e.seq!), senderFor(e.kind)?.onDismiss?.(tx, e), tx.done]);
  await refreshStatus();
}

/**
 * When sending cannot work (no signal all day, an expired account): the waiting entries as a
 * file, each kind under its sender's key (`operations` is a POST /api/v1/sync body as it
 * stands, so staff can send it later), and a note for every entry.
 */
export async function exportWaiting(): Promise<number> {
  const all = await listEntries();
  const body: Record<string, unknown> = { exported_at: new Date().toISOString(), device_id: deviceId() };
  for (const s of allSenders()) if (s.exportAs) body[s.exportAs.key] = [];
  for (const e of all) {
    const how = senderFor(e.kind)?.exportAs;
    const key = how?.key || e.kind;
    body[key] = [...((body[key] as unknown[]) || []), how ? how.item(e) : e.payload];
  }
  body.notes = all.map((e) => ({ id: e.id, label: e.label, state: e.state, message: e.message || '' }));
  const blob = new Blob([JSON.stringify(body, null, 1)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `gongyou-daifasong-${fileStamp()}.json`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return all.length;
}
