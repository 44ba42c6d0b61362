"""A case's hearings and deadlines (issue 21): a 调解, 开庭 or 仲裁 date with its place.

Staff of the case's office (or above) and the assigned lawyer record them (`add`, audited as "hearing", never
with the words) and list them (`for_case`, an audited read of the case); the lawyer's 我的日程 lists the coming
ones across their open cases (`mine`); each is an .ics for the phone's calendar (`calendar`, an audited read).
The worker's tracking answer shows the next one (`next_for_worker`): its kind, time and place, nothing else.

A handler may change one (`change`: date, time, place, kind, note) or cancel it (`cancel`): the row stays, with
when and by whom, struck through on the case's list, gone from 我的日程 and the worker's page; each change or the
cancellation raises the event's SEQUENCE, and a cancelled one's .ics says STATUS:CANCELLED, so a phone that
imports it again replaces or drops its copy. Both audited (what changed, never the words).

The .ics (RFC 5545) names the case by the worker's name and its type only ("调解：张三欠薪案"): no phone, no ID
number, no tracking code, no note; its lines end in CRLF and are folded at 75 octets, never inside a character.
"""
from datetime import datetime, timezone

from ...accounts.audit import record_view
from ...accounts.models import ROLE_NAMES, User
from ...clock import aware, china_time, utcnow
from ...errors import DomainError, NotFound
from ...extensions import db
from ..access import application_for_handler, case_role, read_case
from ..models import Application, Hearing
from .rows import is_open

KINDS = {"mediation": "调解", "hearing": "开庭", "arbitration": "仲裁"}
PLACE_MAX = 200
NOTE_MAX = 2000
CHANGEABLE = ("kind", "starts_at", "place", "note")


def _title(hearing: Hearing, application: Application) -> str:
    return f"{KINDS[hearing.kind]}：{application.applicant_name}{application.case_type_label}案"


def _out(hearing: Hearing, application: Application) -> dict:
    by = db.session.get(User, hearing.cancelled_by) if hearing.cancelled_by else None
    return {"id": hearing.id, "application_id": application.id, "kind": hearing.kind,
            "kind_label": KINDS[hearing.kind], "starts_at": aware(hearing.starts_at), "place": hearing.place,
            "note": hearing.note, "cancelled": hearing.cancelled, "title": _title(hearing, application),
            "coming": aware(hearing.starts_at) >= utcnow(),
            "cancelled_at": aware(hearing.cancelled_at) if hearing.cancelled_at else None,
            "cancelled_by": f"{by.display_name}（{ROLE_NAMES.get(by.role, by.role)}）" if by else None}


def add(application_id: int, user: User, data: dict) -> int:
    """A new hearing on the case, by one of its handlers; one unit of work. Its id (what an Idempotency-Key keeps).
    A date already past is taken: a hearing may be recorded after the fact."""
    application = application_for_handler(application_id, user)
    hearing = Hearing(application_id=application.id, kind=data["kind"], starts_at=data["starts_at"],
                      place=data["place"].strip(), note=(data.get("note") or "").strip(), created_by=user.id)
    db.session.add(hearing)
    db.session.flush()
    record_view(user, "hearing", "aid_hearing", hearing.id,
                {"kind": hearing.kind, "why": case_role(user, application)})
    db.session.commit()
    return hearing.id


def answer(application_id: int, hearing_id: int, user: User) -> dict:
    """The hearing just recorded (and to a retry of the same key), for whoever still handles the case."""
    application = application_for_handler(application_id, user)
    return _out(_hearing(application, hearing_id), application)


def change(application_id: int, hearing_id: int, user: User, data: dict) -> dict:
    """改期: a handler changes a hearing's kind, date and time, place or note; one unit of work. A change to what it
    already says changes nothing (a retry is harmless); a cancelled one is not changed (record a new one)."""
    application = application_for_handler(application_id, user)
    hearing = _hearing(application, hearing_id)
    if hearing.cancelled:
        raise DomainError("这次开庭或调解已经取消了，不能再改；要另定日期，请重新记一次。", "hearing_cancelled", 409)
    changed = []
    for name in CHANGEABLE:
        if name not in data:
            continue
        value = data[name].strip() if isinstance(data[name], str) and name != "kind" else data[name]
        old = aware(hearing.starts_at) if name == "starts_at" else getattr(hearing, name)
        if value != old:
            setattr(hearing, name, value)
            changed.append(name)
    if changed:
        hearing.sequence = (hearing.sequence or 0) + 1
        record_view(user, "hearing_change", "aid_hearing", hearing.id,
                    {"kind": hearing.kind, "fields": changed, "why": case_role(user, application)})
        db.session.commit()
    return _out(hearing, application)


def cancel(application_id: int, hearing_id: int, user: User) -> dict:
    """取消: kept, with when and by whom; a second cancel answers as the first (nothing more is written)."""
    application = application_for_handler(application_id, user)
    hearing = _hearing(application, hearing_id)
    if not hearing.cancelled:
        hearing.cancelled, hearing.cancelled_at, hearing.cancelled_by = True, utcnow(), user.id
        hearing.sequence = (hearing.sequence or 0) + 1
        record_view(user, "hearing_cancel", "aid_hearing", hearing.id,
                    {"kind": hearing.kind, "why": case_role(user, application)})
        db.session.commit()
    return _out(hearing, application)


def _hearing(application: Application, hearing_id: int) -> Hearing:
    hearing = db.session.get(Hearing, hearing_id)
    if hearing is None or hearing.application_id != application.id:
        raise NotFound("没有这次开庭或调解的记录。", "hearing_not_found")
    return hearing


def for_case(application_id: int, user: User) -> dict:
    """The case's hearings in time order: an audited read of the case."""
    application = read_case(user, application_id, "hearings")
    found = db.session.scalars(db.select(Hearing).where(Hearing.application_id == application.id)
                               .order_by(Hearing.starts_at, Hearing.id))
    return {"items": [_out(h, application) for h in found]}


def mine(user: User) -> dict:
    """我的日程: the coming hearings of the lawyer's open cases, soonest first (an audited read)."""
    rows = db.session.execute(
        db.select(Hearing, Application).join(Application, Application.id == Hearing.application_id)
        .where(Application.lawyer_id == user.id, is_open(), Hearing.cancelled.is_(False),
               Hearing.starts_at >= utcnow()).order_by(Hearing.starts_at, Hearing.id).limit(200)).all()
    record_view(user, "schedule", "user", user.id, {"count": len(rows), "why": "assigned_lawyer"})
    db.session.commit()
    return {"items": [_out(h, a) for h, a in rows]}


def next_for_worker(application: Application) -> dict | None:
    """The next coming hearing of the case, as the worker's tracking page says it: kind, time, place."""
    hearing = db.session.scalars(db.select(Hearing).where(
        Hearing.application_id == application.id, Hearing.cancelled.is_(False), Hearing.starts_at >= utcnow())
        .order_by(Hearing.starts_at, Hearing.id)).first()
    if hearing is None:
        return None
    return {"kind_label": KINDS[hearing.kind], "starts_at": aware(hearing.starts_at), "place": hearing.place}


def calendar(application_id: int, hearing_id: int, user: User) -> str:
    """The hearing as an RFC 5545 calendar (text/calendar): an audited read of the case."""
    application = read_case(user, application_id, "calendar", ("aid_hearing", hearing_id))
    hearing = _hearing(application, hearing_id)
    start = aware(hearing.starts_at)
    local = china_time(start).strftime("%Y年%m月%d日 %H:%M")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//gongyou-fayuan//hearings//ZH", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", "BEGIN:VEVENT", f"UID:hearing-{hearing.id}@gongyou-fayuan",
             f"DTSTAMP:{_utc(utcnow())}", f"SEQUENCE:{hearing.sequence or 0}", f"DTSTART:{_utc(start)}",
             f"SUMMARY:{_escape(_title(hearing, application))}", f"LOCATION:{_escape(hearing.place)}",
             f"DESCRIPTION:{_escape(f'北京时间 {local}，地点：{hearing.place}')}",
             "STATUS:CANCELLED" if hearing.cancelled else "STATUS:CONFIRMED", "END:VEVENT", "END:VCALENDAR"]
    return "".join(_fold(line) + "\r\n" for line in lines)


def _utc(moment: datetime) -> str:
    return aware(moment).astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _escape(text: str) -> str:
    """RFC 5545 TEXT: backslash, semicolon and comma escaped, line breaks as an escaped n."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _fold(line: str) -> str:
    """Lines of at most 75 octets; a continuation starts with one space; a UTF-8 character is never split."""
    out: list[str] = []
    current, size = "", 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        limit = 75 if not out else 74  # a continuation line's leading space is one of its 75 octets
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += ch
        size += width
    out.append(current)
    return "\r\n ".join(out)
