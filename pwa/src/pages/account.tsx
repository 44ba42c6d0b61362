// 我的 → 登录: workers sign in with a texted code, everyone else with a password;
// once signed in, who it is and a way to sign out.
import { useEffect, useState } from 'preact/hooks';
import { OfflineError } from '../api';
import { checkMe, loginWithPassword, logout, requestCode, useMe, verifyCode } from '../auth';
import { errorText } from '../content';
import { showToast } from '../store';

const PHONE = /^1[3-9]\d{9}$/;
const RESEND_SECONDS = 60;

function cleanPhone(raw: string): string {
  return raw.replace(/[\s-]/g, '').replace(/^(\+86|0086|86)(?=\d{11}$)/, '');
}

function problem(err: unknown): string {
  return err instanceof OfflineError ? '没有网络，连上网后再登录。' : errorText(err);
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const name = me.display_name || me.username || me.phone_masked || '';
  return (
    <section aria-labelledby="acct-h">
      <h2 class="cells-title" id="acct-h">
        账号
      </h2>
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
          onClick={async () => {
            setBusy(true);
            setError('');
            try {
              await logout();
              showToast('已退出登录');
            } catch (err) {
              setError(err instanceof OfflineError ? '没有网络，连上网后才能退出登录。' : problem(err));
            } finally {
              setBusy(false);
            }
          }}
        >
          {busy ? '正在退出…' : '退出登录'}
        </button>
      </div>
    </section>
  );
}

function SignIn() {
  const [mode, setMode] = useState<'code' | 'password'>('code');
  return (
    <section aria-labelledby="login-h">
      <h2 class="cells-title" id="login-h">
        登录
      </h2>
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
    </section>
  );
}

function CodeForm() {
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [wait, setWait] = useState(0);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  useEffect(() => {
    if (wait <= 0) return;
    const t = setTimeout(() => setWait(wait - 1), 1000);
    return () => clearTimeout(t);
  }, [wait]);
  const number = cleanPhone(phone);

  const send = async () => {
    setError('');
    if (!PHONE.test(number)) {
      setError('请填写 11 位手机号码（1 开头）。');
      return;
    }
    setBusy(true);
    try {
      await requestCode(number);
      setSent(true);
      setWait(RESEND_SECONDS);
      showToast('验证码已发送，5 分钟内有效');
    } catch (err) {
      setError(problem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="form"
      onSubmit={async (e) => {
        e.preventDefault();
        setError('');
        setBusy(true);
        try {
          await verifyCode(number, code.trim());
          showToast('登录成功');
        } catch (err) {
          setError(problem(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <ul class="cells">
        <li class="cell field">
          <label for="login-phone">手机号</label>
          <input
            id="login-phone"
            type="tel"
            inputMode="numeric"
            autoComplete="tel"
            placeholder="11 位手机号"
            value={phone}
            onInput={(e) => setPhone((e.target as HTMLInputElement).value)}
          />
          <button type="button" class="btn btn-small btn-default" disabled={busy || wait > 0} onClick={send}>
            {wait > 0 ? `${wait} 秒后重发` : sent ? '重新获取' : '获取验证码'}
          </button>
        </li>
        <li class="cell field">
          <label for="login-code">验证码</label>
          <input
            id="login-code"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            placeholder="6 位数字"
            value={code}
            onInput={(e) => setCode((e.target as HTMLInputElement).value)}
          />
        </li>
      </ul>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={busy || !sent || !/^\d{6}$/.test(code.trim())}>
          登录
        </button>
      </div>
      <p class="page-desc">第一次用手机号登录，会自动建一个工友账号。</p>
    </form>
  );
}

function PasswordForm() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  return (
    <form
      class="form"
      onSubmit={async (e) => {
        e.preventDefault();
        setError('');
        setBusy(true);
        try {
          await loginWithPassword(username.trim(), password);
          setPassword('');
          showToast('登录成功');
        } catch (err) {
          setError(problem(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <ul class="cells">
        <li class="cell field">
          <label for="login-user">用户名</label>
          <input
            id="login-user"
            type="text"
            autoComplete="username"
            autoCapitalize="off"
            value={username}
            onInput={(e) => setUsername((e.target as HTMLInputElement).value)}
          />
        </li>
        <li class="cell field">
          <label for="login-password">密码</label>
          <input
            id="login-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
          />
        </li>
      </ul>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={busy || !username.trim() || !password}>
          登录
        </button>
      </div>
      <p class="page-desc">账号由法律援助中心的管理员开通。</p>
    </form>
  );
}
