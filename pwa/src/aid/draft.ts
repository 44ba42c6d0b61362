// The legal-aid form's draft on the phone (IndexedDB), written from the first key, and its photos.
// store.ts puts it into the outbox at 提交.
import { askPersistentStorage, openDb, readAll } from '../core/db';
import { newId } from '../core/id';
import { EMPTY_ANSWERS, type Answers } from './answers';
import type { AidDraft, AidPhoto } from './types';

/** The form being filled in: the one touched last (there is normally one). */
export async function currentDraft(): Promise<AidDraft | undefined> {
  const all = await readAll('aidDrafts');
  return all.sort((a, b) => b.updatedAt - a.updatedAt)[0];
}

export function newDraft(prefill: Partial<Answers> = {}): AidDraft {
  return { id: newId(), step: 0, answers: { ...EMPTY_ANSWERS, ...prefill }, updatedAt: Date.now() };
}

let writing: Promise<unknown> = Promise.resolve();

/** Settles when every write of a draft asked for so far is done (提交 and clearing wait for them). */
export function draftsWritten(): Promise<unknown> {
  return writing;
}

/** Keep the draft as it stands now; writes go one after the other, so the last one wins. */
export function saveDraft(d: AidDraft): Promise<void> {
  const next = writing.then(async () => {
    const db = await openDb();
    await db?.put('aidDrafts', { ...d, updatedAt: Date.now() });
    askPersistentStorage(); // an ID number and photos: ask the browser not to clear them under pressure
  });
  writing = next.catch(() => undefined);
  return next as Promise<void>;
}

/** 重新开始: the draft and its photos leave the phone. */
export async function discardDraft(id: string): Promise<void> {
  await writing;
  const db = await openDb();
  if (!db) return;
  const tx = db.transaction(['aidDrafts', 'aidPhotos', 'outbox'], 'readwrite');
  const queued = await tx.objectStore('outbox').index('id').get(id);
  await tx.objectStore('aidDrafts').delete(id);
  // The photos of an application already in the outbox stay with it.
  if (!queued) for (const key of await tx.objectStore('aidPhotos').index('draft').getAllKeys(id)) await tx.objectStore('aidPhotos').delete(key);
  await tx.done;
}

export async function photosOf(draftId: string): Promise<AidPhoto[]> {
  const db = await openDb();
  if (!db) return [];
  const all = await db.getAllFromIndex('aidPhotos', 'draft', draftId);
  return all.sort((a, b) => a.createdAt - b.createdAt);
}

export async function addPhoto(draftId: string, shrunk: { blob: Blob; width: number; height: number }): Promise<AidPhoto | null> {
  const db = await openDb();
  if (!db) return null;
  const photo: AidPhoto = { id: newId(), draftId, ...shrunk, label: '', createdAt: Date.now() };
  await db.put('aidPhotos', photo);
  return photo;
}

export async function labelPhoto(id: string, label: string): Promise<void> {
  const db = await openDb();
  const p = await db?.get('aidPhotos', id);
  if (db && p) await db.put('aidPhotos', { ...p, label });
}

export async function removePhoto(id: string): Promise<void> {
  const db = await openDb();
  await db?.delete('aidPhotos', id);
}
