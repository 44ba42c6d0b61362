// Small WeUI-style building blocks shared by the pages.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText } from './api';
import { goBack, navigate } from './router';
import type { Answer } from './schemas';

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

/** A page whose tab title and title bar say the same (`back`: where the arrow goes). */
export function Page(props: { title: string; back?: string; children: ComponentChildren }) {
  useTitle(props.title);
  return (
    <div class="page">
      <PageHeader title={props.title} back={props.back} />
      {props.children}
    </div>
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

/** What a load shows until its data comes: why it failed (with 再试一次), or 正在加载…. */
export function Pending(props: { of: Loaded<unknown>; offline?: string }) {
  return props.of.error ? <ErrorBox error={props.of.error} retry={props.of.retry} offline={props.offline} /> : <Loading />;
}

/** A titled part of a page: its heading names it for screen readers. */
export function Section(props: { id: string; title: ComponentChildren; class?: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={props.id} class={props.class}>
      <h2 class="cells-title" id={props.id}>
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}

/** A row that opens another page: its title, a line under it (`children`: more lines), and what stands at its end (a tag). */
export function LinkCell(props: { href: string; title: ComponentChildren; desc?: ComponentChildren; after?: ComponentChildren; children?: ComponentChildren }) {
  return (
    <li>
      <a class="cell cell-link" href={props.href}>
        <span class="cell-body">
          <span class="cell-title">{props.title}</span>
          {props.desc && <span class="cell-desc">{props.desc}</span>}
          {props.children}
        </span>
        {props.after}
        <Arrow />
      </a>
    </li>
  );
}

export function Arrow() {
  return <span class="cell-arrow" aria-hidden="true" />;
}

export function CardList(props: { cards: Pick<Answer<'CardSummary'>, 'slug' | 'question' | 'summary'>[]; label?: string }) {
  return (
    <ul class="cells" aria-label={props.label}>
      {props.cards.map((c) => (
        <li key={c.slug}>
          <a class="cell cell-link card-item" href={`/cards/${c.slug}`}>
            <span class="cell-body">
              <span class="card-q">{c.question}</span>
              <span class="card-s">{c.summary}</span>
            </span>
            <Arrow />
          </a>
        </li>
      ))}
    </ul>
  );
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

export function TopicCells(props: { topics: { slug: string; name: string; description: string; count: number }[] }) {
  return (
    <ul class="cells">
      {props.topics.map((t) => (
        <LinkCell key={t.slug} href={`/topics/${t.slug}`} title={t.name} desc={t.description} after={<span class="cell-ft">{t.count} 条</span>} />
      ))}
    </ul>
  );
}

/** A page part that loads on demand (the volunteer's tools, the QR code), kept small up front. */
export function Lazy<M>(props: { load: () => Promise<M>; render: (m: M) => ComponentChildren }) {
  const m = useLoad(props.load, []);
  return m.data ? <>{props.render(m.data)}</> : <Pending of={m} />;
}
