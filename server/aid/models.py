"""A legal-aid application and its timeline (what the worker reads on the tracking page)."""
from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, Boolean, Date, ForeignKey, Index, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .. import pii
from ..db import UTCDateTime, utcnow
from ..extensions import db
from ..offices.models import Office  # noqa: F401  (aid_applications.office_id names its table)
from .stages import OPEN_STAGES, STAGES  # noqa: F401  (the stages, one table: stages.py)

# Machine codes for the case types a worker picks (the PWA shows the labels as big buttons).
CASE_TYPES = {"wages": "欠薪", "injury": "工伤", "dismissal": "劳动合同/辞退", "social_insurance": "社保",
              "other": "其他"}
# 法律援助法第四十二条第（三）项: migrant workers claiming pay or injury damages skip the means test.
MEANS_TEST_EXEMPT = ("wages", "injury")
MEANS_TEST = {"art42_exempt": "免予核查经济困难状况"
                              "（《法律援助法》第四十二条第（三）项：进城务工人员请求支付劳动报酬或工伤赔偿）",
              "art41_commitment": "已作经济困难状况个人诚信承诺（《法律援助法》第四十一条）"}

class Application(db.Model):
    __tablename__ = "aid_applications"
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[str] = mapped_column(String(80), unique=True)  # the Idempotency-Key it was sent with
    code: Mapped[str] = mapped_column(String(12), unique=True)  # the tracking code the worker reads out
    case_type: Mapped[str] = mapped_column(String(24), index=True)
    account: Mapped[str] = mapped_column(Text, default="")  # the worker's own words, kept as typed
    employer_name: Mapped[str] = mapped_column(String(120), default="")
    employer_phone_enc: Mapped[str | None] = mapped_column(String(255))
    employer_phone_masked: Mapped[str] = mapped_column(String(16), default="")
    contractor: Mapped[str] = mapped_column(String(120), default="")
    site: Mapped[str] = mapped_column(String(120), default="")
    project: Mapped[str] = mapped_column(String(120), default="")
    city: Mapped[str] = mapped_column(String(60), default="")
    district: Mapped[str] = mapped_column(String(60), default="")
    # Where the work was done: the 6-digit division of the county or district (or the city, when that is all the
    # worker knows); "" when not known. The application is routed by it (offices/divisions.py).
    site_division: Mapped[str] = mapped_column(String(6), default="", server_default="")
    # 建设单位 (the project's owner, on the site's board), when known.
    owner: Mapped[str] = mapped_column(String(120), default="", server_default="")
    # The site the application came from (its board's QR or code: sites/), when it named one.
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id", ondelete="SET NULL"), index=True)
    started_on: Mapped[date | None] = mapped_column(Date)
    last_paid_on: Mapped[date | None] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)
    injured_on: Mapped[date | None] = mapped_column(Date)
    amount_owed_fen: Mapped[int | None] = mapped_column(BigInteger)
    # [{name, phone_enc, phone_hash, phone_masked}]: phones of co-workers are protected like the applicant's.
    coworkers: Mapped[list] = mapped_column(JSON, default=list)
    applicant_name: Mapped[str] = mapped_column(String(40))
    phone_hash: Mapped[str] = mapped_column(String(64), index=True)
    phone_enc: Mapped[str] = mapped_column(String(255))
    phone_masked: Mapped[str] = mapped_column(String(16))
    id_number_hash: Mapped[str] = mapped_column(String(64), index=True)
    id_number_enc: Mapped[str] = mapped_column(String(255))
    id_number_masked: Mapped[str] = mapped_column(String(24))
    hometown: Mapped[str] = mapped_column(String(120), default="")
    consent_privacy: Mapped[bool] = mapped_column(default=False)
    consent_sensitive: Mapped[bool] = mapped_column(default=False)  # 个人信息保护法第二十九条: separate consent
    means_test: Mapped[str] = mapped_column(String(24))
    honesty_commitment: Mapped[bool] = mapped_column(default=False)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    submitted_by_role: Mapped[str] = mapped_column(String(16), default="")  # "" = the applicant, not signed in
    on_behalf: Mapped[bool] = mapped_column(default=False)
    worker_consent_confirmed: Mapped[bool] = mapped_column(default=False)
    stage: Mapped[str] = mapped_column(String(24), default="submitted", index=True)
    # The office handling the case (routed at intake by site_division, changed by a transfer): only accounts of that
    # office and the offices above it see the case (offices/scope.py).
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="RESTRICT"), index=True)
    # --- case handling (issue 13) ---
    lawyer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    checklist: Mapped[dict | None] = mapped_column(JSON)  # the first-interview checklist, on accept
    stage_before_materials: Mapped[str] = mapped_column(String(24), default="")
    # {asked, due_on, requested_at, supplied: [{text, upload_ids, at}]}: the latest request for materials
    materials_request: Mapped[dict | None] = mapped_column(JSON)
    paused_days: Mapped[int] = mapped_column(default=0, server_default="0")  # days the Art. 43 clock stood still
    paused_since: Mapped[date | None] = mapped_column(Date)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # 给予 / 不予法律援助 / 不予受理
    assigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # the first assignment
    # Each first step of a kind, kept when taken and never moved after (firsts.py): what the work-report figures count.
    first_accept_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_approve_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_refuse_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_not_accept_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_withdraw_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # withdrawn, or lapsed (materials_timeout)
    first_assign_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_close_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_follow_up_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_ask_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # first asked for materials (补充材料)
    # The running statutory clock (decide / assign / materials) and the earliest limitation date:
    # stored at each move so the inbox filters and sorts in SQL (server/aid/clocks.py computes them).
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    limitation_due_on: Mapped[date | None] = mapped_column(Date, index=True)
    outcome: Mapped[dict | None] = mapped_column(JSON)
    follow_up: Mapped[dict | None] = mapped_column(JSON)
    # 案件要素 the handlers fill in for the papers (addresses, legal representative, 工伤认定, witnesses …):
    # cases/particulars.py reads NULL and missing keys as its defaults.
    particulars: Mapped[dict | None] = mapped_column(JSON)
    # The worker's 算一算 amounts sent with the application, each recomputed here (server/aid/claims.py): NULL = none.
    claims: Mapped[list | None] = mapped_column(JSON)
    employer_key: Mapped[str] = mapped_column(String(120), default="", index=True)
    site_key: Mapped[str] = mapped_column(String(200), default="", index=True)
    group_key: Mapped[str] = mapped_column(String(40), default="", index=True)
    likely_duplicate: Mapped[bool] = mapped_column(default=False, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    timeline: Mapped[list["TimelineEntry"]] = relationship(order_by="TimelineEntry.id", lazy="selectin")

    @property
    def case_type_label(self) -> str:
        return CASE_TYPES.get(self.case_type, self.case_type)

    @property
    def stage_label(self) -> str:
        return STAGES.get(self.stage, self.stage)


# Under DATA_KEY: a new key rewrites these (server/rekey.py).
pii.protect(Application, {"phone_enc": "phone_hash", "id_number_enc": "id_number_hash", "employer_phone_enc": None},
            lists={"coworkers": ("phone_enc", "phone_hash")})


class TimelineEntry(db.Model):
    """One step of a case. `note` is what the worker may read; who acted is kept, only the role is shown."""

    __tablename__ = "aid_timeline"
    # The work-report figures read each case's first step of a kind from the index alone (server/stats/aid_rows.py).
    __table_args__ = (Index("ix_aid_timeline_action_case_at", "action", "application_id", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("aid_applications.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    stage: Mapped[str] = mapped_column(String(24))
    note: Mapped[str] = mapped_column(Text, default="")
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    actor_role: Mapped[str] = mapped_column(String(16), default="")
    action: Mapped[str] = mapped_column(String(24), default="")  # the workflow action that made this step
    # What the handlers see beyond the worker's note: their own note, a progress record's kind and dates …
    detail: Mapped[dict | None] = mapped_column(JSON)


class Notification(db.Model):
    """A text to the worker about their case: queued with the stage change, sent after it, retried by the sweep.
    A text about a question (问一问 answered: server/questions/) has question_id and no application_id."""

    __tablename__ = "aid_notifications"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("aid_applications.id"), index=True)
    question_id: Mapped[int | None] = mapped_column(ForeignKey("questions.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default="pending", index=True)  # pending | sending | sent | failed
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The lawyer a text names with their office phone (已指派, 已接受指派): sent later (a retry) after that account
    # was switched off, the text goes without the number (notifications.py).
    lawyer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class CaseNote(db.Model):
    """A handler's private note on a case (issue 21): read by the case's handlers only (cases/desk.py, through
    read_case), never by the worker: no tracking answer, text or paper reads this table."""

    __tablename__ = "aid_case_notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("aid_applications.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    author_role: Mapped[str] = mapped_column(String(16), default="")
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Hearing(db.Model):
    """A 调解, 开庭 or 仲裁 date of a case with its place (issue 21: cases/hearings.py): the handlers' list, the
    lawyer's 我的日程, an .ics for the phone's calendar, the next one on the worker's tracking page."""

    __tablename__ = "aid_hearings"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("aid_applications.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # mediation, hearing, arbitration (hearings.KINDS)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)  # entered in China time, stored UTC
    place: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # A cancellation keeps the row (struck through for the handlers): when and by whom.
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # RFC 5545 SEQUENCE: 0 as recorded, one more at each change or the cancellation (phones replace their copy).
    sequence: Mapped[int] = mapped_column(default=0, server_default="0")
