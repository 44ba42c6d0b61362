// Small pieces the office's event pages share: the state badge, a confirmation, an action with its toast.
import { useState } from 'preact/hooks';
import { errorText } from '../../core/api';
import { showToast } from '../../core/store';
import { STATUS_LABELS, type OfficeEvent } from './office-api';

export function StatusBadge(props: { e: Pick<OfficeEvent, 'status' | 'starts_at'> }) {
  const started = props.e.status === 'published' && new Date(props.e.starts_at) < new Date();
  const label = started ? '已开始' : STATUS_LABELS[props.e.status] || props.e.status;
  return <span class={`office-badge ${props.e.status}`}>{label}</span>;
}

/** A button that asks first: the question and two answers appear in its place. */
export function ConfirmButton(props: {
  label: string;
  question: string;
  yes: string;
  tone?: 'primary' | 'default' | 'warn';
  onYes: () => Promise<void>;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const tone = `btn btn-small btn-${props.tone || 'primary'}`;
  if (!asking) {
    return (
      <button type="button" class={tone} onClick={() => setAsking(true)}>
        {props.label}
      </button>
    );
  }
  return (
    <div class="msg office-confirm" role="alertdialog" aria-label={props.label}>
      <p>{props.question}</p>
      <div class="office-actions">
        <button
          type="button"
          class={tone}
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await props.onYes();
            } finally {
              setBusy(false);
              setAsking(false);
            }
          }}
        >
          {props.yes}
        </button>
        <button type="button" class="btn btn-small btn-default" onClick={() => setAsking(false)}>
          先不
        </button>
      </div>
    </div>
  );
}

/** Do `work`, then say `done` and run `after`; or say what went wrong. */
export async function act(work: () => Promise<unknown>, done: string, after: () => void): Promise<void> {
  try {
    await work();
    showToast(done);
    after();
  } catch (err) {
    showToast(errorText(err));
  }
}
