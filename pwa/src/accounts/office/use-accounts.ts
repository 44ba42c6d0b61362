// The state of 办公室 → 账号's list: the search being typed and the one applied, the page, which
// account is open for managing and whether a new one is being made. The page
// (office-accounts-page.tsx) and its parts only show it.
import { useState } from 'preact/hooks';
import type { Answer } from '../../core/schemas';
import { useLoad } from '../../core/ui';
import { apiPage } from '../../office/admin-api';

export type User = Answer<'UserOut'>;
export type Status = '' | 'true' | 'false';
const PAGE_SIZE = 30;

export function useAccounts() {
  const [q, setQ] = useState('');
  const [role, setRole] = useState('');
  const [status, setStatus] = useState<Status>('');
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
  return {
    q, setQ, role, setRole, status, setStatus, page, setPage, list, creating, selected,
    chosen: list.data?.items.find((u) => u.id === selected),
    reload: () => setTick((t) => t + 1),
    /** Look for what the filters say, from the first page. */
    find: () => {
      setPage(1);
      setSearch({ q: q.trim(), role, status });
    },
    startCreating: () => {
      setCreating(true);
      setSelected(null);
    },
    /** The new-account panel closes; a new account is then the one the list shows. */
    created: (u: User | null) => {
      setCreating(false);
      if (u) {
        setSearch({ q: u.username || '', role: '', status: '' });
        setQ(u.username || '');
        setSelected(null);
      }
    },
    /** Open (or close) one account's panel. */
    toggle: (id: number) => {
      setSelected(selected === id ? null : id);
      setCreating(false);
    },
  };
}

export type Accounts = ReturnType<typeof useAccounts>;
