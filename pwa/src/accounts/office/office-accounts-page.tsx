// 办公室 → 账号 (admins): find people, make accounts with a one-time password, change a role or
// name, reset a password, switch an account off (its sign-ins end at once), and look at a
// full phone for a reason that goes into the audit log.
import { useState } from 'preact/hooks';
import { useMe } from '../auth';
import type { Answer } from '../../core/schemas';
import { showToast } from '../../core/store';
import { Field } from '../../core/form';
import { Select } from '../../core/form-extra';
import { Pager } from '../../core/pager';
import { useLoad } from '../../core/ui';
import { HttpError } from '../../core/api';
import { api, apiPage, problemText } from '../../office/admin-api';
import { chinaTime } from '../../core/time';
import { LawyerSwitchOff } from './lawyer-handover';
import { Office } from '../../office/office-nav';
import '../../office/office-admin.css';

type User = Answer<'UserOut'>;

const ROLES: { id: string; label: string }[] = [
  { id: 'volunteer', label: '志愿者' },
  { id: 'lawyer', label: '援助律师' },
  { id: 'staff', label: '工作人员' },
  { id: 'admin', label: '管理员' },
  { id: 'worker', label: '工友' },
];
const PAGE_SIZE = 30;

export function OfficeAccountsPage() {
  const me = useMe();
  return (
    <Office section="accounts" title="账号">
      {me?.role === 'admin' ? (
        <Accounts />
      ) : (
        <div class="msg" role="alert">
          <p>只有管理员能管理账号。</p>
        </div>
      )}
    </Office>
  );
}

function Accounts() {
  const [q, setQ] = useState('');
  const [role, setRole] = useState('');
  const [status, setStatus] = useState<'' | 'true' | 'false'>('');
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState({ q: '', role: '', status: '' });
  const [tick, setTick] = useState(0);
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<number | null>(null);
  const list = useLoad(() => {
    const p = new URLSearchParams({ page: String(page), page_size: String(PAGE_SIZE) });
    if (search.q) p.set('q', search.q);
    if (search.role) p.set('role', search.role);
    if (search.status) p.set('active', search.status);
    return apiPage<User>(`/api/v1/users?${p}`);
  }, [search, page, tick]);
  const reload = () => setTick((t) => t + 1);
  const chosen = list.data?.items.find((u) => u.id === selected);

  return (
    <>
      <form
        class="office-filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setPage(1);
          setSearch({ q: q.trim(), role, status });
        }}
      >
        <label>
          找人
          <input type="search" name="q" placeholder="姓名、用户名或手机尾号" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          角色
          <select value={role} onChange={(e) => setRole((e.target as HTMLSelectElement).value)}>
            <option value="">全部</option>
            {ROLES.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          状态
          <select value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value as '' | 'true' | 'false')}>
            <option value="">全部</option>
            <option value="true">在用</option>
            <option value="false">已停用</option>
          </select>
        </label>
        <button type="submit" class="btn btn-small btn-default">
          查找
        </button>
        <button
          type="button"
          class="btn btn-small btn-primary"
          onClick={() => {
            setCreating(true);
            setSelected(null);
          }}
        >
          新建账号
        </button>
      </form>

      {creating && (
        <CreateAccount
          onDone={(u) => {
            setCreating(false);
            if (u) {
              setSearch({ q: u.username || '', role: '', status: '' });
              setQ(u.username || '');
              setSelected(null);
            }
          }}
        />
      )}

      {list.error ? (
        <div class="msg" role="alert">
          <p>{problemText(list.error)}</p>
          <button type="button" class="btn btn-default" onClick={list.retry}>
            再试一次
          </button>
        </div>
      ) : !list.data ? (
        <p class="loading" role="status">
          正在加载…
        </p>
      ) : (
        <>
          <p class="page-desc" role="status">
            共 {list.data.total} 个账号
          </p>
          <div class="office-table-wrap">
            <table class="office-table" aria-label="账号">
              <thead>
                <tr>
                  <th>姓名</th>
                  <th>用户名</th>
                  <th>角色</th>
                  <th>手机</th>
                  <th>状态</th>
                  <th>最近登录</th>
                  <th>操作</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((u) => (
                  <tr key={u.id} data-testid={`account-${u.username || u.id}`}>
                    <td>{u.display_name || '—'}</td>
                    <td>{u.username || '—'}</td>
                    <td>{u.role_name}</td>
                    <td>{u.phone_masked || '—'}</td>
                    <td>
                      <span class={'office-badge' + (u.active ? ' published' : ' cancelled')}>{u.active ? (u.must_change_password ? '待改密码' : '在用') : '已停用'}</span>
                    </td>
                    <td>{chinaTime(u.last_login_at) || '从未'}</td>
                    <td>
                      <button
                        type="button"
                        class="btn btn-small btn-default"
                        aria-expanded={selected === u.id}
                        onClick={() => {
                          setSelected(selected === u.id ? null : u.id);
                          setCreating(false);
                        }}
                      >
                        管理<span class="sr-only">{u.display_name || u.username}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={page} pages={list.data.lastPage} go={setPage} />
        </>
      )}
      {chosen && <ManageAccount key={chosen.id} user={chosen} onChanged={reload} />}
    </>
  );
}

/** The one-time password, shown once, big, with a copy button. */
function OneTimePassword(props: { who: string; password: string }) {
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

function CreateAccount(props: { onDone: (u: User | null) => void }) {
  const [role, setRole] = useState('volunteer');
  const [username, setUsername] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [officePhone, setOfficePhone] = useState('');
  const [firm, setFirm] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<Answer<'UserCreated'> | null>(null);

  if (made) {
    return (
      <section class="office-panel" aria-labelledby="made-h">
        <h2 class="cells-title" id="made-h">
          已建好账号：{made.display_name || made.username}（{made.role_name}）
        </h2>
        {made.one_time_password ? <OneTimePassword who={made.display_name || made.username || ''} password={made.one_time_password} /> : <p class="page-desc">工友用手机验证码登录，不用密码。</p>}
        <div class="office-actions">
          <button type="button" class="btn btn-default" onClick={() => props.onDone(made)}>
            好了，关闭
          </button>
        </div>
      </section>
    );
  }

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    setFields({});
    try {
      const body: Record<string, string> = { role, display_name: name.trim() };
      if (username.trim()) body.username = username.trim();
      if (phone.trim()) body.phone = phone.trim();
      if (role === 'lawyer') Object.assign(body, { office_phone: officePhone.trim(), law_firm: firm.trim() });
      setMade(await api<Answer<'UserCreated'>>('/api/v1/users', { method: 'POST', json: body }));
    } catch (err) {
      setError(problemText(err));
      if (err instanceof HttpError) setFields(err.fields);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="office-panel" aria-labelledby="new-h">
      <h2 class="cells-title" id="new-h">
        新建账号
      </h2>
      <form class="form office-form" onSubmit={submit}>
        <RolePick id="new-role" value={role} onChange={setRole} error={fields.role} />
        <Field tag="div" id="new-username" label={`用户名${role === 'worker' ? '（工友不用）' : ''}`} placeholder="3 到 32 个英文字母、数字或 _ . -" value={username} onInput={setUsername} error={fields.username} />
        <Field tag="div" id="new-name" label="姓名" value={name} onInput={setName} error={fields.display_name} />
        <Field tag="div" id="new-phone" label={`手机号（可不填${role === 'worker' ? '，工友要填' : ''}）`} type="tel" inputMode="numeric" value={phone} onInput={setPhone} error={fields.phone} />
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
    </section>
  );
}

function ManageAccount(props: { user: User; onChanged: () => void }) {
  const u = props.user;
  const me = useMe();
  const self = me?.id === u.id;
  const [name, setName] = useState(u.display_name);
  const [role, setRole] = useState(u.role);
  const [officePhone, setOfficePhone] = useState(u.office_phone || '');
  const [firm, setFirm] = useState(u.law_firm || '');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [confirm, setConfirm] = useState<'off' | 'reset' | 'role' | null>(null);
  const [pending, setPending] = useState<Record<string, unknown>>({}); // the changes waiting on a lawyer's hand-over
  const [reason, setReason] = useState('');
  const [phone, setPhone] = useState<string | null>(null);
  const [otp, setOtp] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const who = u.display_name || u.username || `#${u.id}`;

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError('');
    try {
      await fn();
    } catch (err) {
      setError(problemText(err));
      if (err instanceof HttpError) setFields(err.fields);
    } finally {
      setBusy(false);
    }
  };
  const lawyerChanged = role === 'lawyer' && (officePhone.trim() !== (u.office_phone || '') || firm.trim() !== (u.law_firm || ''));
  const patch = (body: Record<string, unknown>, done: string) =>
    run(async () => {
      await api(`/api/v1/users/${u.id}`, { method: 'PATCH', json: body });
      showToast(done);
      setConfirm(null);
      props.onChanged();
    });

  return (
    <section class="office-panel" aria-labelledby="manage-h">
      <h2 class="cells-title" id="manage-h">
        管理账号：{who}
      </h2>
      <form
        class="form office-form"
        onSubmit={(e) => {
          e.preventDefault();
          const body: Record<string, unknown> = {};
          if (name.trim() !== u.display_name) body.display_name = name.trim();
          if (role !== u.role) body.role = role;
          if (lawyerChanged) Object.assign(body, { office_phone: officePhone.trim(), law_firm: firm.trim() });
          if (!Object.keys(body).length) return;
          if (u.role === 'lawyer' && role !== 'lawyer') {
            // A lawyer given another role leaves their open cases as a switch-off would: ask who takes them first.
            setPending(body);
            setConfirm('role');
          } else void patch(body, '已保存');
        }}
      >
        <Field tag="div" id="edit-name" label="姓名" value={name} onInput={setName} error={fields.display_name} />
        <RolePick id="edit-role" value={role} onChange={setRole} error={fields.role} disabled={self} />
        {role === 'lawyer' && <LawyerFields id="edit" officePhone={officePhone} firm={firm} onOfficePhone={setOfficePhone} onFirm={setFirm} fields={fields} />}
        <div class="office-actions">
          <button type="submit" class="btn btn-primary" disabled={busy || (name.trim() === u.display_name && role === u.role && !lawyerChanged)}>
            保存
          </button>
        </div>
      </form>

      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}

      {otp && <OneTimePassword who={who} password={otp} />}

      <div class="office-actions">
        {u.role !== 'worker' && !self && (
          <button type="button" class="btn btn-default" disabled={busy} onClick={() => setConfirm('reset')}>
            重置密码
          </button>
        )}
        {!self &&
          (u.active ? (
            <button type="button" class="btn btn-warn" disabled={busy} onClick={() => setConfirm('off')}>
              停用账号
            </button>
          ) : (
            <button type="button" class="btn btn-default" disabled={busy} onClick={() => void patch({ active: true }, '已重新启用')}>
              重新启用
            </button>
          ))}
        <a class="btn btn-default" href={`/office/audit?actor_id=${u.id}`}>
          他做过的操作
        </a>
      </div>

      {confirm === 'off' && u.role === 'lawyer' && (
        <LawyerSwitchOff
          id={u.id}
          who={who}
          busy={busy}
          onCancel={() => setConfirm(null)}
          onConfirm={(to) => void patch(to ? { active: false, reassign_to: to } : { active: false }, to ? '已改派案件并停用' : '已停用')}
        />
      )}
      {confirm === 'role' && (
        <LawyerSwitchOff
          id={u.id}
          who={who}
          busy={busy}
          newRole={ROLES.find((r) => r.id === role)?.label ?? role}
          onCancel={() => setConfirm(null)}
          onConfirm={(to) => void patch(to ? { ...pending, reassign_to: to } : pending, to ? '已改派案件并改了角色' : '已保存')}
        />
      )}
      {(confirm === 'off' || confirm === 'reset') && !(confirm === 'off' && u.role === 'lawyer') && (
        <div class="msg office-confirm" role="alertdialog" aria-labelledby="confirm-q">
          <p id="confirm-q">
            {confirm === 'off'
              ? `确定停用 ${who} 的账号？停用后他马上被退出登录，再也登不上，直到重新启用。`
              : `确定重置 ${who} 的密码？他现在的登录马上失效，要用新的一次性密码重新登录。`}
          </p>
          <div class="office-actions">
            <button
              type="button"
              class="btn btn-warn"
              disabled={busy}
              onClick={() =>
                confirm === 'off'
                  ? void patch({ active: false }, '已停用')
                  : void run(async () => {
                      const r = await api<Answer<'PasswordReset'>>(`/api/v1/users/${u.id}/password-reset`, { method: 'POST', json: {} });
                      setOtp(r.one_time_password);
                      setConfirm(null);
                      props.onChanged();
                    })
              }
            >
              {confirm === 'off' ? '确定停用' : '确定重置'}
            </button>
            <button type="button" class="btn btn-default" onClick={() => setConfirm(null)}>
              取消
            </button>
          </div>
        </div>
      )}

      {u.phone_masked && (
        <form
          class="form office-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              const r = await api<Answer<'RevealOut'>>(`/api/v1/users/${u.id}/reveal`, { method: 'POST', json: { field: 'phone', reason: reason.trim() } });
              setPhone(r.phone);
            });
          }}
        >
          <label>
            看完整手机号（{u.phone_masked}）：写下原因，会记进审计日志
            <input name="reason" placeholder="例如：回电核实案情" value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
          </label>
          <div class="office-actions">
            <button type="submit" class="btn btn-default" disabled={busy || reason.trim().length < 2}>
              查看
            </button>
            {phone && (
              <strong class="office-phone" data-testid="full-phone">
                {phone}
              </strong>
            )}
          </div>
        </form>
      )}
    </section>
  );
}

/** A lawyer's office phone and law firm: what the workers they are assigned to see and get by SMS. */
function LawyerFields(props: { id: string; officePhone: string; firm: string; onOfficePhone: (v: string) => void; onFirm: (v: string) => void; fields: Record<string, string> }) {
  return (
    <>
      <Field tag="div" id={`${props.id}-office-phone`} label="办公电话（工友会看到，打这个号码找律师）" type="tel" placeholder="例如 028-85551234" value={props.officePhone} onInput={props.onOfficePhone} error={props.fields.office_phone} />
      <Field tag="div" id={`${props.id}-law-firm`} label="律师事务所" value={props.firm} onInput={props.onFirm} error={props.fields.law_firm} />
    </>
  );
}

function RolePick(props: { id: string; value: string; onChange: (v: string) => void; error?: string; disabled?: boolean }) {
  return <Select tag="div" label="角色" options={ROLES} {...props} />;
}
