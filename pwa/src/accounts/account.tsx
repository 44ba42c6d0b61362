// 我的 → 登录: workers sign in with a texted code, everyone else with a password;
// once signed in, who it is and a way to sign out.
import { useEffect, useState } from 'preact/hooks';
import { OfflineError, errorText } from '../core/api';
import { checkMe, hasPassword, loginWithPassword, logout, requestCode, signOutWarnings, useMe, verifyCode } from './auth';
import { typedNumber } from '../core/digits';
import { cleanPhone, isMobile, PHONE_MESSAGE } from '../core/phone';
import { showToast } from '../core/store';
import { Field, FormEnd } from '../core/form';
import { LinkCell, Section } from '../core/cells';

const RESEND_SECONDS = 60;

function problem(err: unknown): string {
  return err instanceof OfflineError ? '没有网络，连上网后再试。' : errorText(err);
}

/** busy and error for one form: run(fn) shows what went wrong and keeps what was typed; submit(fn) is run(fn) as the form's onSubmit. */
function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const run = async (fn: () => Promise<unknown>) => {
    setError('');
    setBusy(true);
    try {
      await fn();
    } catch (err) {
      setError(problem(err));
    } finally {
      setBusy(false);
    }
  };
  const submit = (fn: () => Promise<unknown>) => (e: Event) => {
    e.preventDefault();
    void run(fn);
  };
  return { busy, error, setError, run, submit };
}

export function Account() {
  const me = useMe();
  useEffect(() => {
    void checkMe().catch(() => undefined); // offline: the remembered profile stands
  }, []);
  return me ? <SignedIn /> : <SignIn />;
}

function SignedIn() {
  const me = useMe()!;
  const { busy, error, run } = useAction();
  const name = me.display_name || me.username || me.phone_masked || '';
  return (
    <Section id="acct-h" title="账号">
      <ul class="cells">
        <li class="cell">
          <span class="cell-body">
            <span class="cell-title" data-testid="signed-in-name">
              {name}
            </span>
            <span class="cell-desc">
              已登录 · {me.role_name}
              {me.phone_masked && me.phone_masked !== name ? ` · ${me.phone_masked}` : ''}
            </span>
          </span>
        </li>
        {hasPassword(me) && <LinkCell href="/me/password" title="修改密码" />}
      </ul>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <div class="form-actions">
        <button
          type="button"
          class="btn btn-default"
          disabled={busy}
          onClick={() =>
            run(async () => {
              const lost = await signOutWarnings();
              if (lost && !confirm(`${lost}\n确定退出登录吗？`)) return;
              await logout();
              showToast('已退出登录');
            })
          }
        >
          {busy ? '正在退出…' : '退出登录'}
        </button>
      </div>
    </Section>
  );
}

function SignIn() {
  const [mode, setMode] = useState<'code' | 'password'>('code');
  return (
    <Section id="login-h" title="登录">
      <p class="page-desc login-note">不登录也能看问答、报名活动。志愿者、律师和工作人员登录后才能用各自的功能。</p>
      <div class="segmented" role="radiogroup" aria-labelledby="login-h">
        <button type="button" role="radio" aria-checked={mode === 'code'} class={mode === 'code' ? 'on' : ''} onClick={() => setMode('code')}>
          工友：手机验证码
        </button>
        <button
          type="button"
          role="radio"
          aria-checked={mode === 'password'}
          class={mode === 'password' ? 'on' : ''}
          onClick={() => setMode('password')}
        >
          志愿者、律师、工作人员
        </button>
      </div>
      {mode === 'code' ? <CodeForm /> : <PasswordForm />}
    </Section>
  );
}

function CodeForm() {
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [wait, setWait] = useState(0);
  const [sent, setSent] = useState(false);
  const { busy, error, setError, run, submit } = useAction();
  useEffect(() => {
    if (wait <= 0) return;
    const t = setTimeout(() => setWait(wait - 1), 1000);
    return () => clearTimeout(t);
  }, [wait]);
  const number = cleanPhone(phone);

  const send = () => {
    if (!isMobile(number)) return setError(PHONE_MESSAGE);
    return run(async () => {
      await requestCode(number);
      setSent(true);
      setWait(RESEND_SECONDS);
      showToast('验证码已发送，5 分钟内有效');
    });
  };

  return (
    <form
      class="form"
      onSubmit={submit(async () => {
        await verifyCode(number, typedNumber(code)); // a code typed in full-width digits (１２３４５６) too
        showToast('登录成功');
      })}
    >
      <ul class="cells">
        <Field inline id="login-phone" label="手机号" type="tel" inputMode="numeric" autoComplete="tel" placeholder="11 位手机号" value={phone} onInput={setPhone}>
          <button type="button" class="btn btn-small btn-default" disabled={busy || wait > 0} onClick={send}>
            {wait > 0 ? `${wait} 秒后重发` : sent ? '重新获取' : '获取验证码'}
          </button>
        </Field>
        <Field
          inline
          id="login-code"
          label="验证码"
          inputMode="numeric"
          autoComplete="one-time-code"
          placeholder="6 位数字"
          maxLength={6}
          value={code}
          onInput={setCode}
        />
      </ul>
      <FormEnd error={error} submit="登录" disabled={busy || !sent || !/^\d{6}$/.test(typedNumber(code))} note="第一次用手机号登录，会自动建一个工友账号。" />
    </form>
  );
}

function PasswordForm() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useAction();
  return (
    <form
      class="form"
      onSubmit={submit(async () => {
        await loginWithPassword(username.trim(), password);
        setPassword('');
        showToast('登录成功');
      })}
    >
      <ul class="cells">
        <Field inline id="login-user" label="用户名" autoComplete="username" value={username} onInput={setUsername} />
        <Field inline id="login-password" label="密码" type="password" autoComplete="current-password" value={password} onInput={setPassword} />
      </ul>
      <FormEnd error={error} submit="登录" disabled={busy || !username.trim() || !password} note="账号由法律援助中心的管理员开通。" />
    </form>
  );
}
