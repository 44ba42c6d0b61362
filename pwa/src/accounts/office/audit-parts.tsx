// The parts of 办公室 → 审计: the filters (with the exports) and the table of entries. Every code
// is shown in the words the server's one table gives.
import { SearchForm } from '../../core/search-form';
import { Pager } from '../../core/pager';
import { chinaTime } from '../../core/time';
import { ErrorBox, Loading } from '../../core/ui';
import { OFFICE_OFFLINE } from '../../office/admin-api';
import { Table } from '../../office/office-table';
import { PersonPicker } from './person-picker';
import type { Audit, Entry, Filter } from './use-audit';

export function AuditFilters(props: { a: Audit }) {
  const { a } = props;
  return (
    <SearchForm class="office-form" label="筛选审计日志" onSearch={a.filter}>
      <PersonPicker id="audit-person" label="操作人" value={a.shownActor(a.form.actor_id)} onChange={a.pick} />
      <Choose a={a} filter="record_type" label="记录类型" options={a.choices.data?.record_types} />
      <label>
        记录编号
        <input name="record_id" value={a.form.record_id} onInput={a.set('record_id')} />
      </label>
      <Choose a={a} filter="action" label="操作" options={a.choices.data?.actions} />
      <label>
        从（北京时间）
        <input name="from" type="date" value={a.form.from} onInput={a.set('from')} />
      </label>
      <label>
        到
        <input name="to" type="date" value={a.form.to} onInput={a.set('to')} />
      </label>
      <div class="office-actions">
        <button type="submit" class="btn btn-primary">
          筛选
        </button>
        <button type="button" class="btn btn-default" onClick={a.clear}>
          清除筛选
        </button>
        {(['xlsx', 'csv'] as const).map((fmt) => (
          <button key={fmt} type="button" class="btn btn-default" onClick={() => void a.exportAs(fmt)}>
            {fmt === 'xlsx' ? '导出 Excel' : '导出 CSV'}
          </button>
        ))}
      </div>
      {a.error && (
        <p class="form-error" role="alert">
          {a.error}
        </p>
      )}
    </SearchForm>
  );
}

/** A filter chosen from the server's list (record types, actions). */
function Choose(props: { a: Audit; filter: Filter; label: string; options?: { value: string; label: string }[] }) {
  return (
    <label>
      {props.label}
      <select name={props.filter} value={props.a.form[props.filter]} onChange={props.a.set(props.filter)}>
        <option value="">全部</option>
        {props.options?.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function AuditEntries(props: { a: Audit }) {
  const { a } = props;
  const { list } = a;
  if (list.error) return <ErrorBox error={list.error} offline={OFFICE_OFFLINE} />;
  if (!list.data) return <Loading />;
  return (
    <>
      <p class="page-desc" role="status">
        共 {list.data.total} 条{list.data.total > 0 ? `，第 ${a.page} / ${list.data.lastPage} 页` : ''}
      </p>
      <Table label="审计日志" heads={['时间（北京时间）', '操作人', '操作', '记录', '详情', 'IP']}>
        {list.data.items.map((e) => (
          <AuditRow key={e.id} a={a} e={e} />
        ))}
      </Table>
      <Pager page={a.page} pages={list.data.lastPage} go={(p) => a.go({ page: String(p) })} />
    </>
  );
}

function AuditRow(props: { a: Audit; e: Entry }) {
  const { a, e } = props;
  return (
    <tr>
      <td>{chinaTime(e.at)}</td>
      <td>
        {e.actor_id ? (
          <button type="button" class="linkish" title="只看此人" onClick={() => a.onlyActor(e)}>
            {e.actor_name || `#${e.actor_id}`}
          </button>
        ) : (
          '没有账号的人'
        )}
        {e.actor_role_label && <span class="office-badge">{e.actor_role_label}</span>}
      </td>
      <td>{e.action_label}</td>
      <td>
        <button type="button" class="linkish" title="只看这条记录" onClick={() => a.onlyRecord(e)}>
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
  );
}
