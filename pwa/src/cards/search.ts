// Chinese search without a word segmenter, the same rules as the server's
// server/cards/search.py, so offline results over the cached pack match online ones:
// NFKC + lower case; runs of CJK characters and runs of [a-z0-9]; a one-character CJK run
// is a term, a longer one gives its overlapping two-character bigrams (so 工资, 合同, 工伤
// always hit); an ascii run is one term. A term weighs what the best field holding it
// weighs; a card scores the sum over the query's distinct terms; ties go by slug.
import type { CardSummary, PackCard } from './types';

export const WEIGHTS = { question: 10, tags: 6, summary: 4, answer: 1 } as const;

const RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+/g;

export function terms(text: string): Set<string> {
  const out = new Set<string>();
  const norm = (text || '').normalize('NFKC').toLowerCase();
  for (const m of norm.match(RUN) || []) {
    if (m.charCodeAt(0) < 128 || m.length === 1) out.add(m.slice(0, 32));
    else for (let i = 0; i < m.length - 1; i++) out.add(m.slice(i, i + 2));
  }
  return out;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The answer as plain text: the server indexes the Markdown source, we only have its HTML. */
export function plainText(html: string): string {
  return (html || '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (all, e: string) => {
      if (e[0] === '#') {
        const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(n) ? String.fromCodePoint(n) : all;
      }
      return ENTITIES[e.toLowerCase()] ?? all;
    });
}

export type TermWeights = Map<string, number>;

export function cardTerms(card: Pick<PackCard, 'question' | 'tags' | 'summary' | 'answer_html'>): TermWeights {
  const weights: TermWeights = new Map();
  const fields: [string, number][] = [
    [card.question, WEIGHTS.question],
    [(card.tags || []).join(' '), WEIGHTS.tags],
    [card.summary, WEIGHTS.summary],
    [plainText(card.answer_html), WEIGHTS.answer],
  ];
  for (const [text, w] of fields) {
    for (const t of terms(text)) if ((weights.get(t) || 0) < w) weights.set(t, w);
  }
  return weights;
}

export interface Index {
  cards: PackCard[];
  weights: TermWeights[];
}

export function buildIndex(cards: PackCard[]): Index {
  return { cards, weights: cards.map(cardTerms) };
}

export interface Hit extends CardSummary {
  score: number;
}

export function search(index: Index, query: string, topic?: string): Hit[] {
  const qTerms = [...terms(query)];
  if (!qTerms.length) return [];
  const hits: Hit[] = [];
  index.cards.forEach((card, i) => {
    if (topic && card.topic !== topic) return;
    const w = index.weights[i];
    let score = 0;
    for (const t of qTerms) score += w.get(t) || 0;
    if (score > 0) {
      hits.push({ slug: card.slug, topic: card.topic, question: card.question, summary: card.summary, tags: card.tags, score });
    }
  });
  // Code-point order, as the database sorts slugs (they are [a-z0-9-] anyway).
  return hits.sort((a, b) => b.score - a.score || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}
