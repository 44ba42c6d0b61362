// 再问一句 through the outbox, like every other write of the worker: 发送 makes the follow-up's client id
// (its Idempotency-Key) and puts it into the outbox under the `question` sender, its recording moved to
// that id in the same transaction (kept in IndexedDB until the server has the message, then deleted with
// the question's own, store.ts dropKept). The steps: the recording to /audio, then the message.
import { request } from '../core/api';
import { newId } from '../core/id';
import { enqueue, flush, listEntries, postOnce, readAnswer, type Answer, type OutboxEntry, type Step } from '../core/outbox';
import { cleanPhone } from '../core/phone';
import { getState } from '../core/store';
import { KIND } from './outbox';
import type { AskedPayload, FollowUpPayload, QuestionClip } from './types';

export const isFollowUp = (e: OutboxEntry<AskedPayload>): e is OutboxEntry<FollowUpPayload> => 'followUp' in e.payload;

/** 发送: into the outbox (sent at once when online); false when the phone could not keep it. */
export async function queueFollowUp(code: string, phone: string, text: string, clip: QuestionClip | null): Promise<boolean> {
  const id = newId();
  const payload: FollowUpPayload = {
    followUp: { code, phone: cleanPhone(phone), text: text.trim() },
    clip: clip ? { id: clip.id, mime: clip.mime, durationMs: clip.durationMs } : null,
  };
  const label = `问一问：再问一句（查询码 ${code}）`;
  const kept = await enqueue<FollowUpPayload>({ id, kind: KIND, group: `${KIND}:${code}`, payload, label }, async (tx) => {
    if (!clip) return;
    const clips = tx.objectStore('questionClips');
    const held = await clips.get(clip.id);
    if (held) await clips.put({ ...held, ownerId: id });
  });
  if (kept !== 'queued') return false;
  if (getState().online) void flush();
  return true;
}

/** The follow-ups of this thread still on the phone (waiting, or refused with the server's reason). */
export async function waitingFollowUps(code: string): Promise<OutboxEntry<FollowUpPayload>[]> {
  return (await listEntries()).filter((e): e is OutboxEntry<FollowUpPayload> => e.kind === KIND && e.group === `${KIND}:${code}`);
}

/** The steps of one follow-up: its recording, then the message naming it. */
export function followUpSteps(entry: OutboxEntry<FollowUpPayload>, upload: (clipId: string, submissionId: string) => Promise<Answer>, fields: Record<string, string>): Step<FollowUpPayload>[] {
  const { followUp, clip } = entry.payload;
  const body = { ...followUp, audio_id: clip?.id ?? null };
  return [
    ...(clip ? [{ name: `audio:${clip.id}`, send: (e: OutboxEntry<FollowUpPayload>) => upload(clip.id, e.id) }] : []),
    { name: 'message', send: async (e) => readAnswer(await request('/api/v1/questions/track/messages', postOnce(e, body)), fields) },
  ];
}
