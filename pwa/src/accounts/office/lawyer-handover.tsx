// Switching off a lawyer's account, or giving it another role: their open cases are listed and
// handed to another lawyer in the same step (each case is reassigned and the worker gets the new
// lawyer's number), so no case is left waiting at 等律师接受指派 with a number nobody answers.
import { useEffect, useState } from 'preact/hooks';
import type { Answer } from '../../core/schemas';
import { api, problemText } from '../../office/admin-api';

type Row = Answer<'CaseRow'>;
type Lawyer = Answer<'LawyerRow'>;

/** `newRole`: the label of the role the lawyer is being given (a role change); without it, a switch-off. */
export function LawyerSwitchOff(props: { id: number; who: string; busy: boolean; newRole?: string; onConfirm: (reassignTo: number | null) => void; onCancel: () => void }) {
  const [cases, setCases] = useState<Row[] | null>(null);
  const [lawyers, setLawyers] = useState<Lawyer[]>([]);
  const [to, setTo] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    api<{ items: Row[] }>(`/api/v1/lawyers/${props.id}/cases`).then((r) => setCases(r.items), (e) => setError(problemText(e)));
    api<{ items: Lawyer[] }>('/api/v1/lawyers').then((r) => setLawyers(r.items.filter((l) => l.id !== props.id)), (e) => setError(problemText(e)));
  }, [props.id]);
  const held = cases?.length ?? 0;
  const step = props.newRole ? `改成${props.newRole}` : '停用';
  return (
    <div class="msg office-confirm" role="alertdialog" aria-labelledby="confirm-q" data-testid="lawyer-switch-off">
      {cases === null && !error && <p role="status">正在查他在办的案件…</p>}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {cases !== null && (
        <>
          <p id="confirm-q">
            {held
              ? `${props.who} 还有 ${held} 件在办的案件。${step}前请选一位律师接手：这些案件会改派给他，工友会收到短信，看到新律师的电话。`
              : props.newRole
                ? `确定把 ${props.who} ${step}？他没有在办的案件。`
                : `确定停用 ${props.who} 的账号？他没有在办的案件。停用后他马上被退出登录，再也登不上，直到重新启用。`}
          </p>
          {!!held && (
            <>
              <ul class="cells" aria-label="在办的案件">
                {cases.map((c) => (
                  <li key={c.id} class="cell">
                    <span class="cell-body">
                      <a href={`/office/cases/${c.id}`}>
                        {c.applicant_name} · {c.case_type_label}
                      </a>
                      <span class="cell-desc">
                        {c.stage_label} · 查询码 {c.code_display}
                      </span>
                    </span>
                  </li>
                ))}
              </ul>
              <label>
                改派给
                <select name="reassign_to" value={to} onChange={(e) => setTo((e.target as HTMLSelectElement).value)}>
                  <option value="">请选择律师</option>
                  {lawyers.map((l) => (
                    <option key={l.id} value={String(l.id)}>
                      {l.name}（在办 {l.open_cases} 件）
                    </option>
                  ))}
                </select>
              </label>
              {!lawyers.length && <p class="page-desc">没有别的在职律师：请先建一个律师账号。</p>}
            </>
          )}
        </>
      )}
      <div class="office-actions">
        <button type="button" class="btn btn-warn" disabled={props.busy || cases === null || (!!held && !to)} onClick={() => props.onConfirm(held ? Number(to) : null)}>
          {held ? `改派并${props.newRole ? '改角色' : '停用'}` : `确定${props.newRole ? '改角色' : '停用'}`}
        </button>
        <button type="button" class="btn btn-default" onClick={props.onCancel}>
          取消
        </button>
      </div>
    </div>
  );
}
