"""A question and its thread. The worker's words and phone are personal data (under DATA_KEY); what the figures
count (issue 25) stays plain: channel, created_at, answered_at, application_id, phone_hash."""
from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .. import pii
from ..db import UTCDateTime, utcnow
from ..extensions import db

CHANNELS = {"app_text": "网上留言", "app_voice": "语音留言", "hotline": "电话咨询", "walk_in": "来访咨询",
            "event": "活动现场咨询"}
LOGGED_CHANNELS = ("hotline", "walk_in", "event")
STATUSES = {"open": "待回复", "claimed": "已认领", "answered": "已回复", "closed": "已转为援助申请",
            "moderated": "已标记"}
VERDICTS = {"not_legal": "不是法律问题", "spam": "广告", "abusive": "骚扰"}
NEXT_STEPS = {"apply_aid": "申请法律援助", "call_12333": "打 12333 问人社部门", "arbitration": "申请劳动仲裁",
              "collect_evidence": "先收集证据", "visit_office": "到法律援助中心面谈", "none": "不用再做什么"}


class Question(db.Model):
    __tablename__ = "questions"
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[str] = mapped_column(String(80), unique=True)  # the Idempotency-Key it was sent with
    code: Mapped[str] = mapped_column(String(12), unique=True)  # codes.py's alphabet
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="RESTRICT"), index=True)
    channel: Mapped[str] = mapped_column(String(12), index=True)
    case_type: Mapped[str] = mapped_column(String(24))
    text_enc: Mapped[str] = mapped_column(Text)
    started_on: Mapped[date | None] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)
    injured_on: Mapped[date | None] = mapped_column(Date)
    # The earliest limitation date the dates allow (aid/cases/clocks.py), kept so the queue sorts urgent ones first.
    limitation_due_on: Mapped[date | None] = mapped_column(Date, index=True)
    city: Mapped[str] = mapped_column(String(60), default="")
    district: Mapped[str] = mapped_column(String(60), default="")
    site_division: Mapped[str] = mapped_column(String(6), default="")
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id", ondelete="SET NULL"))
    phone_hash: Mapped[str | None] = mapped_column(String(64), index=True)  # a logged consultation may have none
    phone_enc: Mapped[str | None] = mapped_column(String(255))
    phone_masked: Mapped[str] = mapped_column(String(16), default="")
    consent_privacy: Mapped[bool] = mapped_column(default=False)
    consent_sensitive: Mapped[bool] = mapped_column(default=False)
    upload_ids: Mapped[list] = mapped_column(JSON, default=list)  # photos sent with it (submission_id = client_id)
    has_audio: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(12), default="open", index=True)
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    claim_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    verdict: Mapped[str] = mapped_column(String(12), default="")
    verdict_reason: Mapped[str] = mapped_column(String(200), default="")
    # When it was first marked: a past period's figures count it as it stood then (issue 25).
    moderated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("aid_applications.id", ondelete="SET NULL"),
                                                       index=True)
    offer: Mapped[dict | None] = mapped_column(JSON)  # 转为法律援助申请: the draft and the checks run on its dates
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"))
    logged_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    @property
    def status_label(self) -> str:
        return STATUSES.get(self.status, self.status)


class QuestionMessage(db.Model):
    __tablename__ = "question_messages"
    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id"), index=True)
    client_id: Mapped[str] = mapped_column(String(80), unique=True)
    author: Mapped[str] = mapped_column(String(10))  # asker | answerer
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    text_enc: Mapped[str] = mapped_column(Text)
    audio_id: Mapped[str | None] = mapped_column(String(80))  # audio_clips.id (owner_kind question_message)
    duration_ms: Mapped[int | None]
    card_slugs: Mapped[list] = mapped_column(JSON, default=list)
    next_step: Mapped[str] = mapped_column(String(20), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


# Under DATA_KEY: a new key rewrites these (server/rekey.py).
pii.protect(Question, {"phone_enc": "phone_hash", "text_enc": None})
pii.protect(QuestionMessage, {"text_enc": None})
