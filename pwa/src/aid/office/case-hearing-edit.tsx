// One hearing of a case as its handlers see it: 改期 (a small form: kind, time, place) and 取消 (after a confirm).
// A cancelled one stays in the list struck through, with who cancelled it; its 更新日历 .ics says it is cancelled,
// so the phone that added it drops it.
import { useState } from 'preact/hooks';
import { errorText, HttpError } from '../../core/api';
import { Field, FormEnd } from '../../core/form';
import { Select } from '../../core/form-extra';
import { dayTime, fromLocalInput, shortDateTime, toLocalInput } from '../../core/time';
import { cancelHearing, changeHearing, type Hearing } from './case-api';
import { Download } from './case-parts';

export const KINDS = [
  { id: 'mediation', label: '调解' },
  { id: 'hearing', label: '开庭' },
  { id: 'arbitration', label: '仲裁' },
];

/** A hearing on the case's list, with 改期 and 取消 until it is cancelled. */
export function EditableHearing(props: { h: Hearing; onChange: (h: Hearing) => void }) {
  const { h } = props;
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState('');
  const cancel = async () => {
    if (!confirm(`确定取消这次${h.kind_label}吗？\n${dayTime(h.starts_at!)} · ${h.place}\n取消后会留下记录，工友的页面上不再显示。`)) return;
    try {
      props.onChange(await cancelHearing(h));
    } catch (x) {
      setError(errorText(x));
    }
  };
  return (
    <li class="cell" data-testid={`hearing-${h.id}`}>
      <span class="cell-body">
        <span class="cell-title">{h.cancelled ? <s>{h.title}</s> : h.title}</span>
        <span class="cell-desc">
          {h.cancelled ? <s>{`${dayTime(h.starts_at!)} · ${h.place}`}</s> : `${dayTime(h.starts_at!)} · ${h.place}`}
        </span>
        {h.cancelled && <span class="cell-desc">已取消{h.cancelled_by ? `（${h.cancelled_by}，${shortDateTime(h.cancelled_at!)}）` : ''}</span>}
        {error && (
          <span class="field-error" role="alert">
            {error}
          </span>
        )}
        {editing && <HearingChange h={h} onDone={(next) => (setEditing(false), next && props.onChange(next))} />}
      </span>
      <Download path={`/api/v1/cases/${h.application_id}/hearings/${h.id}.ics`} name={`hearing-${h.id}.ics`}>
        {h.cancelled ? '更新日历' : '加到日历'}
      </Download>
      {!h.cancelled && !editing && (
        <>
          <button type="button" class="btn btn-default btn-small" aria-label={`改期：${h.title}`} onClick={() => setEditing(true)}>
            改期
          </button>
          <button type="button" class="btn btn-default btn-small" aria-label={`取消：${h.title}`} onClick={cancel}>
            取消
          </button>
        </>
      )}
    </li>
  );
}

/** 改期: the hearing's kind, time and place, as it says now; saved with PATCH. */
function HearingChange(props: { h: Hearing; onDone: (h: Hearing | null) => void }) {
  const { h } = props;
  const [kind, setKind] = useState(h.kind!);
  const [when, setWhen] = useState(toLocalInput(h.starts_at));
  const [place, setPlace] = useState(h.place!);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!when || !place.trim()) return setErrors({ '': '请填写时间和地点。' });
    setBusy(true);
    try {
      props.onDone(await changeHearing(h, { kind, starts_at: fromLocalInput(when), place }));
    } catch (x) {
      setErrors(x instanceof HttpError ? { ...x.fields, '': x.message } : { '': errorText(x) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="case-box" onSubmit={submit} aria-label={`改期：${h.title}`}>
      <Select id={`hearing-kind-${h.id}-edit`} tag="div" label="类型" value={kind} onChange={setKind} options={KINDS} />
      <Field id={`hearing-at-${h.id}-edit`} tag="div" type="datetime-local" label="新的时间（北京时间）" value={when} onInput={setWhen} error={errors.starts_at} />
      <Field id={`hearing-place-${h.id}-edit`} tag="div" label="地点" value={place} onInput={setPlace} maxLength={200} error={errors.place} />
      <FormEnd error={errors[''] || ''} submit="保存改期" disabled={busy} />
      <button type="button" class="btn btn-default btn-small" onClick={() => props.onDone(null)}>
        不改了
      </button>
    </form>
  );
}
