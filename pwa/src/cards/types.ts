// The card API's shapes (generated from the server's OpenAPI description: core/api-types.ts),
// narrowed where the description says less than the server promises.
import type { Answer } from '../core/schemas';
import type { Locale } from '../core/settings';

export type { Locale };
export type Topic = Answer<'Topic'>;
export type Citation = Answer<'Citation'>;
/** A list entry; `tags` only where the list carries them. */
export type CardSummary = Omit<Answer<'CardSummary'>, 'tags'> & { tags?: string[] };

export interface NextStep extends Omit<Answer<'NextStep'>, 'action'> {
  /** The pages know these four (server/cards/loader.py checks them). */
  action: 'call' | 'apply' | 'card' | 'go';
}

/** A card as the page shows it; `related` is resolved to summaries either way. */
export interface Card extends Omit<Answer<'CardDetail'>, 'related' | 'next_steps'> {
  next_steps: NextStep[];
  related: CardSummary[];
}

/** A card inside the offline pack: `related` holds slugs. */
export interface PackCard extends Omit<Answer<'PackCard'>, 'next_steps'> {
  next_steps: NextStep[];
}

export type QuizItem = Answer<'QuizQuestion'>;

/** content/synonyms.yml: what workers type (aliases) for a word the cards use (term). */
export type Synonym = Answer<'Synonym'>;

export interface Pack extends Omit<Answer<'ContentPack'>, 'locale' | 'cards'> {
  locale: Locale;
  cards: PackCard[];
}

/** `suggestions` only when nothing was found. */
export type CardPage = Omit<Answer<'CardPage'>, 'suggestions'> & { suggestions?: Topic[] };

declare module '../core/db' {
  /** The offline pack per locale (see core/db.ts for how domains add their stores). */
  interface Schema {
    packs: { key: Locale; value: SavedPack };
  }
}

export interface SavedPack {
  locale: Locale;
  etag: string;
  savedAt: number;
  pack: Pack;
}
