// The moves a person may make on a case, each a button that opens its form. The server says which
// (allowed_actions) and describes each form (actions: label, fields, warning); nothing here names
// an action. A refused move keeps what was typed and shows the server's reason; a field's error
// sits beside that field. Each form's state lives in use-move.ts; its fields in action-fields.tsx.
import { useEffect, useState } from 'preact/hooks';
import { showToast } from '../../core/store';
import { FieldView } from './action-fields';
import type { CaseView, MoveAnswer } from './case-api';
import { type ActionForm, shown } from './case-text';
import { useMove } from './use-move';

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
  const { v, setV, errors, error, busy, submit } = useMove(form, props.c, props.onDone);
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

