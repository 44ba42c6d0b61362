// The content pack as it crosses the network (server/cards/service.py content_pack), and as the app
// keeps and reads it; the quiz bank too (quiz_bank). On the wire the cards and the quiz are columns (field -> one entry per card),
// citations carry no label and the quiz's right answer is its first option: ~4 KB less of a worker's
// first download on 2G (issue 18, item 29). unpack() rebuilds the objects the pages and search read.
import type { Answer } from '../core/schemas';
import type { Citation, Pack, PackCard, QuizItem } from './types';

export type WirePack = Answer<'ContentPack'>;
type WireCitation = Answer<'PackCitation'>;

const DIGITS = '零一二三四五六七八九';

/** 82 -> 八十二, 276 -> 二百七十六, 1010 -> 一千零一十 (server/cards/numerals.py chinese_number). */
export function chineseNumber(n: number): string {
  if (!(n > 0 && n < 10000)) throw new RangeError(`article number out of range: ${n}`);
  let out = '';
  let zero = false;
  let rest = n;
  for (const [value, unit] of [[1000, '千'], [100, '百'], [10, '十']] as const) {
    const d = Math.floor(rest / value);
    rest %= value;
    if (d) {
      if (zero) out += '零';
      zero = false;
      // 10-19 are written 十, 十一 ... not 一十 when they stand alone.
      out += (value === 10 && d === 1 && !out ? '' : DIGITS[d]) + unit;
    } else if (out) zero = true;
  }
  if (rest) out += (zero ? '零' : '') + DIGITS[rest];
  return out;
}

/** 《劳动合同法》第八十二条, 第二百七十六条之一, or 第二部分 for a document cited by its part (numerals.py). */
export function citationLabel(c: { law: string; article: string; section?: string }): string {
  if (c.section) return `《${c.law}》第${chineseNumber(Number(c.section))}部分`;
  const [main, sub] = c.article.split('-');
  return `《${c.law}》第${chineseNumber(Number(main))}条${sub ? '之' + chineseNumber(Number(sub)) : ''}`;
}

function citation(c: WireCitation): Citation {
  const label = citationLabel(c);
  return c.section ? { law: c.law, article: c.article, section: c.section, label } : ({ law: c.law, article: c.article, label } as Citation);
}

/** The pack as the pages and search read it: one object per card and per quiz question. */
export function unpack(w: WirePack): Pack {
  const c = w.cards;
  const cards: PackCard[] = c.slug.map((slug, i) => ({
    slug,
    topic: c.topic[i],
    question: c.question[i],
    summary: c.summary[i],
    tags: c.tags[i],
    answer_html: c.answer_html[i],
    caveat: c.caveat[i],
    citations: c.citations[i].map(citation),
    next_steps: c.next_steps[i] as PackCard['next_steps'],
    related: c.related[i],
    priority: c.priority[i],
    centrality: c.centrality[i],
  }));
  return { version: w.version, locale: w.locale as Pack['locale'], topics: w.topics, synonyms: w.synonyms, cards };
}

/** The quiz bank (GET /api/v1/content/quiz, not in the pack since shape s6) as the quiz reads it: one object
 * per question, numbered from 1, its right answer the first option sent. */
export function unpackQuiz(q: Answer<'PackQuiz'>): QuizItem[] {
  return q.question.map((question, i) => ({
    id: String(i + 1),
    card: q.card[i],
    question,
    options: q.options[i],
    answer: q.options[i][0],
    explanation: q.explanation[i],
  }));
}
