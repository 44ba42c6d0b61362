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
  /** The pages know these four (server/cards/reading.py checks them). */
  action: 'call' | 'apply' | 'card' | 'go';
}

/** A card as the page shows it; `related` is resolved to summaries either way. */
export interface Card extends Omit<Answer<'CardDetail'>, 'related' | 'next_steps'> {
  next_steps: NextStep[];
  related: CardSummary[];
}

/** A card of the offline pack as the app keeps it (pack-wire.ts unpacks the columns sent):
 * `related` holds slugs; priority and centrality order equal search hits. */
export interface PackCard extends Omit<Answer<'CardDetail'>, 'related' | 'next_steps'> {
  next_steps: NextStep[];
  related: string[];
  priority: number;
  centrality: number;
  /** The answer's plain text: only in a pack kept on the phone from an older version (search.ts). */
  search_text?: string;
}

export type QuizItem = Answer<'QuizQuestion'>;

/** content/synonyms.yml: what workers type (aliases) for a word the cards use (term). */
export type Synonym = Answer<'Synonym'>;

/** The offline pack as the app keeps it (IndexedDB) and reads it: one object per card and question. */
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
