// The question being asked on this phone (/ask): its answers, kept at every key (one at a time, in the
// small 'kv' store), and its recording, kept in IndexedDB ('questionClips') under the question's id from
// the moment it is recorded until the server confirms the question (store.ts deletes it then).
import { askPersistentStorage, openDb, readKv, writeKv } from '../core/db';
import { newId } from '../core/id';
import type { Recording } from '../core/recorder';
import { EMPTY_ASKED } from './body';
import type { Asked, QuestionClip, QuestionDraft } from './types';

export const DRAFT_KEY = 'question-draft';

export async function currentQuestion(): Promise<QuestionDraft | undefined> {
  return (await readKv<QuestionDraft>(DRAFT_KEY))?.value;
}

export function newQuestion(prefill: Partial<Asked> = {}): QuestionDraft {
  return { id: newId(), asked: { ...EMPTY_ASKED, ...prefill }, updatedAt: Date.now() };
}

let writing: Promise<unknown> = Promise.resolve();

/** Settles when every write asked for so far is done (发送 waits for them). */
export function questionWritten(): Promise<unknown> {
  return writing;
}

/** Keep the question as it stands; writes go one after the other, the last one wins. */
export function saveQuestion(d: QuestionDraft): Promise<void> {
  const next = writing.then(() => writeKv(DRAFT_KEY, { ...d, updatedAt: Date.now() }));
  writing = next.catch(() => undefined);
  return next;
}

/** The recording kept for a question, if any. */
export async function clipOf(ownerId: string): Promise<QuestionClip | undefined> {
  const db = await openDb();
  if (!db) return undefined;
  try {
    const all = await db.getAllFromIndex('questionClips', 'owner', ownerId);
    return all.sort((a, b) => b.createdAt - a.createdAt)[0];
  } catch {
    return undefined;
  }
}

/** Keep a new recording for the question (one per question: the one before goes); null when the phone cannot keep it. */
export async function keepClip(ownerId: string, rec: Recording): Promise<QuestionClip | null> {
  const db = await openDb();
  if (!db) return null;
  const clip: QuestionClip = { id: newId(), ownerId, blob: rec.blob, mime: rec.mime, durationMs: rec.durationMs, createdAt: Date.now() };
  try {
    const tx = db.transaction('questionClips', 'readwrite');
    for (const key of await tx.store.index('owner').getAllKeys(ownerId)) await tx.store.delete(key);
    await tx.store.put(clip);
    await tx.done;
  } catch {
    return null; // storage full: the screen says so and offers the text box
  }
  askPersistentStorage();
  return clip;
}

export async function dropClips(ownerId: string): Promise<void> {
  const db = await openDb();
  if (!db) return;
  const tx = db.transaction('questionClips', 'readwrite');
  for (const key of await tx.store.index('owner').getAllKeys(ownerId)) await tx.store.delete(key);
  await tx.done;
}
