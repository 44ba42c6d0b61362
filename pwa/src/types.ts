// Shapes of the card API (see shared/design/api.md and GET /api/v1/openapi.json).

export type Locale = 'zh-CN' | 'zh-TW';

export interface Topic {
  slug: string;
  name: string;
  description: string;
  count: number;
}

export interface CardSummary {
  slug: string;
  topic: string;
  question: string;
  summary: string;
  tags?: string[];
}

export interface Citation {
  law: string;
  article: string;
  label: string;
}

export interface NextStep {
  text: string;
  action: 'call' | 'apply' | 'card' | 'go';
  target: string;
}

/** A card as the page shows it; `related` is resolved to summaries either way. */
export interface Card extends CardSummary {
  tags: string[];
  answer_html: string;
  caveat: string;
  citations: Citation[];
  next_steps: NextStep[];
  related: CardSummary[];
}

/** A card inside the offline pack: `related` holds slugs; search_text is the answer as both searches index it. */
export interface PackCard extends Omit<Card, 'related'> {
  related: string[];
  search_text?: string;
  priority?: number;
  centrality?: number;
}

/** content/synonyms.yml: what workers type (aliases) for a word the cards use (term). */
export interface Synonym {
  term: string;
  aliases: string[];
}

export interface QuizItem {
  id: string;
  card: string;
  question: string;
  options: string[];
  answer: string;
  explanation: string;
}

export interface Pack {
  version: string;
  locale: Locale;
  topics: Topic[];
  cards: PackCard[];
  quiz: QuizItem[];
  synonyms?: Synonym[];
}

export interface CardPage {
  items: CardSummary[];
  total: number;
  page: number;
  page_size: number;
  suggestions?: Topic[];
}

export interface ApiError {
  code: number;
  status: string;
  message: string;
}
