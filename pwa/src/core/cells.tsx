// The pages' common parts, in the first download with the pages (core/ui.tsx holds the shell's): a page
// with its title bar, a titled section, link rows (topics, cards), and what a load shows until it comes.
import type { ComponentChildren } from 'preact';
import type { Answer } from './schemas';
import { Arrow, ErrorBox, Loading, type Loaded, PageHeader, useTitle } from './ui';

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

export function TopicCells(props: { topics: { slug: string; name: string; description: string; count: number }[] }) {
  return (
    <ul class="cells">
      {props.topics.map((t) => (
        <LinkCell key={t.slug} href={`/topics/${t.slug}`} title={t.name} desc={t.description} after={<span class="cell-ft">{t.count} 条</span>} />
      ))}
    </ul>
  );
}
