// The outbox's contract with the domains: what an entry is, what a sender must do, and the helpers
// most senders use (`inSteps` for an entry sent in several requests, `postOnce` to send one, `readAnswer`
// and `retryAfter` to read the server's answer). Each domain registers its sender here at start-up (`registerSender`);
// the store (outbox-store.ts) and the sending loop (outbox.ts) look senders up by kind.
import type { IDBPTransaction, StoreNames } from 'idb';
import { refusal } from './api';
import type { Schema } from './db';

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

const AGAIN = new Set([408, 409, 425, 429, 500, 502, 503, 504]);
/** The answers whose Retry-After the server means (409: the same key still being handled). */
const WAIT_AS_TOLD = new Set([409, 429, 503]);

const senders = new Map<string, Sender<never>>();

/** A domain says how its entries are sent (at start-up, before `startOutbox`). */
export function registerSender<P>(sender: Sender<P>): void {
  senders.set(sender.kind, sender as unknown as Sender<never>);
}

/** The sender registered for a kind, if any. */
export function senderFor(kind: string): Sender<unknown> | undefined {
  return senders.get(kind) as Sender<unknown> | undefined;
}

/** Every registered sender. */
export function allSenders(): Sender<unknown>[] {
  return [...senders.values()] as Sender<unknown>[];
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

/** An entry's POST with a JSON body, under the entry's id as Idempotency-Key: sent twice, done once. */
export function postOnce(e: OutboxEntry, body: unknown): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': e.id }, body: JSON.stringify(body) };
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
