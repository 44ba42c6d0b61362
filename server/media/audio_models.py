"""One recorded voice clip: a worker's spoken question or follow-up, an answerer's spoken reply; its client-made id,
the clean MP4 made from it, and what it belongs to once attached."""
from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import UTCDateTime, utcnow
from ..extensions import db

READY = "ready"
CONVERTING = "converting"


class AudioClip(db.Model):
    """Written to storage first, then this row; attached to one owner (a question, a message ...) by the domain that
    owns it, or swept after a day. While `converting` the bytes as sent wait under `source_key` for the job that
    makes the MP4 (`key`); once `ready`, only the MP4 is kept."""

    __tablename__ = "audio_clips"
    id: Mapped[str] = mapped_column(String(80), primary_key=True)  # the client's id for this clip
    # The client id (Idempotency-Key) of what it was sent with: nothing else may claim it.
    submission_id: Mapped[str] = mapped_column(String(80), index=True)
    sha256: Mapped[str] = mapped_column(String(64))  # of the bytes as sent, to tell a retry from a reuse
    key: Mapped[str] = mapped_column(String(80), default="")  # the MP4 ("" until converted)
    source_key: Mapped[str] = mapped_column(String(80), default="")  # the bytes as sent ("" once converted)
    duration_ms: Mapped[int]
    bytes_in: Mapped[int]
    bytes_out: Mapped[int] = mapped_column(default=0)
    state: Mapped[str] = mapped_column(String(12), default=CONVERTING)
    owner_kind: Mapped[str | None] = mapped_column(String(30))  # 'question', 'question_message' ...
    owner_id: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    attached_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (db.Index("ix_audio_clips_owner", "owner_kind", "owner_id"),)
