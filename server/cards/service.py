"""Reading cards: topics, search, one card, the offline pack and the quiz."""
import json
import random
import time
from dataclasses import dataclass
from functools import lru_cache

from flask import current_app
from sqlalchemy import func

from ..errors import NotFound
from ..extensions import db
from . import search
from .i18n import localise, traditional
from .models import Card, CardTerm, ContentVersion, QuizQuestion, Topic


def topic_dict(t: Topic, count: int) -> dict:
    return {"slug": t.slug, "name": t.name, "description": t.description, "count": count}


def list_topics() -> list[dict]:
    counts = {topic_id: n for topic_id, n in db.session.execute(
        db.select(Card.topic_id, func.count(Card.id)).group_by(Card.topic_id)).all()}
    return [topic_dict(t, counts.get(t.id, 0))
            for t in db.session.scalars(db.select(Topic).order_by(Topic.position))]


def card_summary(c: Card) -> dict:
    return {"slug": c.slug, "topic": c.topic.slug, "question": c.question,
            "summary": c.summary, "tags": c.tags}


def card_full(c: Card) -> dict:
    return dict(card_summary(c), answer_html=c.answer_html, caveat=c.caveat,
                citations=c.citations, next_steps=c.next_steps, related=c.related)


def search_cards(q: str = "", topic: str | None = None, page: int = 1, page_size: int = 20) -> dict:
    """Browse (no q) in topic order, or rank by the BM25-style score of search.py.

    The index and every answer change only when the content does, so they are kept per digest.
    """
    _version, digest = content_version()
    return _search(digest, q, topic, page, page_size)


@lru_cache(maxsize=4096)
def _search(digest: str, q: str, topic: str | None, page: int, page_size: int) -> dict:
    index = search_index(digest)
    if q:
        docs = search.search(index.index, search.fold(q, index.fold), topic)
    else:
        docs = [d for d in index.index.docs if not topic or d.topic == topic]
    start = (page - 1) * page_size
    result = {"items": [index.summaries[d.slug] for d in docs[start:start + page_size]], "total": len(docs),
              "page": page, "page_size": page_size, "suggestions": []}
    if not docs:
        result["suggestions"] = list_topics()
    return result


@dataclass(frozen=True)
class SearchIndex:
    index: search.Index
    summaries: dict[str, dict]
    fold: dict[str, str]         # traditional -> simplified, learnt from the content (search.fold_map)
    centrality: dict[str, int]


@lru_cache(maxsize=4)
def search_index(_digest: str) -> SearchIndex:
    """The loaded cards as search.py indexes them, in the pack's order (topic order)."""
    cards = db.session.scalars(db.select(Card).join(Topic).order_by(Topic.position, Card.slug)).all()
    tf: dict[int, dict[str, int]] = {}
    for term in db.session.scalars(db.select(CardTerm)):
        tf.setdefault(term.card_id, {})[term.term] = term.weight
    links = [{"slug": c.slug, "topic": c.topic.slug, "related": c.related, "next_steps": c.next_steps}
             for c in cards]
    central = {c.slug: search.centrality(c.slug, c.topic.slug, links) for c in cards}
    v = db.session.get(ContentVersion, 1)
    synonyms = (v.synonyms or []) if v else []
    docs = [search.Doc(c.slug, c.topic.slug, tf.get(c.id, {}), frozenset(search.terms(c.topic.name)), c.priority,
                       central[c.slug], frozenset(search.terms(" ".join(c.tags)))) for c in cards]
    index = search.Index(docs, [(s["term"], s["aliases"]) for s in synonyms])
    topics = db.session.scalars(db.select(Topic).order_by(Topic.position)).all()
    return SearchIndex(index, {c.slug: card_summary(c) for c in cards}, _fold(cards, topics, synonyms), central)


def _fold(cards, topics, synonyms) -> dict[str, str]:
    """The same pairs, in the same order, as the PWA learns from its zh-CN and zh-TW packs."""
    def pairs():
        for c in cards:
            for text in (c.question, c.summary, search.plain_text(c.answer_html), c.caveat):
                yield text, traditional(text)
            yield "|".join(c.tags), "|".join(traditional(t) for t in c.tags)
        for t in topics:
            yield t.name, traditional(t.name)
            yield t.description, traditional(t.description)
        for s in synonyms:
            yield s["term"], traditional(s["term"])
            yield "|".join(s["aliases"]), "|".join(traditional(a) for a in s["aliases"])
    return search.fold_map(pairs())


def get_card(slug: str) -> dict:
    card = db.session.scalar(db.select(Card).where(Card.slug == slug))
    if card is None:
        raise NotFound("没有找到这张卡片，它可能已经改名或删除。", code="card_not_found")
    related = {c.slug: c for c in db.session.scalars(db.select(Card).where(Card.slug.in_(card.related)))}
    out = card_full(card)
    out["related"] = [dict(card_summary(related[s])) for s in card.related if s in related]
    for r in out["related"]:
        r.pop("tags")
    return out


def content_version() -> tuple[int, str]:
    """(version, digest) of the loaded content, read again at most every CONTENT_RECHECK_SECONDS.

    Every cached answer is keyed by the digest, so this is the one query a cached read makes;
    a `content load` in another process is seen within that many seconds.
    """
    app = current_app._get_current_object()  # type: ignore[attr-defined]  # the app, not its proxy
    seen = app.extensions.get("cards.version")
    now = time.monotonic()
    if seen is None or now - seen[0] >= app.config["CONTENT_RECHECK_SECONDS"]:
        v = db.session.get(ContentVersion, 1)
        seen = (now, (v.version, v.digest) if v else (0, ""))
        app.extensions["cards.version"] = seen
    return seen[1]


def forget_content_version(app) -> None:
    """After a load in this process: the next read sees the new version at once."""
    app.extensions.pop("cards.version", None)


def quiz_dict(q: QuizQuestion) -> dict:
    return {"id": q.key, "card": q.card_slug, "question": q.question, "options": q.options,
            "answer": q.answer, "explanation": q.explanation}


def content_pack() -> dict:
    """Everything offline reading and search need, in the fewest bytes a phone on 2G downloads first:

    - cards as columns (`cards.question[i]` is card i's question), not an array of objects repeating
      every field's name per card;
    - citations without their label: the phone builds 《法》第十条 from law and article (or section)
      exactly as numerals.py does (pwa/src/cards/pack-wire.ts; pwa/tests/search-parity.test.js compares them);
    - the quiz as columns too, each question's options with the right answer first (the phone shuffles
      them), and without the bank's ids (the phone numbers the questions);
    - no search_text (the answer's plain text): the PWA reads it from answer_html exactly as
      search.plain_text does (pwa/tests/search-parity.test.js checks every card's terms).
    """
    version, digest = content_version()
    index = search_index(digest)
    cards = db.session.scalars(db.select(Card).join(Topic).order_by(Topic.position, Card.slug)).all()
    v = db.session.get(ContentVersion, 1)
    return {"version": str(version), "topics": list_topics(),
            "cards": {"slug": [c.slug for c in cards], "topic": [c.topic.slug for c in cards],
                      "question": [c.question for c in cards], "summary": [c.summary for c in cards],
                      "tags": [c.tags for c in cards], "answer_html": [c.answer_html for c in cards],
                      "caveat": [c.caveat for c in cards],
                      "citations": [[{k: v for k, v in cite.items() if k != "label"} for cite in c.citations]
                                    for c in cards],
                      "next_steps": [c.next_steps for c in cards], "related": [c.related for c in cards],
                      "priority": [c.priority for c in cards],
                      "centrality": [index.centrality[c.slug] for c in cards]},
            "synonyms": [{"term": s["term"], "aliases": s["aliases"]} for s in (v.synonyms or [])] if v else []}


def quiz_bank() -> dict:
    """The quiz bank for offline play (GET /api/v1/content/quiz, no longer part of the pack: ~9 KB less of a
    worker's first visit): as columns, each question's options with the right answer first (the phone
    shuffles them), without the bank's ids (the phone numbers the questions)."""
    version, _digest = content_version()
    quiz = db.session.scalars(db.select(QuizQuestion).order_by(QuizQuestion.position)).all()
    return {"version": str(version),
            "quiz": {"card": [q.card_slug for q in quiz], "question": [q.question for q in quiz],
                     "options": [[q.answer, *(o for o in q.options if o != q.answer)] for q in quiz],
                     "explanation": [q.explanation for q in quiz]}}


def calculators_rules() -> dict:
    """content/calculators/ as loaded (each calculator's rules, holidays, regions): what the PWA's calculators
    take, a download of its own (GET /api/v1/content/calculators), no longer part of the pack's."""
    version, _digest = content_version()
    v = db.session.get(ContentVersion, 1)
    return {"version": str(version), "calculators": (v.calculators or {}) if v else {}}


def draw_quiz(count: int, rng: random.Random | None = None) -> list[dict]:
    """Questions in a random order, each with its options shuffled anew: the bank lists the
    right answer first, and a quiz printed or read out from this must not give it away.
    The answer is the option's text, so the order never matters to judging it."""
    sample = (rng or random).sample
    questions = db.session.scalars(db.select(QuizQuestion)).all()
    drawn = []
    for q in sample(questions, min(count, len(questions))):
        item = quiz_dict(q)
        item["options"] = sample(item["options"], len(item["options"]))
        drawn.append(item)
    return drawn


def search_answer(locale: str, key: bytes, q: str, topic: str | None, page: int, page_size: int) -> bytes:
    """The encoded answer to one card search, kept per content digest, locale and query string."""
    _version, digest = content_version()
    answers = _answers(digest)
    body = answers.get((locale, key))
    if body is None:
        body = json.dumps(localise(search_cards(q, topic, page, page_size), locale),
                          ensure_ascii=False, separators=(",", ":")).encode()
        if len(answers) >= 4096:
            answers.clear()  # many distinct queries: start over rather than grow
        answers[(locale, key)] = body
    return body


def fresh_digest(app) -> str | None:
    """The content digest this process read less than CONTENT_RECHECK_SECONDS ago, else None."""
    seen = app.extensions.get("cards.version")
    if seen is None or time.monotonic() - seen[0] >= app.config["CONTENT_RECHECK_SECONDS"]:
        return None
    return seen[1][1]


def _answers(digest: str) -> dict:
    app = current_app._get_current_object()  # type: ignore[attr-defined]  # the app, not its proxy
    kept = app.extensions.get("cards.answers")
    if kept is None or kept[0] != digest:
        kept = (digest, {})
        app.extensions["cards.answers"] = kept
    return kept[1]
