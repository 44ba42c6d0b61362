// 办公室 → 账号 (admins): find people, make accounts with a one-time password, change a role or
// name, reset a password, switch an account off (its sign-ins end at once), and look at a
// full phone for a reason that goes into the audit log. The list's state lives in useAccounts;
// the list's parts in account-list.tsx, the new account in account-create.tsx, one account's
// panel in account-manage.tsx.
import { Office } from '../../office/office-nav';
import { AccountFilters, AccountList } from './account-list';
import { CreateAccount } from './account-create';
import { ManageAccount } from './account-manage';
import { useAccounts } from './use-accounts';
import '../../office/office-admin.css';

export function OfficeAccountsPage() {
  return (
    <Office section="accounts" title="账号" adminOnly="只有管理员能管理账号。">
      <Accounts />
    </Office>
  );
}

function Accounts() {
  const a = useAccounts();
  return (
    <>
      <AccountFilters a={a} />
      {a.creating && <CreateAccount onDone={a.created} />}
      <AccountList a={a} />
      {a.chosen && <ManageAccount key={a.chosen.id} user={a.chosen} onChanged={a.reload} />}
    </>
  );
}
