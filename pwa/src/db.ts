// IndexedDB through idb: the offline content pack per locale, and small flags.
// Opened lazily; where IndexedDB is missing or refused (some in-app browsers in private
// mode) the app still works online, it just cannot keep anything.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Locale, Pack } from './types';

export interface StoredPack {
  locale: Locale;
  etag: string;
  savedAt: number;
  pack: Pack;
}

interface Schema extends DBSchema {
  packs: { key: Locale; value: StoredPack };
}

let dbp: Promise<IDBPDatabase<Schema> | null> | null = null;

function db(): Promise<IDBPDatabase<Schema> | null> {
  if (!dbp) {
    dbp = (typeof indexedDB === 'undefined'
      ? Promise.resolve(null)
      : openDB<Schema>('gongyou-fayuan', 1, {
          upgrade(d) {
            d.createObjectStore('packs', { keyPath: 'locale' });
          },
        })
    ).catch(() => null);
  }
  return dbp;
}

export async function readPack(locale: Locale): Promise<StoredPack | undefined> {
  const d = await db();
  try {
    return d ? await d.get('packs', locale) : undefined;
  } catch {
    return undefined;
  }
}

export async function writePack(stored: StoredPack): Promise<boolean> {
  const d = await db();
  if (!d) return false;
  try {
    await d.put('packs', stored);
    return true;
  } catch {
    return false; // quota or a closed database: keep going online
  }
}
