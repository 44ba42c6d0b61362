// The rows of a case list (the inbox, a lawyer's cases, a group): a table on a PC, cards on a phone,
// each with its nearest date coloured by the days left and its flags.
import './cases.css';
import { useEffect, useState } from 'preact/hooks';
import { shortDateTime } from '../../core/time';
import { Arrow } from '../../core/ui';
import type { CaseRow } from './case-api';
import { daysText, Flags, levelClass } from './case-parts';
import { urgencyLevel, yuan } from './case-text';

/** True on a screen at least 900 px wide (an office PC): lists become tables, the case page two columns. */
export function useWide(): boolean {
  const query = typeof matchMedia === 'function' ? matchMedia('(min-width: 900px)') : null;
  const [wide, setWide] = useState(!!query?.matches);
  useEffect(() => {
    if (!query) return;
    const fn = () => setWide(query.matches);
    query.addEventListener?.('change', fn);
    return () => query.removeEventListener?.('change', fn);
  }, []);
  return wide;
}

/** The nearest date of a row (the server picks it: the office's clock or a limitation date), coloured by days left. */
function Due(props: { c: CaseRow; short?: boolean }) {
  const c = props.c;
  if (!c.due_on) return null;
  const level = urgencyLevel(c.days_left, c.overdue);
  return (
    <span class={'tag ' + levelClass(level, 'tag')} data-level={level}>
      {props.short ? '' : `${c.due_label ? c.due_label + ' ' : ''}${c.due_on} `}
      {props.short && c.due_label ? c.due_label + ' ' : ''}
      {daysText(c.days_left, c.overdue)}
    </span>
  );
}

/** The rows of a list, masked as the server sent them, in the server's order. */
export function CaseRows(props: Rows) {
  const wide = useWide();
  if (!props.items.length) return <p class="msg">这里没有案件。</p>;
  return wide ? <CaseTable {...props} /> : <CaseCards {...props} />;
}

type Rows = { items: CaseRow[]; base: string; label: string };

/** On a PC: a table, a row a case. */
function CaseTable(props: Rows) {
  return (
    <div class="case-table-wrap">
      <table class="case-table" aria-label={props.label}>
        <thead>
          <tr>
            <th scope="col">申请人</th>
            <th scope="col">类型</th>
            <th scope="col">单位 · 工地</th>
            <th scope="col">金额</th>
            <th scope="col">阶段</th>
            <th scope="col">下一步</th>
            <th scope="col">期限</th>
            <th scope="col">标记</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((c) => (
            <tr key={c.id} class={c.overdue || c.first_aid || c.accept_overdue ? 'case-hot' : ''}>
              <td>
                <a href={`${props.base}/${c.id}`} class="case-open">
                  {c.applicant_name}
                </a>
                <span class="case-sub">
                  {c.phone_masked} · {c.code_display}
                </span>
              </td>
              <td>{c.case_type_label}</td>
              <td>
                {c.employer_name || '未填'}
                {c.site && <span class="case-sub">{c.site}</span>}
              </td>
              <td class="num">{yuan(c.amount_owed_fen)}</td>
              <td>
                {c.stage_label}
                {c.lawyer_name && <span class="case-sub">律师 {c.lawyer_name}</span>}
              </td>
              <td>{c.next_actor_label}</td>
              <td>
                <Due c={c} />
              </td>
              <td>
                <Flags c={c} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** On a phone: a card a case. */
function CaseCards(props: Rows) {
  return (
    <ul class="cells case-cards" aria-label={props.label}>
      {props.items.map((c) => (
        <li key={c.id}>
          <a class="cell cell-link" href={`${props.base}/${c.id}`}>
            <span class="cell-body">
              <span class="cell-title">
                {c.applicant_name} · {c.case_type_label} · {yuan(c.amount_owed_fen)}
              </span>
              <span class="cell-desc">
                {[c.employer_name, c.site, c.city].filter(Boolean).join(' · ') || '单位未填'}
              </span>
              <span class="cell-desc">
                {c.stage_label}
                {c.next_actor_label ? ` · ${c.next_actor_label}` : ''}
              </span>
              {c.due_on && (
                <span class="cell-desc">
                  <Due c={c} short />
                </span>
              )}
              <span class="cell-desc">
                {c.phone_masked} · 收到 {shortDateTime(c.created_at)}
              </span>
              <Flags c={c} />
            </span>
            <Arrow />
          </a>
        </li>
      ))}
    </ul>
  );
}
