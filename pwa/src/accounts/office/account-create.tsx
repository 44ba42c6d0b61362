// The account forms of 办公室 → 账号: a new account (with its one-time password, shown once), and
// the fields both the new and the edit form use (the role, a lawyer's office phone and firm).
import { useState } from 'preact/hooks';
import { HttpError } from '../../core/api';
import { Field } from '../../core/form';
import { Select } from '../../core/form-extra';
import type { Answer } from '../../core/schemas';
import { showToast } from '../../core/store';
import { Section } from '../../core/cells';
import { api, problemText } from '../../office/admin-api';
import { OfficePick } from './office-pick';
import type { User } from './use-accounts';

export const ROLES: { id: string; label: string }[] = [
  { id: 'volunteer', label: '志愿者' },
  { id: 'lawyer', label: '援助律师' },
  { id: 'staff', label: '工作人员' },
  { id: 'admin', label: '管理员' },
  { id: 'worker', label: '工友' },
];

/** The one-time password, shown once, big, with a copy button. */
export function OneTimePassword(props: { who: string; password: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div class="msg office-otp" role="status">
      <p>
        给 <strong>{props.who}</strong> 的一次性密码（只显示这一次，请现在抄下或复制，当面或电话告诉本人）：
      </p>
      <p class="office-otp-code" data-testid="one-time-password" lang="en">
        {props.password}
      </p>
      <button
        type="button"
        class="btn btn-primary"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(props.password);
            setCopied(true);
            showToast('已复制');
          } catch {
            showToast('复制不了，请手抄');
          }
        }}
      >
        {copied ? '已复制' : '复制'}
      </button>
      <p class="page-desc">本人第一次登录时，必须先换成自己的新密码。</p>
    </div>
  );
}

export function CreateAccount(props: { onDone: (u: User | null) => void }) {
  const [role, setRole] = useState('volunteer');
  const [username, setUsername] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [officePhone, setOfficePhone] = useState('');
  const [firm, setFirm] = useState('');
  const [officeId, setOfficeId] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<Answer<'UserCreated'> | null>(null);

  if (made) return <Made made={made} onDone={() => props.onDone(made)} />;

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    setFields({});
    try {
      const body: Record<string, unknown> = { role, display_name: name.trim() };
      if (username.trim()) body.username = username.trim();
      if (phone.trim()) body.phone = phone.trim();
      if (role === 'lawyer') Object.assign(body, { office_phone: officePhone.trim(), law_firm: firm.trim() });
      if (officeId && role !== 'worker') body.office_id = Number(officeId);
      setMade(await api<Answer<'UserCreated'>>('/api/v1/users', { method: 'POST', json: body }));
    } catch (err) {
      setError(problemText(err));
      if (err instanceof HttpError) setFields(err.fields);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section id="new-h" title="新建账号" class="office-panel">
      <form class="form office-form" onSubmit={submit}>
        <RolePick id="new-role" value={role} onChange={setRole} error={fields.role} />
        <Field tag="div" id="new-username" label={`用户名${role === 'worker' ? '（工友不用）' : ''}`} placeholder="3 到 32 个英文字母、数字或 _ . -" value={username} onInput={setUsername} error={fields.username} />
        <Field tag="div" id="new-name" label="姓名" value={name} onInput={setName} error={fields.display_name} />
        <Field tag="div" id="new-phone" label={`手机号（可不填${role === 'worker' ? '，工友要填' : ''}）`} type="tel" inputMode="numeric" value={phone} onInput={setPhone} error={fields.phone} />
        {role !== 'worker' && <OfficePick id="new-office" value={officeId} onChange={setOfficeId} error={fields.office_id} />}
        {role === 'lawyer' && <LawyerFields id="new" officePhone={officePhone} firm={firm} onOfficePhone={setOfficePhone} onFirm={setFirm} fields={fields} />}
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <div class="office-actions">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? '正在建…' : '建账号'}
          </button>
          <button type="button" class="btn btn-default" onClick={() => props.onDone(null)}>
            取消
          </button>
        </div>
        <p class="page-desc">密码由系统生成一次性密码，建好后显示一次；本人第一次登录时换成自己的。</p>
      </form>
    </Section>
  );
}

/** The account just made, with its one-time password (shown this once). */
function Made(props: { made: Answer<'UserCreated'>; onDone: () => void }) {
  const { made } = props;
  return (
    <Section id="made-h" title={`已建好账号：${made.display_name || made.username}（${made.role_name}）`} class="office-panel">
      {made.one_time_password ? <OneTimePassword who={made.display_name || made.username || ''} password={made.one_time_password} /> : <p class="page-desc">工友用手机验证码登录，不用密码。</p>}
      <div class="office-actions">
        <button type="button" class="btn btn-default" onClick={props.onDone}>
          好了，关闭
        </button>
      </div>
    </Section>
  );
}

/** A lawyer's office phone and law firm: what the workers they are assigned to see and get by SMS. */
export function LawyerFields(props: { id: string; officePhone: string; firm: string; onOfficePhone: (v: string) => void; onFirm: (v: string) => void; fields: Record<string, string> }) {
  return (
    <>
      <Field tag="div" id={`${props.id}-office-phone`} label="办公电话（工友会看到，打这个号码找律师）" type="tel" placeholder="例如 028-85551234" value={props.officePhone} onInput={props.onOfficePhone} error={props.fields.office_phone} />
      <Field tag="div" id={`${props.id}-law-firm`} label="律师事务所" value={props.firm} onInput={props.onFirm} error={props.fields.law_firm} />
    </>
  );
}

export function RolePick(props: { id: string; value: string; onChange: (v: string) => void; error?: string; disabled?: boolean }) {
  return <Select tag="div" label="角色" options={ROLES} {...props} />;
}
