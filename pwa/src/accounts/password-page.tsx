// 我的 → 修改密码, for everyone who signs in with a password. After signing in with a one-time
// password an admin gave, the app shows only this page (app.tsx) until a new one is chosen.
import { useState } from 'preact/hooks';
import { HttpError } from '../core/api';
import { changePassword, hasPassword, logout, useMe } from './auth';
import { errorText, OfflineError } from '../core/api';
import { navigate } from '../core/router';
import { showToast } from '../core/store';
import { Field, FormEnd } from '../core/form';
import { PageHeader, useTitle } from '../core/ui';

const MIN = 8;

/** Someone who signed in with a code (or not at all) has no password to change. */
function NoPassword(props: { title: string; signedIn: boolean }) {
  return (
    <div class="page">
      <PageHeader title={props.title} back="/me" />
      <div class="msg">
        <p>{props.signedIn ? '你用手机验证码登录，没有密码要改。' : '请先在「我的」里登录。'}</p>
        <a class="btn btn-primary" href="/me">
          回到我的
        </a>
      </div>
    </div>
  );
}

export function PasswordPage(props: { forced?: boolean }) {
  const me = useMe();
  const title = props.forced ? '请先设置新密码' : '修改密码';
  useTitle(title);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  if (!hasPassword(me)) return <NoPassword title={title} signedIn={!!me} />;

  const submit = async (e: Event) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (next.length < MIN) local.new = `密码至少 ${MIN} 位。`;
    else if (next !== again) local.again = '两次输入的新密码不一样。';
    setFields(local);
    setError('');
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      await changePassword(current, next);
      showToast('密码已修改');
      // Forced: the page asked for comes back by itself (app.tsx) once the flag is gone.
      if (!props.forced) navigate('/me', { replace: true });
    } catch (err) {
      if (err instanceof HttpError) {
        setFields(err.fields);
        setError(err.message);
      } else setError(err instanceof OfflineError ? '没有网络，连上网后再试。' : errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="page">
      <PageHeader title={title} back={props.forced ? undefined : '/me'} />
      {props.forced && (
        <div class="msg" role="status">
          <p>
            {me!.display_name || me!.username}，你用的是管理员给的一次性密码。请先换成只有你自己知道的新密码，才能继续使用。
          </p>
        </div>
      )}
      <form class="form" onSubmit={submit}>
        <ul class="cells">
          <Field
            inline
            id="pw-current"
            label={props.forced ? '一次性密码' : '当前密码'}
            type="password"
            autoComplete="current-password"
            value={current}
            onInput={setCurrent}
            error={fields.current}
          />
          <Field inline id="pw-new" label="新密码" type="password" autoComplete="new-password" placeholder={`至少 ${MIN} 位`} value={next} onInput={setNext} error={fields.new} />
          <Field inline id="pw-again" label="再输一次" type="password" autoComplete="new-password" value={again} onInput={setAgain} error={fields.again} />
        </ul>
        <FormEnd error={error} submit={busy ? '正在保存…' : '保存新密码'} disabled={busy || !current || !next || !again} note="改好后，其他手机和电脑上的登录会被退出。" />
      </form>
      {props.forced && (
        <div class="form-actions">
          <button type="button" class="btn btn-default" onClick={() => void logout().catch(() => undefined)}>
            退出登录
          </button>
        </div>
      )}
    </div>
  );
}
