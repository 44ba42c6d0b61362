// The outbox's `question` sender, registered at start-up: only what must be in the first download. The
// sending (photos, recording, question) and what a delivered or dropped question leaves on the phone are
// in store.ts, loaded by the first `send` (or by showing a refused question), so it is there when the
// outbox writes the answer in its own transaction, which must not wait for a download.
import { onSignOut } from '../accounts/auth';
import { registerSender, type Sender } from '../core/outbox';
import type { AskedPayload } from './types';

export const KIND = 'question';

type Store = typeof import('./store');
let loaded: Store | null = null;
const store = async () => (loaded = await import('./store'));

const questionSender: Sender<AskedPayload> = {
  kind: KIND,
  stores: ['kv', 'aidPhotos', 'questionClips', 'questionSent'],
  send: async (entries, progress) => (await store()).sendQuestions(entries, progress),
  onDelivered: (tx, items) => loaded!.delivered(tx, items),
  // A refused question is shown (fixAt) before the person can let it go: that loads the module in time.
  onDismiss: async (tx, entry) => loaded?.dropKept(tx, entry.id),
  // A refused follow-up (再问一句) is let go from 待发送; its thread is at /q.
  fixAt: (entry) => ('followUp' in entry.payload ? '/q' : (void store(), `/ask?fix=${encodeURIComponent(entry.id)}`)),
  sent: async () => (await store()).sentItems(),
  // No exportAs: the file carries the payload as it is (the words, and the ids of the photos and recording
  // that stay on the phone).
};

export function registerQuestionSender(): void {
  registerSender(questionSender);
  onSignOut({ warning: async () => (await store()).unsentWarning(), clear: async () => (await store()).clearQuestions() });
}
