// 办公室 → 机构: the tree of offices the person sees (their own and everything under it), each
// indented under its parent with its kind, division code and phone. An admin adds an office under
// one and changes one (name, kind, division, phone, address); staff read the tree. The state lives
// in useOffices, the table and the form in office-tree-parts.tsx.
import { useMe } from '../auth';
import { Office } from '../../office/office-nav';
import { problemText } from '../../office/admin-api';
import { OfficeForm, OfficeTable } from './office-tree-parts';
import { useOffices } from './use-offices';
import '../../office/office-admin.css';

export function OfficeTreePage() {
  const me = useMe();
  return (
    <Office section="offices" title="机构">
      <Tree admin={me?.role === 'admin'} />
    </Office>
  );
}

function Tree(props: { admin: boolean }) {
  const o = useOffices();
  const { tree } = o;
  if (tree.error) {
    return (
      <div class="msg" role="alert">
        <p>{problemText(tree.error)}</p>
        <button type="button" class="btn btn-default" onClick={tree.retry}>
          再试一次
        </button>
      </div>
    );
  }
  if (!tree.data) {
    return (
      <p class="loading" role="status">
        正在加载…
      </p>
    );
  }
  return (
    <>
      <p class="page-desc">{props.admin ? '你所在的机构和它下面的所有机构。「加下级」在一个机构下面加一个，「修改」改它的名称、类型、行政区划、电话、地址和律师接受指派的期限。' : '你所在的机构和它下面的所有机构（只有管理员能修改）。'}</p>
      <OfficeForm o={o} kinds={tree.data.kinds} />
      <OfficeTable o={o} items={tree.data.items} admin={props.admin} />
    </>
  );
}
