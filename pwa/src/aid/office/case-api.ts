// Case handling (issue 13) as the office and the lawyers see it: the inbox, one case, its
// actions, the group and the lawyers. Shapes follow /api/v1/cases (see contract-cases.md);
// every request goes as the signed-in person (authFetch: the access cookie, refreshed once).
import { authFetch } from '../../accounts/auth';
import { httpError } from '../../core/api';
import type { Answer } from '../../core/schemas';

// The shapes come from the server's description (core/api-types.ts, `make api-types`).
export type CaseRow = Answer<'CaseRow'>;
export type CaseList = Answer<'CaseList'>;
export type CaseView = Answer<'CaseView'>;
export type CaseGroup = Answer<'GroupView'>;
export type Lawyer = Answer<'LawyerRow'>;
export type AuditRow = Answer<'CaseAuditRow'>;
export type Clock = Answer<'ClockOut'>;
/** A move's answer: the case view (handler true), or for a lawyer who declined only a message (handler false). */
export type MoveAnswer = Answer<'MoveAnswer'>;
export type Note = Answer<'NoteOut'>;

export const FILTERS = [
  { id: 'all', label: '全部' },
  { id: 'new', label: '新申请' },
  { id: 'green', label: '绿色通道' },
  { id: 'urgent', label: '紧急' },
  { id: 'overdue', label: '已超期' },
  { id: 'accept_overdue', label: '律师超期未接受' },
  { id: 'group', label: '群体案件' },
  { id: 'duplicate', label: '疑似重复' },
  { id: 'materials', label: '待补充材料' },
  { id: 'mine', label: '我经手的' },
] as const;
export type Filter = (typeof FILTERS)[number]['id'];

async function getCase<T>(path: string): Promise<T> {
  const res = await authFetch(path, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw await httpError(res);
  return res.json() as Promise<T>;
}

/** A page of the inbox; with `search`, the cases it finds (a code, a phone or its tail, a name …): sent as the
 *  request's query only, never put in the page's own address. */
export function loadCases(filter: Filter, page: number, pageSize = 20, search = '', site = ''): Promise<CaseList> {
  const q = new URLSearchParams({ filter, page: String(page), page_size: String(pageSize) });
  if (search) q.set('q', search);
  if (site) q.set('site', site); // one site's cases (issue 23)
  return getCase<CaseList>(`/api/v1/cases?${q}`);
}

export function loadCase(id: number): Promise<CaseView> {
  return getCase<CaseView>(`/api/v1/cases/${id}`);
}

export function loadGroup(key: string): Promise<CaseGroup> {
  return getCase<CaseGroup>(`/api/v1/cases/groups/${encodeURIComponent(key)}`);
}

export async function loadAudit(id: number): Promise<AuditRow[]> {
  return (await getCase<{ items: AuditRow[] }>(`/api/v1/cases/${id}/audit`)).items;
}

export async function loadLawyers(): Promise<Lawyer[]> {
  return (await getCase<{ items: Lawyer[] }>('/api/v1/lawyers')).items;
}

/**
 * One move on a case. `key` is the Idempotency-Key: the same form sent twice (a double tap, a
 * retry after a timeout) is one move; the form makes a new key after each success.
 */
export async function act(id: number, action: string, fields: Record<string, unknown>, key: string): Promise<MoveAnswer> {
  const res = await authFetch(`/api/v1/cases/${id}/actions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify({ action, ...fields }),
  });
  if (!res.ok) throw await httpError(res);
  return res.json() as Promise<MoveAnswer>;
}

/** A file the API serves only to the signed-in (photos, documents) as a blob: URL for <img> or a download. */
export async function blobUrl(path: string): Promise<string> {
  return (await namedBlob(path)).url;
}

/** The same, with the name the server gives the file (Content-Disposition: RFC 5987 filename*, else filename). */
export async function namedBlob(path: string): Promise<{ url: string; name: string }> {
  const res = await authFetch(path);
  if (!res.ok) throw await httpError(res);
  const disposition = res.headers.get('Content-Disposition') || '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  let name = plain?.[1] || '';
  try {
    if (star) name = decodeURIComponent(star[1]);
  } catch {
    /* a malformed filename*: the plain one */
  }
  return { url: URL.createObjectURL(await res.blob()), name };
}

async function send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, key?: string): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (key) headers['Idempotency-Key'] = key;
  const res = await authFetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw await httpError(res);
  return (res.status === 204 ? undefined : res.json()) as Promise<T>;
}

function post<T>(path: string, body?: unknown, key?: string): Promise<T> {
  return send<T>('POST', path, body, key);
}

/** The worker's whole phone, fetched on a tap of 打电话 (the server audits each tap as a call). */
export function callNumber(id: number): Promise<Answer<'CallOut'>> {
  return post<Answer<'CallOut'>>(`/api/v1/cases/${id}/call`);
}

export async function loadNotes(id: number): Promise<Note[]> {
  return (await getCase<{ items: Note[] }>(`/api/v1/cases/${id}/notes`)).items;
}

/** A private note; `key` makes a double tap one note. */
export function addNote(id: number, text: string, key: string): Promise<Note> {
  return post<Note>(`/api/v1/cases/${id}/notes`, { text }, key);
}

export type Hearing = Answer<'HearingOut'>;

/** A case's hearings (调解, 开庭, 仲裁) in time order. */
export async function loadHearings(id: number): Promise<Hearing[]> {
  return (await getCase<{ items: Hearing[] }>(`/api/v1/cases/${id}/hearings`)).items;
}

/** 我的日程: the coming hearings of the lawyer's own cases. */
export async function loadMyHearings(): Promise<Hearing[]> {
  return (await getCase<{ items: Hearing[] }>('/api/v1/me/hearings')).items;
}

/** A hearing; `starts_at` as Beijing time; `key` makes a double tap one hearing. */
export function addHearing(id: number, body: { kind: string; starts_at: string; place: string }, key: string): Promise<Hearing> {
  return post<Hearing>(`/api/v1/cases/${id}/hearings`, body, key);
}

/** 改期: a hearing's new time, place or kind (a change to what it already says changes nothing). */
export function changeHearing(h: Hearing, body: { kind?: string; starts_at?: string; place?: string }): Promise<Hearing> {
  return send<Hearing>('PATCH', `/api/v1/cases/${h.application_id}/hearings/${h.id}`, body);
}

/** 取消: the hearing is kept, marked cancelled (its .ics then says so); answered with it as it is now. */
export function cancelHearing(h: Hearing): Promise<Hearing> {
  return send<Hearing>('DELETE', `/api/v1/cases/${h.application_id}/hearings/${h.id}`);
}

/** An office file attached by mistake: taken off the case (kept for the audit). */
export function removeFile(caseId: number, fileId: string): Promise<void> {
  return send<void>('DELETE', `/api/v1/cases/${caseId}/files/${encodeURIComponent(fileId)}`);
}

export type Particulars = Answer<'ParticularsOut'>;

/** A case's particulars (案件要素), saved whole (a key left out is emptied); the answer is what is now saved. */
export function saveParticulars(id: number, body: Particulars): Promise<Particulars> {
  return send<Particulars>('PUT', `/api/v1/cases/${id}/particulars`, body);
}
