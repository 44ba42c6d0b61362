// IndexedDB through idb: the offline content pack per locale; the outbox of things a worker
// or volunteer did offline; downloaded rosters; small cached answers (event lists, my sign-ups);
// legal aid's draft, photos and sent applications; the worker's day logs (记工); 问一问's recordings
// (kept until the server has them) and the codes of questions sent.
// Opened lazily; where IndexedDB is missing or refused (some in-app browsers in private
// mode) the app still works online, it just cannot keep anything.
import { openDB, type DBSchema, type IDBPDatabase, type IDBPObjectStore, type StoreKey, type StoreNames, type StoreValue } from 'idb';
import type { OutboxEntry } from './outbox-senders';
import type { Locale } from './settings';

/**
 * The app's one database. Core declares its own stores here; each domain adds the shapes of
 * its stores where it defines them (`declare module '../core/db' { interface Schema { … } }`,
 * which TypeScript merges into this one), so core imports no domain. Every store is still
 * created here, in the one versioned upgrade below.
 */
export interface Schema extends DBSchema {
  /** First in, first out by `seq`; `id` is the client-made id the server sees. */
  outbox: { key: number; value: OutboxEntry; indexes: { id: string } };
  /** Small answers kept for offline reading, by name ('events', 'assigned'). */
  kv: { key: string; value: { savedAt: number; value: unknown } };
}

export type DB = IDBPDatabase<Schema>;

const VERSION = 6;
let dbp: Promise<DB | null> | null = null;

export function openDb(): Promise<DB | null> {
  if (!dbp) {
    dbp = (typeof indexedDB === 'undefined'
      ? Promise.resolve(null)
      : openDB<Schema>('gongyou-fayuan', VERSION, {
          upgrade(d, oldVersion, _newVersion, tx) {
            // Each step from the version before; the stores of older steps (and the pack in them) stay.
            if (oldVersion < 1) d.createObjectStore('packs', { keyPath: 'locale' });
            if (oldVersion < 2) {
              d.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true }).createIndex('id', 'id', { unique: true });
              d.createObjectStore('rosters', { keyPath: 'eventId' });
              d.createObjectStore('mine', { keyPath: 'id' });
              d.createObjectStore('kv');
            }
            if (oldVersion === 2) void generalOutbox(tx.objectStore('outbox'));
            if (oldVersion < 4) {
              // Legal aid: the form being filled in, its photos (by the application they belong to), and what was sent.
              d.createObjectStore('aidDrafts', { keyPath: 'id' });
              d.createObjectStore('aidPhotos', { keyPath: 'id' }).createIndex('draft', 'draftId');
              d.createObjectStore('aidSent', { keyPath: 'id' });
            }
            if (oldVersion < 5) {
              // 记工: the worker's day logs (one per site, or none) and their photos (sites/daylog.ts).
              d.createObjectStore('dayLogs', { keyPath: 'key' });
              d.createObjectStore('dayLogPhotos', { keyPath: 'id' }).createIndex('log', 'logKey');
            }
            if (oldVersion < 6) {
              // 问一问: voice recordings by the question they belong to (questions/clips.ts), and the questions sent.
              d.createObjectStore('questionClips', { keyPath: 'id' }).createIndex('owner', 'ownerId');
              d.createObjectStore('questionSent', { keyPath: 'id' });
            }
          },
          blocking() {
            // A newer version of the app (another tab) wants to upgrade: let it, reopen on next use.
            void dbp?.then((d) => d?.close());
            dbp = null;
          },
          terminated() {
            dbp = null;
          },
        })
    ).catch(() => null);
  }
  return dbp;
}

/**
 * Version 3: outbox entries say what they carry in one `payload` and what they belong to in
 * `group`, whatever the kind, so the outbox needs to know no kind. Entries waiting on a phone
 * from version 2 (a check-in's `op`, a sign-up's `signup` and `eventId`) are rewritten in place.
 */
async function generalOutbox(store: IDBPObjectStore<Schema, ArrayLike<StoreNames<Schema>>, 'outbox', 'versionchange'>): Promise<void> {
  for (let c = await store.openCursor(); c; c = await c.continue()) {
    const old = c.value as OutboxEntry & { op?: unknown; signup?: unknown; eventId?: number };
    if (old.payload !== undefined) continue;
    const { op, signup, eventId, ...rest } = old;
    await c.update({ ...rest, group: `event:${eventId}`, payload: old.kind === 'op' ? op : { eventId, form: signup } });
  }
}

type Store = StoreNames<Schema>;
export type StoredPack = StoreValue<Schema, 'packs'>;

/** One record; undefined when it is not there or the database cannot be read. */
export async function readOne<S extends Store>(store: S, key: StoreKey<Schema, S>): Promise<StoreValue<Schema, S> | undefined> {
  const d = await openDb();
  try {
    return d ? await d.get(store, key) : undefined;
  } catch {
    return undefined;
  }
}

/** Every record of a store, in key order; empty when the database cannot be read. */
export async function readAll<S extends Store>(store: S): Promise<StoreValue<Schema, S>[]> {
  const d = await openDb();
  try {
    return d ? await d.getAll(store) : [];
  } catch {
    return [];
  }
}

export function readPack(locale: Locale): Promise<StoredPack | undefined> {
  return readOne('packs', locale);
}

export async function writePack(stored: StoredPack): Promise<boolean> {
  const d = await openDb();
  if (!d) return false;
  try {
    await d.put('packs', stored);
    return true;
  } catch {
    return false; // quota or a closed database: keep going online
  }
}

export async function readKv<T>(key: string): Promise<{ savedAt: number; value: T } | undefined> {
  return (await readOne('kv', key)) as { savedAt: number; value: T } | undefined;
}

export async function writeKv(key: string, value: unknown): Promise<void> {
  const d = await openDb();
  try {
    await d?.put('kv', { savedAt: Date.now(), value }, key);
  } catch {
    /* not kept: it is only a copy for reading offline */
  }
}

let persistAsked = false;
/** Ask once that the browser keep our data under storage pressure (the pack, the outbox). */
export function askPersistentStorage(): void {
  if (persistAsked) return;
  persistAsked = true;
  try {
    void navigator.storage?.persist?.().catch(() => undefined);
  } catch {
    /* not offered here */
  }
}
