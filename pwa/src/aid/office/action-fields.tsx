// One field of a move's form, drawn by its kind as the server's description says (case view
// `actions[].fields`): a checklist, preset texts, the lawyer to assign, an amount, a date, a choice
// (a drop-down past five), a text. Drawn as <div>s: the action form is no list of cells.
import { useEffect, useState } from 'preact/hooks';
import { errorText } from '../../core/api';
import { DateField, Money } from '../../core/form';
import { CheckBox, Choice, Select, TextArea } from '../../core/form-extra';
import { type CaseView, type Lawyer, loadLawyers } from './case-api';
import type { ActionForm, FormFieldSpec, Values } from './case-text';

type FieldProps = { f: FormFieldSpec; form: ActionForm; v: Values; setV: (up: (old: Values) => Values) => void; errors: Record<string, string>; c: CaseView };

/** One field of a move's form, drawn by its kind (the server's description says which). */
export function FieldView({ f, form, v, setV, errors, c }: FieldProps) {
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
