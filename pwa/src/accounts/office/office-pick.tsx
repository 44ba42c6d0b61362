// The office an account belongs to, chosen on 办公室 → 账号 from the offices the admin sees
// (GET /offices: their own and its subtree), each indented under its parent. Workers belong to none.
import { Select } from '../../core/form-extra';
import { useLoad } from '../../core/ui';
import { api } from '../../office/admin-api';
import type { OfficeTree } from './use-offices';

/** `value` is the office's id as text; '' (a new account) means the admin's own office. */
export function OfficePick(props: { id: string; value: string; onChange: (v: string) => void; error?: string }) {
  // Its own load (not use-offices.ts's): a module shared by two screens becomes one more file the app's first
  // download must name (bench/first_visit.py counts those bytes).
  const tree = useLoad(() => api<OfficeTree>('/api/v1/offices'), []);
  const items = tree.data?.items || [];
  const top = Math.min(...items.map((r) => r.depth));
  const options = items.map((r) => ({ id: String(r.id), label: `${'　'.repeat(r.depth - top)}${r.name}` }));
  if (!props.value) options.unshift({ id: '', label: '我所在的机构' });
  return <Select tag="div" label="所属机构" options={options} {...props} />;
}
