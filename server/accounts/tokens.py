"""Access and refresh tokens, how they reach the client, and revocation.

A sign-in makes one session id (`sid`) shared by its refresh token and every access token
refreshed from it; logout revokes the session, so both kinds stop working at once.

Every token carries the account's `ver` (token_version): a new password or switching the account
off bumps it, which ends all of the account's sessions; switching it on again does not undo that.

Refresh tokens rotate: each refresh hands out a new one and marks the old one `rotated`. The old
one is still accepted for REFRESH_REUSE_GRACE_SECONDS (60 s): two tabs of one browser refresh
with the same cookie at the same moment, and a phone on 2G may resend a refresh whose answer it
lost. Used after that, it is taken for a stolen copy: the whole session (the family) is revoked,
thief and owner both sign in again.
Browsers get httpOnly cookies with flask-jwt-extended's double-submit CSRF cookies; a
mini-program asks for `token_delivery: "header"` and sends `Authorization: Bearer ...`.
"""
import uuid
from datetime import datetime, timedelta, timezone

from flask import after_this_request, current_app
from flask_jwt_extended import (
    create_access_token,
    create_refresh_token,
    set_access_cookies,
    set_refresh_cookies,
    unset_jwt_cookies,
)
from sqlalchemy.exc import IntegrityError

from .. import metrics
from ..db import aware, utcnow
from ..extensions import db, jwt
from .models import RevokedToken, User


def _claims(user: User, sid: str) -> dict:
    return {"role": user.role, "sid": sid, "ver": user.token_version or 0}


def access_token(user: User, sid: str) -> str:
    return create_access_token(identity=str(user.id), additional_claims=_claims(user, sid))


def sign_in(user: User, delivery: str = "cookie") -> dict:
    """Issue a new session's tokens; cookies are set on the response, or tokens returned in the body."""
    sid = uuid.uuid4().hex
    access = access_token(user, sid)
    refresh = create_refresh_token(identity=str(user.id), additional_claims=_claims(user, sid))
    return _deliver(delivery, access, refresh)


def refreshed(user: User, refresh_claims: dict, delivery: str) -> dict:
    """New access and refresh tokens in the same session, carrying the user's current role.

    The refresh token presented is marked rotated (see the module's docstring).
    """
    sid = refresh_claims["sid"]
    db.session.add(RevokedToken(jti=refresh_claims["jti"], kind="rotated", user_id=user.id,
                                expires_at=datetime.fromtimestamp(refresh_claims["exp"], timezone.utc)))
    try:
        db.session.commit()
    except IntegrityError:  # already rotated: a second tab within the grace period
        db.session.rollback()
    refresh = create_refresh_token(identity=str(user.id), additional_claims=_claims(user, sid))
    return _deliver(delivery, access_token(user, sid), refresh)


def _deliver(delivery: str, access: str, refresh: str | None) -> dict:
    body = {"token_delivery": delivery, "token_type": "Bearer",
            "expires_in": int(current_app.config["JWT_ACCESS_TOKEN_EXPIRES"].total_seconds())}
    if delivery == "header":
        body["access_token"] = access
        if refresh:
            body["refresh_token"] = refresh
    else:
        @after_this_request
        def _set_cookies(response):
            set_access_cookies(response, access)
            if refresh:
                set_refresh_cookies(response, refresh)
            return response
    return body


def clear_cookies():
    @after_this_request
    def _unset(response):
        unset_jwt_cookies(response)
        return response


def revoke_session(claims: dict, user_id: int | None) -> None:
    """Revoke the whole sign-in session (every access and refresh token in it)."""
    expires = datetime.now(timezone.utc) + current_app.config["JWT_REFRESH_TOKEN_EXPIRES"]
    db.session.execute(db.delete(RevokedToken).where(RevokedToken.expires_at < utcnow()))  # sweep
    for jti, kind in ((claims.get("sid"), "session"), (claims["jti"], claims.get("type", "access"))):
        if jti and not db.session.scalar(db.select(RevokedToken.id).where(RevokedToken.jti == jti)):
            db.session.add(RevokedToken(jti=jti, kind=kind, user_id=user_id, expires_at=expires))
    try:
        db.session.commit()
    except IntegrityError:  # the same session signed out twice at once: it is revoked either way
        db.session.rollback()


@jwt.token_in_blocklist_loader
def _is_revoked(_header, claims) -> bool:
    keys = [k for k in (claims.get("jti"), claims.get("sid")) if k]
    rows = db.session.execute(db.select(RevokedToken.kind, RevokedToken.revoked_at)
                              .where(RevokedToken.jti.in_(keys))).all()
    if any(kind != "rotated" for kind, _at in rows):
        return True
    if rows and aware(rows[0].revoked_at) < utcnow() - _grace():
        # A replaced refresh token used again: a copy is in someone else's hands. End the family.
        revoke_session(claims, _user_id(claims))
        return True
    return _stale_version(claims)


def _grace() -> timedelta:
    return timedelta(seconds=current_app.config.get("REFRESH_REUSE_GRACE_SECONDS", 60))


def _user_id(claims) -> int | None:
    try:
        return int(claims["sub"])
    except (KeyError, TypeError, ValueError):
        return None


def _stale_version(claims) -> bool:
    """Issued before the account's last password change or switch-off (an inactive one is refused later)."""
    user_id = _user_id(claims)
    if user_id is None:
        return False
    row = db.session.execute(db.select(User.token_version, User.active).where(User.id == user_id)).first()
    return row is not None and row.active and claims.get("ver", 0) != row.token_version


@jwt.user_lookup_loader
def _load_user(_header, claims):
    """The signed-in user, or None (a 401) when the account is gone or switched off."""
    try:
        user = db.session.get(User, int(claims["sub"]))
    except (TypeError, ValueError):
        return None
    if user is None or not user.active:
        return None
    metrics.signed_in_office(user.office_id)  # the request's log line names the office, without a query of its own
    return user
