// Offline search (cards/search.ts, as the app runs it without a signal) indexes and ranks every real
// card as the server does. The server's answers come in the file PWA_SERVER_ANSWERS names, written
// by tests/test_pwa_units.py (tests/search/parity.py): the two content packs, the terms the server
// stored per card, its ranking of each (query, locale), and the cards each relevance phrase must find.
// Without that file (npm run test:unit alone) these tests are skipped; pytest runs them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { unpack, unpackQuiz } from '../src/cards/pack-wire.ts';
import { cardTerms, fold, foldMap, packIndex, search } from '../src/cards/search.ts';

const file = process.env.PWA_SERVER_ANSWERS;
const answers = file ? JSON.parse(readFileSync(file, 'utf8')) : null;
const skip = !answers && "the server's answers come from pytest: .venv/bin/python -m pytest tests/test_pwa_units.py";

/** What the PWA finds offline, for the same packs (as the server sends them) and queries the server was asked. */
function offline({ packs, queries }) {
  const cn = unpack(packs['zh-CN']);
  const index = packIndex(cn);
  const map = foldMap(cn, unpack(packs['zh-TW']));
  const terms = Object.fromEntries(cn.cards.map((card) => [card.slug, Object.fromEntries(cardTerms(card))]));
  // As content.ts runSearch: a zh-TW reader's query is folded to simplified and searched in the zh-CN pack.
  const ranked = (q, locale) => search(index, locale === 'zh-TW' ? fold(q, map) : q).map((h) => h.slug);
  return { cn, terms, ranked, results: queries.map(({ q, locale }) => ranked(q, locale)) };
}

const real = answers && offline(answers.real);

test('every real card has the same terms offline', { skip }, () => {
  assert.ok(Object.keys(answers.real.terms).length >= 60);
  assert.deepEqual(real.terms, answers.real.terms);
});

test('the phone writes every real citation and quiz answer as the server does', { skip }, () => {
  // The pack sends citations without their label, the quiz bank (GET /api/v1/content/quiz) its answer as its first option.
  const labels = Object.fromEntries(real.cn.cards.map((c) => [c.slug, c.citations.map((x) => x.label)]));
  assert.deepEqual(labels, answers.real.labels);
  const quiz = unpackQuiz(answers.real.bank).map(({ question, answer, options }) => ({ question, answer, options: [...options].sort() }));
  assert.equal(quiz.length, answers.real.quiz.length);
  assert.deepEqual(quiz, answers.real.quiz);
});

test('every query ranks the same offline in both scripts', { skip }, () => {
  const { queries, results } = answers.real;
  const differ = queries
    .map(({ q, locale }, i) => [q, locale, real.results[i].slice(0, 5), results[i].slice(0, 5)])
    .filter((_row, i) => JSON.stringify(real.results[i]) !== JSON.stringify(results[i]));
  assert.deepEqual(differ, []);
  assert.equal(real.results.length, queries.length);
  assert.ok(real.results.some((r) => r.length), 'the content found nothing at all');
});

test('every relevance phrase finds its card in the top three offline, in both scripts', { skip }, () => {
  const { cases } = answers.real;
  assert.ok(cases.length >= 60);
  const misses = cases
    .map(({ q, locale, cards }) => [q, locale, real.ranked(q, locale).slice(0, 3), cards])
    .filter(([, , top, cards]) => !top.some((slug) => cards.includes(slug)));
  assert.deepEqual(misses, []);
});

test('a card with a numbered list and a link is indexed as read', { skip }, () => {
  // The server used to index the Markdown (digits of the list, the link's address), the PWA the HTML.
  const scenario = answers.readAsIndexed;
  const got = offline(scenario);
  assert.deepEqual(got.terms, scenario.terms);
  assert.deepEqual(got.results, scenario.results);
  assert.deepEqual(got.results[scenario.queries.findIndex(({ q }) => q === '热线')], ['wage-arrears']);
});
