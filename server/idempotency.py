"""`Idempotency-Key` for requests that create something (api.md): shared ground, imports no domain.

The same key with the same body (the same JSON, however it is spaced) gets the first response
again (same status, same id); the same key with another body is refused with 422. The outcome is
recorded in the same transaction as the work, so a retry finds it or finds nothing, even
after a database fault in between. A second request with the key while the first runs waits
for it (the key's row is taken at the start of the transaction) and then gets its answer.
409, 429 and 5xx answers are never stored, so they can be retried.

A key keeps no answer with personal data in it (a case view holds phones and ID numbers, for a
week): only the status and a reference the view chose (`once`'s result, an id). A retry runs the
view again, in which `once` hands back that reference instead of doing the work twice, so the
answer is rebuilt for the person asking now, through the same access checks and the same audit
as any read. A key belongs to whoever first used it: a signed-in person's key answers only that
person (422 for anyone else); an anonymous key (a worker applying) answers whoever repeats the
key with the same body, as before. Error answers (4xx) hold no personal data and are kept as sent.
"""
import functools
import hashlib
import json
import re
from contextlib import contextmanager
from datetime import datetime, timedelta

from flask import Response, current_app, g, jsonify, request
from flask_jwt_extended import get_jwt_identity, verify_jwt_in_request
from flask_jwt_extended.exceptions import JWTExtendedException
from flask_smorest import Blueprint
from jwt import PyJWTError
from sqlalchemy import JSON, String
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from .clock import UTCDateTime, aware, utcnow
from .errors import error_response
from .extensions import db
from .inputs import CLIENT_ID_PATTERN

IDEMPOTENCY_DOC = {"in": "header", "name": "Idempotency-Key", "required": False, "schema": {"type": "string"},
                   "description": "a client-made UUID: retries with it return the first answer"}
KEY = re.compile(CLIENT_ID_PATTERN)
# A key left "running" this long belonged to a request that died; a retry may take it over.
STALE_AFTER = timedelta(seconds=60)
KEEP_FOR = timedelta(days=7)


class IdempotencyKey(db.Model):
    """An `Idempotency-Key` header's first response, replayed to every retry (kept >= 7 days)."""

    __tablename__ = "idempotency_keys"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    scope: Mapped[str] = mapped_column(String(200))
    request_hash: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(12), default="running")  # running | done
    status_code: Mapped[int | None]
    # An error answer as sent (no personal data in the one error format); NULL for a success.
    response: Mapped[dict | None] = mapped_column(JSON)
    # What `once` returned for a success (an id or nothing): the view rebuilds the answer from it.
    reference: Mapped[dict | list | int | str | None] = mapped_column(JSON)
    # The signed-in person who first used the key; NULL: anonymous.
    user_id: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


def _hash(body: bytes) -> str:
    return hashlib.sha256(f"{request.method} {request.path}\n".encode() + body).hexdigest()


def _request_hashes() -> tuple[str, str]:
    """The parsed body's hash (what is stored) and the raw body's (what keys stored before had)."""
    raw = request.get_data()
    parsed = raw
    if request.is_json:
        try:
            parsed = json.dumps(json.loads(raw), sort_keys=True, separators=(",", ":")).encode()
        except (ValueError, RecursionError):
            pass
    return _hash(parsed), _hash(raw)


def _caller() -> int | None:
    """Who is asking: the signed-in account's id, or None (no token, or one the view will refuse anyway)."""
    try:
        if verify_jwt_in_request(optional=True) is None:
            return None
        return int(get_jwt_identity())
    except (JWTExtendedException, PyJWTError, TypeError, ValueError):
        return None


def _claim(key: str, scope: str, digest: str, owner: int | None) -> IdempotencyKey | None:
    """Take the key for this request's transaction; or return the row another request recorded.

    The row is flushed, not committed: a concurrent request with the same key waits on it until
    this one commits (then finds the answer) or rolls back (then takes the key itself).
    """
    existing = db.session.get(IdempotencyKey, key)
    if existing is not None:
        if not (existing.state == "running" and aware(existing.created_at) < utcnow() - STALE_AFTER):
            return existing
        db.session.delete(existing)  # left running by a request that died (or by older code)
        db.session.flush()
    db.session.add(IdempotencyKey(key=key, scope=scope, request_hash=digest, state="running", user_id=owner))
    try:
        db.session.flush()
        return None
    except IntegrityError:
        db.session.rollback()
    return db.session.get(IdempotencyKey, key)


@contextmanager
def _one_transaction():
    """Inside, a service's commit only flushes: its work and the key's answer commit together."""
    session = db.session()
    session.commit = session.flush
    try:
        yield
    finally:
        del session.commit


_REPLAYING = "idempotency_replaying"  # g: the stored reference, while a view rebuilds its answer
_ONCE = "idempotency_once"  # g: what `once` returned in this request


def once(work):
    """Do `work` once per Idempotency-Key and return its result, a small reference (an id, a list of ids,
    None), never personal data: it is what the key keeps. On a retry `work` is not run; the stored
    reference comes back, so the view builds its answer from it as it did the first time."""
    if _REPLAYING in g:
        return getattr(g, _REPLAYING)
    result = work()
    setattr(g, _ONCE, result)
    return result


def _replay(existing: IdempotencyKey, scope: str, digests: tuple[str, str], owner: int | None, view, args, kwargs):
    if existing.user_id is not None and existing.user_id != owner:
        return error_response(422, "这个提交编号已经被别人用过，请重新提交。", error_code="idempotency_key_taken")
    if existing.request_hash not in digests or existing.scope != scope:
        return error_response(422, "这个提交编号已经用于另一份内容，请重新提交。", error_code="idempotency_mismatch")
    if existing.state == "running":
        return error_response(409, "上一次提交还在处理中，请稍等几秒再试。", headers={"Retry-After": "2"})
    assert existing.status_code is not None  # a finished key is stored with its answer's status (below)
    if existing.status_code >= 400:
        resp = jsonify(existing.response)
        resp.status_code = existing.status_code
    else:
        db.session.commit()  # the key's row was only read: end that transaction before the view's own
        setattr(g, _REPLAYING, existing.reference)
        try:
            resp = _as_response(view(*args, **kwargs))
        finally:
            delattr(g, _REPLAYING)
        if resp.status_code < 400:  # rebuilt as the first answer (201, 200); a refusal now stays a refusal
            resp.status_code = existing.status_code
    resp.headers["Idempotent-Replayed"] = "true"
    return resp


def _as_response(resp) -> Response:
    return resp if isinstance(resp, Response) else current_app.make_response(resp)


def key_missing():
    """428: the request needs its client-made id (an application, a question, a supplement with photos)."""
    return error_response(428, "缺少提交编号（Idempotency-Key），请更新应用后再提交。",
                          error_code="idempotency_key_required")


def key_required(view):
    """For a create whose client-made id is its identity (an application, a question): 428 without the key."""
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if not request.headers.get("Idempotency-Key"):
            return key_missing()
        return view(*args, **kwargs)
    return wrapper


def idempotent(view):
    """Decorate a view that creates something; it then honours `Idempotency-Key`, and the API description
    says so (a view that requires the key documents it again, above this: `aid/intake/routes.py` KEY_DOC)."""
    return Blueprint.doc(parameters=[IDEMPOTENCY_DOC])(_honouring_key(view))


def _honouring_key(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        key = request.headers.get("Idempotency-Key")
        if not key:
            return view(*args, **kwargs)
        if not KEY.match(key):
            return error_response(400, "提交编号（Idempotency-Key）格式不对。")
        scope, digests, owner = f"{request.method} {request.path}", _request_hashes(), _caller()
        existing = _claim(key, scope, digests[0], owner)
        if existing is not None:
            return _replay(existing, scope, digests, owner, view, args, kwargs)
        try:
            with _one_transaction():
                resp = _as_response(view(*args, **kwargs))
            row = db.session.get(IdempotencyKey, key)
            if resp.status_code in (409, 429) or resp.status_code >= 500:
                if row is not None:
                    db.session.delete(row)  # not an answer to keep: the retry runs afresh
            else:
                row = row or db.session.merge(IdempotencyKey(key=key, scope=scope, request_hash=digests[0],
                                                             user_id=owner))
                row.state, row.status_code = "done", resp.status_code
                if resp.status_code >= 400:
                    row.response = json.loads(resp.get_data()) if resp.is_json else None
                else:
                    # A success is rebuilt on replay from what `once` returned; without it the work would run again.
                    if _ONCE not in g:
                        raise RuntimeError(f"{view.__qualname__} is @idempotent but never called once()")
                    row.reference = getattr(g, _ONCE)
            db.session.commit()
        except BaseException:
            db.session.rollback()  # neither the work nor the key: the retry finds nothing
            raise
        return resp
    return wrapper


def sweep(now=None) -> int:
    """Forget keys older than a week (run from a daily job)."""
    cutoff = (now or utcnow()) - KEEP_FOR
    old = db.delete(IdempotencyKey).where(IdempotencyKey.created_at < cutoff)
    deleted = db.session.execute(old).rowcount  # type: ignore[attr-defined]  # a DML result is a CursorResult
    db.session.commit()
    return deleted
