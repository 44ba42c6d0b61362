// 忘了查询码: the worker types the phone that applied and the server texts the codes to that
// phone. The answer is the same whether or not the phone ever applied, and never holds a code.
import { useState } from 'preact/hooks';
import { httpError, OfflineError, request } from '../core/api';
import { cleanPhone, isMobile, PHONE_MESSAGE } from '../core/phone';
import { ReadAloud } from '../core/read-aloud';
import { getLocale } from '../core/settings';
import { speechText } from '../core/speech';
import { Field, FormEnd } from '../core/form';
import { Page } from '../core/cells';

const INTRO = '填上申请时留的手机号，我们把查询码用短信发到这个手机上。';

async function askForCodes(phone: string): Promise<string> {
  const res = await request('/api/v1/applications/forgot-code', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ phone: cleanPhone(phone) }),
  });
  if (!res.ok) throw await httpError(res);
  return ((await res.json()) as { message: string }).message;
}

export function ForgotCodePage() {
  const [phone, setPhone] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const [done, setDone] = useState('');
  return (
    <Page title="忘了查询码" back="/aid/track">
      <div class="apply-head">
        <p class="page-desc">{INTRO}</p>
        <ReadAloud text={speechText(['忘了查询码', INTRO, done || problem])} lang={getLocale()} />
      </div>
      {done ? (
        <div class="msg" role="status" data-testid="forgot-sent">
          <p>{done}</p>
          <a class="btn btn-primary" href="/aid/track">
            去查进度
          </a>
        </div>
      ) : (
        <form
          noValidate
          onSubmit={async (ev) => {
            ev.preventDefault();
            setProblem('');
            if (!isMobile(phone)) {
              setError(PHONE_MESSAGE);
              return;
            }
            setError('');
            setBusy(true);
            try {
              setDone(await askForCodes(phone));
            } catch (err) {
              setProblem(err instanceof OfflineError ? '没有网络，联网后再试。' : err instanceof Error ? err.message : '没发出去，请稍后再试。');
            } finally {
              setBusy(false);
            }
          }}
        >
          <ul class="cells">
            <Field id="fg-phone" label="申请时填的手机号" value={phone} onInput={setPhone} error={error} type="tel" inputMode="tel" autoComplete="tel" />
          </ul>
          <FormEnd error={problem} submit={busy ? '正在发…' : '把查询码发到这个手机'} disabled={busy} />
        </form>
      )}
    </Page>
  );
}
