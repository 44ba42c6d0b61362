// Events for workers: the list and one event (kept on the phone for reading offline), signing up
// through the outbox, and 我的活动 (this phone's sign-ups, each with its QR token once sent).
import { getJSON, OfflineError } from './api';
import { openDb, readAll, readKv, readOne, writeKv } from './db';
import type { EventInfo, MySignup, SignupAnswer, SignupForm } from './event-types';
import { enqueue, flush, newId } from './outbox';
import { cleanPhone, maskPhone } from './phone';
import { getState } from './store';

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

export async function loadEvent(id: number): Promise<EventInfo> {
  try {
    return await getJSON<EventInfo>(`/api/v1/events/${id}`);
  } catch (err) {
    if (!(err instanceof OfflineError)) throw err;
    const kept = (await readKv<EventInfo[]>('events'))?.value.find((e) => e.id === id);
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
  const kept = await enqueue({ id, kind: 'signup', eventId: event.id, signup, label: `报名：${event.title}（${signup.name}）` }, async (tx) => {
    await tx.objectStore('mine').put(mine);
  });
  if (kept !== 'queued') return null;
  if (getState().online) await flush();
  return (await mySignup(id)) || mine;
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

const SHANGHAI: Intl.DateTimeFormatOptions = { timeZone: 'Asia/Shanghai' };

/** "11月20日 周五 09:00" in Beijing time, whatever the phone's zone. */
export function when(iso: string, withDay = true): string {
  const d = new Date(iso);
  const day = new Intl.DateTimeFormat('zh-CN', { ...SHANGHAI, month: 'long', day: 'numeric', weekday: 'short' }).format(d);
  const time = new Intl.DateTimeFormat('zh-CN', { ...SHANGHAI, hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
  return withDay ? `${day} ${time}` : time;
}

export function timeRange(e: EventInfo): string {
  return e.ends_at ? `${when(e.starts_at)}–${when(e.ends_at, false)}` : when(e.starts_at);
}
