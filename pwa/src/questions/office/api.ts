// The answerers' requests to /api/v1/questions (docs Q22), each as the signed-in person (authFetch: the access
// cookie, refreshed once). Every create carries its Idempotency-Key, made when the person pressed the button.
import { authFetch } from '../../accounts/auth';
import { httpError } from '../../core/api';
import { pagination } from '../../core/pager';
import type { Answer } from '../../core/schemas';
import type { AnswerIn, LoggedIn, Message, QuestionList, QuestionRow, QuestionView, Verdict } from './types';

async function answer<T>(res: Response): Promise<T> {
  if (!res.ok) throw await httpError(res);
  return res.json() as Promise<T>;
}

function get<T>(path: string): Promise<T> {
  return authFetch(path, { headers: { Accept: 'application/json' } }).then((r) => answer<T>(r));
}

function post<T>(path: string, body: unknown = {}, key?: string): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/json' };
  if (key) headers['Idempotency-Key'] = key;
  return authFetch(path, { method: 'POST', headers, body: JSON.stringify(body) }).then((r) => answer<T>(r));
}

/** A page of the queue: the total in the body, or (a plain list) in X-Pagination. */
export async function loadQueue(query: string): Promise<QuestionList> {
  const res = await authFetch(`/api/v1/questions?${query}`, { headers: { Accept: 'application/json' } });
  const body = await answer<QuestionList | QuestionRow[]>(res);
  if (!Array.isArray(body)) return body;
  const p = pagination(res);
  return { items: body, total: p.total || body.length, page: p.page, page_size: Math.max(1, Math.ceil((p.total || body.length) / Math.max(1, p.lastPage))) };
}

export const loadQuestion = (id: number) => get<QuestionView>(`/api/v1/questions/${id}`);
export const claim = (id: number) => post<QuestionView>(`/api/v1/questions/${id}/claim`);
export const release = (id: number) => post<QuestionView>(`/api/v1/questions/${id}/release`);
export const convert = (id: number) => post<QuestionView>(`/api/v1/questions/${id}/convert`);
export const moderate = (id: number, verdict: Verdict, reason: string) => post<QuestionView>(`/api/v1/questions/${id}/moderate`, { verdict, reason });
export const sendAnswer = (id: number, body: AnswerIn, key: string) => post<Message>(`/api/v1/questions/${id}/answer`, body, key);
export const logQuestion = (body: LoggedIn, key: string) => post<{ id: number; code_display?: string }>('/api/v1/questions/logged', body, key);

/** A voice reply, sent before its answer: `submission` is the answer's Idempotency-Key, `id` the clip's own. */
export async function uploadAudio(id: string, submission: string, blob: Blob, mime: string): Promise<{ id: string; duration_ms: number }> {
  const form = new FormData();
  form.append('id', id);
  form.append('submission_id', submission);
  form.append('file', new File([blob], mime.includes('mp4') ? 'reply.m4a' : mime.includes('ogg') ? 'reply.ogg' : 'reply.webm', { type: mime }));
  return answer(await authFetch('/api/v1/audio', { method: 'POST', headers: { Accept: 'application/json' }, body: form }));
}

/** A clip the server converted (AAC in MP4, plays everywhere) as a blob: URL for <audio>; the caller revokes it. */
export async function audioUrl(id: string): Promise<string> {
  const res = await authFetch(`/api/v1/audio/${encodeURIComponent(id)}`);
  if (!res.ok) throw await httpError(res);
  return URL.createObjectURL(await res.blob());
}

export type CardPage = Answer<'CardPage'>;

/** The card picker's search: the cards' own search (GET /cards?q=). */
export function searchCards(q: string): Promise<CardPage> {
  return get<CardPage>(`/api/v1/cards?q=${encodeURIComponent(q)}&page_size=20`);
}
