// The aid forms' text box: the label above a full-width box, a hint, and the error beside it.
/** A labelled box above its error, for the aid pages' forms. */
export function AidInput(props: {
  id: string;
  label: string;
  value: string;
  onInput: (v: string) => void;
  error?: string;
  hint?: string;
  type?: 'text' | 'tel' | 'date';
  inputMode?: 'numeric' | 'decimal' | 'tel' | 'text';
  autoComplete?: string;
  placeholder?: string;
  max?: string;
  multiline?: boolean;
}) {
  const errId = props.id + '-error';
  const hintId = props.id + '-hint';
  const described = [props.hint ? hintId : '', props.error ? errId : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id: props.id,
    value: props.value,
    placeholder: props.placeholder,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': described,
  };
  return (
    <li class="cell field field-area">
      <label for={props.id}>{props.label}</label>
      {props.hint && (
        <span class="field-hint" id={hintId}>
          {props.hint}
        </span>
      )}
      {props.multiline ? (
        <textarea {...common} rows={5} onInput={(e) => props.onInput((e.target as HTMLTextAreaElement).value)} />
      ) : (
        <input
          {...common}
          type={(props.type || 'text') as 'text'}
          inputMode={props.inputMode}
          autoComplete={props.autoComplete || 'off'}
          max={props.max}
          onInput={(e) => props.onInput((e.target as HTMLInputElement).value)}
        />
      )}
      {props.error && (
        <span class="field-error" id={errId}>
          {props.error}
        </span>
      )}
    </li>
  );
}
