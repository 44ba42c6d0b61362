// The kinds of case as big picture buttons (case-types.ts): the legal-aid form's first screen and 问一问's.
import { CASE_TYPES, type CaseType } from './case-types';

export function CaseTypePicker(props: { value: string; onPick: (t: CaseType) => void; error?: string; errorId: string; label?: string }) {
  return (
    <>
      <div class="case-types" role="radiogroup" aria-label={props.label || '是什么事'} aria-describedby={props.error ? props.errorId : undefined}>
        {CASE_TYPES.map((t) => (
          <button key={t.id} type="button" role="radio" aria-checked={props.value === t.id} class={'case-type' + (props.value === t.id ? ' on' : '')} onClick={() => props.onPick(t.id)}>
            <svg class="case-icon" viewBox="0 0 24 24" width="44" height="44" aria-hidden="true">
              <path d={t.icon} fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round" stroke-linecap="round" />
            </svg>
            <span class="case-label">{t.label}</span>
            <span class="case-hint">{t.hint}</span>
          </button>
        ))}
      </div>
      {props.error && (
        <p class="field-error" id={props.errorId}>
          {props.error}
        </p>
      )}
    </>
  );
}
