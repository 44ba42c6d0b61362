// The moves a person may make on a case, each a button that opens its form. The server says which
// (allowed_actions) and describes each form (actions: label, fields, warning); nothing here names
// an action. A refused move keeps what was typed and shows the server's reason; a field's error
// sits beside that field.
import { useEffect, useState } from 'preact/hooks';
import { showToast } from '../../core/store';
import { chinaToday } from '../../core/time';
import { errorText, HttpError } from '../../core/api';
import { DateField, Money } from '../../core/form';
import { CheckBox, Choice, Select, TextArea } from '../../core/form-extra';
import { newId } from '../../core/id';
import { act, type CaseView, type Lawyer, loadLawyers, type MoveAnswer } from './case-api';
import { type ActionForm, body, type FormFieldSpec, initialValues, shown, type Values } from './case-text';

/** `onDone` gets the move's answer: the new case view, or (handler false) the sentence for a person who left the case. */
export function Actions(props: { c: CaseView; onDone: (answer: MoveAnswer) => void }) {
  const [open, setOpen] = useState<string | null>(null);
  const forms = props.c.actions || [];
  const allowed = forms.map((f) => f.action || '');
  useEffect(() => {
    if (open && !allowed.includes(open)) setOpen(null);
  }, [allowed.join(',')]);
  if (!forms.length) return <p class="page-desc">现在没有需要你做的操作。</p>;
  const form = forms.find((f) => f.action === open);
  return (
    <div class="case-actions">
      <div class="action-buttons" role="group" aria-label="可以做的操作">
        {forms.map((f) => (
          <button
            key={f.action}
            type="button"
            class={'btn btn-small ' + (open === f.action ? 'btn-primary' : f.warn ? 'btn-default btn-warn-text' : 'btn-default')}
            aria-expanded={open === f.action}
            onClick={() => setOpen(open === f.action ? null : f.action || null)}
          >
            {f.label}
          </button>
        ))}
      </div>
      {form && (
        <ActionFormView
          key={open}
          form={form}
          c={props.c}
          onCancel={() => setOpen(null)}
          onDone={(answer) => {
            setOpen(null);
            showToast(answer.handler === false && answer.message ? answer.message : `已${form.label}`);
            props.onDone(answer);
          }}
        />
      )}
    </div>
  );
}

function ActionFormView(props: { form: ActionForm; c: CaseView; onCancel: () => void; onDone: (answer: MoveAnswer) => void }) {
  const form = props.form;
  const a = form.action || '';
  const [v, setV] = useState<Values>(() => initialValues(form, chinaToday()));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newId);

  const submit = async (e: Event) => {
    e.preventDefault();
    const [fields, local] = body(form, v, props.c.checklist_items || []);
    setErrors(local);
    setError(Object.keys(local).length ? '请按提示修改。' : '');
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const c = await act(props.c.id, a, fields, key);
      setKey(newId());
      props.onDone(c);
    } catch (x) {
      if (x instanceof HttpError) {
        setErrors(x.fields);
        setError(x.message);
        if (x.status !== 422) setKey(newId()); // a refused move (409 …) was not made: a new try is a new move
      } else setError(errorText(x));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="action-form" onSubmit={submit} aria-label={form.label} noValidate>
      <h3 class="action-title">{form.label}</h3>
      {(form.fields || []).filter((f) => shown(f, v)).map((f) => (
        <FieldView key={f.name} f={f} form={form} v={v} setV={setV} errors={errors} c={props.c} />
      ))}
      {form.explain && <p class="page-desc">{form.explain}</p>}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <div class="action-submit">
        <button type="submit" class={'btn ' + (form.warn ? 'btn-warn' : 'btn-primary')} disabled={busy}>
          {busy ? '正在保存…' : `确认${form.label}`}
        </button>
        <button type="button" class="btn btn-default" onClick={props.onCancel}>
          取消
        </button>
      </div>
    </form>
  );
}

type FieldProps = { f: FormFieldSpec; form: ActionForm; v: Values; setV: (up: (old: Values) => Values) => void; errors: Record<string, string>; c: CaseView };

/** One field of a move's form, drawn by its kind (the server's description says which). */
function FieldView({ f, form, v, setV, errors, c }: FieldProps) {
  const name = f.name || '';
  const id = `act-${form.action}-${name}`;
  const set = (value: Values[string]) => setV((old) => ({ ...old, [name]: value }));
  const err = errors[name];
  const s = String(v[name] ?? '');
  const label = f.label || name;
  const hint = f.hint || undefined;
  const choices = (f.choices || []).map((o) => ({ value: o.value as string | number | boolean, label: o.label || '' }));
  switch (f.kind) {
    case 'checklist':
      return (
        <fieldset class="checklist">
          <legend>{label}</legend>
          {(c.checklist_items || []).map((item) => (
            <CheckBox tag="div" key={item.key} id={`act-${form.action}-${item.key}`} label={item.label || ''} checked={!!v[item.key || '']} onChange={(on) => setV((old) => ({ ...old, [item.key || '']: on }))} error={errors[`${name}.${item.key}`] || errors[item.key || '']} />
          ))}
          {err && <p class="field-error">{err}</p>}
        </fieldset>
      );
    case 'preset': {
      // each button writes its standard text into the field it fills; editing that text away drops the code
      const target = f.fills || '';
      return (
        <div class="quick" role="group" aria-label={label}>
          {(f.choices || []).map((o) => (
            <button key={String(o.value)} type="button" class="btn btn-default btn-small" onClick={() => setV((old) => ({ ...old, [target]: o.text || '', [name]: o.value as string }))}>
              {o.label}
            </button>
          ))}
        </div>
      );
    }
    case 'lawyer':
      return <LawyerPick id={id} value={v[name] as number | null} onChange={set} error={err} current={c.lawyer?.id} />;
    case 'money':
      return <Money tag="div" id={id} label={label} hint={hint} value={s} onInput={set} error={err} required={f.required} />;
    case 'date':
      return <DateField tag="div" id={id} label={label} hint={hint} value={s} onInput={set} error={err} required={f.required} />;
    case 'yesno':
    case 'choice':
      if (choices.length > 5) return <Select tag="div" id={id} label={label} error={err} hint={hint} value={s} onChange={(x) => set(x || null)} options={[{ id: '', label: '请选择' }, ...choices.map((o) => ({ id: String(o.value), label: o.label }))]} />;
      return <Choice tag="div" id={id} label={label} options={choices} value={v[name] as string | number | boolean | null} onChange={set} error={err} />;
    default: {
      const presets = (form.fields || []).filter((p) => p.kind === 'preset' && p.fills === name);
      const onInput = (t: string) =>
        setV((old) => {
          const next: Values = { ...old, [name]: t };
          for (const p of presets) if (!(p.choices || []).some((o) => o.value === old[p.name || ''] && o.text === t)) next[p.name || ''] = null;
          return next;
        });
      return <TextArea tag="div" id={id} label={label} hint={hint} value={s} onInput={onInput} error={err} required={f.required} rows={f.rows || undefined} />;
    }
  }
}

function LawyerPick(props: { id: string; value: number | null; onChange: (id: number) => void; error?: string; current?: number }) {
  const [lawyers, setLawyers] = useState<Lawyer[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    loadLawyers().then(setLawyers, (e) => setError(errorText(e)));
  }, []);
  const options = (lawyers || []).filter((l) => l.id !== props.current).map((l) => ({ id: String(l.id), label: `${l.name}（在办 ${l.open_cases} 件）` }));
  return (
    <Select
      tag="div"
      id={props.id}
      label="承办律师"
      error={props.error || error}
      value={props.value == null ? '' : String(props.value)}
      disabled={!lawyers}
      onChange={(v) => Number(v) && props.onChange(Number(v))}
      options={[{ id: '', label: lawyers ? '请选择律师' : '正在加载律师名单…' }, ...options]}
    />
  );
}
