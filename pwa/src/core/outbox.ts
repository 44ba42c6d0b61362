// The outbox: everything a worker or volunteer did offline, kept until the server confirms it.
// Modelled on Workbox's background-sync Queue with `onSync`: the outbox keeps the store (one
// IndexedDB store, first in first out: outbox-store.ts), sends one request at a time and pauses
// after failures (this module, the sending loop), and exports what waits; it knows nothing of
// sign-ups or check-ins. Each domain registers a sender for its kind of entry at start-up
// (`registerSender`, outbox-senders.ts), and the sender does the talking. Everything a domain
// uses is exported from here.
//
// An entry carries the id made when the person acted and goes with that same id until the
// server answers for it. It leaves the store only on that answer, so a network failure (or a
// closed tab) leaves it where it was, at the head. A refusal is not delivery: the entry stays,
// marked with the server's reason, until the person lets it go. 408, 409, 425, 429 and 5xx are
// tried again later, never sooner than the server's Retry-After. The network is never awaited
// inside a transaction: read, close, send, then write the answer in a new transaction, together
// with whatever the domain keeps beside it (the roster row, the worker's own sign-up).
import { OfflineError } from './api';
import { getState } from './store';
import { listEntries, refreshStatus, saveProgress, settle, status } from './outbox-store';
import { RetryLater, senderFor, type OutboxEntry } from './outbox-senders';

export { inSteps, postOnce, readAnswer, registerSender, retryAfter, RetryLater } from './outbox-senders';
export type { Answer, OutboxEntry, Progress, Sender, SentItem, Step, Tx } from './outbox-senders';
export { deviceId, dismiss, enqueue, exportWaiting, fixLink, listEntries, refreshStatus, sentItems } from './outbox-store';

const BACKOFF_S = [5, 15, 30, 60, 120, 300];

let inflight: Promise<void> | null = null;
let failures = 0;
let timer = 0;

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

/** Start-up, once the senders are registered: count what waits, send it, and again when the network is back. */
export function startOutbox(): void {
  void refreshStatus().then(() => flush());
  window.addEventListener('online', () => {
    failures = 0;
    void flush();
  });
}
