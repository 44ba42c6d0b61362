// The state of 办公室 → 机构: the tree the admin sees (GET /offices, each office after its parent),
// which office's form is open (a new one under an office, or a change to one) and the save.
// The page (office-tree-page.tsx) and its parts (office-tree-parts.tsx) only show it.
import { useState } from 'preact/hooks';
import { HttpError } from '../../core/api';
import { typedCount } from '../../core/digits';
import type { Answer } from '../../core/schemas';
import { showToast } from '../../core/store';
import { useLoad } from '../../core/ui';
import { api, problemText } from '../../office/admin-api';

export type OfficeRow = Answer<'OfficeOut'>;
export type OfficeTree = Answer<'OfficeTree'>;
/** What the form holds: the fields an admin sets on an office (the days to accept an assignment as typed). */
export type OfficeFields = Pick<OfficeRow, 'name' | 'kind' | 'division' | 'phone' | 'address'> & { accept_days: string };
/** The open form: a new office under `parent`, or a change to `office`. */
export type Editing = { parent: OfficeRow; office?: undefined } | { office: OfficeRow; parent?: undefined } | null;

const EMPTY: OfficeFields = { name: '', kind: 'station', division: '', phone: '', address: '', accept_days: '3' };
const DAYS_NEEDED = '请填 1 到 30 之间的整数（天）。';

export function useOffices() {
  const [tick, setTick] = useState(0);
  const tree = useLoad(() => api<OfficeTree>('/api/v1/offices'), [tick]);
  const [editing, setEditing] = useState<Editing>(null);
  const [form, setForm] = useState<OfficeFields>(EMPTY);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const open = (next: Editing) => {
    setEditing(next);
    setFields({});
    setError('');
    const o = next?.office;
    setForm(o ? { name: o.name, kind: o.kind, division: o.division, phone: o.phone, address: o.address, accept_days: String(o.accept_days ?? 3) } : { ...EMPTY, division: next?.parent?.division || '' });
  };

  const save = async () => {
    if (!editing) return;
    setBusy(true);
    setError('');
    setFields({});
    const days = typedCount(form.accept_days, 2);
    if (days === null || days < 1 || days > 30) {
      setFields({ accept_days: DAYS_NEEDED });
      setBusy(false);
      return;
    }
    const body = { ...Object.fromEntries(Object.entries(form).map(([k, v]) => [k, v.trim()])), accept_days: days };
    try {
      if (editing.office) await api<OfficeRow>(`/api/v1/offices/${editing.office.id}`, { method: 'PATCH', json: body });
      else await api<OfficeRow>('/api/v1/offices', { method: 'POST', json: { ...body, parent_id: editing.parent.id } });
      showToast(editing.office ? '已保存' : '已添加');
      setEditing(null);
      setTick((t) => t + 1);
    } catch (err) {
      setError(problemText(err));
      if (err instanceof HttpError) setFields(err.fields);
    } finally {
      setBusy(false);
    }
  };

  return {
    tree, editing, open, form, fields, error, busy, save,
    set: (name: keyof OfficeFields) => (v: string) => setForm((f) => ({ ...f, [name]: v })),
  };
}

export type Offices = ReturnType<typeof useOffices>;
