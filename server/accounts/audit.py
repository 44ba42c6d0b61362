"""The audit log of personal data: who read or changed it, when, which record.

`record_view()` adds the entry to the request's unit of work; the service that calls it commits
(a read commits just the entry). Entries are never updated or deleted by the application.
"""
import csv
import io
from datetime import date, datetime, timedelta

from flask import has_request_context, request

from ..clock import CHINA, china_time
from ..extensions import db
from ..inputs import xml_safe
from ..offices import scope
from .audit_labels import ACTIONS, RECORD_TYPES, ROLES, detail_lines
from .models import AuditEntry, User


def record_view(actor: User | None, action: str, record_type: str, record_id, detail: dict | None = None) -> AuditEntry:
    """Log that `actor` did `action` ("view", "create", "update", "export" ...) on a record."""
    entry = AuditEntry(actor_id=actor.id if actor else None, actor_role=actor.role if actor else "",
                       action=action, record_type=record_type, record_id=str(record_id), detail=detail,
                       ip=request.remote_addr if has_request_context() else None)
    db.session.add(entry)
    return entry


def entries(reader: User, record_type: str | None = None, record_id: str | None = None, actor_id: int | None = None,
            action: str | None = None, date_from: date | None = None, date_to: date | None = None):
    """A query over the log, newest first, for the admin API; the period in days as counted in China.

    An admin reads the entries of the accounts of their office and its subtree; an admin of the root office (the
    province) reads every entry, workers' and those made by no account too."""
    query = db.select(AuditEntry).order_by(AuditEntry.id.desc())
    if not scope.at_root(reader):
        query = query.where(AuditEntry.actor_id.in_(scope.within(db.select(User.id), User.office_id, reader)))
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


def _export_rows(actor: User, filters: dict, fmt: str | None = None) -> list[list]:
    """The filtered log's rows (at most EXPORT_MAX); the export is itself an entry (with the filters used)."""
    rows = db.session.scalars(entries(actor, **filters).limit(EXPORT_MAX)).all()
    detail = {k: str(v) for k, v in filters.items() if v is not None}
    record_view(actor, "export", "audit", "*", {**detail, "format": fmt} if fmt else detail)
    db.session.commit()
    # Codes in words from the one table the page reads too; the details as lines, "；" between them.
    return [[e.id, china_time(e.at).strftime("%Y-%m-%d %H:%M:%S"), e.actor_name, e.actor_id,
             ROLES.get(e.actor_role, e.actor_role), ACTIONS.get(e.action, e.action),
             RECORD_TYPES.get(e.record_type, e.record_type), e.record_id, "；".join(detail_lines(e.detail)), e.ip]
            for e in rows]


def export_csv(actor: User, filters: dict) -> bytes:
    """The filtered log as CSV (UTF-8 with BOM, formula-safe)."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_HEADERS)
    for row in _export_rows(actor, filters):
        writer.writerow([_cell(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


XLSX_WIDTHS = [8, 20, 16, 10, 10, 10, 16, 12, 48, 16]


def export_xlsx(actor: User, filters: dict) -> bytes:
    """The filtered log as an Excel sheet: every text cell stored as text, so `=1+1` is shown, never computed,
    and the control characters and noncharacters a sheet cannot hold are dropped."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    rows = _export_rows(actor, filters, "xlsx")
    wb = Workbook()
    ws = wb.active
    ws.title = "审计日志"
    ws.append(CSV_HEADERS)
    for col, width in enumerate(XLSX_WIDTHS, 1):
        ws.cell(row=1, column=col).font = Font(bold=True)
        ws.column_dimensions[ws.cell(row=1, column=col).column_letter].width = width
    for row in rows:
        ws.append([xml_safe(v) for v in row])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
