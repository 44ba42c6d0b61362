// The parts of 办公室 → 机构: the tree as a table (each office indented under its parent, with its
// kind, division code and phone, and for an admin 加下级 and 修改), and the form of one office.
import { Field } from '../../core/form';
import { Select } from '../../core/form-extra';
import type { OfficeRow, Offices } from './use-offices';

/** The offices, each after its parent and indented by its depth below the first (the person's own). */
export function OfficeTable(props: { o: Offices; items: OfficeRow[]; admin: boolean }) {
  const { o, items } = props;
  const top = Math.min(...items.map((r) => r.depth));
  return (
    <div class="office-table-wrap">
      <table class="office-table" aria-label="机构">
        <thead>
          <tr>
            <th scope="col">名称</th>
            <th scope="col">类型</th>
            <th scope="col">行政区划</th>
            <th scope="col">电话</th>
            <th scope="col">接受指派期限</th>
            {props.admin && <th scope="col">操作</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id} data-testid={`office-${r.id}`}>
              <th scope="row" class="office-tree-name" style={{ paddingLeft: `${0.6 + (r.depth - top) * 1.5}rem` }}>
                {r.depth > top && <span aria-hidden="true">└ </span>}
                {r.name}
              </th>
              <td>{r.kind_label}</td>
              <td>{r.division || '—'}</td>
              <td>{r.phone || '—'}</td>
              <td>{r.accept_days} 天</td>
              {props.admin && (
                <td class="office-tree-actions">
                  <button type="button" class="linkish" aria-label={`加下级：${r.name}`} onClick={() => o.open({ parent: r })}>
                    加下级
                  </button>
                  <button type="button" class="linkish" aria-label={`修改：${r.name}`} onClick={() => o.open({ office: r })}>
                    修改
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A new office under one, or a change to one: name, kind, division, phone, address, the days its lawyers have to
 * accept an assignment; the API's refusals by the fields. */
export function OfficeForm(props: { o: Offices; kinds: Record<string, string> }) {
  const { o } = props;
  if (!o.editing) return null;
  const title = o.editing.office ? `修改机构：${o.editing.office.name}` : `在 ${o.editing.parent.name} 下加机构`;
  const kinds = Object.entries(props.kinds).map(([id, label]) => ({ id, label }));
  return (
    <section class="office-panel" aria-labelledby="office-form-h">
      <h2 class="cells-title" id="office-form-h">
        {title}
      </h2>
      <form
        class="form office-form"
        onSubmit={(e) => {
          e.preventDefault();
          void o.save();
        }}
      >
        <Field tag="div" id="office-name" label="名称" placeholder="例如 锦江区法律援助中心" value={o.form.name} onInput={o.set('name')} error={o.fields.name} />
        <Select tag="div" id="office-kind" label="类型" options={kinds} value={o.form.kind} onChange={o.set('kind')} error={o.fields.kind} />
        <Field tag="div" id="office-division" label="行政区划代码（6 位数字）" inputMode="numeric" placeholder="例如 510104" value={o.form.division} onInput={o.set('division')} error={o.fields.division} />
        <Field tag="div" id="office-phone" label="对外电话" type="tel" placeholder="例如 028-12348" value={o.form.phone} onInput={o.set('phone')} error={o.fields.phone} />
        <Field tag="div" id="office-address" label="地址" value={o.form.address} onInput={o.set('address')} error={o.fields.address} />
        <Field tag="div" id="office-accept-days" label="律师接受指派的期限（天，1–30）" hint="指派后这么多天律师还没接受的，案件在工作人员的列表里标为超期。这是本机构的办案要求，不是法定期限。" inputMode="numeric" value={o.form.accept_days} onInput={o.set('accept_days')} error={o.fields.accept_days} />
        {o.error && (
          <p class="form-error" role="alert">
            {o.error}
          </p>
        )}
        <div class="office-actions">
          <button type="submit" class="btn btn-primary" disabled={o.busy}>
            {o.busy ? '正在保存…' : o.editing.office ? '保存' : '添加'}
          </button>
          <button type="button" class="btn btn-default" onClick={() => o.open(null)}>
            取消
          </button>
        </div>
      </form>
    </section>
  );
}
