// A page that finds something by its code and the phone given with it (查进度 of an application, the
// answer to a question): the two boxes, their errors, what was found, and asking again (after a
// supplement or a follow-up). Both go to the server in a POST body, never in an address.
import { useState } from 'preact/hooks';
import { OfflineError } from './api';
import { cleanPhone, isMobile, PHONE_MESSAGE } from './phone';

export function useCodeLookup<T extends { code: string }>(
  initialCode: string,
  load: (code: string, phone: string) => Promise<T>,
  words: { noCode: string; offline: string },
) {
  const [code, setCode] = useState(initialCode);
  const [phone, setPhone] = useState('');
  const [errors, setErrors] = useState<{ code?: string; phone?: string }>({});
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const [found, setFound] = useState<{ t: T; phone: string } | null>(null);
  const again = async () => {
    if (!found) return;
    try {
      setFound({ t: await load(found.t.code, found.phone), phone: found.phone });
    } catch {
      /* keep what is shown; the button asks again */
    }
  };
  const submit = async (ev: Event) => {
    ev.preventDefault();
    const e: typeof errors = {};
    if (!code.trim()) e.code = words.noCode;
    if (!isMobile(phone)) e.phone = PHONE_MESSAGE;
    setErrors(e);
    setProblem('');
    if (e.code || e.phone) return;
    setBusy(true);
    try {
      setFound({ t: await load(code.trim(), cleanPhone(phone)), phone: cleanPhone(phone) });
    } catch (err) {
      setFound(null);
      setProblem(err instanceof OfflineError ? words.offline : err instanceof Error ? err.message : '没查到，请稍后再试。');
    } finally {
      setBusy(false);
    }
  };
  return { code, setCode, phone, setPhone, errors, busy, problem, found, again, submit };
}
