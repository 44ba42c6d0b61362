// The state of one account's panel on 办公室 → 账号: the edit form, the step being confirmed
// (switch off, reset the password, a lawyer's role change), the one-time password a reset gave,
// the full phone looked at, and the calls. The panel (account-manage.tsx) only shows it.
import { useState } from 'preact/hooks';
import { useMe } from '../auth';
import { HttpError } from '../../core/api';
import type { Answer } from '../../core/schemas';
import { showToast } from '../../core/store';
import { api, problemText } from '../../office/admin-api';
import type { User } from './use-accounts';

export type Confirm = 'off' | 'reset' | 'role' | null;

export function useManageAccount(u: User, onChanged: () => void) {
  const me = useMe();
  const [name, setName] = useState(u.display_name);
  const [role, setRole] = useState(u.role);
  const [officePhone, setOfficePhone] = useState(u.office_phone || '');
  const [firm, setFirm] = useState(u.law_firm || '');
  const [officeId, setOfficeId] = useState(u.office_id ? String(u.office_id) : '');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [pending, setPending] = useState<Record<string, unknown>>({}); // the changes waiting on a lawyer's hand-over
  const [reason, setReason] = useState('');
  const [phone, setPhone] = useState<string | null>(null);
  const [otp, setOtp] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

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
  const officeMoved = !!officeId && officeId !== String(u.office_id ?? '');
  const patch = (body: Record<string, unknown>, done: string) =>
    run(async () => {
      await api(`/api/v1/users/${u.id}`, { method: 'PATCH', json: body });
      showToast(done);
      setConfirm(null);
      onChanged();
    });

  /** Save the edit form; a lawyer given another role is asked first who takes their open cases. */
  const save = () => {
    const body: Record<string, unknown> = {};
    if (name.trim() !== u.display_name) body.display_name = name.trim();
    if (role !== u.role) body.role = role;
    if (officeMoved) body.office_id = Number(officeId);
    if (lawyerChanged) Object.assign(body, { office_phone: officePhone.trim(), law_firm: firm.trim() });
    if (!Object.keys(body).length) return;
    if (u.role === 'lawyer' && role !== 'lawyer') {
      // A lawyer given another role leaves their open cases as a switch-off would: ask who takes them first.
      setPending(body);
      setConfirm('role');
    } else void patch(body, '已保存');
  };

  const resetPassword = () =>
    run(async () => {
      const r = await api<Answer<'PasswordReset'>>(`/api/v1/users/${u.id}/password-reset`, { method: 'POST', json: {} });
      setOtp(r.one_time_password);
      setConfirm(null);
      onChanged();
    });

  const reveal = () =>
    run(async () => {
      const r = await api<Answer<'RevealOut'>>(`/api/v1/users/${u.id}/reveal`, { method: 'POST', json: { field: 'phone', reason: reason.trim() } });
      setPhone(r.phone);
    });

  return {
    u, who: u.display_name || u.username || `#${u.id}`, self: me?.id === u.id,
    name, setName, role, setRole, officeId, setOfficeId, officeMoved, officePhone, setOfficePhone, firm, setFirm, fields, lawyerChanged,
    confirm, setConfirm, pending, reason, setReason, phone, otp, error, busy,
    patch, save, resetPassword, reveal,
  };
}

export type Managed = ReturnType<typeof useManageAccount>;
