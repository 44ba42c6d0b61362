// Small WeUI-style building blocks shared by the pages.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText } from './api';
import { goBack, navigate } from './router';

export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} - 工友法援` : '工友法援';
  }, [title]);
}

export interface Loaded<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  retry: () => void;
}

/** Run an async loader whenever deps change; keep the last data while reloading. */
export function useLoad<T>(fn: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [tick, setTick] = useState(0);
  const [st, setSt] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  useEffect(() => {
    let live = true;
    setSt((s) => ({ data: s.data, loading: true }));
    fn().then(
      (data) => live && setSt({ data, loading: false }),
      (error) => live && setSt({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return { ...st, retry: () => setTick((t) => t + 1) };
}

export function PageHeader(props: { title: string; back?: string; right?: ComponentChildren; heading?: boolean }) {
  const h1 = useRef<HTMLHeadingElement>(null);
  const heading = props.heading !== false;
  useEffect(() => {
    if (heading) focusHeading(h1.current);
  }, [props.title]);
  return (
    <header class="navbar">
      {props.back ? (
        <button type="button" class="navbar-back" aria-label="返回" onClick={() => goBack(props.back!)}>
          <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
            <path d="M15.5 4.5 8 12l7.5 7.5" fill="none" stroke="currentColor" stroke-width="2.2" />
          </svg>
        </button>
      ) : (
        <span class="navbar-side" />
      )}
      {heading ? (
        <h1 class="navbar-title" tabIndex={-1} ref={h1}>
          {props.title}
        </h1>
      ) : (
        <div class="navbar-title">{props.title}</div>
      )}
      <span class="navbar-side">{props.right}</span>
    </header>
  );
}

/** After a route change, screen readers land on the new page's heading. */
export function focusHeading(el: HTMLElement | null): void {
  if (!el) return;
  const active = document.activeElement;
  if (active && active !== document.body && document.contains(active)) return;
  el.focus({ preventScroll: true });
}

export function Loading() {
  return (
    <p class="loading" role="status">
      正在加载…
    </p>
  );
}

/** `offline`: what no network means on this screen (core/api.ts's errorText says it for the phone's own screens). */
export function ErrorBox(props: { error: unknown; retry?: () => void; offline?: string }) {
  return (
    <div class="msg" role="alert">
      <p>{errorText(props.error, props.offline)}</p>
      {props.retry && (
        <button type="button" class="btn btn-default" onClick={props.retry}>
          再试一次
        </button>
      )}
    </div>
  );
}

export function Arrow() {
  return <span class="cell-arrow" aria-hidden="true" />;
}

export function SearchBar(props: { initial?: string; autoFocus?: boolean }) {
  const [q, setQ] = useState(props.initial ?? '');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => setQ(props.initial ?? ''), [props.initial]);
  useEffect(() => {
    if (props.autoFocus) input.current?.focus();
  }, []);
  return (
    <form
      class="searchbar"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        const v = q.trim();
        if (v) navigate(`/search?q=${encodeURIComponent(v)}`, { replace: location.pathname === '/search' });
        input.current?.blur();
      }}
    >
      <label class="searchbar-box">
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
          <circle cx="10.5" cy="10.5" r="6.5" fill="none" stroke="currentColor" stroke-width="2" />
          <path d="m15.5 15.5 5 5" stroke="currentColor" stroke-width="2" />
        </svg>
        <span class="sr-only">搜索问题</span>
        <input
          ref={input}
          type="search"
          name="q"
          enterKeyHint="search"
          placeholder="搜问题，如：工资"
          value={q}
          onInput={(e) => setQ((e.target as HTMLInputElement).value)}
        />
      </label>
      <button type="submit" class="searchbar-go">
        搜索
      </button>
    </form>
  );
}

/** A page part that loads on demand (the volunteer's tools, the QR code), kept small up front. */
export function Lazy<M>(props: { load: () => Promise<M>; render: (m: M) => ComponentChildren }) {
  const m = useLoad(props.load, []);
  return m.data ? <>{props.render(m.data)}</> : m.error ? <ErrorBox error={m.error} retry={m.retry} /> : <Loading />;
}
