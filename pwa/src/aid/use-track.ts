// The state of 查进度 (/aid/track): the code and phone typed, their errors, and the application
// found, asked again after a supplement (core/use-code-lookup.ts). The server is asked with both in the body.
import { httpError, request } from '../core/api';
import { cleanPhone } from '../core/phone';
import { useCodeLookup } from '../core/use-code-lookup';
import { noteStage } from './store';
import type { Tracked } from './types';

async function track(code: string, phone: string): Promise<Tracked> {
  const res = await request('/api/v1/applications/track', {
    method: 'POST', // code and phone in the body: neither lands in an access log
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ code: code.trim(), phone: cleanPhone(phone) }),
  });
  if (!res.ok) throw await httpError(res);
  const t = (await res.json()) as Tracked;
  void noteStage(t.code, t.stage_label); // this phone's list shows where its applications stand
  return t;
}

export function useTrack(initialCode: string) {
  return useCodeLookup(initialCode, track, { noCode: '请填写查询码（提交后给你的 8 位字母和数字）。', offline: '没有网络，联网后再查。' });
}
