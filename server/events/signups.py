"""Sign-up (one attendee per phone per event), check-in, the roster and the attendance sheets."""
import secrets
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..accounts.audit import record_view
from ..clock import aware, utcnow
from ..errors import DomainError, NotFound
from ..extensions import db
from ..pii import InvalidPhone, encrypt, lookup_hash, mask_phone, normalise_phone
from . import quiz
from .models import Attendee, CheckIn, Event
from .service import lock_event

ROSTER_OVERLAP = timedelta(seconds=30)


def _phone(raw: str) -> str:
    try:
        return normalise_phone(raw)
    except InvalidPhone as exc:
        raise DomainError(str(exc), code="bad_phone", errors={"json": {"phone": [str(exc)]}}) from None


def find_attendee(event_id: int, phone: str) -> Attendee | None:
    return db.session.scalar(db.select(Attendee).where(
        Attendee.event_id == event_id, Attendee.phone_hash == lookup_hash(phone)))


def register(event: Event, name: str, phone_raw: str, employer="", site="", source="online",
             enforce_capacity=True) -> tuple[Attendee, bool]:
    """Sign someone up; the same phone at the same event is the same attendee. Returns (attendee, created).

    Safe when the same phone arrives twice at once (two keys, two devices): the insert is
    "insert, or nothing if this phone is already there", and the loser reads the winner's row.
    With a capacity, the count and the insert happen under the event's row lock, so 30 people
    racing for the last 10 places leave 10 attendees, not 16.
    """
    if event.status != "published":
        raise DomainError("这场活动现在不能报名（可能已取消或还没发布）。", code="event_closed")
    phone = _phone(phone_raw)
    existing = find_attendee(event.id, phone)
    if existing:
        return existing, False
    name = (name or "").strip()
    if not name:
        raise DomainError("请填写姓名。", code="bad_name", errors={"json": {"name": ["必须填写。"]}})
    if enforce_capacity and event.capacity is not None:
        lock_event(event.id)
        existing = find_attendee(event.id, phone)  # signed up while we waited for the lock
        if existing:
            return existing, False
        if headcount(event)["registered"] >= event.capacity:
            raise DomainError("这场活动名额已满。可以到现场找志愿者登记。", code="event_full")
    values = _attendee_values(event, name, phone, employer, site, source)
    insert = _dialect_insert()(Attendee).values(**values)
    new_id = db.session.execute(insert.on_conflict_do_nothing(index_elements=["event_id", "phone_hash"])
                                .returning(Attendee.id)).scalar()
    if new_id is None:  # another request signed this phone up a moment ago
        return find_attendee(event.id, phone), False  # type: ignore[return-value]  # the row that conflicted
    return db.session.get(Attendee, new_id), True  # type: ignore[return-value]  # inserted just now


def new_attendee(event: Event, name: str, phone_raw: str, employer="", site="", source="online") -> Attendee:
    """A new attendee, checked as register() checks one, neither added nor written: for a caller that
    has looked the phone up itself under its own lock and writes many at once (a sync batch). Should
    the phone be signed up elsewhere meanwhile, the write fails the (event, phone) unique key."""
    if event.status != "published":
        raise DomainError("这场活动现在不能报名（可能已取消或还没发布）。", code="event_closed")
    phone = _phone(phone_raw)
    name = (name or "").strip()
    if not name:
        raise DomainError("请填写姓名。", code="bad_name", errors={"json": {"name": ["必须填写。"]}})
    return Attendee(**_attendee_values(event, name, phone, employer, site, source))


def _attendee_values(event: Event, name: str, phone: str, employer: str, site: str, source: str) -> dict:
    return dict(event_id=event.id, name=name[:40], phone_hash=lookup_hash(phone), phone_enc=encrypt(phone),
                phone_last4=phone[-4:], employer=(employer or "")[:120], site=(site or "")[:120],
                qr_token=secrets.token_urlsafe(16), source=source)


def _dialect_insert():
    return pg_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert


def sign_up(event: Event, data: dict) -> tuple[Attendee, bool]:
    attendee, created = register(event, data.get("name", ""), data.get("phone", ""), data.get("employer", ""),
                                 data.get("site", ""))
    db.session.commit()
    return attendee, created


def get_attendee(attendee_id: int) -> Attendee:
    attendee = db.session.get(Attendee, attendee_id)
    if attendee is None:
        raise NotFound("没有找到这个报名。", code="signup_not_found")
    return attendee


def attendee_by_token(token: str) -> tuple[Attendee, Event]:
    attendee = db.session.scalar(db.select(Attendee).where(Attendee.qr_token == token))
    if attendee is None:
        raise NotFound("没有找到这个报名。", code="signup_not_found")
    event = db.session.get(Event, attendee.event_id)
    assert event is not None  # the attendee's event_id is a foreign key
    return attendee, event


def signup_view(attendee: Attendee, event: Event) -> dict:
    return {"attendee_id": attendee.id, "event_id": event.id, "name": attendee.name,
            "phone_masked": mask_phone(attendee.phone_last4), "qr_token": attendee.qr_token,
            "checked_in": attendee.checkin is not None, "event_title": event.title,
            "starts_at": event.starts_at, "place": event.place}


def check_in(attendee: Attendee, *, device_id: str, device_time: datetime, operation_id: str, method: str,
             user_id: int | None, locked: bool = False) -> tuple[CheckIn, bool]:
    """Record the check-in once; a later report from another device only moves it earlier.

    `locked`: the caller has already locked this attendee's check-in row and loaded it (the sync
    batch does so for all its attendees in one statement); otherwise it is locked here.
    """
    current = attendee.checkin if locked else db.session.scalar(
        db.select(CheckIn).where(CheckIn.attendee_id == attendee.id).with_for_update())
    if current is not None:
        if aware(device_time) < aware(current.device_time):
            current.device_time, current.device_id, current.method = device_time, device_id, method
            attendee.updated_at = utcnow()
        return current, False
    checkin = CheckIn(event_id=attendee.event_id, device_id=device_id, device_time=device_time,
                      operation_id=operation_id, method=method, by_user_id=user_id)
    attendee.checkin = checkin  # inserted with the rest of the batch at commit
    attendee.updated_at = utcnow()
    return checkin, True


def headcount(event: Event) -> dict:
    registered = db.session.scalar(db.select(func.count(Attendee.id)).where(Attendee.event_id == event.id))
    checked_in = db.session.scalar(db.select(func.count(CheckIn.id)).where(CheckIn.event_id == event.id))
    walkins = db.session.scalar(db.select(func.count(Attendee.id)).where(
        Attendee.event_id == event.id, Attendee.source == "walkin"))
    return {"event_id": event.id, "registered": registered, "checked_in": checked_in, "walk_ins": walkins,
            "capacity": event.capacity}


def roster(event: Event, since: datetime | None, viewer) -> dict:
    """Attendees changed at or after `since` (all when None), and the cursor for next time.

    Names and phone endings are personal data: every download is logged.
    """
    record_view(viewer, "roster", "event", event.id, detail={"since": since.isoformat() if since else None})
    db.session.commit()
    # The cursor is the time of this download. A row stamped a moment before it but committed a
    # moment after must not be missed next time, so the next download goes back a little
    # further; the device merges rows by id, so the repeats are harmless.
    cursor = utcnow()
    q = db.select(Attendee).where(Attendee.event_id == event.id)
    if since is not None:
        q = q.where(Attendee.updated_at >= since - ROSTER_OVERLAP)
    attendees = db.session.scalars(q.order_by(Attendee.updated_at, Attendee.id)).unique().all()
    results = quiz.results_by_attendee(a.id for a in attendees)
    return {"event_id": event.id, "full": since is None, "cursor": cursor, "attendees": [{
        **quiz.roster_fields(results.get(a.id)),
        "id": a.id, "name": a.name, "phone_last4": a.phone_last4, "phone_masked": mask_phone(a.phone_last4),
        "employer": a.employer, "site": a.site, "qr_token": a.qr_token, "source": a.source,
        "checked_in": a.checkin is not None,
        "checked_in_at": a.checkin.device_time if a.checkin else None} for a in attendees]}


def attendance_rows(event: Event, viewer, kind: str) -> list[dict]:
    record_view(viewer, f"attendance.{kind}", "event", event.id)
    db.session.commit()
    attendees = db.session.scalars(db.select(Attendee).where(Attendee.event_id == event.id)
                                   .order_by(Attendee.created_at, Attendee.id)).unique().all()
    return [{"n": i, "name": a.name, "phone": mask_phone(a.phone_last4), "employer": a.employer, "site": a.site,
             "source": a.source, "checked_in_at": a.checkin.device_time if a.checkin else None}
            for i, a in enumerate(attendees, 1)]
