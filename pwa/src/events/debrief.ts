// 活动小结 (四个带回) through the outbox: typed at the gate, often with no signal, kept on the
// phone as a draft while it is written, and once 提交 is pressed an outbox entry like any
// check-in, sent when the signal is back and shown in 待发送 until the server has it.
import { authFetch } from '../accounts/auth';
import { readKv } from '../core/db';
import { typedCount } from '../core/digits';
import { newId } from '../core/id';
import { enqueue, listEntries, postOnce, readAnswer, registerSender, RetryLater, type OutboxEntry, type Sender } from '../core/outbox';
import { eventGroup } from './roster-store';

/** The form as typed: the counts stay strings until they are sent. */
export interface Debrief {
  worry: string;
  urgent_problem: string;
  service_suggestion: string;
  next_event_suggestion: string;
  people_reached: string;
  leaflets_given: string;
}

export interface DebriefPayload {
  eventId: number;
  report: Debrief;
}

export const EMPTY_DEBRIEF: Debrief = {
  worry: '', urgent_problem: '', service_suggestion: '', next_event_suggestion: '', people_reached: '', leaflets_given: '',
};

const FIELD_NAMES: Record<string, string> = { people_reached: '人数', leaflets_given: '资料份数' };

export function draftKey(eventId: number): string {
  return `report-draft-${eventId}`;
}

export function readDraft(eventId: number): Promise<Debrief | null> {
  return readKv<Debrief | null>(draftKey(eventId)).then((d) => d?.value || null);
}

function body(r: Debrief) {
  // Full-width digits as typed (４０) count: the one reader of typed digits (core/digits.ts).
  return { ...r, people_reached: typedCount(r.people_reached) ?? 0, leaflets_given: typedCount(r.leaflets_given) ?? 0 };
}

const debriefSender: Sender<DebriefPayload> = {
  kind: 'debrief',
  stores: ['kv'],
  async send([e]) {
    // Sending it again replaces the server's copy with the same text: a lost answer is harmless.
    const res = await authFetch(`/api/v1/events/${e.payload.eventId}/report`, postOnce(e, body(e.payload.report)));
    if (res.status === 401) {
      void res.body?.cancel().catch(() => undefined);
      throw new RetryLater('登录已过期：到「我的」重新登录后，小结会自动提交。');
    }
    return [await readAnswer(res, FIELD_NAMES)];
  },
  exportAs: { key: 'reports', item: (e: OutboxEntry<DebriefPayload>) => ({ id: e.id, event_id: e.payload.eventId, ...body(e.payload.report) }) },
};

export function registerDebriefSender(): void {
  registerSender(debriefSender);
}

function isDebriefOf(e: OutboxEntry, eventId: number): e is OutboxEntry<DebriefPayload> {
  return e.kind === 'debrief' && (e.payload as DebriefPayload).eventId === eventId;
}

/** The event's debrief in the outbox (waiting, or refused with the server's reason). */
export async function queuedDebrief(eventId: number): Promise<OutboxEntry<DebriefPayload> | undefined> {
  return (await listEntries()).find((e): e is OutboxEntry<DebriefPayload> => isDebriefOf(e, eventId));
}

/**
 * 提交小结: into the outbox, in place of an earlier one for this event that is still waiting or
 * was refused (the server keeps only the last one anyway); the draft goes in the same step.
 */
export function submitDebrief(eventId: number, title: string, report: Debrief): Promise<'queued' | 'declined' | 'failed'> {
  const entry = { id: newId(), kind: 'debrief', group: eventGroup(eventId), payload: { eventId, report }, label: `活动小结：${title}` };
  return enqueue<DebriefPayload>(entry, async (tx) => {
    const outbox = tx.objectStore('outbox');
    for (const e of await outbox.getAll()) if (isDebriefOf(e, eventId)) await outbox.delete(e.seq!);
    await tx.objectStore('kv').delete(draftKey(eventId));
  });
}
