"""A day log on the server: the one sent with an application (application_id), or a worker's backup (owner_id and
the phone's client_id). The log itself (days, money, from whom, the work) is one JSON text under DATA_KEY."""
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .. import pii
from ..db import UTCDateTime, utcnow
from ..extensions import db


class DayLog(db.Model):
    __tablename__ = "day_logs"
    __table_args__ = (UniqueConstraint("owner_id", "client_id", name="uq_day_logs_owner_client"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("aid_applications.id", ondelete="CASCADE"),
                                                       unique=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    client_id: Mapped[str | None] = mapped_column(String(80))
    data_enc: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


# Under DATA_KEY: a new key rewrites it (server/rekey.py).
pii.protect(DayLog, {"data_enc": None})


class DayLogConfirmation(db.Model):
    """A co-worker at the same site who says some days of a worker's log are right: sent from the co-worker's phone
    after scanning the worker's 「请工友确认」 QR, under the log's random id (kept here as a keyed hash and under
    DATA_KEY). It is joined to the log only when the worker's log reaches an application (daylogs/confirm.py)."""

    __tablename__ = "day_log_confirmations"
    id: Mapped[int] = mapped_column(primary_key=True)
    log_enc: Mapped[str] = mapped_column(Text)
    log_hash: Mapped[str] = mapped_column(String(64), index=True)
    site_code: Mapped[str] = mapped_column(String(12))
    phone_enc: Mapped[str] = mapped_column(Text)
    phone_hash: Mapped[str] = mapped_column(String(64))
    # {"name", "phone_masked", "dates": ["YYYY-MM-DD", …]}: who says so and which days.
    data_enc: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


pii.protect(DayLogConfirmation, {"log_enc": "log_hash", "phone_enc": "phone_hash", "data_enc": None})
