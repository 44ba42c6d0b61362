"""`flask content load`: validate content/ and load it into the database, idempotently.

Any fault stops the whole load before anything is written, with a message naming the file and
the field (`reading.py` reads and checks). Loading unchanged files changes nothing; any edit bumps
the content version.
"""
import hashlib
import json
from pathlib import Path

import markdown
from flask import current_app

from ..db import utcnow
from ..extensions import db
from .calculators_content import read_calculators
from .models import Card, CardTerm, ContentVersion, QuizQuestion, Topic
from .pack_files import write_packs
from .reading import card_fields, read_content
from .search import card_terms
from .service import forget_content_version


def _digest(obj) -> str:
    return hashlib.sha256(json.dumps(obj, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def _upsert(model, key: str, rows: list[dict], extra=None) -> int:
    """Make the table hold exactly `rows` (matched on `key`); return how many rows changed."""
    existing = {getattr(o, key): o for o in db.session.scalars(db.select(model))}
    changed = 0
    for position, row in enumerate(rows):
        values = dict(row, **(extra(row, position) if extra else {}))
        obj = existing.pop(row[key], None)
        if obj is None:
            obj = model(**values)
            db.session.add(obj)
            changed += 1
        elif any(getattr(obj, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(obj, k, v)
            changed += 1
    for obj in existing.values():
        db.session.delete(obj)
        changed += 1
    db.session.flush()
    return changed


def load_content(app=None, root: str | Path | None = None) -> dict:
    """Load content/ (and content/calculators/) into the database; returns {version, changed, cards, …}."""
    app = app or current_app
    root = Path(root or app.config["CONTENT_DIR"])
    data = read_content(root)
    data["calculators"] = read_calculators(root / "calculators")
    digest = _digest(data)

    _upsert(Topic, "slug", data["topics"], lambda row, pos: {"position": pos})
    topic_ids = {t.slug: t.id for t in db.session.scalars(db.select(Topic))}

    old_cards = {c.slug: c.content_hash for c in db.session.scalars(db.select(Card))}
    card_rows = []
    for c in data["cards"]:
        row = {k: v for k, v in c.items() if k != "topic"}
        row["topic_id"] = topic_ids[c["topic"]]
        row["answer_html"] = markdown.markdown(c["answer_md"])
        row["content_hash"] = _digest(c)
        card_rows.append(row)
    changed_slugs = {r["slug"] for r in card_rows if old_cards.get(r["slug"]) != r["content_hash"]}
    # Only cards whose content changed are rewritten, so their updated_at stays meaningful.
    gone = db.select(Card.id).where(Card.slug.not_in([r["slug"] for r in card_rows]))
    db.session.execute(db.delete(CardTerm).where(CardTerm.card_id.in_(gone)))
    db.session.execute(db.delete(Card).where(Card.id.in_(gone)))
    by_slug = {c.slug: c for c in db.session.scalars(db.select(Card))}
    for r in card_rows:
        if r["slug"] in changed_slugs:
            card = by_slug.get(r["slug"]) or Card(slug=r["slug"])
            for k, v in r.items():
                setattr(card, k, v)
            card.updated_at = utcnow()
            db.session.add(card)
    db.session.flush()
    version = db.session.get(ContentVersion, 1) or ContentVersion(id=1, version=0, digest="")
    changed = version.digest != digest
    if changed:
        # Rewritten whole: cheap, and the index can never drift from the cards.
        db.session.execute(db.delete(CardTerm))
        by_slug = {c.slug: c for c in db.session.scalars(db.select(Card))}
        for c in data["cards"]:
            tf = card_terms(card_fields(c))
            db.session.add_all(CardTerm(card_id=by_slug[c["slug"]].id, term=t, weight=w) for t, w in tf.items())

    _upsert(QuizQuestion, "key", data["quiz"], lambda row, pos: {"position": pos})

    if changed:
        version.version += 1
        version.digest = digest
        version.synonyms = data["synonyms"]
        version.calculators = data["calculators"]
        version.updated_at = utcnow()
        db.session.add(version)
    db.session.commit()
    forget_content_version(app)
    write_packs()  # the files nginx or a CDN may serve, ready before the first phone asks
    return {"version": version.version, "changed": changed, "cards": len(card_rows),
            "quiz": len(data["quiz"]), "topics": len(data["topics"]), "cards_changed": len(changed_slugs),
            "calculators": sorted(k for k in data["calculators"] if k not in ("holidays", "regions"))}
