// Runs the PWA's search (pwa/src/search.ts compiled to plain JS) as the app does offline:
// reads {module, packs: {"zh-CN", "zh-TW"}, queries: [{q, locale}]} as JSON on stdin and
// prints {terms: {slug: {term: tf}}, results: [[slug, ...], ...], labels, quiz} (see bench/offline_search.py).
// The packs come as the server sends them; pack-wire.ts unpacks them as content.ts does.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const input = JSON.parse(readFileSync(0, 'utf8'));
const { packIndex, cardTerms, search, fold, foldMap } = await import(pathToFileURL(input.module).href);
const { unpack } = await import(pathToFileURL(input.wire).href);
const cn = unpack(input.packs['zh-CN']);
const tw = unpack(input.packs['zh-TW']);
const index = packIndex(cn);
const map = foldMap(cn, tw);

const terms = {};
for (const card of cn.cards) terms[card.slug] = Object.fromEntries(cardTerms(card));
// As content.ts runSearch: a zh-TW reader's query is folded to simplified and searched in the zh-CN pack.
const results = input.queries.map(({ q, locale }) =>
  search(index, locale === 'zh-TW' ? fold(q, map) : q).map((h) => h.slug));
const labels = Object.fromEntries(cn.cards.map((c) => [c.slug, c.citations.map((x) => x.label)]));
const quiz = cn.quiz.map(({ question, options, answer }) => ({ question, options, answer }));
process.stdout.write(JSON.stringify({ terms, results, labels, quiz }));
