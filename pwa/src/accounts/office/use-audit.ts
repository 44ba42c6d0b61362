// The state of 办公室 → 审计: the filters in the address (applied) and in the form (being
// chosen), the page of entries, the server's choices (record types and actions, in Chinese), the
// person filtered by, and the moves (filter, clear, export, only this person or record). The page
// (office-audit-page.tsx) and its parts (audit-parts.tsx) only show it.
import { useState } from 'preact/hooks';
import { navigate } from '../../core/router';
import type { Answer } from '../../core/schemas';
import { chinaToday } from '../../core/time';
import { useLoad } from '../../core/ui';
import { api, apiPage, download, problemText } from '../../office/admin-api';
import type { Picked } from './person-picker';

export type Entry = Answer<'AuditOut'>;
type Choices = Answer<'AuditChoices'>;

const FILTERS = ['actor_id', 'record_type', 'record_id', 'action', 'from', 'to'] as const;
export type Filter = (typeof FILTERS)[number];
const PAGE_SIZE = 50;
let choicesOnce: Promise<Choices> | null = null; // the same for the whole visit

const none = () => Object.fromEntries(FILTERS.map((f) => [f, ''])) as Record<Filter, string>;

export function useAudit(query: URLSearchParams) {
  const applied: Record<Filter, string> = Object.fromEntries(FILTERS.map((f) => [f, query.get(f) || ''])) as Record<Filter, string>;
  const page = Number(query.get('page') || '1') || 1;
  const [form, setForm] = useState(applied);
  const [error, setError] = useState('');
  const params = (extra: Record<string, string> = {}) => {
    const p = new URLSearchParams();
    for (const f of FILTERS) if (applied[f]) p.set(f, applied[f]);
    for (const [k, v] of Object.entries(extra)) p.set(k, v);
    return p;
  };
  const list = useLoad(() => apiPage<Entry>(`/api/v1/audit?${params({ page: String(page), page_size: String(PAGE_SIZE) })}`), [query.toString()]);
  const choices = useLoad(() => (choicesOnce ??= api<Choices>('/api/v1/audit/choices').catch((e) => ((choicesOnce = null), Promise.reject(e)))), []);
  // The person filtered by, named: as picked, or as their rows name them, or by number (a link from 账号).
  const [picked, setPicked] = useState<Picked | null>(null);
  const shownActor = (id: string): Picked | null => {
    if (!id) return null;
    if (picked?.id === id) return picked;
    const row = list.data?.items.find((e) => String(e.actor_id) === id);
    return { id, name: row?.actor_name || `编号 ${id} 的账号` };
  };
  const go = (next: Partial<Record<Filter | 'page', string>>) => {
    const p = new URLSearchParams();
    const all = { ...applied, ...next };
    for (const [k, v] of Object.entries(all)) if (v) p.set(k, v);
    navigate(`/office/audit${p.toString() ? '?' + p : ''}`);
  };
  return {
    form, page, list, choices, error, shownActor, go,
    /** The form's input for one filter. */
    set: (f: Filter) => (e: Event) => setForm({ ...form, [f]: (e.target as HTMLInputElement).value }),
    pick: (p: Picked | null) => {
      setPicked(p);
      setForm({ ...form, actor_id: p?.id || '' });
    },
    filter: () => go({ ...form, page: '' }),
    clear: () => {
      setForm(none());
      setPicked(null);
      navigate('/office/audit');
    },
    /** The entries the applied filters find, as a file. */
    exportAs: async (fmt: 'xlsx' | 'csv') => {
      setError('');
      try {
        const day = chinaToday();
        await download(`/api/v1/audit.${fmt}?${params()}`, `审计日志-${day}.${fmt}`);
      } catch (err) {
        setError(problemText(err));
      }
    },
    onlyActor: (e: Entry) => {
      const p = { id: String(e.actor_id), name: e.actor_name || `编号 ${e.actor_id} 的账号` };
      setPicked(p);
      setForm({ ...form, actor_id: p.id });
      go({ actor_id: p.id, page: '' });
    },
    onlyRecord: (e: Entry) => {
      setForm({ ...form, record_type: e.record_type, record_id: e.record_id });
      go({ record_type: e.record_type, record_id: e.record_id, page: '' });
    },
  };
}

export type Audit = ReturnType<typeof useAudit>;
