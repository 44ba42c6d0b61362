"""Reading cards: topics, search, one card, the offline pack and the quiz."""
import copy
import gzip
import json
import random
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import false, func

from ..errors import NotFound
from ..extensions import db
from .i18n import localise, to_simplified
from .models import Card, CardTerm, ContentVersion, QuizQuestion, Topic
from .search import terms


def topic_dict(t: Topic, count: int) -> dict:
    return {"slug": t.slug, "name": t.name, "description": t.description, "count": count}


def list_topics() -> list[dict]:
    counts = dict(db.session.execute(
        db.select(Card.topic_id, func.count(Card.id)).group_by(Card.topic_id)).all())
    return [topic_dict(t, counts.get(t.id, 0))
            for t in db.session.scalars(db.select(Topic).order_by(Topic.position))]


def card_summary(c: Card) -> dict:
    return {"slug": c.slug, "topic": c.topic.slug, "question": c.question,
            "summary": c.summary, "tags": c.tags}


def card_full(c: Card) -> dict:
    return dict(card_summary(c), answer_html=c.answer_html, caveat=c.caveat,
                citations=c.citations, next_steps=c.next_steps, related=c.related)


def search_cards(q: str = "", topic: str | None = None, page: int = 1, page_size: int = 20) -> dict:
    """Browse (no q) in topic order, or rank by the summed weight of the query's terms.

    Results change only when the content does, so they are kept per content digest.
    """
    query_terms = tuple(sorted(terms(to_simplified(q)))) if q else ()
    _version, digest = content_version()
    return copy.deepcopy(_search(digest, query_terms, bool(q), topic, page, page_size))


@lru_cache(maxsize=2048)
def _search(_digest: str, query_terms: tuple, has_query: bool, topic: str | None, page: int, page_size: int) -> dict:
    base = db.select(Card).join(Topic)
    if topic:
        base = base.where(Topic.slug == topic)
    if query_terms:
        score = (db.select(CardTerm.card_id, func.sum(CardTerm.weight).label("score"))
                 .where(CardTerm.term.in_(query_terms)).group_by(CardTerm.card_id).subquery())
        base = base.join(score, score.c.card_id == Card.id).order_by(score.c.score.desc(), Card.slug)
    elif has_query:
        base = base.where(false())
    else:
        base = base.order_by(Topic.position, Card.slug)
    total = db.session.scalar(db.select(func.count()).select_from(base.order_by(None).subquery()))
    items = db.session.scalars(base.limit(page_size).offset((page - 1) * page_size)).all()
    result = {"items": [card_summary(c) for c in items], "total": total, "page": page,
              "page_size": page_size, "suggestions": []}
    if total == 0:
        result["suggestions"] = list_topics()
    return result


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
    v = db.session.get(ContentVersion, 1)
    return (v.version, v.digest) if v else (0, "")


def quiz_dict(q: QuizQuestion) -> dict:
    return {"id": q.key, "card": q.card_slug, "question": q.question, "options": q.options,
            "answer": q.answer, "explanation": q.explanation}


def content_pack() -> dict:
    version, _digest = content_version()
    cards = db.session.scalars(db.select(Card).join(Topic).order_by(Topic.position, Card.slug))
    quiz = db.session.scalars(db.select(QuizQuestion).order_by(QuizQuestion.position))
    return {"version": str(version), "topics": list_topics(),
            "cards": [card_full(c) for c in cards], "quiz": [quiz_dict(q) for q in quiz]}


def draw_quiz(count: int, rng: random.Random | None = None) -> list[dict]:
    """Questions in a random order, each with its options shuffled anew: the bank lists the
    right answer first, and a quiz printed or read out from this must not give it away.
    The answer is the option's text, so the order never matters to judging it."""
    rng = rng or random
    questions = db.session.scalars(db.select(QuizQuestion)).all()
    drawn = []
    for q in rng.sample(questions, min(count, len(questions))):
        item = quiz_dict(q)
        item["options"] = rng.sample(item["options"], len(item["options"]))
        drawn.append(item)
    return drawn


@dataclass(frozen=True)
class SerialisedPack:
    etag: str
    locale: str
    raw: bytes
    gzipped: bytes


def serialised_pack(locale: str) -> SerialisedPack:
    version, digest = content_version()
    return _build_pack(version, digest, locale)


@lru_cache(maxsize=8)
def _build_pack(version: int, digest: str, locale: str) -> SerialisedPack:
    # Keyed by the content digest, so a reload with new content never serves a stale pack.
    body = localise(content_pack(), locale) | {"locale": locale}
    raw = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    return SerialisedPack(f'"{version}-{digest[:16]}-{locale}"', locale, raw, gzip.compress(raw, 9))
