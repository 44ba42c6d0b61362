"""Account rules: password, phone-code and WeChat sign-in, and managing users."""
import hmac
import logging
import re
import secrets
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from sqlalchemy import update

from ..db import aware, utcnow
from ..errors import DomainError, NotFound
from ..extensions import db
from ..pii import encrypt, lookup_hash, mask_phone
from ..roles import ROLES
from . import sms, wechat
from .audit import record_view
from .models import OtpCode, User

log = logging.getLogger(__name__)
hasher = PasswordHasher()
# Verified against when the username is unknown, so both answers take as long.
_DUMMY_HASH = hasher.hash("not-a-real-password")
USERNAME = re.compile(r"^[a-z0-9_.-]{3,32}$")
BAD_LOGIN = "用户名或密码不对。"
# One answer for a wrong code, a spent one and none at all: it must not tell whether a code is pending.
BAD_CODE = "验证码不对或已失效。每个验证码最多试 5 次，不行请重新获取。"


def _field_error(field: str, message: str, code: str) -> DomainError:
    return DomainError(message, code, 422, errors={"json": {field: [message]}})


# --- password sign-in ------------------------------------------------------------------------------

def hash_password(password: str) -> str:
    return hasher.hash(password)


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


# --- users -----------------------------------------------------------------------------------------

def set_phone(user: User, phone: str | None) -> None:
    if phone is None:
        user.phone_hash = user.phone_enc = user.phone_masked = None
        return
    phone_hash = lookup_hash(phone)
    owner = db.session.scalar(db.select(User.id).where(User.phone_hash == phone_hash))
    if owner is not None and owner != user.id:
        raise _field_error("phone", "这个手机号已经有账号了。", "phone_taken")
    user.phone_hash, user.phone_enc, user.phone_masked = phone_hash, encrypt(phone), mask_phone(phone)


def _set_username(user: User, username: str) -> None:
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise _field_error("username", "用户名用 3 到 32 个英文字母、数字或 _ . -。", "username_invalid")
    owner = db.session.scalar(db.select(User.id).where(User.username == username))
    if owner is not None and owner != user.id:
        raise _field_error("username", "这个用户名已经有人用了。", "username_taken")
    user.username = username


def create_user(actor: User | None, role: str, username: str | None = None, password: str | None = None,
                display_name: str = "", phone: str | None = None, office_phone: str = "") -> User:
    """Admins (or the `flask users create` command, actor None) make accounts."""
    if role not in ROLES:
        raise _field_error("role", "角色不对。", "role_invalid")
    if role != "worker" and not (username and password):
        raise _field_error("password", "工作人员、志愿者和律师账号需要用户名和密码。", "password_required")
    user = User(role=role, display_name=display_name.strip(), office_phone=(office_phone or "").strip())
    if username:
        _set_username(user, username)
    if password:
        user.password_hash = hash_password(password)
    set_phone(user, phone)
    db.session.add(user)
    db.session.flush()
    record_view(actor, "create", "user", user.id, {"role": role, "fields": _fields(username, password, phone)})
    db.session.commit()
    return user


def _fields(username, password, phone) -> list[str]:
    return [name for name, value in (("username", username), ("password", password), ("phone", phone)) if value]


def get_user(actor: User, user_id: int, reveal_phone: bool = False) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound("没有这个账号。", "user_not_found")
    record_view(actor, "view", "user", user.id, {"phone": "full" if reveal_phone else "masked"})
    db.session.commit()
    return user


def update_user(actor: User, user_id: int, changes: dict) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound("没有这个账号。", "user_not_found")
    role = changes.get("role", user.role)
    if user.id == actor.id and (role != user.role or changes.get("active") is False):
        raise DomainError("不能停用自己的账号或改自己的角色。", "self_lockout", 422)
    if role != user.role and role != "worker" and not (changes.get("password") or user.password_hash):
        raise _field_error("password", "改成这个角色需要先设一个密码。", "password_required")
    try:
        if "username" in changes:
            _set_username(user, changes["username"])
        if "phone" in changes:
            set_phone(user, changes["phone"])
    except DomainError:
        db.session.rollback()
        raise
    if "password" in changes:
        user.password_hash = hash_password(changes["password"])
    if "password" in changes or (changes.get("active") is False and user.active):
        end_all_sessions(user)
    for key in ("role", "display_name", "active", "office_phone"):
        if key in changes:
            setattr(user, key, changes[key])
    record_view(actor, "update", "user", user.id, {"fields": sorted(changes)})
    db.session.commit()
    return user


def end_all_sessions(user: User) -> None:
    """Every token issued to this account so far stops working (tokens.py checks `ver`)."""
    user.token_version = (user.token_version or 0) + 1


def list_users(actor: User, role: str | None = None, q: str = ""):
    """A query over accounts for the admin list (masked phones only); the listing is logged."""
    query = db.select(User).order_by(User.id)
    if role:
        query = query.where(User.role == role)
    if q:
        query = query.where(User.username.contains(q.lower()) | User.display_name.contains(q))
    record_view(actor, "list", "user", "*", {"role": role, "q": q})
    db.session.commit()
    return query
