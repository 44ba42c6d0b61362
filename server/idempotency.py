"""`Idempotency-Key` for requests that create something (api.md): shared ground, imports no domain.

The same key with the same body gets the first response again (same status, same id); the same
key with another body is refused with 422; a retry while the first is still running gets 409 and
`Retry-After`. 409, 429 and 5xx answers are never stored, so they can be retried.
"""
import functools
import hashlib
import json
import re
from datetime import datetime, timedelta

from flask import Response, current_app, jsonify, request
from sqlalchemy import JSON, String
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from .clock import UTCDateTime, aware, utcnow
from .errors import error_response
from .extensions import db

IDEMPOTENCY_DOC = {"in": "header", "name": "Idempotency-Key", "required": False, "schema": {"type": "string"},
                   "description": "a client-made UUID: retries with it return the first answer"}
KEY = re.compile(r"^[A-Za-z0-9_\-:.]{8,80}$")
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
    response: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


def _request_hash() -> str:
    return hashlib.sha256(f"{request.method} {request.path}\n".encode() + request.get_data()).hexdigest()


def _claim(key: str, scope: str, digest: str):
    """Insert the key as running; or return the existing row if another request holds it."""
    row = IdempotencyKey(key=key, scope=scope, request_hash=digest, state="running")
    db.session.add(row)
    try:
        db.session.commit()
        return None
    except IntegrityError:
        db.session.rollback()
    existing = db.session.get(IdempotencyKey, key)
    if existing and existing.state == "running" and existing.request_hash == digest \
            and aware(existing.created_at) < utcnow() - STALE_AFTER:
        existing.created_at = utcnow()
        db.session.commit()
        return None
    return existing


def idempotent(view):
    """Decorate a view that creates something; it then honours `Idempotency-Key`."""
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        key = request.headers.get("Idempotency-Key")
        if not key:
            return view(*args, **kwargs)
        if not KEY.match(key):
            return error_response(400, "提交编号（Idempotency-Key）格式不对。")
        scope, digest = f"{request.method} {request.path}", _request_hash()
        existing = _claim(key, scope, digest)
        if existing is not None:
            if existing.request_hash != digest or existing.scope != scope:
                return error_response(422, "这个提交编号已经用于另一份内容，请重新提交。", error_code="idempotency_mismatch")
            if existing.state == "running":
                return error_response(409, "上一次提交还在处理中，请稍等几秒再试。", headers={"Retry-After": "2"})
            resp = jsonify(existing.response)
            resp.status_code = existing.status_code
            resp.headers["Idempotent-Replayed"] = "true"
            return resp
        try:
            resp = view(*args, **kwargs)
        except BaseException:
            db.session.rollback()
            _release(key)
            raise
        resp = resp if isinstance(resp, Response) else current_app.make_response(resp)
        if resp.status_code in (409, 429) or resp.status_code >= 500:
            _release(key)
        else:
            row = db.session.get(IdempotencyKey, key)
            row.state, row.status_code = "done", resp.status_code
            row.response = json.loads(resp.get_data()) if resp.is_json else None
            db.session.commit()
        return resp
    return wrapper


def _release(key: str) -> None:
    db.session.execute(db.delete(IdempotencyKey).where(IdempotencyKey.key == key))
    db.session.commit()


def sweep(now=None) -> int:
    """Forget keys older than a week (run from a daily job)."""
    cutoff = (now or utcnow()) - KEEP_FOR
    deleted = db.session.execute(db.delete(IdempotencyKey).where(IdempotencyKey.created_at < cutoff)).rowcount
    db.session.commit()
    return deleted
