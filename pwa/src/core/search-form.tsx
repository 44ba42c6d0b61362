// The office's filter forms (账号, 审计, 活动): only lazy office screens use it, so it stays off the
// first load and out of the worker's precached field kit (form-extra.tsx).
import type { ComponentChildren } from 'preact';

/** A form that finds (the office's filters): `onSearch` when sent, without leaving the page. */
export function SearchForm(props: { class: string; label?: string; onSearch: () => void; children: ComponentChildren }) {
  return (
    <form
      class={props.class}
      role="search"
      aria-label={props.label}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSearch();
      }}
    >
      {props.children}
    </form>
  );
}
