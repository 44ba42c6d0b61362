// The outbox: everything a worker or volunteer did offline, kept until the server confirms it.
// Modelled on Workbox's background-sync Queue with `onSync`: this module keeps the store (one
// IndexedDB store, first in first out), sends one request at a time, pauses after failures and
// exports what waits; it knows nothing of sign-ups or check-ins. Each domain registers a sender
// for its kind of entry at start-up (`registerSender`), and the sender does the talking.
//
// An entry carries the id made when the person acted and goes with that same id until the
// server answers for it. It leaves the store only on that answer, so a network failure (or a
// closed tab) leaves it where it was, at the head. A refusal is not delivery: the entry stays,
// marked with the server's reason, until the person lets it go. 408, 409, 425, 429 and 5xx are
// tried again later, never sooner than the server's Retry-After. The network is never awaited
// inside a transaction: read, close, send, then write the answer in a new transaction, together
// with whatever the domain keeps beside it (the roster row, the worker's own sign-up).
import type { IDBPTransaction, StoreNames } from 'idb';
import { OfflineError, refusal } from './api';
import { newId } from './id';
import { fileStamp } from './time';
import { askPersistentStorage, openDb, readAll, type Schema } from './db';
import { getState, setState, type OutboxStatus } from './store';

export interface OutboxEntry<P = unknown> {
  /** IndexedDB's own order: first in, first out. */
  seq?: number;
  /** Made when the person acted; the server's operation id or Idempotency-Key, on every try. */
  id: string;
  /** Which registered sender takes it ('op', 'signup', 'debrief' …). */
  kind: string;
  /** What it belongs to, so a page can count its own ('event:12'). */
  group: string;
  /** What the sender sends, as the person gave it. */
  payload: P;
  /** What it is, for the person: "签到：张三（尾号 5678）". */
  label: string;
  createdAt: number;
  state: 'waiting' | 'rejected';
  /** The server's reason, when it refused. */
  message?: string;
  tries: number;
  /** The steps the server has confirmed, with what each answered (see `inSteps`). */
  done?: Record<string, unknown>;
}

/** The server's word on one entry: delivered (with its answer) or refused (with its reason). */
export type Answer = { ok: true; data?: unknown } | { ok: false; message: string };

export type Tx = IDBPTransaction<Schema, StoreNames<Schema>[], 'readwrite'>;

/** Saves the steps an entry has got through, so a later try starts after them. */
export type Progress = (entry: OutboxEntry, done: Record<string, unknown>) => Promise<void>;

export interface Sender<P = unknown> {
  kind: string;
  /** The domain's stores written in the same transaction as the outbox. */
  stores: StoreNames<Schema>[];
  /** How many entries one `send` takes (a batch endpoint); 1 when not given. */
  batch?: number;
  /**
   * Sends entries (first in, first out) and answers each one; `undefined` means the server did
   * not answer for it, so it stays and goes again. Throws `RetryLater` (or `OfflineError`) when
   * nothing got through; the outbox then pauses and tries again.
   */
  send(entries: OutboxEntry<P>[], progress: Progress): Promise<(Answer | undefined)[]>;
  /** Written with the removal of delivered entries. */
  onDelivered?(tx: Tx, items: { entry: OutboxEntry<P>; data: unknown }[]): Promise<void>;
  /** Written with the marking of refused entries. */
  onRejected?(tx: Tx, items: { entry: OutboxEntry<P>; message: string }[]): Promise<void>;
  /** Written when the person lets a refused entry go. */
  onDismiss?(tx: Tx, entry: OutboxEntry<P>): Promise<void>;
  /** Where a refused entry is corrected (the form it came from), when it is not corrected by letting it go. */
  fixAt?(entry: OutboxEntry<P>): string;
  /** What this kind has delivered lately and still shows (legal aid: each application with its code), for 待发送. */
  sent?(): Promise<SentItem[]>;
  /** Where these entries go in the export file, and how each is written there. */
  exportAs?: { key: string; item: (entry: OutboxEntry<P>) => unknown };
}

/** Something the server has confirmed, as 待发送 lists it under 已发送. */
export interface SentItem {
  id: string;
  label: string;
  href: string;
  at: number;
}

/** Nothing got through now, for a reason the person should read; try again after `afterS`. */
export class RetryLater extends Error {
  constructor(public problem: string, public afterS = 0) {
    super(problem);
  }
}

const BACKOFF_S = [5, 15, 30, 60, 120, 300];
const AGAIN = new Set([408, 409, 425, 429, 500, 502, 503, 504]);
/** The answers whose Retry-After the server means (409: the same key still being handled). */
const WAIT_AS_TOLD = new Set([409, 429, 503]);

const senders = new Map<string, Sender<never>>();
let inflight: Promise<void> | null = null;
let failures = 0;
let timer = 0;

/** A domain says how its entries are sent (at start-up, before `startOutbox`). */
export function registerSender<P>(sender: Sender<P>): void {
  senders.set(sender.kind, sender as unknown as Sender<never>);
}

function senderFor(kind: string): Sender<unknown> | undefined {
  return senders.get(kind) as Sender<unknown> | undefined;
}

function status(patch: Partial<OutboxStatus>): void {
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

/** Try now (start-up, `online`, the 立即同步 button): one attempt at a time. */
export function flush(): Promise<void> {
  clearTimeout(timer);
  if (!inflight) {
    inflight = sendAll().finally(() => {
      inflight = null;
    });
  }
  return inflight;
}

/** Try a little later (after a check-in), unless a pause after failures is already planned. */
export function flushSoon(ms = 1500): void {
  if (inflight || (timer && getState().outbox.nextTry > Date.now())) return;
  clearTimeout(timer);
  timer = window.setTimeout(() => void flush(), ms);
}

async function sendAll(): Promise<void> {
  // Again while the person added more during the last send (a check-in every few seconds).
  for (let after = 0; ; ) {
    const waiting = (await listEntries()).filter((e) => e.state === 'waiting' && e.seq! > after && senderFor(e.kind));
    if (!waiting.length) {
      if (!after) status({ problem: '', nextTry: 0 });
      return;
    }
    if (!(await sendRound(waiting))) return;
    after = Math.max(...waiting.map((e) => e.seq!));
  }
}

/** One round over what is waiting; false when something failed and a later try is planned. */
async function sendRound(waiting: OutboxEntry[]): Promise<boolean> {
  status({ sending: true });
  // Kind by kind, in the order of each kind's oldest entry, first in first out within a kind.
  // A kind that cannot get through now (an expired sign-in) does not hold back the others.
  const kinds = new Map<string, OutboxEntry[]>();
  for (const e of waiting) kinds.set(e.kind, [...(kinds.get(e.kind) || []), e]);
  let failed: unknown = null;
  let waitS = 0;
  for (const [kind, entries] of kinds) {
    const sender = senderFor(kind)!;
    try {
      const size = Math.max(1, sender.batch || 1);
      for (let i = 0; i < entries.length; i += size) {
        const chunk = entries.slice(i, i + size);
        await settle(sender, chunk, await sender.send(chunk, saveProgress));
      }
    } catch (err) {
      failed = failed || err;
      if (err instanceof RetryLater) waitS = Math.max(waitS, err.afterS);
      if (err instanceof OfflineError) break; // no network: the other kinds would fail the same way
    }
  }
  await refreshStatus();
  if (!failed) {
    failures = 0;
    status({ sending: false, problem: '', nextTry: 0 });
    return true;
  }
  const problem =
    failed instanceof RetryLater ? failed.problem : failed instanceof OfflineError ? '没有网络，联网后会自动发送。' : '发送没有成功，稍后会再试。';
  const pause = Math.max(BACKOFF_S[Math.min(failures, BACKOFF_S.length - 1)], waitS);
  failures += 1;
  status({ sending: false, problem, nextTry: Date.now() + pause * 1000 });
  timer = window.setTimeout(() => void flush(), pause * 1000);
  return false;
}

/** One transaction for a chunk's answers: delivered entries leave, refused ones are marked. */
async function settle(sender: Sender<unknown>, chunk: OutboxEntry[], answers: (Answer | undefined)[]): Promise<void> {
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

async function saveProgress(entry: OutboxEntry, done: Record<string, unknown>): Promise<void> {
  const d = await openDb();
  if (!d) return;
  const tx = d.transaction('outbox', 'readwrite');
  const now = await tx.store.get(entry.seq!);
  // Let go meanwhile: nothing to keep.
  await Promise.all([now ? tx.store.put({ ...now, done }) : undefined, tx.done]);
  entry.done = done;
}

export interface Step<P> {
  /** Unique within the entry: the key its answer is kept under ('photo-1', 'application'). */
  name: string;
  /** Sends this step; `done` holds what the earlier steps answered (the photos' ids). */
  send(entry: OutboxEntry<P>, done: Record<string, unknown>): Promise<Answer>;
}

/**
 * A `send` for entries that go in several requests, one after the other: legal aid sends the
 * photos first, then the application that names them. Each step the server confirms is saved
 * with the entry at once, so after a lost signal the next try starts with the first step not
 * yet confirmed, and a photo is never sent twice. A refused step refuses the entry; the entry
 * is delivered when its last step is, with every step's answer.
 */
export function inSteps<P>(steps: (entry: OutboxEntry<P>) => Step<P>[]): Sender<P>['send'] {
  return async (entries, progress) => {
    const answers: Answer[] = [];
    for (const entry of entries) {
      const done = { ...(entry.done || {}) };
      let refused: Answer | null = null;
      for (const step of steps(entry)) {
        if (step.name in done) continue;
        const a = await step.send(entry, done);
        if (!a.ok) {
          refused = a;
          break;
        }
        done[step.name] = a.data ?? null;
        await progress(entry as OutboxEntry, done);
      }
      answers.push(refused || { ok: true, data: done });
    }
    return answers;
  };
}

/** How long the server asked us to wait (seconds, or an HTTP date), on the answers that mean it. */
export function retryAfter(res: Response): number {
  if (!WAIT_AS_TOLD.has(res.status)) return 0;
  const v = res.headers.get('Retry-After');
  if (!v) return 0;
  const s = /^\d+$/.test(v.trim()) ? Number(v) : (Date.parse(v) - Date.now()) / 1000;
  return Number.isFinite(s) && s > 0 ? Math.min(Math.ceil(s), 600) : 0;
}

/**
 * How a sender usually reads an answer: try again later (throws `RetryLater`), delivered (with
 * the parsed body), or refused with the server's reason and what it said about each field;
 * `fields` names them for the person ({ phone: '手机号' }).
 */
export async function readAnswer(res: Response, fields: Record<string, string> = {}): Promise<Answer> {
  if (AGAIN.has(res.status)) throw new RetryLater((await refusal(res)).message, retryAfter(res));
  if (res.ok) {
    let data: unknown = null;
    try {
      data = await res.json();
    } catch {
      /* no body (204) */
    }
    return { ok: true, data };
  }
  const r = await refusal(res);
  const said = Object.entries(r.errors).map(([k, v]) => `${fields[k] || k}：${([] as unknown[]).concat(v).join('')}`);
  return { ok: false, message: [r.message, ...said].join(' ') };
}

/** What the senders that keep a record of their deliveries have sent, newest first. */
export async function sentItems(): Promise<SentItem[]> {
  const lists = await Promise.all([...senders.values()].map((s) => (s.sent ? s.sent().catch(() => []) : [])));
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
  for (const s of senders.values()) if (s.exportAs) body[s.exportAs.key] = [];
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

/** Start-up, once the senders are registered: count what waits, send it, and again when the network is back. */
export function startOutbox(): void {
  void refreshStatus().then(() => flush());
  window.addEventListener('online', () => {
    failures = 0;
    void flush();
  });
}
