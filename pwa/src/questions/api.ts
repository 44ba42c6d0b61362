// The asker's requests (no account: the code and phone in the body, never in an address): the thread,
// a clip of it, and a signed-in worker's questions (a follow-up goes through the outbox: follow-up-store.ts).
import { authFetch } from '../accounts/auth';
import { httpError, request } from '../core/api';
import { cleanPhone } from '../core/phone';
import type { MyQuestion, Thread } from './types';

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

/** 我的咨询: the first page (newest first; the server pages with X-Pagination). */
export async function loadMine(): Promise<MyQuestion[]> {
  const res = await authFetch('/api/v1/me/questions?page_size=50', { headers: { Accept: 'application/json' } });
  if (!res.ok) throw await httpError(res);
  return (await res.json()) as MyQuestion[];
}
