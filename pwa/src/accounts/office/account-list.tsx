// The parts of 办公室 → 账号's list: the filters (with 新建账号) and the table of accounts.
import { SearchForm } from '../../core/search-form';
import { Pager } from '../../core/pager';
import { chinaTime } from '../../core/time';
import { Pending } from '../../core/cells';
import { OFFICE_OFFLINE } from '../../office/admin-api';
import { Table } from '../../office/office-table';
import { ROLES } from './account-create';
import type { Accounts, Status, User } from './use-accounts';

export function AccountFilters(props: { a: Accounts }) {
  const { a } = props;
  return (
    <SearchForm class="office-filters" onSearch={a.find}>
      <label>
        找人
        <input type="search" name="q" placeholder="姓名、用户名或手机尾号" value={a.q} onInput={(e) => a.setQ((e.target as HTMLInputElement).value)} />
      </label>
      <label>
        角色
        <select value={a.role} onChange={(e) => a.setRole((e.target as HTMLSelectElement).value)}>
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
        <select value={a.status} onChange={(e) => a.setStatus((e.target as HTMLSelectElement).value as Status)}>
          <option value="">全部</option>
          <option value="true">在用</option>
          <option value="false">已停用</option>
        </select>
      </label>
      <button type="submit" class="btn btn-small btn-default">
        查找
      </button>
      <button type="button" class="btn btn-small btn-primary" onClick={a.startCreating}>
        新建账号
      </button>
    </SearchForm>
  );
}

/** The accounts found, a page at a time (or why they could not be listed). */
export function AccountList(props: { a: Accounts }) {
  const { list } = props.a;
  if (!list.data) return <Pending of={list} offline={OFFICE_OFFLINE} />;
  return (
    <>
      <p class="page-desc" role="status">
        共 {list.data.total} 个账号
      </p>
      <Table label="账号" heads={['姓名', '用户名', '角色', '手机', '状态', '最近登录', '操作']}>
        {list.data.items.map((u) => (
          <AccountRow key={u.id} u={u} open={props.a.selected === u.id} onToggle={() => props.a.toggle(u.id)} />
        ))}
      </Table>
      <Pager page={props.a.page} pages={list.data.lastPage} go={props.a.setPage} />
    </>
  );
}

function AccountRow(props: { u: User; open: boolean; onToggle: () => void }) {
  const { u } = props;
  return (
    <tr data-testid={`account-${u.username || u.id}`}>
      <td>{u.display_name || '—'}</td>
      <td>{u.username || '—'}</td>
      <td>{u.role_name}</td>
      <td>{u.phone_masked || '—'}</td>
      <td>
        <span class={'office-badge' + (u.active ? ' published' : ' cancelled')}>{u.active ? (u.must_change_password ? '待改密码' : '在用') : '已停用'}</span>
      </td>
      <td>{chinaTime(u.last_login_at) || '从未'}</td>
      <td>
        <button type="button" class="btn btn-small btn-default" aria-expanded={props.open} onClick={props.onToggle}>
          管理<span class="sr-only">{u.display_name || u.username}</span>
        </button>
      </td>
    </tr>
  );
}
