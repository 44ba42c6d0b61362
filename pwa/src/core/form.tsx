// The one field kit of every form (worker, volunteer, office, lawyer): a label above or beside its
// control, a hint, and the error tied to the control for screen readers (aria-describedby); the
// form's last lines (FormEnd). What is typed is read elsewhere: digits
// through core/digits.ts, phones through core/phone.ts, dates against core/time.ts's chinaToday().
// TextArea, CheckBox and Choice (form-extra.tsx) and the Pager (pager.tsx) sit apart: only lazy screens
// use them, and this module is on the first load (sign-in, sign-up), which must stay under 50 KB gzipped.
import type { ComponentChildren } from 'preact';
import { chinaToday } from './time';

/** What a control needs to be tied to its label, hint and error. */
export interface Tied {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

export interface Frame {
  id: string;
  label: ComponentChildren;
  hint?: string;
  error?: string;
  /** The label beside a short box (sign-in), not above a full-width one. */
  inline?: boolean;
  /** 'div' where the field is not an item of a list of cells (`<ul class="cells">`). */
  tag?: 'div';
}

/** One labelled control in its cell; `children` draws the control with the attributes that tie it. */
export function Labelled(props: Frame & { children: (tied: Tied) => ComponentChildren }) {
  const hint = props.hint ? `${props.id}-hint` : '';
  const err = props.error ? `${props.id}-error` : '';
  const Tag = props.tag || 'li';
  return (
    <Tag class={'cell field' + (props.inline ? '' : ' field-area')}>
      <label for={props.id}>{props.label}</label>
      {props.hint && (
        <span class="field-hint" id={hint}>
          {props.hint}
        </span>
      )}
      {props.children({ id: props.id, 'aria-invalid': props.error ? true : undefined, 'aria-describedby': [hint, err].filter(Boolean).join(' ') || undefined })}
      {props.error && (
        <span class="field-error" id={err}>
          {props.error}
        </span>
      )}
    </Tag>
  );
}

export type Box = Frame & {
  value: string;
  onInput: (v: string) => void;
  placeholder?: string;
  maxLength?: number;
  required?: boolean;
  autoComplete?: string;
};

/** A one-line box; `children` sit after it (a button beside the box: 获取验证码). */
export function Field(
  props: Box & {
    type?: 'text' | 'tel' | 'password' | 'date' | 'datetime-local';
    inputMode?: 'numeric' | 'decimal' | 'tel' | 'text';
    max?: string;
    children?: ComponentChildren;
  },
) {
  return (
    <Labelled {...props}>
      {(tied) => (
        <>
          <input
            {...tied}
            type={(props.type || 'text') as 'text'} // Preact types each input type apart; these take the same attributes
            inputMode={props.inputMode}
            autoComplete={props.autoComplete || 'off'}
            autoCapitalize="off"
            placeholder={props.placeholder}
            maxLength={props.maxLength}
            max={props.max}
            required={props.required}
            value={props.value}
            onInput={(e) => props.onInput((e.target as HTMLInputElement).value)}
          />
          {props.children}
        </>
      )}
    </Labelled>
  );
}

/** An amount in yuan, typed as people type it (１２，０００．５ too: read it with core/digits.ts). */
export function Money(props: Box) {
  return <Field {...props} inputMode="decimal" />;
}

/** A day; `past` keeps it to today or before, today as Beijing counts it. */
export function DateField(props: Box & { past?: boolean }) {
  return <Field {...props} type="date" max={props.past ? chinaToday() : undefined} />;
}

/** A form's last lines: what went wrong (kept with what was typed), the button (and `children` beside it), a note. */
export function FormEnd(props: { error: string; submit: ComponentChildren; disabled: boolean; note?: string; children?: ComponentChildren }) {
  return (
    <>
      {props.error && (
        <p class="form-error" role="alert">
          {props.error}
        </p>
      )}
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={props.disabled}>
          {props.submit}
        </button>
        {props.children}
      </div>
      {props.note && <p class="page-desc">{props.note}</p>}
    </>
  );
}
