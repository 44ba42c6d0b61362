"""The audit log of personal data: who read or changed it, when, which record.

`record_view()` adds the entry to the request's unit of work; the service that calls it commits
(a read commits just the entry). Entries are never updated or deleted by the application.
"""
from flask import has_request_context, request

from ..extensions import db
from .models import AuditEntry, User


def record_view(actor: User | None, action: str, record_type: str, record_id, detail: dict | None = None) -> AuditEntry:
    """Log that `actor` did `action` ("view", "create", "update", "export" ...) on a record."""
    entry = AuditEntry(actor_id=actor.id if actor else None, actor_role=actor.role if actor else "",
                       action=action, record_type=record_type, record_id=str(record_id), detail=detail,
                       ip=request.remote_addr if has_request_context() else None)
    db.session.add(entry)
    return entry


def entries(record_type: str | None = None, record_id: str | None = None, actor_id: int | None = None):
    """A query over the log, newest first, for the admin API."""
    query = db.select(AuditEntry).order_by(AuditEntry.id.desc())
    if record_type:
        query = query.where(AuditEntry.record_type == record_type)
    if record_id:
        query = query.where(AuditEntry.record_id == str(record_id))
    if actor_id:
        query = query.where(AuditEntry.actor_id == actor_id)
    return query
