// The state of 查进度 (/aid/track): the code and phone typed, their errors, and the application
// found, asked again after a supplement. The server is asked with both in the body.
import { useState } from 'preact/hooks';
import { httpError, OfflineError, request } from '../core/api';
import { cleanPhone, isMobile, PHONE_MESSAGE } from '../core/phone';
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
  const [code, setCode] = useState(initialCode);
  const [phone, setPhone] = useState('');
  const [errors, setErrors] = useState<{ code?: string; phone?: string }>({});
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const [found, setFound] = useState<{ t: Tracked; phone: string } | null>(null);
  const again = async () => {
    if (!found) return;
    try {
      setFound({ t: await track(found.t.code, found.phone), phone: found.phone });
    } catch {
      /* keep what is shown; 查进度 asks again */
    }
  };
  const submit = async (ev: Event) => {
    ev.preventDefault();
    const e: typeof errors = {};
    if (!code.trim()) e.code = '请填写查询码（提交后给你的 8 位字母和数字）。';
    if (!isMobile(phone)) e.phone = PHONE_MESSAGE;
    setErrors(e);
    setProblem('');
    if (e.code || e.phone) return;
    setBusy(true);
    try {
      setFound({ t: await track(code, phone), phone: cleanPhone(phone) });
    } catch (err) {
      setFound(null);
      setProblem(err instanceof OfflineError ? '没有网络，联网后再查。' : err instanceof Error ? err.message : '没查到，请稍后再试。');
    } finally {
      setBusy(false);
    }
  };
  return { code, setCode, phone, setPhone, errors, busy, problem, found, again, submit };
}
