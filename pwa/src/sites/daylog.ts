// 记工: the worker's own day log, on the phone (IndexedDB), for one site or for none. Each day worked
// (full day, half day or hours; overtime; the work; money received and from whom), the agreed rate,
// photos kept apart (dayLogPhotos, shrunk as the apply form's are). Nothing leaves the phone unless
// the worker sends it with an application (daylog-attach.tsx) or backs it up (signed in by phone code).
// The sums are CALC.md's simple arithmetic, the same as server/daylogs/service.py; the wages
// calculator (issue 24) will take `toCalcDays(entries)` as its `days` input.
import { authFetch } from '../accounts/auth';
import { httpError } from '../core/api';
import { openDb } from '../core/db';
import { newId } from '../core/id';
import type { DayLogDraft } from '../aid/answers';

export type Unit = 'day' | 'half' | 'hours';
export type RateKind = 'day' | 'month' | 'piece';

export interface DayEntry {
  date: string;
  unit: Unit;
  hours: number;
  overtime_hours: number;
  received_fen: number;
  received_from: string;
  work: string;
}

export interface DayLog {
  /** 'site:<CODE>' for a site's log, 'mine' for the log with no site. */
  key: string;
  siteCode: string | null;
  /** The backup's id on the server (made once per log). */
  clientId: string;
  rate: { kind: RateKind; amount_fen: number } | null;
  entries: DayEntry[];
  /** "19:00" when the worker switched the reminder on. */
  reminder?: string;
  updatedAt: number;
}

export interface DayLogPhoto {
  id: string;
  logKey: string;
  date: string;
  blob: Blob;
  width: number;
  height: number;
  createdAt: number;
}

declare module '../core/db' {
  interface Schema {
    dayLogs: { key: string; value: DayLog };
    dayLogPhotos: { key: string; value: DayLogPhoto; indexes: { log: string } };
  }
}

export const UNIT_HOURS: Record<Unit, number | null> = { day: 8, half: 4, hours: null };
export const logKey = (siteCode: string | null) => (siteCode ? `site:${siteCode}` : 'mine');

export async function loadLog(siteCode: string | null): Promise<DayLog> {
  const db = await openDb();
  const had = await db?.get('dayLogs', logKey(siteCode)).catch(() => undefined);
  return had || { key: logKey(siteCode), siteCode, clientId: `log-${newId()}`, rate: null, entries: [], updatedAt: Date.now() };
}

export async function saveLog(log: DayLog): Promise<DayLog> {
  const next = { ...log, entries: [...log.entries].sort((a, b) => a.date.localeCompare(b.date)), updatedAt: Date.now() };
  const db = await openDb();
  if (!db) throw new Error('这台手机不能存记工（浏览器不让存）。');
  await db.put('dayLogs', next);
  return next;
}

/** The day as logged (or replaced when it was logged before). */
export const withEntry = (log: DayLog, e: DayEntry): DayLog => ({ ...log, entries: [...log.entries.filter((x) => x.date !== e.date), e] });
export const withoutDay = (log: DayLog, date: string): DayLog => ({ ...log, entries: log.entries.filter((x) => x.date !== date) });

// --- photos ---

export async function logPhotos(key: string): Promise<DayLogPhoto[]> {
  const db = await openDb();
  const all = (await db?.getAllFromIndex('dayLogPhotos', 'log', key).catch(() => [])) || [];
  return all.sort((a, b) => a.createdAt - b.createdAt);
}

export async function addLogPhoto(key: string, date: string, shrunk: { blob: Blob; width: number; height: number }): Promise<DayLogPhoto> {
  const photo: DayLogPhoto = { id: newId(), logKey: key, date, ...shrunk, createdAt: Date.now() };
  const db = await openDb();
  if (!db) throw new Error('照片没能存到手机上。');
  await db.put('dayLogPhotos', photo);
  return photo;
}

export async function removeLogPhoto(id: string): Promise<void> {
  await (await openDb())?.delete('dayLogPhotos', id);
}

// --- the sums (integer fen; CALC.md) ---

/** n ÷ d rounded half-up, for n ≥ 0. */
export const roundDiv = (n: number, d: number) => Math.floor((2 * n + d) / (2 * d));
const halfHours = (e: DayEntry) => Math.round((UNIT_HOURS[e.unit] ?? e.hours) * 2);

export interface Sums {
  from: string;
  to: string;
  /** Days worked as whole and half days ("9.5"); hours count 8 to the day. */
  days: string;
  overtime: number;
  agreed: number;
  received: number;
  owed: number;
}

export function sums(rate: DayLog['rate'], entries: DayEntry[]): Sums {
  const sorted = [...entries].sort((a, b) => a.date.localeCompare(b.date));
  const hh = sorted.reduce((n, e) => n + halfHours(e), 0);
  const amount = rate?.amount_fen || 0;
  const agreed = rate?.kind === 'piece' ? amount : roundDiv(hh * (rate?.kind === 'month' ? roundDiv(amount * 100, 2175) : amount), 16);
  const received = sorted.reduce((n, e) => n + e.received_fen, 0);
  return {
    from: sorted[0]?.date || '',
    to: sorted[sorted.length - 1]?.date || '',
    days: String(Math.round((hh / 16) * 100) / 100),
    overtime: sorted.reduce((n, e) => n + e.overtime_hours, 0),
    agreed,
    received,
    owed: Math.max(0, agreed - received),
  };
}

/** The entries by month ("2026-03"), newest month first. */
export function byMonth(entries: DayEntry[]): [string, DayEntry[]][] {
  const m = new Map<string, DayEntry[]>();
  for (const e of entries) m.set(e.date.slice(0, 7), [...(m.get(e.date.slice(0, 7)) || []), e]);
  return [...m.entries()].sort((a, b) => b[0].localeCompare(a[0]));
}

/** The calculators' `days` input (CALC.md), exactly. */
export function toCalcDays(entries: DayEntry[]): { date: string; unit: Unit; hours: number; overtime_hours: number; received_fen: number }[] {
  return entries.map((e) => ({ date: e.date, unit: e.unit, hours: UNIT_HOURS[e.unit] ?? e.hours, overtime_hours: e.overtime_hours, received_fen: e.received_fen }));
}

/** The log as it goes with an application (POST /applications `day_log`), once signed off on the form. */
export function logBody(log: DayLog, photoIds: string[]): DayLogDraft {
  return {
    site_code: log.siteCode,
    // Co-workers' confirmations were sent under this id (「请工友确认」): the server joins them to the log by it.
    log_id: log.clientId,
    rate: log.rate || { kind: 'day', amount_fen: 0 },
    entries: log.entries.map((e) => ({ ...e, hours: UNIT_HOURS[e.unit] ?? e.hours })),
    photos: photoIds,
    signed_off: false,
  };
}

// --- backup (a worker signed in by phone code) ---

async function sent(res: Response): Promise<unknown> {
  if (!res.ok) throw await httpError(res);
  return res.json();
}

export async function backUp(log: DayLog): Promise<void> {
  const body = { site_code: log.siteCode, rate: log.rate, entries: logBody(log, []).entries };
  await sent(await authFetch(`/api/v1/me/daylogs/${log.clientId}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }));
}

/** The backup of this log on the server, as a log on this phone (its photos stay on the old phone). */
export async function restore(log: DayLog): Promise<DayLog | null> {
  const list = (await sent(await authFetch('/api/v1/me/daylogs'))) as { items: { client_id: string; site_code: string | null }[] };
  const mine = list.items.find((i) => (i.site_code || null) === log.siteCode);
  if (!mine) return null;
  const got = (await sent(await authFetch(`/api/v1/me/daylogs/${mine.client_id}`))) as { rate: DayLog['rate']; entries: DayEntry[] };
  return { ...log, clientId: mine.client_id, rate: got.rate, entries: got.entries };
}
