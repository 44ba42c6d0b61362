"""Signing in: username and password, a code sent to a phone, or WeChat."""
import hmac
import logging
import secrets
from datetime import timedelta

from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from sqlalchemy import update

from .. import metrics
from ..db import aware, utcnow
from ..errors import DomainError
from ..extensions import db
from ..pii import lookup_hash
from . import sms, wechat
from .models import OtpCode, User
from .passwords import hash_password, hasher
from .users import set_phone

log = logging.getLogger(__name__)
# Verified against when the username is unknown, so both answers take as long.
_DUMMY_HASH = hasher.hash("not-a-real-password")
BAD_LOGIN = "用户名或密码不对。"
# One answer for a wrong code, a spent one and none at all: it must not tell whether a code is pending.
BAD_CODE = "验证码不对或已失效。每个验证码最多试 5 次，不行请重新获取。"


# --- password sign-in ------------------------------------------------------------------------------

def login_password(username: str, password: str) -> User:
    user = db.session.scalar(db.select(User).where(User.username == username.strip().lower()))
    if user is None or not user.password_hash:
        try:
            hasher.verify(_DUMMY_HASH, password)
        except VerificationError:
            pass
        raise DomainError(BAD_LOGIN, "bad_credentials", 401)
    try:
        hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        raise DomainError(BAD_LOGIN, "bad_credentials", 401) from None
    _check_can_sign_in(user)
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    db.session.commit()
    return user


def _check_can_sign_in(user: User, worker_only: bool = False) -> None:
    if not user.active:
        raise DomainError("这个账号已停用，请联系工作人员。", "account_inactive", 403)
    if worker_only and user.role != "worker":
        raise DomainError("这个账号请用用户名和密码登录。", "use_password", 403)


# --- phone codes -----------------------------------------------------------------------------------

def _code_hash(phone_hash: str, code: str) -> str:
    return lookup_hash(f"otp:{phone_hash}:{code}")


def request_code(phone: str) -> None:
    """Send a 6-digit code to a valid mainland mobile, known or not (the answer never tells)."""
    now, ttl = utcnow(), current_app.config["OTP_TTL_SECONDS"]
    phone_hash = lookup_hash(phone)
    db.session.execute(update(OtpCode).where(OtpCode.phone_hash == phone_hash, OtpCode.used_at.is_(None))
                       .values(used_at=now))  # a new code replaces any earlier one
    db.session.execute(db.delete(OtpCode).where(OtpCode.expires_at < now - timedelta(days=1)))
    code = f"{secrets.randbelow(10**6):06d}"
    db.session.add(OtpCode(phone_hash=phone_hash, code_hash=_code_hash(phone_hash, code),
                           expires_at=now + timedelta(seconds=ttl)))
    db.session.commit()
    try:
        sms.sender().send_code(phone, code, ttl // 60)
    except Exception:  # noqa: BLE001  any gateway failure reads the same to the person
        metrics.sms_failed("sign_in_code")
        log.exception("SMS sender failed")
        raise DomainError("短信暂时发不出去，请稍后再试。", "sms_failed", 503) from None


def verify_code(phone: str, code: str) -> User:
    """Sign a worker in with the latest code sent to `phone`; a worker account is made on first use.

    Each try first takes one of the code's OTP_MAX_ATTEMPTS in a single UPDATE (atomic on SQLite
    too, which has no row locks), then compares: however many guesses arrive at once, at most
    that many are ever compared.
    """
    now, phone_hash = utcnow(), lookup_hash(phone)
    otp = db.session.scalar(db.select(OtpCode).where(OtpCode.phone_hash == phone_hash, OtpCode.used_at.is_(None))
                            .order_by(OtpCode.id.desc()).limit(1))
    if otp is None or aware(otp.expires_at) <= now:
        raise DomainError(BAD_CODE, "otp_invalid", 401)
    otp_id, code_hash, limit = otp.id, otp.code_hash, current_app.config["OTP_MAX_ATTEMPTS"]
    taken = db.session.execute(update(OtpCode).where(OtpCode.id == otp_id, OtpCode.used_at.is_(None),
                                                     OtpCode.attempts < limit)
                               .values(attempts=OtpCode.attempts + 1)).rowcount  # type: ignore[attr-defined]
    db.session.commit()
    if taken != 1 or not hmac.compare_digest(code_hash, _code_hash(phone_hash, code)):
        # The try that uses up the last attempt kills the code.
        db.session.execute(update(OtpCode).where(OtpCode.id == otp_id, OtpCode.used_at.is_(None),
                                                 OtpCode.attempts >= limit).values(used_at=now))
        db.session.commit()
        raise DomainError(BAD_CODE, "otp_invalid", 401)
    # Single use even when two requests race with the same code: only one update wins.
    won = db.session.execute(update(OtpCode).where(OtpCode.id == otp_id, OtpCode.used_at.is_(None))
                             .values(used_at=now)).rowcount  # type: ignore[attr-defined]
    if won != 1:
        db.session.rollback()
        raise DomainError(BAD_CODE, "otp_invalid", 401)
    user = db.session.scalar(db.select(User).where(User.phone_hash == phone_hash))
    if user is None:
        user = User(role="worker")
        set_phone(user, phone)
        db.session.add(user)
    return _signed_in_worker(user)


def _signed_in_worker(user: User) -> User:
    db.session.flush()
    try:
        _check_can_sign_in(user, worker_only=True)
    finally:
        db.session.commit()  # the code is spent either way
    user.last_login_at = utcnow()
    db.session.commit()
    return user


def wechat_login(code: str) -> User:
    session = wechat.code2session(code)
    user = db.session.scalar(db.select(User).where(User.wechat_openid == session.openid))
    if user is None:
        user = User(role="worker", wechat_openid=session.openid, wechat_unionid=session.unionid)
        db.session.add(user)
    return _signed_in_worker(user)

