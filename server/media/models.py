"""One uploaded file: a worker's evidence photo, or a file the office attached to a case (a photo or a PDF);
its client-made id, where its clean copy (and a photo's thumbnail) are stored."""
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import UTCDateTime, utcnow
from ..extensions import db


class Upload(db.Model):
    """Written to storage first, then this row; attached to one application, or swept after a day.

    `kind` None: a worker's evidence photo (sent with the application or later). A kind (the owner domain's): a
    file the case's handlers attached from the office side, with its date and who added it; a PDF keeps its
    checked bytes under `image_key` and has no thumbnail (`thumb_key` "", width and height 0)."""

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
    # A photo sent with a question (问一问), kept until the question becomes an application (then application_id too).
    question_id: Mapped[int | None] = mapped_column(ForeignKey("questions.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    attached_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Its place among the application's photos, in the order the worker gave them (0, 1, 2 ...).
    position: Mapped[int | None]
    content_type: Mapped[str] = mapped_column(String(40), default="image/jpeg", server_default="image/jpeg")
    kind: Mapped[str | None] = mapped_column(String(30))
    dated_on: Mapped[date | None] = mapped_column(Date)
    pages: Mapped[int | None]  # a PDF's page count
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # A file the office attached by mistake, removed: the row stays (the audit names it), the case lists it no more.
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    removed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
