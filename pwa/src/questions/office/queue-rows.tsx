// The queue's rows: a table on an office PC, cells on a phone (the case lists' useWide), each with its age
// against the 24-hour clock and its urgent flags; who holds a claim, and until when.
import { useWide } from '../../aid/office/case-rows';
import { clock, shortDateTime } from '../../core/time';
import { Arrow } from '../../core/ui';
import { ageBadge, channelLabel, urgentText } from './queue-text';
import type { QuestionRow, Urgent } from './types';

export function AgeTag(props: { q: Pick<QuestionRow, 'age_state' | 'due_at' | 'status'> }) {
  if (props.q.status === 'answered' || props.q.status === 'closed' || props.q.status === 'moderated') return null;
  const b = ageBadge(props.q.age_state, props.q.due_at);
  return (
    <span class={b.cls} data-age={b.level}>
      {b.text}
    </span>
  );
}

export function UrgentTags(props: { items: Urgent[] }) {
  return (
    <>
      {props.items.map((u) => (
        <span key={u.kind} class="tag tag-bad" data-urgent={u.kind}>
          {urgentText(u)}
        </span>
      ))}
    </>
  );
}

function Holder(props: { q: QuestionRow }) {
  if (!props.q.claimed_by_name) return null;
  return <span class="case-sub">{`${props.q.claimed_by_name} 认领${props.q.claim_expires_at ? `，${clock(props.q.claim_expires_at)} 前` : ''}`}</span>;
}

const words = (q: QuestionRow) => (q.has_audio ? '〔语音〕' : '') + (q.first_words || (q.has_audio ? '语音提问' : ''));

export function QueueRows(props: { items: QuestionRow[]; label: string }) {
  const wide = useWide();
  if (!props.items.length) return <p class="msg">这里没有咨询。</p>;
  return wide ? (
    <div class="case-table-wrap">
      <table class="case-table" aria-label={props.label}>
        <thead>
          <tr>
            {['问题', '类型', '来源', '状态', '时限', '紧急'].map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.items.map((q) => (
            <tr key={q.id} class={q.age_state === 'overdue' || q.urgent.length ? 'case-hot' : ''}>
              <td>
                <a href={`/office/questions/${q.id}`} class="case-open">
                  {words(q)}
                </a>
                <span class="case-sub">{`${q.code_display} · ${q.phone_masked || '未留电话'} · ${shortDateTime(q.created_at)}`}</span>
              </td>
              <td>{q.case_type_label}</td>
              <td>{channelLabel(q.channel, q.channel_label)}</td>
              <td>
                {q.status_label}
                <Holder q={q} />
              </td>
              <td>
                <AgeTag q={q} />
              </td>
              <td>
                <UrgentTags items={q.urgent} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  ) : (
    <ul class="cells question-cells" aria-label={props.label}>
      {props.items.map((q) => (
        <li key={q.id}>
          <a class="cell cell-link" href={`/office/questions/${q.id}`}>
            <span class="cell-body">
              <span class="cell-title">{words(q)}</span>
              <span class="cell-desc">{`${q.case_type_label} · ${channelLabel(q.channel, q.channel_label)} · ${q.status_label}${q.claimed_by_name ? ` · ${q.claimed_by_name} 认领` : ''}`}</span>
              <span class="cell-desc">{`${q.code_display} · ${q.phone_masked || '未留电话'} · ${shortDateTime(q.created_at)}`}</span>
              <span class="case-flags">
                <AgeTag q={q} />
                <UrgentTags items={q.urgent} />
              </span>
            </span>
            <Arrow />
          </a>
        </li>
      ))}
    </ul>
  );
}
