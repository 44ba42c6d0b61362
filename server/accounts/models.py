"""Users, one-time phone codes, revoked tokens and the audit log."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .. import pii
from ..db import UTCDateTime, utcnow
from ..extensions import db
from ..offices.models import Office  # noqa: F401  (users.office_id names its table)

ROLE_NAMES = {"worker": "工友", "volunteer": "志愿者", "lawyer": "援助律师", "staff": "工作人员", "admin": "管理员"}


class User(db.Model):
    """One person with one role. Workers sign in by phone code or WeChat; the others by password."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    role: Mapped[str] = mapped_column(String(16), index=True)
    username: Mapped[str | None] = mapped_column(String(32), unique=True)
    display_name: Mapped[str] = mapped_column(String(64), default="")
    password_hash: Mapped[str | None] = mapped_column(String(255))
    phone_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    phone_enc: Mapped[str | None] = mapped_column(String(255))
    phone_masked: Mapped[str | None] = mapped_column(String(16))
    wechat_openid: Mapped[str | None] = mapped_column(String(64), unique=True)
    wechat_unionid: Mapped[str | None] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(default=True)
    # The office the account belongs to (every account but a worker's): it sees that office and its subtree
    # (offices/scope.py). None for workers.
    office_id: Mapped[int | None] = mapped_column(ForeignKey("offices.id", ondelete="RESTRICT"), index=True)
    # A lawyer's office number, told to the workers they are assigned to (an office line, kept plain).
    office_phone: Mapped[str] = mapped_column(String(32), default="", server_default="")
    # The law firm a lawyer works at, told to the workers with the office phone.
    law_firm: Mapped[str] = mapped_column(String(120), default="", server_default="")
    # Carried in every token as `ver`; bumped by a new password or switching the account off, so
    # every session made before ends at once (and switching it back on does not bring them back).
    token_version: Mapped[int] = mapped_column(default=0, server_default="0")
    # Set with a password an admin gave (a one-time password): until the person picks their own,
    # every API call but changing it, /me and signing out is refused (guard.py).
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def role_name(self) -> str:
        return ROLE_NAMES.get(self.role, self.role)


pii.protect(User, {"phone_enc": "phone_hash"})  # under DATA_KEY: a new key rewrites it (server/rekey.py)


class OtpCode(db.Model):
    """A phone code: stored as a keyed hash, dead after use, expiry or too many wrong tries."""

    __tablename__ = "otp_codes"
    id: Mapped[int] = mapped_column(primary_key=True)
    phone_hash: Mapped[str] = mapped_column(String(64), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(default=0)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class RevokedToken(db.Model):
    """A token id (jti) or a whole sign-in session id (sid) that must no longer be accepted."""

    __tablename__ = "revoked_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    jti: Mapped[str] = mapped_column(String(64), unique=True)
    # access | refresh | session: revoked. rotated: a refresh token already exchanged for a new one
    # (accepted again only within REFRESH_REUSE_GRACE_SECONDS; after that its use ends the session).
    kind: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    revoked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class AuditEntry(db.Model):
    """Who read or changed personal data, when, and which record."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    actor_role: Mapped[str] = mapped_column(String(16), default="")
    action: Mapped[str] = mapped_column(String(32))
    record_type: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(String(64))
    detail: Mapped[dict | None] = mapped_column(JSON)
    ip: Mapped[str | None] = mapped_column(String(64))
    actor: Mapped[User | None] = relationship(lazy="selectin")

    @property
    def actor_name(self) -> str:
        if self.actor is None:
            return ""
        return self.actor.display_name or self.actor.username or f"#{self.actor.id}"

    __table_args__ = (Index("ix_audit_log_record", "record_type", "record_id"),)
