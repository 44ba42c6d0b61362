// 办公室 → 审计 (admins): who read or changed personal data, filtered by person (picked by name),
// record type and action (chosen from the server's list, in Chinese), record and period (days as counted
// in China), page by page, and exported as Excel or CSV with the same filters. Every code on this page is
// shown in the words the server's one table gives (GET /api/v1/audit/choices, and each row's labels).
import { useState } from 'preact/hooks';
import { useMe } from '../auth';
import { navigate } from '../../core/router';
import type { Answer } from '../../core/schemas';
import { Pager } from '../../core/pager';
import { useLoad } from '../../core/ui';
import { api, apiPage, download, problemText } from '../../office/admin-api';
import { chinaTime, chinaToday } from '../../core/time';
import { Office } from '../../office/office-nav';
import { type Picked, PersonPicker } from './person-picker';
import '../../office/office-admin.css';

type Entry = Answer<'AuditOut'>;
type Choices = Answer<'AuditChoices'>;

const FILTERS = ['actor_id', 'record_type', 'record_id', 'action', 'from', 'to'] as const;
type Filter = (typeof FILTERS)[number];
const PAGE_SIZE = 50;
let choicesOnce: Promise<Choices> | null = null; // the same for the whole visit

export function OfficeAuditPage(props: { query: URLSearchParams }) {
  const me = useMe();
  return (
    <Office section="audit" title="审计日志">
      {me?.role === 'admin' ? (
        <AuditLog query={props.query} />
      ) : (
        <div class="msg" role="alert">
          <p>只有管理员能看审计日志。</p>
        </div>
      )}
    </Office>
  );
}

function AuditLog(props: { query: URLSearchParams }) {
  const applied: Record<Filter, string> = Object.fromEntries(FILTERS.map((f) => [f, props.query.get(f) || ''])) as Record<Filter, string>;
  const page = Number(props.query.get('page') || '1') || 1;
  const [form, setForm] = useState(applied);
  const [error, setError] = useState('');
  const params = (extra: Record<string, string> = {}) => {
    const p = new URLSearchParams();
    for (const f of FILTERS) if (applied[f]) p.set(f, applied[f]);
    for (const [k, v] of Object.entries(extra)) p.set(k, v);
    return p;
  };
  const list = useLoad(() => apiPage<Entry>(`/api/v1/audit?${params({ page: String(page), page_size: String(PAGE_SIZE) })}`), [props.query.toString()]);
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
  const set = (f: Filter) => (e: Event) => setForm({ ...form, [f]: (e.target as HTMLInputElement).value });

  return (
    <>
      <form
        class="office-form"
        role="search"
        aria-label="筛选审计日志"
        onSubmit={(e) => {
          e.preventDefault();
          go({ ...form, page: '' });
        }}
      >
        <PersonPicker
          id="audit-person"
          label="操作人"
          value={shownActor(form.actor_id)}
          onChange={(p) => {
            setPicked(p);
            setForm({ ...form, actor_id: p?.id || '' });
          }}
        />
        <label>
          记录类型
          <select name="record_type" value={form.record_type} onChange={set('record_type')}>
            <option value="">全部</option>
            {choices.data?.record_types?.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          记录编号
          <input name="record_id" value={form.record_id} onInput={set('record_id')} />
        </label>
        <label>
          操作
          <select name="action" value={form.action} onChange={set('action')}>
            <option value="">全部</option>
            {choices.data?.actions?.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          从（北京时间）
          <input name="from" type="date" value={form.from} onInput={set('from')} />
        </label>
        <label>
          到
          <input name="to" type="date" value={form.to} onInput={set('to')} />
        </label>
        <div class="office-actions">
          <button type="submit" class="btn btn-primary">
            筛选
          </button>
          <button
            type="button"
            class="btn btn-default"
            onClick={() => {
              setForm(Object.fromEntries(FILTERS.map((f) => [f, ''])) as Record<Filter, string>);
              setPicked(null);
              navigate('/office/audit');
            }}
          >
            清除筛选
          </button>
          {(['xlsx', 'csv'] as const).map((fmt) => (
            <button
              key={fmt}
              type="button"
              class="btn btn-default"
              onClick={async () => {
                setError('');
                try {
                  const day = chinaToday();
                  await download(`/api/v1/audit.${fmt}?${params()}`, `审计日志-${day}.${fmt}`);
                } catch (err) {
                  setError(problemText(err));
                }
              }}
            >
              {fmt === 'xlsx' ? '导出 Excel' : '导出 CSV'}
            </button>
          ))}
        </div>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
      </form>

      {list.error ? (
        <div class="msg" role="alert">
          <p>{problemText(list.error)}</p>
        </div>
      ) : !list.data ? (
        <p class="loading" role="status">
          正在加载…
        </p>
      ) : (
        <>
          <p class="page-desc" role="status">
            共 {list.data.total} 条{list.data.total > 0 ? `，第 ${page} / ${list.data.lastPage} 页` : ''}
          </p>
          <div class="office-table-wrap">
            <table class="office-table" aria-label="审计日志">
              <thead>
                <tr>
                  <th>时间（北京时间）</th>
                  <th>操作人</th>
                  <th>操作</th>
                  <th>记录</th>
                  <th>详情</th>
                  <th>IP</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((e) => (
                  <tr key={e.id}>
                    <td>{chinaTime(e.at)}</td>
                    <td>
                      {e.actor_id ? (
                        <button
                          type="button"
                          class="linkish"
                          title="只看此人"
                          onClick={() => {
                            const p = { id: String(e.actor_id), name: e.actor_name || `编号 ${e.actor_id} 的账号` };
                            setPicked(p);
                            setForm({ ...form, actor_id: p.id });
                            go({ actor_id: p.id, page: '' });
                          }}
                        >
                          {e.actor_name || `#${e.actor_id}`}
                        </button>
                      ) : (
                        '没有账号的人'
                      )}
                      {e.actor_role_label && <span class="office-badge">{e.actor_role_label}</span>}
                    </td>
                    <td>{e.action_label}</td>
                    <td>
                      <button
                        type="button"
                        class="linkish"
                        title="只看这条记录"
                        onClick={() => {
                          setForm({ ...form, record_type: e.record_type, record_id: e.record_id });
                          go({ record_type: e.record_type, record_id: e.record_id, page: '' });
                        }}
                      >
                        {e.record_type_label} {e.record_id === '*' ? '（多条）' : e.record_id}
                      </button>
                    </td>
                    <td class="office-detail">
                      {e.detail_lines?.map((line, i) => (
                        <span key={i} class="office-detail-line">
                          {line}
                        </span>
                      ))}
                    </td>
                    <td>{e.ip || ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={page} pages={list.data.lastPage} go={(p) => go({ page: String(p) })} />
        </>
      )}
    </>
  );
}
