// A case's hearings (issue 21): the 调解, 开庭 and 仲裁 dates with their place, a small form to add one, and each
// one's 加到日历 (an .ics the phone's calendar opens; it names the worker and the case type, nothing personal);
// on the case, each one's 改期 and 取消 (case-hearing-edit.tsx).
import { useState } from 'preact/hooks';
import { errorText, HttpError } from '../../core/api';
import { Field, FormEnd } from '../../core/form';
import { Select } from '../../core/form-extra';
import { newId } from '../../core/id';
import { dayTime, fromLocalInput } from '../../core/time';
import { ErrorBox, Loading, useLoad } from '../../core/ui';
import { addHearing, loadHearings, type Hearing } from './case-api';
import { EditableHearing, KINDS } from './case-hearing-edit';
import { Download } from './case-parts';

/** One hearing as a line of a list, with its .ics. */
export function HearingItem(props: { h: Hearing }) {
  const { h } = props;
  return (
    <li class="cell">
      <span class="cell-body">
        <span class="cell-title">{h.title}</span>
        <span class="cell-desc">
          {dayTime(h.starts_at!)} · {h.place}
        </span>
      </span>
      <Download path={`/api/v1/cases/${h.application_id}/hearings/${h.id}.ics`} name={`hearing-${h.id}.ics`}>
        加到日历
      </Download>
    </li>
  );
}

export function Hearings(props: { id: number }) {
  const list = useLoad(() => loadHearings(props.id), [props.id]);
  const [added, setAdded] = useState<Hearing[]>([]);
  const [changed, setChanged] = useState<Record<number, Hearing>>({});
  const all = [...(list.data || []), ...added].map((h) => changed[h.id!] || h).sort((a, b) => Date.parse(a.starts_at!) - Date.parse(b.starts_at!));
  return (
    <section class="sec-timeline" aria-labelledby="hearings-h">
      <h2 class="cells-title" id="hearings-h">
        开庭和调解
      </h2>
      <HearingForm id={props.id} onAdded={(h) => setAdded([...added, h])} />
      {list.error ? <ErrorBox error={list.error} retry={list.retry} /> : !list.data ? <Loading /> : null}
      <ul class="cells" aria-label="开庭和调解" data-testid="hearings">
        {all.map((h) => (
          <EditableHearing key={h.id} h={h} onChange={(next) => setChanged({ ...changed, [next.id!]: next })} />
        ))}
      </ul>
    </section>
  );
}

function HearingForm(props: { id: number; onAdded: (h: Hearing) => void }) {
  const [kind, setKind] = useState('mediation');
  const [when, setWhen] = useState('');
  const [place, setPlace] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newId);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!when || !place.trim()) return setErrors({ '': '请填写时间和地点。' });
    setBusy(true);
    try {
      props.onAdded(await addHearing(props.id, { kind, starts_at: fromLocalInput(when), place }, key));
      setWhen('');
      setPlace('');
      setErrors({});
      setKey(newId());
    } catch (x) {
      setErrors(x instanceof HttpError ? { ...x.fields, '': x.message } : { '': errorText(x) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="case-box" onSubmit={submit}>
      <Select id={`hearing-kind-${props.id}`} tag="div" label="类型" value={kind} onChange={setKind} options={KINDS} />
      <Field id={`hearing-at-${props.id}`} tag="div" type="datetime-local" label="时间（北京时间）" value={when} onInput={setWhen} error={errors.starts_at} />
      <Field id={`hearing-place-${props.id}`} tag="div" label="地点" value={place} onInput={setPlace} maxLength={200} error={errors.place} />
      <FormEnd error={errors[''] || ''} submit="记下这个日子" disabled={busy} />
    </form>
  );
}
