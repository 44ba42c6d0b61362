// The rest of the field kit (core/form.tsx has the frame and the one-line boxes): a long text, a box to
// tick, a drop-down, a row of choices, a file to send. Only lazy screens use these, so they stay off the first load
// (their few styles are in styles.css).
import type { ComponentChildren } from 'preact';
import { type Box, type Frame, Labelled } from './form';

export function TextArea(props: Box & { rows?: number }) {
  return (
    <Labelled {...props}>
      {(tied) => (
        <textarea
          {...tied}
          rows={props.rows ?? 3}
          maxLength={props.maxLength ?? 2000}
          placeholder={props.placeholder}
          required={props.required}
          value={props.value}
          onInput={(e) => props.onInput((e.target as HTMLTextAreaElement).value)}
        />
      )}
    </Labelled>
  );
}

/** A drop-down list of choices ({ id, label } each). */
export function Select(props: Frame & { value: string; onChange: (v: string) => void; options: { id: string; label: string }[]; disabled?: boolean }) {
  return (
    <Labelled {...props}>
      {(tied) => (
        <select {...tied} value={props.value} disabled={props.disabled} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}>
          {props.options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Labelled>
  );
}

/** One file to send (a photo or a PDF for a case file): what is chosen goes to `onChange`, nothing is read here. */
export function FileField(props: Frame & { accept: string; onChange: (f: File | null) => void; disabled?: boolean }) {
  return (
    <Labelled {...props}>
      {(tied) => <input {...tied} type="file" accept={props.accept} disabled={props.disabled} onChange={(e) => props.onChange((e.target as HTMLInputElement).files?.[0] ?? null)} />}
    </Labelled>
  );
}

/** A box to tick; the label may hold links (the consent's full text). */
export function CheckBox(props: { id: string; label: ComponentChildren; checked: boolean; onChange: (v: boolean) => void; error?: string; tag?: 'div' }) {
  const err = `${props.id}-error`;
  const Tag = props.tag || 'li';
  return (
    <Tag class="cell check">
      <label class="check-row">
        <input
          id={props.id}
          type="checkbox"
          checked={props.checked}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={props.error ? err : undefined}
          onChange={(e) => props.onChange((e.target as HTMLInputElement).checked)}
        />
        <span>{props.label}</span>
      </label>
      {props.error && (
        <span class="field-error" id={err}>
          {props.error}
        </span>
      )}
    </Tag>
  );
}

/** A row of choices (radio buttons drawn as a segmented control). */
export function Choice<T extends string | number | boolean>(props: { id: string; label: string; options: { value: T; label: string }[]; value: T | null; onChange: (v: T) => void; error?: string; tag?: 'div' }) {
  const err = `${props.id}-error`;
  const Tag = props.tag || 'li';
  return (
    <Tag class="cell field field-area">
      <span class="choice-label" id={`${props.id}-label`}>
        {props.label}
      </span>
      <div class="segmented choice" role="radiogroup" aria-labelledby={`${props.id}-label`} aria-describedby={props.error ? err : undefined}>
        {props.options.map((o) => (
          <button key={String(o.value)} type="button" role="radio" aria-checked={props.value === o.value} class={props.value === o.value ? 'on' : ''} onClick={() => props.onChange(o.value)}>
            {o.label}
          </button>
        ))}
      </div>
      {props.error && (
        <span class="field-error" id={err}>
          {props.error}
        </span>
      )}
    </Tag>
  );
}
