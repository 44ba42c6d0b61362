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

from .. import metrics
from ..db import aware, utcnow
from ..errors import DomainError, NotFound
from ..extensions import db
from ..pii import decrypt, encrypt, lookup_hash, mask_numbers, mask_phone
from ..roles import ROLES
from . import sms, wechat
from .audit import record_view
from .hooks import LAWYER_LEAVING
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


# A one-time password is read out or copied by hand: no 0/o, 1/l/i.
_OTP_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def one_time_password() -> str:
    """Ten characters (about 50 bits), in two groups of five: easy to read out, copy or type."""
    chars = "".join(secrets.choice(_OTP_ALPHABET) for _ in range(10))
    return f"{chars[:5]}-{chars[5:]}"


def _give_one_time_password(user: User, password: str | None = None) -> str:
    """An admin sets a password: the person must pick their own at first sign-in."""
    password = password or one_time_password()
    user.password_hash = hash_password(password)
    user.must_change_password = True
    return password


def create_user(actor: User | None, role: str, username: str | None = None, password: str | None = None,
                display_name: str = "", phone: str | None = None, office_phone: str = "", law_firm: str = "") -> User:
    """Admins (or the `flask users create` command, actor None) make accounts.

    A password account made by an admin gets a one-time password (the one given, or one made
    here, kept on `user.one_time_password` for the answer, never stored): it is changed at first
    sign-in. The command line's first admin sets their own password and keeps it.
    """
    if role not in ROLES:
        raise _field_error("role", "角色不对。", "role_invalid")
    if role != "worker" and not username:
        raise _field_error("username", "工作人员、志愿者和律师账号需要一个用户名。", "username_required")
    if actor is None and role != "worker" and not password:
        raise _field_error("password", "工作人员、志愿者和律师账号需要用户名和密码。", "password_required")
    user = User(role=role, display_name=display_name.strip(), office_phone=(office_phone or "").strip(),
                law_firm=(law_firm or "").strip())
    if username:
        _set_username(user, username)
    one_time = None
    if actor is not None and role != "worker":
        one_time = _give_one_time_password(user, password)
    elif password:
        user.password_hash = hash_password(password)
    user.one_time_password = one_time  # for the answer only, never stored
    set_phone(user, phone)
    db.session.add(user)
    db.session.flush()
    record_view(actor, "create", "user", user.id, {"role": role, "fields": _fields(username, password, phone)})
    db.session.commit()
    return user


def _fields(username, password, phone) -> list[str]:
    return [name for name, value in (("username", username), ("password", password), ("phone", phone)) if value]


def _user(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound("没有这个账号。", "user_not_found")
    return user


def get_user(actor: User, user_id: int) -> User:
    user = _user(user_id)
    record_view(actor, "view", "user", user.id, {"phone": "masked"})
    db.session.commit()
    return user


def reveal_phone(actor: User, user_id: int, reason: str) -> str | None:
    """The full phone, for a reason the admin typed; the reason goes into the audit log."""
    user = _user(user_id)
    reason = reason.strip()
    if len(reason) < 2:
        raise _field_error("reason", "请写下为什么要看完整手机号。", "reason_required")
    record_view(actor, "reveal", "user", user.id, {"field": "phone", "reason": reason})
    db.session.commit()
    return decrypt(user.phone_enc) if user.phone_enc else None


def reset_password(actor: User, user_id: int) -> tuple[User, str]:
    """A new one-time password (shown once to the admin); every session of the account ends."""
    user = _user(user_id)
    if user.id == actor.id:
        raise DomainError("自己的密码请在「我的」里修改。", "self_reset", 422)
    if user.role == "worker":
        raise DomainError("工友用手机验证码登录，没有密码。", "no_password_account", 422)
    password = _give_one_time_password(user)
    end_all_sessions(user)
    record_view(actor, "reset_password", "user", user.id)
    db.session.commit()
    return user, password


def change_own_password(user: User, current: str, new: str) -> User:
    """Anyone with a password picks a new one: the current one first; every other session ends."""
    if not user.password_hash:
        raise DomainError("这个账号用手机验证码登录，没有密码。", "no_password_account", 422)
    try:
        hasher.verify(user.password_hash, current)
    except (VerificationError, InvalidHashError):
        raise _field_error("current", "当前密码不对。", "bad_credentials") from None
    if new == current:
        raise _field_error("new", "新密码不能和原来的一样。", "password_unchanged")
    user.password_hash = hash_password(new)
    user.must_change_password = False
    end_all_sessions(user)
    record_view(user, "change_password", "user", user.id)
    db.session.commit()
    return user


def _lock_active_admins() -> set[int]:
    """The ids of the active admins, read so that no other change to them can commit before this
    transaction ends: PostgreSQL locks their rows (SELECT … FOR UPDATE, in id order so two admins never
    deadlock, and a row switched off meanwhile is read again and left out); SQLite has no row locks, so a
    write that changes nothing takes its one write lock first, and the read that follows sees the last commit."""
    admins = (User.role == "admin", User.active.is_(True))
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(update(User).where(*admins).values(token_version=User.token_version))
    return set(db.session.scalars(db.select(User.id).where(*admins).order_by(User.id).with_for_update()))


def update_user(actor: User, user_id: int, changes: dict) -> User:
    if "active" in changes or "role" in changes:
        # Two admins switching each other off at once both pass the role check: the second to get the lock
        # finds itself switched off, and is refused, so an admin always remains.
        admins = _lock_active_admins()
        if actor.id not in admins:
            db.session.rollback()
            raise DomainError("你的管理员账号刚刚被停用或改了角色，不能再改账号。", "not_admin_now", 403)
    user = _user(user_id)
    db.session.refresh(user)  # as it is now, after the lock
    role = changes.get("role", user.role)
    if user.id == actor.id and (role != user.role or changes.get("active") is False):
        raise DomainError("不能停用自己的账号或改自己的角色。", "self_lockout", 422)
    if user.id == actor.id and "password" in changes:
        raise DomainError("自己的密码请在「我的」里修改。", "self_reset", 422)
    if role != user.role and role != "worker" and not (changes.get("password") or user.password_hash):
        raise _field_error("password", "改成这个角色需要先设一个密码。", "password_required")
    # Switched off, or given another role: either way nobody would act on the lawyer's open cases any more.
    switching_off = user.active and changes.get("active") is False
    role_change = role != "lawyer" and not switching_off
    leaving_cases = user.role == "lawyer" and (switching_off or role != "lawyer")
    if "reassign_to" in changes and not leaving_cases:
        raise _field_error("reassign_to", "只有停用律师账号或改掉律师角色时，才能把他的案件改派给别人。", "invalid")
    held: dict = {}
    if leaving_cases:  # what each domain holds for the lawyer (aid: the open cases), refused if nobody takes it
        held = {domain: hook.check(user, changes.get("reassign_to"), role_change)
                for domain, hook in LAWYER_LEAVING.items()}
    try:
        if "username" in changes:
            _set_username(user, changes["username"])
        if "phone" in changes:
            set_phone(user, changes["phone"])
    except DomainError:
        db.session.rollback()
        raise
    if "password" in changes:
        _give_one_time_password(user, changes["password"])
    if "password" in changes or (changes.get("active") is False and user.active):
        end_all_sessions(user)
    for key in ("role", "display_name", "active", "office_phone", "law_firm"):
        if key in changes:
            setattr(user, key, changes[key].strip() if isinstance(changes[key], str) else changes[key])
    for domain, work in held.items():
        if work:
            LAWYER_LEAVING[domain].hand_over(actor, user, work, changes["reassign_to"], role_change)
    record_view(actor, "update", "user", user.id, {"fields": sorted(changes)})
    db.session.commit()
    return user


def end_all_sessions(user: User) -> None:
    """Every token issued to this account so far stops working (tokens.py checks `ver`)."""
    user.token_version = (user.token_version or 0) + 1


def list_users(actor: User, role: str | None = None, q: str = "", active: bool | None = None):
    """A query over accounts for the admin list (masked phones only); the listing is logged.

    `q` finds a name or username containing it, a phone's last 4 digits, or a whole phone.
    """
    query = db.select(User).order_by(User.id)
    if role:
        query = query.where(User.role == role)
    if active is not None:
        query = query.where(User.active.is_(active))
    q = q.strip()
    if q:
        found = User.username.contains(q.lower(), autoescape=True) | User.display_name.contains(q, autoescape=True)
        if q.isdigit() and len(q) == 11:
            found = found | (User.phone_hash == lookup_hash(q))
        elif q.isdigit() and len(q) == 4:
            found = found | User.phone_masked.endswith(q, autoescape=True)
        query = query.where(found)
    record_view(actor, "list", "user", "*", {"role": role, "q": mask_numbers(q)})
    db.session.commit()
    return query
