// One account's panel on 办公室 → 账号: edit the name, role (and a lawyer's office phone and
// firm), reset the password, switch the account off or on, and look at the full phone for a
// reason the audit log keeps. The state lives in useManageAccount.
import { Field } from '../../core/form';
import { Section } from '../../core/cells';
import { LawyerFields, OneTimePassword, RolePick, ROLES } from './account-create';
import { LawyerSwitchOff } from './lawyer-handover';
import { OfficePick } from './office-pick';
import type { User } from './use-accounts';
import { useManageAccount, type Managed } from './use-manage-account';

export function ManageAccount(props: { user: User; onChanged: () => void }) {
  const m = useManageAccount(props.user, props.onChanged);
  return (
    <Section id="manage-h" title={`管理账号：${m.who}`} class="office-panel">
      <EditAccount m={m} />
      {m.error && (
        <p class="form-error" role="alert">
          {m.error}
        </p>
      )}
      {m.otp && <OneTimePassword who={m.who} password={m.otp} />}
      <AccountButtons m={m} />
      <ConfirmStep m={m} />
      {m.u.phone_masked && <RevealPhone m={m} />}
    </Section>
  );
}

function EditAccount(props: { m: Managed }) {
  const { m } = props;
  const unchanged = m.name.trim() === m.u.display_name && m.role === m.u.role && !m.lawyerChanged && !m.officeMoved;
  return (
    <form
      class="form office-form"
      onSubmit={(e) => {
        e.preventDefault();
        m.save();
      }}
    >
      <Field tag="div" id="edit-name" label="姓名" value={m.name} onInput={m.setName} error={m.fields.display_name} />
      <RolePick id="edit-role" value={m.role} onChange={m.setRole} error={m.fields.role} disabled={m.self} />
      {m.u.role !== 'worker' && <OfficePick id="edit-office" value={m.officeId} onChange={m.setOfficeId} error={m.fields.office_id} />}
      {m.role === 'lawyer' && <LawyerFields id="edit" officePhone={m.officePhone} firm={m.firm} onOfficePhone={m.setOfficePhone} onFirm={m.setFirm} fields={m.fields} />}
      <div class="office-actions">
        <button type="submit" class="btn btn-primary" disabled={m.busy || unchanged}>
          保存
        </button>
      </div>
    </form>
  );
}

function AccountButtons(props: { m: Managed }) {
  const { m } = props;
  return (
    <div class="office-actions">
      {m.u.role !== 'worker' && !m.self && (
        <button type="button" class="btn btn-default" disabled={m.busy} onClick={() => m.setConfirm('reset')}>
          重置密码
        </button>
      )}
      {!m.self &&
        (m.u.active ? (
          <button type="button" class="btn btn-warn" disabled={m.busy} onClick={() => m.setConfirm('off')}>
            停用账号
          </button>
        ) : (
          <button type="button" class="btn btn-default" disabled={m.busy} onClick={() => void m.patch({ active: true }, '已重新启用')}>
            重新启用
          </button>
        ))}
      <a class="btn btn-default" href={`/office/audit?actor_id=${m.u.id}`}>
        他做过的操作
      </a>
    </div>
  );
}

/** The step being confirmed: a lawyer's switch-off or role change (with their cases), or a plain switch-off or reset. */
function ConfirmStep(props: { m: Managed }) {
  const { m } = props;
  const cancel = () => m.setConfirm(null);
  if (m.confirm === 'off' && m.u.role === 'lawyer') {
    return (
      <LawyerSwitchOff id={m.u.id} who={m.who} busy={m.busy} onCancel={cancel} onConfirm={(to) => void m.patch(to ? { active: false, reassign_to: to } : { active: false }, to ? '已改派案件并停用' : '已停用')} />
    );
  }
  if (m.confirm === 'role') {
    const newRole = ROLES.find((r) => r.id === m.role)?.label ?? m.role;
    return (
      <LawyerSwitchOff id={m.u.id} who={m.who} busy={m.busy} newRole={newRole} onCancel={cancel} onConfirm={(to) => void m.patch(to ? { ...m.pending, reassign_to: to } : m.pending, to ? '已改派案件并改了角色' : '已保存')} />
    );
  }
  if (m.confirm !== 'off' && m.confirm !== 'reset') return null;
  const off = m.confirm === 'off';
  return (
    <div class="msg office-confirm" role="alertdialog" aria-labelledby="confirm-q">
      <p id="confirm-q">
        {off ? `确定停用 ${m.who} 的账号？停用后他马上被退出登录，再也登不上，直到重新启用。` : `确定重置 ${m.who} 的密码？他现在的登录马上失效，要用新的一次性密码重新登录。`}
      </p>
      <div class="office-actions">
        <button type="button" class="btn btn-warn" disabled={m.busy} onClick={() => (off ? void m.patch({ active: false }, '已停用') : void m.resetPassword())}>
          {off ? '确定停用' : '确定重置'}
        </button>
        <button type="button" class="btn btn-default" onClick={cancel}>
          取消
        </button>
      </div>
    </div>
  );
}

function RevealPhone(props: { m: Managed }) {
  const { m } = props;
  return (
    <form
      class="form office-form"
      onSubmit={(e) => {
        e.preventDefault();
        void m.reveal();
      }}
    >
      <label>
        看完整手机号（{m.u.phone_masked}）：写下原因，会记进审计日志
        <input name="reason" placeholder="例如：回电核实案情" value={m.reason} onInput={(e) => m.setReason((e.target as HTMLInputElement).value)} />
      </label>
      <div class="office-actions">
        <button type="submit" class="btn btn-default" disabled={m.busy || m.reason.trim().length < 2}>
          查看
        </button>
        {m.phone && (
          <strong class="office-phone" data-testid="full-phone">
            {m.phone}
          </strong>
        )}
      </div>
    </form>
  );
}
