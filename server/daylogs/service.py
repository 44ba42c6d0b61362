"""The day log's sums (the simple arithmetic of CALC.md, the same as pwa/src/sites/daylog.ts), the log sent with an
application, and a worker's backups. The log is stored as one JSON text under DATA_KEY.

Money agreed for the days worked: a full day counts 8 hours, a half day 4, hours as logged; at a daily rate, the
hours ÷ 8 × the rate; at a monthly rate, the daily rate shown first (monthly ÷ 21.75, rounded half-up to the fen,
CALC.md) and then the same; a piece rate is the total agreed. Overtime is listed, not priced here (the 加班费
calculator does that). Owed = agreed − received, never below 0."""
import json
from datetime import date

from ..errors import DomainError
from ..extensions import db
from ..pii import decrypt, encrypt
from . import confirm
from .models import DayLog
from .schemas import RATE_KINDS, UNITS

UNIT_HOURS = {"day": 8, "half": 4}
MAX_BACKUPS = 20  # logs per worker (one per site, a few sites a year)


def round_div(n: int, d: int) -> int:
    """The quotient n ÷ d rounded half-up, for n ≥ 0 (CALC.md)."""
    return (2 * n + d) // (2 * d)


def _half_hours(entry: dict) -> int:
    hours = UNIT_HOURS.get(entry["unit"], entry.get("hours") or 0)
    return int(round(float(hours) * 2))


def summary(log: dict) -> dict:
    """The period, the days worked, money agreed, received and still owed (integer fen)."""
    entries = sorted(log["entries"], key=lambda e: str(e["date"]))
    half_hours = sum(_half_hours(e) for e in entries)
    rate = log["rate"]
    if rate["kind"] == "day":
        agreed = round_div(half_hours * rate["amount_fen"], 16)
    elif rate["kind"] == "month":
        agreed = round_div(half_hours * round_div(rate["amount_fen"] * 100, 2175), 16)
    else:
        agreed = rate["amount_fen"]
    received = sum(int(e.get("received_fen") or 0) for e in entries)
    days = f"{half_hours / 16:.2f}".rstrip("0").rstrip(".")
    return {"period_from": str(entries[0]["date"]), "period_to": str(entries[-1]["date"]), "days_worked": days,
            "overtime_hours": sum(float(e.get("overtime_hours") or 0) for e in entries),
            "agreed_fen": agreed, "received_fen": received, "owed_fen": max(0, agreed - received)}


def _plain(log: dict) -> dict:
    """The loaded log as JSON-ready values (dates as ISO text), in date order."""
    out = {k: v for k, v in log.items() if k not in ("updated_at", "client_id")}
    out["entries"] = sorted(({**e, "date": str(e["date"])} for e in log["entries"]), key=lambda e: e["date"])
    return out


def _open(row: DayLog) -> dict:
    return json.loads(decrypt(row.data_enc))


# --- the log sent with an application ---------------------------------------------------------------------

def attach(application_id: int, log: dict | None, upload_ids: list[str]) -> None:
    """Keep the application's day log (in the application's transaction); of its photos, those sent with it (a
    photo the worker took off the form before sending is not named)."""
    if log:
        log = {**log, "photos": [p for p in log.get("photos") or [] if p in upload_ids]}
        db.session.add(DayLog(application_id=application_id, data_enc=encrypt(json.dumps(_plain(log),
                                                                                         ensure_ascii=False))))


def for_case(application_id: int, own_phone_hash: str | None = None) -> dict | None:
    """The application's log as the case page and the papers show it, or None (the applicant's own phone, keyed,
    is never a co-worker confirming it)."""
    row = db.session.scalar(db.select(DayLog).where(DayLog.application_id == application_id))
    if row is None:
        return None
    log = _open(row)
    rate = log["rate"]
    return {"site_code": log.get("site_code"), "rate_kind": rate["kind"], "rate_label": RATE_KINDS[rate["kind"]],
            "rate_fen": rate["amount_fen"], "photos": log.get("photos") or [],
            "entries": [{**e, "unit_label": UNITS.get(e["unit"], e["unit"])} for e in log["entries"]],
            "confirmations": confirm.for_log(log, own_phone_hash), "signed_off": bool(log.get("signed_off")),
            **summary(log)}


# --- a worker's backups -----------------------------------------------------------------------------------

def _backup(user_id: int, client_id: str) -> DayLog | None:
    return db.session.scalar(db.select(DayLog).where(DayLog.owner_id == user_id, DayLog.client_id == client_id))


def put_backup(user_id: int, client_id: str, log: dict) -> dict:
    """Keep (or replace) the worker's backup of the log `client_id` names."""
    text = encrypt(json.dumps(_plain(log), ensure_ascii=False))
    row = _backup(user_id, client_id)
    if row is None:
        kept = db.session.scalar(db.select(db.func.count()).select_from(DayLog).where(DayLog.owner_id == user_id))
        if (kept or 0) >= MAX_BACKUPS:
            raise DomainError(f"最多备份 {MAX_BACKUPS} 份记工。", "too_many", 422)
        row = DayLog(owner_id=user_id, client_id=client_id, data_enc=text)
        db.session.add(row)
    else:
        row.data_enc = text
    db.session.commit()
    return get_backup(user_id, client_id)


def get_backup(user_id: int, client_id: str) -> dict:
    row = _backup(user_id, client_id)
    if row is None:
        raise DomainError("没有找到这份记工备份。", "not_found", 404)
    log = _open(row)
    days = date.fromisoformat
    return {**log, "entries": [{**e, "date": days(e["date"])} for e in log["entries"]],
            "client_id": client_id, "updated_at": row.updated_at}


def list_backups(user_id: int) -> list[dict]:
    rows = db.session.scalars(db.select(DayLog).where(DayLog.owner_id == user_id).order_by(DayLog.updated_at.desc()))
    out = []
    for row in rows:
        log = _open(row)
        out.append({"client_id": row.client_id, "site_code": log.get("site_code"), "days": len(log["entries"]),
                    "updated_at": row.updated_at})
    return out
