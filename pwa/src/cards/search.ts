// Chinese search without a word segmenter: exactly the rules of the server's
// server/cards/search.py (read its docstring), so offline results over the cached pack match
// online ones. pwa/tests/search-parity.test.js runs this file under Node over every real card
// (tests/test_pwa_units.py hands it the server's answers) and compares terms and result order
// with the server's; change both files together.
//
// In short: NFKC + lower case; runs of CJK characters and of [a-z0-9]; a one-character CJK run
// is a term, a longer one gives its overlapping bigrams; an ascii run is one term. A card's
// term frequency is weighted by field; scores are BM25-style (rare terms above common ones),
// plus a share for terms of the card's topic name; synonyms from the pack stand in for what
// workers type; a card needs half of the query's characters behind it, or a word of the query
// that is a word of the content (a tag's, a topic name's, a synonym's term) or a synonym; ties (scores equal to
// one decimal) go by the card's priority, then its centrality in its topic, then pack order.
import { plainText } from './plain-text';
import type { CardSummary, PackCard, Pack, Synonym } from './types';

export const FIELDS = [
  ['question', 8],
  ['tags', 6],
  ['summary', 3],
  ['text', 1],
] as const;
const TOPIC = 1.0;
const ALIAS = 2.0;
const K1 = 1.2;
const B = 0.5;
const TIE = 10;
const MIN_COVERAGE = 0.5;
const PARTICLES = new Set('的了吗呢啊吧呀嘛哦么我你他们是有在就都也还又被把给让叫要会能可以这那个些怎什得着过和跟与才');
const GLUE = new Set('的了吗呢啊吧呀嘛哦');

const RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+/g;

export function normalise(text: string): string {
  return (text || '').normalize('NFKC').toLowerCase();
}

/** [term, positions it covers] for every term occurrence of already normalised text. */
function units(text: string): [string, number[]][] {
  const out: [string, number[]][] = [];
  for (const m of text.matchAll(RUN)) {
    const run = m[0];
    const start = m.index ?? 0;
    if (run.charCodeAt(0) < 128 || run.length === 1) {
      // An ascii run is one term, but each of its letters is as much of the query as a character.
      out.push([run.slice(0, 32), Array.from({ length: run.length }, (_, i) => start + i)]);
    } else for (let i = 0; i < run.length - 1; i++) out.push([run.slice(i, i + 2), [start + i, start + i + 1]]);
  }
  return out;
}

export function terms(text: string): Set<string> {
  return new Set(units(normalise(text)).map(([t]) => t));
}

export type TermWeights = Map<string, number>;

type Indexed = Pick<PackCard, 'question' | 'tags' | 'summary' | 'answer_html'> & { search_text?: string };

/** term -> field-weighted frequency, as the server stores it (card_terms in search.py). */
export function cardTerms(card: Indexed): TermWeights {
  const tf: TermWeights = new Map();
  const fields: Record<string, string> = {
    question: card.question,
    tags: (card.tags || []).join(' '),
    summary: card.summary,
    // The server's plain_text of the answer (packs of one version carried it as search_text).
    text: card.search_text ?? plainText(card.answer_html),
  };
  for (const [name, weight] of FIELDS) {
    for (const [t] of units(normalise(fields[name] || ''))) tf.set(t, (tf.get(t) || 0) + weight);
  }
  return tf;
}

interface Doc {
  card: PackCard;
  tf: TermWeights;
  length: number;
  topicTerms: Set<string>;
  priority: number;
  centrality: number;
  words: Set<string>;
}

export interface Index {
  docs: Doc[];
  df: Map<string, number>;
  avglen: number;
  synonyms: [string, string[]][];
  vocabulary: Set<string>;
}

export function buildIndex(cards: PackCard[], topics: { slug: string; name: string }[] = [], synonyms: Synonym[] = []): Index {
  const names = new Map(topics.map((t) => [t.slug, t.name]));
  const docs = cards.map((card) => {
    const tf = cardTerms(card);
    let length = 0;
    for (const v of tf.values()) length += v;
    return {
      card, tf, length,
      topicTerms: terms(names.get(card.topic) || ''),
      priority: card.priority || 0,
      centrality: card.centrality || 0,
      words: terms((card.tags || []).join(' ')),
    };
  });
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d.tf.keys()) df.set(t, (df.get(t) || 0) + 1);
  const avglen = docs.length ? docs.reduce((s, d) => s + d.length, 0) / docs.length : 1;
  const syns: [string, string[]][] = synonyms.map((s) => [normalise(s.term), s.aliases.map(normalise)]);
  const vocabulary = new Set<string>();
  for (const d of docs) for (const t of [...d.words, ...d.topicTerms]) vocabulary.add(t);
  for (const [word] of syns) terms(word).forEach((t) => vocabulary.add(t));
  return { docs, df, avglen, synonyms: syns, vocabulary };
}

export function packIndex(pack: Pack): Index {
  return buildIndex(pack.cards, pack.topics, pack.synonyms || []);
}

interface Query {
  units: Set<number>;
  covers: Map<string, Set<number>>;
  aliases: [string[], number[]][];
  terms: string[];
  weight: Map<string, number>;
}

function sorted(xs: Iterable<string>): string[] {
  // Code-unit order; for the BMP characters we index, the same as Python's sorted().
  return [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function parse(index: Index, query: string): Query {
  const text = normalise(query);
  const aliases: [string[], number[]][] = [];
  const inside = new Set<number>();
  for (const [word, typed] of index.synonyms) {
    const wordTerms = sorted(terms(word));
    for (const alias of typed) {
      let start = text.indexOf(alias);
      while (start >= 0) {
        const span: number[] = [];
        for (let p = start; p < start + alias.length; p++) {
          span.push(p);
          inside.add(p);
        }
        aliases.push([wordTerms, span]);
        start = text.indexOf(alias, start + 1);
      }
    }
  }
  const covers = new Map<string, Set<number>>();
  const all = new Set<number>();
  for (const [term, pos] of units(text)) {
    pos.forEach((p) => all.add(p));
    const glued = term.length === 2 && (GLUE.has(term[0]) || GLUE.has(term[1]));
    if (!pos.every((p) => inside.has(p)) && !glued) {
      const set = covers.get(term) || new Set<number>();
      pos.forEach((p) => set.add(p));
      covers.set(term, set);
    }
  }
  const content = new Set([...all].filter((p) => !PARTICLES.has(text[p])));
  const meant = new Set<string>();
  for (const [ts] of aliases) ts.forEach((t) => meant.add(t));
  const scored = new Set([...covers.keys(), ...meant]);
  return {
    units: content.size ? content : all,
    covers,
    aliases,
    terms: sorted(scored),
    weight: new Map([...meant].map((t) => [t, ALIAS])),
  };
}

function idf(index: Index, term: string): number {
  const n = index.docs.length;
  const df = index.df.get(term) || 0;
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

export interface Hit extends CardSummary {
  score: number;
}

export function search(index: Index, query: string, topic?: string): Hit[] {
  const q = parse(index, query);
  if (!q.units.size) return [];
  const idfs = new Map(q.terms.map((t) => [t, idf(index, t)]));
  const hits: { key: number[]; hit: Hit }[] = [];
  for (const d of index.docs) {
    if (topic && d.card.topic !== topic) continue;
    let score = 0;
    let worded = false;
    const covered = new Set<number>();
    const norm = K1 * (1 - B + (B * d.length) / index.avglen);
    for (const t of q.terms) {
      const tf = d.tf.get(t) || 0;
      const onTopic = d.topicTerms.has(t);
      if (tf || onTopic) {
        score += (q.weight.get(t) ?? 1) * idfs.get(t)! * ((tf * (K1 + 1)) / (tf + norm) + (onTopic ? TOPIC : 0));
        q.covers.get(t)?.forEach((p) => covered.add(p));
        worded ||= q.covers.has(t) && index.vocabulary.has(t);
      }
    }
    for (const [wordTerms, pos] of q.aliases) {
      if (wordTerms.every((t) => d.tf.has(t) || d.topicTerms.has(t))) {
        pos.forEach((p) => covered.add(p));
        worded = true;
      }
    }
    let behind = 0;
    for (const p of covered) if (q.units.has(p)) behind++;
    if (score > 0 && (worded || behind >= MIN_COVERAGE * q.units.size)) {
      const c = d.card;
      hits.push({
        key: [-Math.floor(score * TIE + 0.5), -d.priority, -d.centrality],
        hit: { slug: c.slug, topic: c.topic, question: c.question, summary: c.summary, tags: c.tags, score },
      });
    }
  }
  // Array.prototype.sort is stable: exact ties keep the pack's order, as on the server.
  hits.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2]);
  return hits.map((h) => h.hit);
}

/** Traditional -> simplified, character by character, learnt from the zh-CN and zh-TW packs:
 *  the same pairs in the same order as the server's service._fold. */
export function foldMap(simp: Pack, trad: Pack): Map<string, string> {
  const map = new Map<string, string>();
  const pair = (a: string | undefined, b: string | undefined) => {
    if (!a || !b || a.length !== b.length) return;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) map.set(b[i], a[i]);
  };
  const bySlug = new Map(trad.cards.map((c) => [c.slug, c]));
  for (const c of simp.cards) {
    const t = bySlug.get(c.slug);
    if (!t) continue;
    pair(c.question, t.question);
    pair(c.summary, t.summary);
    pair(c.search_text ?? plainText(c.answer_html), t.search_text ?? plainText(t.answer_html));
    pair(c.caveat, t.caveat);
    pair(c.tags.join('|'), t.tags.join('|'));
  }
  simp.topics.forEach((t, i) => {
    pair(t.name, trad.topics[i]?.name);
    pair(t.description, trad.topics[i]?.description);
  });
  (simp.synonyms || []).forEach((s, i) => {
    const t = trad.synonyms?.[i];
    pair(s.term, t?.term);
    pair(s.aliases.join('|'), t?.aliases.join('|'));
  });
  return map;
}

export function fold(text: string, map: Map<string, string>): string {
  let out = '';
  for (const ch of text) out += map.get(ch) ?? ch;
  return out;
}
