// The outbox: everything a worker or volunteer did offline, kept until the server confirms it.
// Modelled on Workbox's background-sync Queue: one IndexedDB store, first in first out; each
// entry carries the id made when the person acted and is sent with that same id until the
// server answers for it. An entry leaves the store only on that answer, so a network failure
// (or a closed tab) leaves it where it was, at the head. A 4xx answer is not delivery: the
// entry stays, marked with the server's reason, until the person lets it go. 409, 429 and 503
// are tried again later, with a growing pause. The network is never awaited inside a
// transaction: read, close, send, then write the answer in a new transaction.
import { httpError, OfflineError, request } from './api';
import { authFetch } from '../accounts/auth';
import { askPersistentStorage, openDb, readAll } from './db';
import type { OutboxEntry, SignupAnswer, SyncOp, SyncResult } from '../events/types';
import { forgetInRoster, settleInRosters, WRITE_STORES, type WriteTx } from '../events/roster-store';
import { getState, setState, type OutboxStatus } from './store';

const BATCH = 500; // the server takes 2,000; smaller batches show progress on a weak signal
const BACKOFF_S = [5, 15, 30, 60, 120, 300];
const AGAIN = new Set([408, 409, 425, 429, 500, 502, 503, 504]);

let inflight: Promise<void> | null = null;
let failures = 0;
let timer = 0;

function status(patch: Partial<OutboxStatus>): void {
  setState({ outbox: { ...getState().outbox, ...patch } });
}

export function newId(): string {
  if (typeof crypto !== 'undefined' && crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
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

/**
 * Put something the person did into the outbox, with whatever else must change with it
 * (the roster row, the worker's own sign-up), in one transaction. `alsoWrite` may decline
 * (return false: someone already checked in), and then nothing is written.
 */
export async function enqueue(
  entry: Omit<OutboxEntry, 'seq' | 'state' | 'tries' | 'createdAt'>,
  alsoWrite?: (tx: WriteTx) => Promise<boolean | void>,
): Promise<'queued' | 'declined' | 'failed'> {
  const d = await openDb();
  if (!d) return 'failed';
  try {
    const tx = d.transaction(WRITE_STORES, 'readwrite');
    if ((await alsoWrite?.(tx)) === false) {
      tx.abort();
      await tx.done.catch(() => undefined);
      return 'declined';
    }
    await Promise.all([tx.objectStore('outbox').add({ ...entry, state: 'waiting', tries: 0, createdAt: Date.now() }), tx.done]);
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

class RetryLater extends Error {
  constructor(public problem: string, public afterS = 0) {
    super(problem);
  }
}

async function sendAll(): Promise<void> {
  // Again while the person added more during the last send (a check-in every few seconds).
  for (let after = 0; ; ) {
    const waiting = (await listEntries()).filter((e) => e.state === 'waiting' && e.seq! > after);
    if (!waiting.length) {
      if (!after) status({ problem: '', nextTry: 0 });
      return;
    }
    if (!(await sendSome(waiting))) return;
    after = Math.max(...waiting.map((e) => e.seq!));
  }
}

/** One round over what is waiting; false when it failed and a later try is planned. */
async function sendSome(waiting: OutboxEntry[]): Promise<boolean> {
  status({ sending: true });
  // Workers' sign-ups and volunteers' operations go to different places; one failing
  // does not hold back the other.
  const outcomes = await Promise.allSettled([
    sendSignups(waiting.filter((e) => e.kind === 'signup')),
    sendOps(waiting.filter((e) => e.kind === 'op')),
  ]);
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  await refreshStatus();
  if (!failed) {
    failures = 0;
    status({ sending: false, problem: '', nextTry: 0 });
    return true;
  }
  const err = failed.reason;
  const problem =
    err instanceof RetryLater ? err.problem : err instanceof OfflineError ? '没有网络，联网后会自动发送。' : '发送没有成功，稍后会再试。';
  const pause = Math.max(BACKOFF_S[Math.min(failures, BACKOFF_S.length - 1)], err instanceof RetryLater ? err.afterS : 0);
  failures += 1;
  const nextTry = Date.now() + pause * 1000;
  status({ sending: false, problem, nextTry });
  timer = window.setTimeout(() => void flush(), pause * 1000);
  return false;
}

/**
 * How long the server asked us to wait. Only a 429 or 503 means it: the rate limiter puts its
 * window's reset (a minute) on every answer, even over the 409's "2 seconds" for a key still
 * being handled, so a 409 is simply tried again after the usual short pause.
 */
function retryAfter(res: Response): number {
  if (res.status !== 429 && res.status !== 503) return 0;
  const v = Number(res.headers.get('Retry-After'));
  return Number.isFinite(v) && v > 0 ? Math.min(v, 600) : 0;
}

async function sendSignups(entries: OutboxEntry[]): Promise<void> {
  for (const e of entries) {
    const res = await request(`/api/v1/events/${e.eventId}/signups`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': e.id },
      body: JSON.stringify(e.signup),
    });
    if (AGAIN.has(res.status)) throw new RetryLater((await httpError(res)).message, retryAfter(res));
    if (res.ok) {
      const answer: SignupAnswer = await res.json();
      await settle(e, async (tx) => {
        const mine = await tx.objectStore('mine').get(e.id);
        if (mine) {
          await tx.objectStore('mine').put({
            ...mine,
            state: 'sent',
            qrToken: answer.qr_token,
            phoneMasked: answer.phone_masked,
            checkedIn: answer.checked_in,
            message: undefined,
          });
        }
      });
    } else {
      const message = await refusal(res);
      await markRejected(e, message, async (tx) => {
        const mine = await tx.objectStore('mine').get(e.id);
        if (mine) await tx.objectStore('mine').put({ ...mine, state: 'rejected', message });
      });
    }
  }
}

/** The server's reason, with what it said about each field ("手机号：…"). */
async function refusal(res: Response): Promise<string> {
  let body: { message?: string; errors?: { json?: Record<string, string[]> } } = {};
  try {
    body = await res.clone().json();
  } catch {
    return (await httpError(res)).message;
  }
  const names: Record<string, string> = { name: '姓名', phone: '手机号', employer: '单位', site: '工地' };
  const fields = Object.entries(body.errors?.json || {}).map(([k, v]) => `${names[k] || k}：${[].concat(v as never).join('')}`);
  return [body.message || (await httpError(res)).message, ...fields].join(' ');
}

async function sendOps(entries: OutboxEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += BATCH) {
    const batch = entries.slice(i, i + BATCH);
    const res = await authFetch('/api/v1/sync', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ device_id: deviceId(), operations: batch.map((e) => e.op) }),
    });
    if (res.status === 401) {
      void res.body?.cancel().catch(() => undefined);
      // Kept as they are: they go as soon as the volunteer signs in again.
      throw new RetryLater('登录已过期：到「我的」重新登录后，这些记录会自动发送。');
    }
    if (AGAIN.has(res.status)) throw new RetryLater((await httpError(res)).message, retryAfter(res));
    if (!res.ok) {
      const message = await refusal(res);
      for (const e of batch) await markRejected(e, message);
      continue;
    }
    const body: { results: SyncResult[] } = await res.json();
    const byId = new Map(body.results.map((r) => [r.id, r]));
    await settleOps(batch, byId);
  }
}

/** One transaction for a whole batch's answers: delivered ones leave, refused ones are marked. */
async function settleOps(batch: OutboxEntry[], byId: Map<string, SyncResult>): Promise<void> {
  const d = await openDb();
  if (!d) return;
  const tx = d.transaction(WRITE_STORES, 'readwrite');
  const outbox = tx.objectStore('outbox');
  const work: Promise<unknown>[] = [];
  const answers: { op: SyncOp; result: SyncResult }[] = [];
  for (const e of batch) {
    const r = byId.get(e.id);
    if (!r) continue; // not answered: stays, goes again next time
    if (r.status === 'applied' || r.status === 'duplicate') work.push(outbox.delete(e.seq!));
    else work.push(outbox.put({ ...e, state: 'rejected', message: r.reason || r.message || '服务器没有接受这条记录。' }));
    answers.push({ op: e.op as SyncOp, result: r });
  }
  await Promise.all([...work, settleInRosters(tx, answers), tx.done]);
}

async function settle(e: OutboxEntry, alsoWrite: (tx: WriteTx) => Promise<void>): Promise<void> {
  const d = await openDb();
  if (!d) return;
  const tx = d.transaction(WRITE_STORES, 'readwrite');
  await Promise.all([tx.objectStore('outbox').delete(e.seq!), alsoWrite(tx), tx.done]);
}

async function markRejected(e: OutboxEntry, message: string, alsoWrite?: (tx: WriteTx) => Promise<void>): Promise<void> {
  const d = await openDb();
  if (!d) return;
  const tx = d.transaction(WRITE_STORES, 'readwrite');
  await Promise.all([
    tx.objectStore('outbox').put({ ...e, state: 'rejected', message, tries: e.tries + 1 }),
    e.op ? settleInRosters(tx, [{ op: e.op, result: { id: e.id, status: 'rejected', reason: message } }]) : undefined,
    alsoWrite?.(tx),
    tx.done,
  ]);
}

/** The person read the server's reason and lets a refused entry go (never done silently). */
export async function dismiss(e: OutboxEntry): Promise<void> {
  const d = await openDb();
  if (!d || e.state !== 'rejected') return;
  const tx = d.transaction(WRITE_STORES, 'readwrite');
  await Promise.all([
    tx.objectStore('outbox').delete(e.seq!),
    e.op ? forgetInRoster(tx, e.op) : undefined,
    e.kind === 'signup' ? tx.objectStore('mine').delete(e.id) : undefined,
    tx.done,
  ]);
  await refreshStatus();
}

/**
 * When sending cannot work (no signal all day, an expired account): the waiting entries as
 * a file. `operations` is a POST /api/v1/sync body as it stands, so staff can send it later.
 */
export async function exportWaiting(): Promise<number> {
  const all = await listEntries();
  const ops = all.filter((e) => e.kind === 'op').map((e) => e.op);
  const signups = all.filter((e) => e.kind === 'signup').map((e) => ({ id: e.id, event_id: e.eventId, ...e.signup }));
  const body = {
    exported_at: new Date().toISOString(),
    device_id: deviceId(),
    operations: ops,
    signups,
    notes: all.map((e) => ({ id: e.id, label: e.label, state: e.state, message: e.message || '' })),
  };
  const blob = new Blob([JSON.stringify(body, null, 1)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `gongyou-daifasong-${new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '')}.json`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return all.length;
}

/** Start-up: count what is waiting, send it, and send again whenever the network is back. */
export function startOutbox(): void {
  void refreshStatus().then(() => flush());
  window.addEventListener('online', () => {
    failures = 0;
    void flush();
  });
}
