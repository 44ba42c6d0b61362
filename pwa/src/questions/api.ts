// The asker's requests (no account: the code and phone in the body, never in an address): the thread,
// a clip of it, a follow-up, and a signed-in worker's questions.
import { authFetch } from '../accounts/auth';
import { httpError, request } from '../core/api';
import { cleanPhone } from '../core/phone';
import type { MyQuestion, Thread, ThreadMessage } from './types';

function post(path: string, body: unknown, key?: string): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (key) headers['Idempotency-Key'] = key;
  return request(path, { method: 'POST', headers, body: JSON.stringify(body) });
}

export async function loadThread(code: string, phone: string): Promise<Thread> {
  const res = await post('/api/v1/questions/track', { code: code.trim(), phone: cleanPhone(phone) });
  if (!res.ok) throw await httpError(res);
  return (await res.json()) as Thread;
}

/** A clip of the thread (the question's or an answer's), as the server converted it (AAC in MP4). */
export async function loadClip(code: string, phone: string, audioId: string): Promise<Blob> {
  const res = await post('/api/v1/questions/track/audio', { code, phone: cleanPhone(phone), audio_id: audioId });
  if (!res.ok) throw await httpError(res);
  return res.blob();
}

/** A follow-up in the same thread, under its client id (sent twice, kept once). */
export async function sendFollowUp(id: string, code: string, phone: string, text: string, audioId: string | null): Promise<ThreadMessage> {
  const res = await post('/api/v1/questions/track/messages', { code, phone: cleanPhone(phone), text: text.trim(), audio_id: audioId }, id);
  if (!res.ok) throw await httpError(res);
  return (await res.json()) as ThreadMessage;
}

/** 我的咨询: the first page (newest first; the server pages with X-Pagination). */
export async function loadMine(): Promise<MyQuestion[]> {
  const res = await authFetch('/api/v1/me/questions?page_size=50', { headers: { Accept: 'application/json' } });
  if (!res.ok) throw await httpError(res);
  return (await res.json()) as MyQuestion[];
}
