// Events for workers: the list and one event (kept on the phone for reading offline), signing up
// through the outbox, and 我的活动 (this phone's sign-ups, each with its QR token once sent).
import { getJSON, OfflineError, request } from '../core/api';
import { openDb, readAll, readKv, readOne, writeKv } from '../core/db';
import type { EventInfo, MySignup, SignupAnswer, SignupForm } from './types';
import { newId } from '../core/id';
import { enqueue, flush, postOnce, readAnswer, registerSender, type OutboxEntry, type Sender } from '../core/outbox';
import { cleanPhone, maskPhone } from '../core/phone';
import { getState } from '../core/store';
import { clock, dayTime } from '../core/time';

export interface Listed<T> {
  items: T;
  /** Read from the phone because the server could not be reached. */
  saved: boolean;
  savedAt?: number;
}

/** Ask the server; without a network, what was kept last time (and say so). */
export async function withCopy<T>(key: string, fetcher: () => Promise<T>): Promise<Listed<T>> {
  try {
    const items = await fetcher();
    void writeKv(key, items);
    return { items, saved: false };
  } catch (err) {
    const kept = await readKv<T>(key);
    if (kept && err instanceof OfflineError) return { items: kept.value, saved: true, savedAt: kept.savedAt };
    throw err;
  }
}

export function loadEvents(): Promise<Listed<EventInfo[]>> {
  // A paged list (X-Pagination); the largest page holds every upcoming event a worker would scroll.
  return withCopy('events', () => getJSON<EventInfo[]>('/api/v1/events?page_size=100'));
}

/** One event; kept on the phone once seen, so its pages (the sign-up, the debrief) open offline. */
export async function loadEvent(id: number): Promise<EventInfo> {
  try {
    const ev = await getJSON<EventInfo>(`/api/v1/events/${id}`);
    void writeKv(`event-${id}`, ev);
    return ev;
  } catch (err) {
    if (!(err instanceof OfflineError)) throw err;
    const kept = (await readKv<EventInfo>(`event-${id}`))?.value || (await readKv<EventInfo[]>('events'))?.value.find((e) => e.id === id);
    if (kept) return kept;
    throw err;
  }
}

export async function mySignups(): Promise<MySignup[]> {
  return (await readAll('mine')).sort((a, b) => b.createdAt - a.createdAt);
}

export function mySignup(id: string): Promise<MySignup | undefined> {
  return readOne('mine', id);
}

/**
 * Sign up: kept on the phone first (with the id that the server will see as Idempotency-Key),
 * then sent at once if there is a network. Returns the sign-up as the phone now has it.
 */
export async function signUp(event: EventInfo, form: SignupForm): Promise<MySignup | null> {
  const id = newId();
  const phone = cleanPhone(form.phone);
  const signup: SignupForm = { name: form.name.trim(), phone, employer: form.employer.trim(), site: form.site.trim() };
  const mine: MySignup = {
    id,
    eventId: event.id,
    eventTitle: event.title,
    startsAt: event.starts_at,
    place: event.place,
    name: signup.name,
    phoneMasked: maskPhone(phone),
    state: 'waiting',
    createdAt: Date.now(),
  };
  const entry = { id, kind: 'signup', group: `event:${event.id}`, payload: { eventId: event.id, form: signup }, label: `报名：${event.title}（${signup.name}）` };
  const kept = await enqueue<SignupPayload>(entry, async (tx) => {
    await tx.objectStore('mine').put(mine);
  });
  if (kept !== 'queued') return null;
  if (getState().online) await flush();
  return (await mySignup(id)) || mine;
}

/** A sign-up in the outbox: the form as the worker filled it in, for one event. */
export interface SignupPayload {
  eventId: number;
  form: SignupForm;
}

const FIELD_NAMES: Record<string, string> = { name: '姓名', phone: '手机号', employer: '单位', site: '工地' };

/** Sign-ups go one by one to the event, with the id made when the worker pressed 报名. */
const signupSender: Sender<SignupPayload> = {
  kind: 'signup',
  stores: ['mine'],
  async send([e]) {
    const res = await request(`/api/v1/events/${e.payload.eventId}/signups`, postOnce(e, e.payload.form));
    return [await readAnswer(res, FIELD_NAMES)];
  },
  async onDelivered(tx, items) {
    const mine = tx.objectStore('mine');
    for (const { entry, data } of items) {
      const answer = data as SignupAnswer;
      const had = await mine.get(entry.id);
      if (had) {
        await mine.put({ ...had, state: 'sent', qrToken: answer.qr_token, phoneMasked: answer.phone_masked, checkedIn: answer.checked_in, message: undefined });
      }
    }
  },
  async onRejected(tx, items) {
    const mine = tx.objectStore('mine');
    for (const { entry, message } of items) {
      const had = await mine.get(entry.id);
      if (had) await mine.put({ ...had, state: 'rejected', message });
    }
  },
  async onDismiss(tx, entry) {
    await tx.objectStore('mine').delete(entry.id);
  },
  exportAs: { key: 'signups', item: (e: OutboxEntry<SignupPayload>) => ({ id: e.id, event_id: e.payload.eventId, ...e.payload.form }) },
};

export function registerSignupSender(): void {
  registerSender(signupSender);
}

let retryForm: SignupForm | null = null;

/** A refused sign-up the worker wants to correct: its form comes back as they typed it. */
export function keepFormForRetry(form: SignupForm | undefined): void {
  retryForm = form || null;
}

export function takeFormForRetry(): SignupForm | null {
  const f = retryForm;
  retryForm = null;
  return f;
}

/** Online: has the worker been checked in at the gate yet? Updates the phone's copy. */
export async function refreshCheckedIn(s: MySignup): Promise<MySignup> {
  if (s.state !== 'sent' || !s.qrToken || s.checkedIn) return s;
  try {
    const now = await getJSON<SignupAnswer>(`/api/v1/signups/${encodeURIComponent(s.qrToken)}`);
    if (now.checked_in === !!s.checkedIn) return s;
    const next = { ...s, checkedIn: now.checked_in };
    const d = await openDb();
    await d?.put('mine', next);
    return next;
  } catch {
    return s;
  }
}

export function timeRange(e: EventInfo): string {
  return e.ends_at ? `${dayTime(e.starts_at)}–${clock(e.ends_at)}` : dayTime(e.starts_at);
}

/** The tag a sign-up shows in 我的活动 and on its own page. */
export function signupState(s: MySignup): { text: string; cls: string } {
  if (s.state === 'waiting') return { text: '等待发送', cls: 'tag tag-wait' };
  if (s.state === 'rejected') return { text: '没报上', cls: 'tag tag-bad' };
  return s.checkedIn ? { text: '已签到', cls: 'tag tag-ok' } : { text: '已报名', cls: 'tag tag-ok' };
}
