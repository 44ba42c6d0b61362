"""What the office's screens ask of events: every event in every state, copies, volunteers by name,
debrief histories and the debriefs of a period side by side."""
from datetime import date, datetime, time, timedelta

from sqlalchemy import func

from ..accounts.audit import record_view
from ..accounts.models import User
from ..clock import CHINA, china_midnight, utcnow
from ..extensions import db
from ..offices import scope
from ..pii import mask_numbers
from .models import DEBRIEF_FIELDS, KINDS, Event, EventReport, EventReportVersion
from .service import EDITABLE, office_of

# The office's filters: a state as the office says it, not the column (past = published, over).
FILTERS = ("draft", "published", "past", "cancelled")


def list_events(reader: User, status: str | None = None, created_by: int | None = None, q: str = ""):
    """A query over the events of the reader's office and its subtree for the office list; upcoming ones soonest
    first, the rest latest first."""
    query = scope.within(db.select(Event), Event.office_id, reader)
    today = china_midnight(utcnow())
    if status == "published":
        query = query.where(Event.status == "published", Event.starts_at >= today)
    elif status == "past":
        query = query.where(Event.status == "published", Event.starts_at < today)
    elif status:
        query = query.where(Event.status == status)
    if created_by is not None:
        query = query.where(Event.created_by == created_by)
    if q:
        query = query.where(Event.title.contains(q))
    if status in ("draft", "published"):
        return query.order_by(Event.starts_at, Event.id)
    return query.order_by(Event.starts_at.desc(), Event.id.desc())


def duplicate(event: Event, user_id: int) -> Event:
    """The same event again as a new draft (the same lecture at another site): no volunteers, no people; made,
    as any new event, in the office of whoever copies it."""
    copy = Event(**{k: getattr(event, k) for k in EDITABLE}, status="draft", created_by=user_id,
                 office_id=office_of(user_id))
    db.session.add(copy)
    db.session.commit()
    return copy


def people(user_ids) -> list[dict]:
    """Accounts as the office's screens name them: id and name, in the order given."""
    ids = list(user_ids)
    rows = db.session.execute(db.select(User.id, User.display_name).where(User.id.in_(ids))).all()
    names: dict[int, str] = {row.id: row.display_name for row in rows}
    return [{"id": i, "display_name": names.get(i, "")} for i in ids if i in names]


def find_volunteers(actor: User, q: str = "", limit: int = 50) -> list[User]:
    """Active volunteer accounts of the actor's office and its subtree whose name or username holds `q` (phones
    masked); the look-up is logged."""
    query = scope.within(db.select(User), User.office_id, actor).where(User.role == "volunteer",
                                                                       User.active.is_(True))
    if q:
        query = query.where(User.display_name.contains(q) | User.username.contains(q.lower()))
    record_view(actor, "list", "user", "*", {"role": "volunteer", "q": mask_numbers(q)})
    db.session.commit()
    return list(db.session.scalars(query.order_by(User.display_name, User.id).limit(limit)))


def versions(event: Event) -> list[dict]:
    """Every debrief sent for the event, newest first, with who sent it."""
    rows = db.session.scalars(db.select(EventReportVersion).where(EventReportVersion.event_id == event.id)
                              .order_by(EventReportVersion.version.desc())).all()
    names = {p["id"]: p for p in people({r.submitted_by for r in rows if r.submitted_by})}
    return [{**{k: getattr(r, k) for k in DEBRIEF_FIELDS}, "event_id": r.event_id, "version": r.version,
             "submitted_at": r.submitted_at, "submitted_by": names.get(r.submitted_by)} for r in rows]


def _china_day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=CHINA)


def edits(sent: int | None) -> int:
    """How often a debrief was changed after it was first sent: what both the page and the Excel call 改过几次."""
    return max((sent or 1) - 1, 0)


def across(reader: User, since: date, until: date) -> list[dict]:
    """The latest debrief of every event of the reader's office and its subtree that started in [since, until]
    (China days), latest event first."""
    counts = (db.select(EventReportVersion.event_id, func.count().label("n"))
              .group_by(EventReportVersion.event_id).subquery())
    rows = db.session.execute(
        db.select(Event, EventReport, counts.c.n)
        .join(EventReport, EventReport.event_id == Event.id)
        .outerjoin(counts, counts.c.event_id == Event.id)
        .where(Event.starts_at >= _china_day_start(since),
               Event.starts_at < _china_day_start(until + timedelta(days=1)),
               Event.office_id.in_(scope.visible_offices(reader)))
        .order_by(Event.starts_at.desc(), Event.id.desc())).all()
    names = {p["id"]: p for p in people({r.submitted_by for _e, r, _n in rows if r.submitted_by})}
    return [{**{k: getattr(r, k) for k in DEBRIEF_FIELDS}, "event_id": e.id, "event_title": e.title,
             "kind": e.kind, "kind_label": KINDS.get(e.kind, e.kind), "place": e.place, "starts_at": e.starts_at,
             "status": e.status, "versions": n or 1, "edits": edits(n), "submitted_at": r.updated_at,
             "submitted_by": names.get(r.submitted_by)} for e, r, n in rows]
