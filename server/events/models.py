"""Events, their volunteers, attendees, check-ins and the volunteer's debrief."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .. import pii
from ..clock import UTCDateTime, utcnow
from ..extensions import db
from ..offices.models import Office  # noqa: F401  (events.office_id names its table)

KINDS = {"lecture": "法律讲座", "site_visit": "工地走访", "clinic": "专家门诊", "consultation_day": "法律咨询日"}
STATUSES = ("draft", "published", "cancelled")
SOURCES = {"online": "线上报名", "offline": "离线报名", "walkin": "现场登记"}


class Event(db.Model):
    __tablename__ = "events"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(24))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    place: Mapped[str] = mapped_column(String(200))
    site_code: Mapped[str | None] = mapped_column(String(16))
    capacity: Mapped[int | None]
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="draft")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # The office that runs it (its creator's): its staff and volunteers, and those above it, see it.
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="RESTRICT"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    volunteers: Mapped[list["EventVolunteer"]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    quiz: Mapped["EventQuiz | None"] = relationship(cascade="all, delete-orphan", lazy="selectin", uselist=False)


class EventVolunteer(db.Model):
    __tablename__ = "event_volunteers"
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)


class Attendee(db.Model):
    """One person at one event, however many times and ways their registration arrived."""

    __tablename__ = "attendees"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    phone_hash: Mapped[str] = mapped_column(String(64))
    phone_enc: Mapped[str] = mapped_column(String(120))
    phone_last4: Mapped[str] = mapped_column(String(4))
    employer: Mapped[str] = mapped_column(String(120), default="")
    site: Mapped[str] = mapped_column(String(120), default="")
    # insert_sentinel: a sync batch's new walk-ins go in one INSERT ... RETURNING, their ids matched back by
    # this client-made unique value (SQLite cannot promise RETURNING order for an autoincrement id alone).
    qr_token: Mapped[str] = mapped_column(String(32), unique=True, insert_sentinel=True)
    source: Mapped[str] = mapped_column(String(16), default="online")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Bumped on every change, so a roster download can ask only for what changed.
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    checkin: Mapped["CheckIn | None"] = relationship(back_populates="attendee", lazy="joined", uselist=False)

    __table_args__ = (UniqueConstraint("event_id", "phone_hash"),)


pii.protect(Attendee, {"phone_enc": "phone_hash"})  # under DATA_KEY: a new key rewrites it (server/rekey.py)


class CheckIn(db.Model):
    """At most one per attendee; when devices disagree the earliest device time is kept."""

    __tablename__ = "checkins"
    id: Mapped[int] = mapped_column(primary_key=True)
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendees.id"), unique=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    device_id: Mapped[str] = mapped_column(String(64), default="")
    device_time: Mapped[datetime] = mapped_column(UTCDateTime)
    operation_id: Mapped[str] = mapped_column(String(36))
    method: Mapped[str] = mapped_column(String(16))  # qr | search | walkin
    by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    attendee: Mapped[Attendee] = relationship(back_populates="checkin")


class Debrief:
    """What a debrief says (四个带回 and the figures the office reports) and who sent it: both tables' columns."""

    worry: Mapped[str] = mapped_column(Text, default="")
    urgent_problem: Mapped[str] = mapped_column(Text, default="")
    service_suggestion: Mapped[str] = mapped_column(Text, default="")
    next_event_suggestion: Mapped[str] = mapped_column(Text, default="")
    people_reached: Mapped[int] = mapped_column(default=0)
    leaflets_given: Mapped[int] = mapped_column(default=0)
    submitted_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class EventReport(Debrief, db.Model):
    """The volunteer's debrief as it stands (the latest version)."""

    __tablename__ = "event_reports"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), unique=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


DEBRIEF_FIELDS = ("worry", "urgent_problem", "service_suggestion", "next_event_suggestion",
                  "people_reached", "leaflets_given")


class EventReportVersion(Debrief, db.Model):
    """Every debrief sent, kept: the office reads what changed, who sent it and when."""

    __tablename__ = "event_report_versions"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    version: Mapped[int]
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("event_id", "version"),)


class EventQuiz(db.Model):
    """The event's prize quiz (有奖知识问答): its questions drawn once from the bank, the same for every attendee."""

    __tablename__ = "event_quizzes"
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    question_count: Mapped[int]
    pass_mark: Mapped[int]  # right answers needed to pass
    topics: Mapped[list] = mapped_column(JSON, default=list)  # topic slugs; empty: every topic
    question_keys: Mapped[list] = mapped_column(JSON, default=list)  # quiz bank keys, in the order asked
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class QuizResult(db.Model):
    """One attendee's quiz, scored by the server (one per attendance: the first one received stands), and the prize
    handed over for it: when devices disagree, the earliest device time is kept, as for a check-in."""

    __tablename__ = "quiz_results"
    id: Mapped[int] = mapped_column(primary_key=True)
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendees.id"), unique=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    score: Mapped[int]
    total: Mapped[int]
    passed: Mapped[bool]
    answers: Mapped[dict] = mapped_column(JSON, default=dict)  # {question key: the option chosen}
    operation_id: Mapped[str] = mapped_column(String(80))  # the phone's Idempotency-Key
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime)  # on the phone
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    prize_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # device time the prize was handed over
    prize_device_id: Mapped[str] = mapped_column(String(64), default="")
    prize_operation_id: Mapped[str | None] = mapped_column(String(36))
    prize_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


Index("ix_checkins_event_device", CheckIn.event_id, CheckIn.device_id)
