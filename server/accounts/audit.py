"""The audit log of personal data: who read or changed it, when, which record.

`record_view()` adds the entry to the request's unit of work; the service that calls it commits
(a read commits just the entry). Entries are never updated or deleted by the application.
"""
import csv
import io
import json
from datetime import date, datetime, timedelta

from flask import has_request_context, request

from ..clock import CHINA, china_time
from ..extensions import db
from .models import AuditEntry, User


def record_view(actor: User | None, action: str, record_type: str, record_id, detail: dict | None = None) -> AuditEntry:
    """Log that `actor` did `action` ("view", "create", "update", "export" ...) on a record."""
    entry = AuditEntry(actor_id=actor.id if actor else None, actor_role=actor.role if actor else "",
                       action=action, record_type=record_type, record_id=str(record_id), detail=detail,
                       ip=request.remote_addr if has_request_context() else None)
    db.session.add(entry)
    return entry


def entries(record_type: str | None = None, record_id: str | None = None, actor_id: int | None = None,
            action: str | None = None, date_from: date | None = None, date_to: date | None = None):
    """A query over the log, newest first, for the admin API; the period in days as counted in China."""
    query = db.select(AuditEntry).order_by(AuditEntry.id.desc())
    if action:
        query = query.where(AuditEntry.action == action)
    if date_from:
        query = query.where(AuditEntry.at >= _china_day_start(date_from))
    if date_to:
        query = query.where(AuditEntry.at < _china_day_start(date_to + timedelta(days=1)))
    if record_type:
        query = query.where(AuditEntry.record_type == record_type)
    if record_id:
        query = query.where(AuditEntry.record_id == str(record_id))
    if actor_id:
        query = query.where(AuditEntry.actor_id == actor_id)
    return query


def _china_day_start(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=CHINA)


EXPORT_MAX = 20000
CSV_HEADERS = ["编号", "时间（北京时间）", "操作人", "操作人编号", "角色", "操作", "记录类型", "记录编号", "详情", "IP"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    """A spreadsheet opening the CSV must show `=1+1` typed by someone, never compute it (OWASP)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def export_csv(actor: User, filters: dict) -> bytes:
    """The filtered log as CSV; the export is itself an entry (with the filters used)."""
    rows = db.session.scalars(entries(**filters).limit(EXPORT_MAX)).all()
    record_view(actor, "export", "audit", "*", {k: str(v) for k, v in filters.items() if v is not None})
    db.session.commit()
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_HEADERS)
    for e in rows:
        detail = json.dumps(e.detail, ensure_ascii=False, sort_keys=True) if e.detail else ""
        writer.writerow([_cell(v) for v in (e.id, china_time(e.at).strftime("%Y-%m-%d %H:%M:%S"), e.actor_name,
                                            e.actor_id, e.actor_role, e.action, e.record_type, e.record_id,
                                            detail, e.ip)])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
