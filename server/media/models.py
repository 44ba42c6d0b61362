"""One uploaded evidence photo: its client-made id, where its clean copy and thumbnail are stored."""
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import UTCDateTime, utcnow
from ..extensions import db


class Upload(db.Model):
    """Written to storage first, then this row; attached to one application, or swept after a day."""

    __tablename__ = "uploads"
    id: Mapped[str] = mapped_column(String(80), primary_key=True)  # the client's id for this photo
    # The client id of the application it was sent for: another application may not claim it.
    submission_id: Mapped[str] = mapped_column(String(80), index=True)
    sha256: Mapped[str] = mapped_column(String(64))  # of the bytes as sent, to tell a retry from a reuse
    label: Mapped[str] = mapped_column(String(60), default="")
    image_key: Mapped[str] = mapped_column(String(80))
    thumb_key: Mapped[str] = mapped_column(String(80))
    width: Mapped[int]
    height: Mapped[int]
    bytes_in: Mapped[int]
    bytes_out: Mapped[int]
    application_id: Mapped[int | None] = mapped_column(ForeignKey("aid_applications.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    attached_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Its place among the application's photos, in the order the worker gave them (0, 1, 2 ...).
    position: Mapped[int | None]
