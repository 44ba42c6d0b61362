"""The one helper for role checks: `@require_role("staff", "admin")` on every protected view.

It verifies the token (Authorization header or httpOnly cookie plus CSRF header), checks that
the account is still active and still has the role in its token, and answers 401 or 403 in
the one error format with a plain-Chinese message.
"""
from functools import wraps

from flask_jwt_extended import get_current_user, get_jwt, verify_jwt_in_request
from flask_jwt_extended.exceptions import NoAuthorizationError
from flask_smorest import Blueprint
from jwt import ExpiredSignatureError

from ..errors import DomainError, error_response
from ..extensions import jwt
from ..roles import ROLES
from .models import User

SECURITY: list[dict[str, list[str]]] = [{"bearerAuth": []}, {"cookieAuth": []}]


PASSWORD_CHANGE_REQUIRED = "请先改一个你自己的新密码，再继续使用。"


def require_role(*roles: str, token: str = "access", before_password_change: bool = False):
    """Allow only signed-in users with one of `roles` (any role when none is given).

    token: "access" (default), "refresh" (the refresh endpoint) or "any" (logout).
    before_password_change: also open to someone still holding a one-time password (changing
    it, /me, refresh, sign-out); everything else answers 403 password_change_required.
    """
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles {unknown}")
    allowed = set(roles or ROLES)

    def decorator(fn):
        @wraps(fn)
        def wrapper(*args, **kwargs):
            _verify(token)
            user, claims = current_user(), get_jwt()
            # An access token carries the role it was issued with; a refresh picks up the new one.
            if claims.get("type") == "access" and claims.get("role") != user.role:
                raise DomainError("你的账号权限有变化，请刷新或重新登录。", "role_changed", 401)
            if user.must_change_password and not before_password_change:
                raise DomainError(PASSWORD_CHANGE_REQUIRED, "password_change_required", 403)
            if user.role not in allowed:
                raise DomainError("你的账号没有权限做这件事。", "forbidden", 403)
            return fn(*args, **kwargs)

        return Blueprint.doc(security=SECURITY, **{"x-roles": sorted(allowed)})(wrapper)

    return decorator


def _verify(token: str) -> None:
    if token != "any":
        verify_jwt_in_request(refresh=token == "refresh")
        return
    try:
        verify_jwt_in_request(verify_type=False)
    except (NoAuthorizationError, ExpiredSignatureError) as first:
        # A browser drops the access cookie when it expires; the refresh cookie still signs out.
        try:
            verify_jwt_in_request(refresh=True)
        except NoAuthorizationError:
            raise first from None


def current_user() -> User:
    """The signed-in user of this request (after require_role, or optional_user when it found one).

    Never None there: flask-jwt-extended refuses a token whose user the lookup cannot load.
    """
    return get_current_user()


def optional_user() -> User | None:
    """For open routes that do more for a signed-in person: the user, or None when no token was sent."""
    if verify_jwt_in_request(optional=True) is None:
        return None
    user = current_user()
    # Still on a one-time password an admin knows: nothing is done in this person's name yet.
    return None if user.must_change_password else user


# flask-jwt-extended's failures, in the one error format.
def _unauthorized(message: str, code: str):
    return error_response(401, message, error_code=code)


@jwt.unauthorized_loader
def _missing(reason: str):
    if "CSRF" in reason:
        return _unauthorized("安全校验没有通过，请刷新页面后再试。", "csrf_failed")
    return _unauthorized("请先登录。", "not_signed_in")


def _refusal(message: str, code: str):
    """A loader that answers this 401 whatever flask-jwt-extended hands it (header and claims, or a reason)."""
    return lambda *_args: _unauthorized(message, code)


jwt.expired_token_loader(_refusal("登录已过期，请重新登录。", "token_expired"))
jwt.revoked_token_loader(_refusal("你已经退出登录，请重新登录。", "token_revoked"))
jwt.invalid_token_loader(_refusal("登录信息无效，请重新登录。", "token_invalid"))
jwt.user_lookup_error_loader(_refusal("账号不存在或已停用，请联系工作人员。", "account_inactive"))
jwt.needs_fresh_token_loader(_refusal("请重新登录后再做这件事。", "fresh_login_required"))
