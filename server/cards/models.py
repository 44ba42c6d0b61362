"""Cards, topics, the quiz bank and the search index, loaded from content/."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import UTCDateTime, utcnow
from ..extensions import db


class Topic(db.Model):
    __tablename__ = "topics"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(String(255), default="")
    position: Mapped[int] = mapped_column(default=0)


class Card(db.Model):
    __tablename__ = "cards"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(96), unique=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id"))
    question: Mapped[str] = mapped_column(String(255))
    summary: Mapped[str] = mapped_column(String(255))
    answer_md: Mapped[str] = mapped_column(Text)
    answer_html: Mapped[str] = mapped_column(Text)
    caveat: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[list] = mapped_column(JSON, default=list)
    citations: Mapped[list] = mapped_column(JSON, default=list)
    next_steps: Mapped[list] = mapped_column(JSON, default=list)
    related: Mapped[list] = mapped_column(JSON, default=list)
    # Breaks ties between equally good search hits: higher first (front matter `priority`).
    priority: Mapped[int] = mapped_column(default=0, server_default="0")
    content_hash: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    topic: Mapped[Topic] = relationship(lazy="joined")


class CardTerm(db.Model):
    """One search term of a card with its field-weighted frequency (see search.card_terms)."""

    __tablename__ = "card_terms"
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), primary_key=True)
    term: Mapped[str] = mapped_column(String(32), primary_key=True)
    weight: Mapped[int]

    __table_args__ = (Index("ix_card_terms_term", "term"),)


class QuizQuestion(db.Model):
    __tablename__ = "quiz_questions"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(96), unique=True)
    card_slug: Mapped[str] = mapped_column(String(96))
    question: Mapped[str] = mapped_column(String(255))
    options: Mapped[list] = mapped_column(JSON)
    answer: Mapped[str] = mapped_column(String(255))
    explanation: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)


class ContentVersion(db.Model):
    """A single row: bumped whenever the loaded content changes."""

    __tablename__ = "content_version"
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=0)
    digest: Mapped[str] = mapped_column(String(64), default="")
    # content/synonyms.yml as loaded: [{term, aliases}], used by search online and in the pack.
    synonyms: Mapped[list] = mapped_column(JSON, default=list)
    # content/calculators/ as loaded (server/calculators/content.py): the pack's `calculators`.
    calculators: Mapped[dict] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
