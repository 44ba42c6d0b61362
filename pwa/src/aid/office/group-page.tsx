// Linked applications, for the office: a group claim (/office/cases/groups/{key}: the same
// employer or site, with headcount and total owed) and two likely duplicates side by side
// (/office/cases/{id}/compare/{other}). Nothing is merged here: staff decide.
import { ErrorBox, Loading, PageHeader, useLoad, useTitle } from '../../core/ui';
import { type CaseView, loadCase, loadGroup } from './case-api';
import { CaseRows } from './case-rows';
import { NotForYou, useHandler } from './case-parts';
import { yuan } from './case-text';

export function GroupPage(props: { groupKey: string }) {
  useTitle('群体案件');
  const who = useHandler();
  const group = useLoad(() => (who === 'office' ? loadGroup(props.groupKey) : Promise.resolve(null)), [props.groupKey, who]);
  if (who !== 'office') return <NotForYou title="群体案件" signedIn={who !== null} back="/office/cases" officeOnly lawyer={who === 'lawyer'} />;
  const g = group.data;
  return (
    <div class="page page-wide">
      <PageHeader title="群体案件" back="/office/cases?filter=group" />
      {g ? (
        <>
          <div class="count-box group-sum">
            <p class="count-main">
              {[g.employer_name, g.site].filter(Boolean).join(' · ') || '同一单位'}
            </p>
            <p>
              共 <strong>{g.size}</strong> 人申请，合计欠 <strong>{yuan(g.total_owed_fen)}</strong>
            </p>
          </div>
          <CaseRows items={g.items} base="/office/cases" label="这一群体的申请" />
        </>
      ) : group.error ? (
        <ErrorBox error={group.error} retry={group.retry} />
      ) : (
        <Loading />
      )}
    </div>
  );
}

const COMPARED: { k: string; v: (c: CaseView) => string }[] = [
  { k: '查询码', v: (c) => c.code_display },
  { k: '阶段', v: (c) => c.stage_label },
  { k: '收到', v: (c) => c.created_at.slice(0, 10) },
  { k: '申请人', v: (c) => c.applicant_name },
  { k: '身份证号', v: (c) => c.id_number },
  { k: '手机号', v: (c) => c.phone_masked },
  { k: '案件类型', v: (c) => c.case_type_label },
  { k: '单位/包工头', v: (c) => c.employer_name },
  { k: '总包单位', v: (c) => c.contractor },
  { k: '工地', v: (c) => c.site },
  { k: '开始干活', v: (c) => c.started_on || '' },
  { k: '最后发工资', v: (c) => c.last_paid_on || '' },
  { k: '欠款金额', v: (c) => yuan(c.amount_owed_fen) },
  { k: '照片', v: (c) => `${c.evidence.length} 张` },
  { k: '工友自述', v: (c) => c.account },
];

export function ComparePage(props: { id: number; other: number }) {
  useTitle('疑似重复');
  const who = useHandler();
  const both = useLoad(() => (who === 'office' ? Promise.all([loadCase(props.id), loadCase(props.other)]) : Promise.resolve(null)), [props.id, props.other, who]);
  if (who !== 'office') return <NotForYou title="疑似重复" signedIn={who !== null} back="/office/cases" officeOnly lawyer={who === 'lawyer'} />;
  return (
    <div class="page page-wide">
      <PageHeader title="疑似重复：对比" back={`/office/cases/${props.id}`} />
      <p class="page-desc">同一身份证号、同一单位，30 天内的两份申请。系统不会自动合并：请核实后自行处理（例如撤回其中一份）。</p>
      {both.data?.some((c) => !c.duplicate) && (
        <p class="warn-box" data-testid="settled-pair">
          两份中已有一份撤回或不予受理（看下面的「阶段」），不再算疑似重复，也不算进群体人数。
        </p>
      )}
      {both.data ? (
        <table class="compare">
          <thead>
            <tr>
              <th scope="col">
                <span class="sr-only">项目</span>
              </th>
              {both.data.map((c) => (
                <th key={c.id} scope="col">
                  <a href={`/office/cases/${c.id}`}>申请 {c.code_display}</a>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {COMPARED.map((row) => {
              const [a, b] = both.data!.map(row.v);
              return (
                <tr key={row.k} class={a === b ? 'same' : 'differs'}>
                  <th scope="row">{row.k}</th>
                  <td class="pre">{a}</td>
                  <td class="pre">{b}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : both.error ? (
        <ErrorBox error={both.error} retry={both.retry} />
      ) : (
        <Loading />
      )}
    </div>
  );
}
