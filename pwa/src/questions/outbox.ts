// The outbox's `question` sender, registered at start-up: only what must be in the first download. The
// sending (photos, recording, question) and what a delivered question leaves on the phone are in
// store.ts, loaded by the first `send`, so it is there when the outbox writes the answer (in the
// outbox's own transaction, which must not wait for a download).
import { onSignOut } from '../accounts/auth';
import { dropPhotos } from '../aid/store';
import { registerSender, type Sender, type Tx } from '../core/outbox';
import type { QuestionPayload } from './types';

export const KIND = 'question';

type Store = typeof import('./store');
let loaded: Store | null = null;
const store = async () => (loaded = await import('./store'));

/** A question's photos and recording leave the phone. */
export async function dropKept(tx: Tx, id: string): Promise<void> {
  await dropPhotos(tx, id);
  const clips = tx.objectStore('questionClips');
  for (const key of await clips.index('owner').getAllKeys(id)) await clips.delete(key);
}

const questionSender: Sender<QuestionPayload> = {
  kind: KIND,
  stores: ['kv', 'aidPhotos', 'questionClips', 'questionSent'],
  send: async (entries, progress) => (await store()).sendQuestions(entries, progress),
  onDelivered: (tx, items) => loaded!.delivered(tx, items),
  onDismiss: (tx, entry) => dropKept(tx, entry.id),
  fixAt: (entry) => `/ask?fix=${encodeURIComponent(entry.id)}`,
  sent: async () => (await store()).sentItems(),
  exportAs: {
    key: 'questions',
    // The recording and photos stay on the phone: a file in the downloads carries the words and their ids only.
    item: (e) => ({ id: e.id, ...e.payload }),
  },
};

export function registerQuestionSender(): void {
  registerSender(questionSender);
  onSignOut({ warning: async () => (await store()).unsentWarning(), clear: async () => (await store()).clearQuestions() });
}
