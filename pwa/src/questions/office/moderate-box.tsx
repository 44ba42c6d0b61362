// 标记: not a legal question, an advert or harassment, with a reason. Nothing is deleted; the server audits it.
import { useState } from 'preact/hooks';
import { moderate } from './api';
import { VERDICTS } from './queue-text';
import type { QuestionView, Verdict } from './types';
import type { useQuestion } from './use-question';

export function ModerateBox(props: { q: QuestionView; s: ReturnType<typeof useQuestion> }) {
  const { q, s } = props;
  const [open, setOpen] = useState(false);
  const [verdict, setVerdict] = useState<Verdict>('not_legal');
  const [reason, setReason] = useState('');
  const done = q.verdict;
  if (done) {
    const label = VERDICTS.find((v) => v.id === done)?.label || done;
    return <p class="warn-box case-note">{`已标记为「${label}」：${q.verdict_reason}`}</p>;
  }
  if (!open)
    return (
      <button type="button" class="btn btn-small btn-default btn-warn-text" onClick={() => setOpen(true)}>
        标记（不是法律问题/骚扰/广告）
      </button>
    );
  const send = async (e: Event) => {
    e.preventDefault();
    if (await s.move(() => moderate(q.id, verdict, reason.trim()))) setOpen(false);
  };
  return (
    <form class="action-form" onSubmit={send} aria-label="标记这条咨询">
      <fieldset>
        <legend>标记为</legend>
        {VERDICTS.map((v) => (
          <label key={v.id} class="check-row">
            <input type="radio" name="verdict" checked={verdict === v.id} onChange={() => setVerdict(v.id)} /> {v.label}
          </label>
        ))}
      </fieldset>
      <label>
        原因
        <textarea rows={2} maxLength={200} required value={reason} onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} />
      </label>
      <div class="action-submit">
        <button type="submit" class="btn btn-warn btn-small" disabled={s.busy || !reason.trim()}>
          确认标记
        </button>
        <button type="button" class="btn btn-default btn-small" onClick={() => setOpen(false)}>
          取消
        </button>
      </div>
    </form>
  );
}
