"""Event rules: publishing an event, its volunteers, and who may run it.

An event belongs to its creator's office: the office's screens, its volunteers' rosters and sync reach it only from
that office or one above it (offices/scope.py; 404 outside, as if there were no such event). The public list and
an event's public page are not scoped: workers belong to no office.

Sign-up, check-in and the roster are in `signups.py`, the debrief in `debriefs.py`.
"""
from sqlalchemy import text

from .. import site_links
from ..accounts.models import User
from ..clock import aware, china_midnight, utcnow
from ..db import MAX_ID
from ..errors import DomainError, NotFound
from ..extensions import db
from ..offices import scope
from ..roles import OFFICE_ROLES
from . import quiz
from .models import KINDS, Event, EventVolunteer

EDITABLE = ("title", "kind", "starts_at", "ends_at", "place", "site_code", "capacity", "description")
# Which status an event may move to from each status.
TRANSITIONS = {"draft": {"published", "cancelled"}, "published": {"cancelled", "draft"}, "cancelled": set()}


def _not_found() -> NotFound:
    return NotFound("没有找到这场活动。", code="event_not_found")


def get_event(event_id: int, public: bool = False) -> Event:
    event = db.session.get(Event, event_id) if 0 < event_id <= MAX_ID else None
    if event is None or (public and event.status == "draft"):
        raise _not_found()
    return event


def office_event(event_id: int, user) -> Event:
    """The event, if it lies in `user`'s office or its subtree (404 otherwise, as for no event)."""
    event = get_event(event_id)
    if not scope.sees(user, event.office_id):
        raise _not_found()
    return event


def office_of(user_id: int | None) -> int:
    """The office an event made by `user_id` belongs to: theirs; the default office when made by no account."""
    office_id = db.session.scalar(db.select(User.office_id).where(User.id == user_id)) if user_id else None
    return office_id or scope.default_office_id()


def list_events(statuses=("published",), upcoming_only=True, volunteer_id=None, reader=None):
    """A query over events, soonest first; the route pages it (server/paging.py). With `reader`, only the events
    of the reader's office and its subtree (the public list, for workers, passes none)."""
    q = db.select(Event).where(Event.status.in_(statuses))
    if reader is not None:
        q = scope.within(q, Event.office_id, reader)
    if upcoming_only:
        # "From today on" as the workers count days: midnight in China, not in UTC.
        today = china_midnight(utcnow())
        q = q.where(Event.starts_at >= today)
    if volunteer_id is not None:
        q = q.join(EventVolunteer).where(EventVolunteer.user_id == volunteer_id)
    return q.order_by(Event.starts_at, Event.id)


def _check_times(event: Event):
    if event.kind not in KINDS:
        raise DomainError("活动类型不对。", code="bad_kind", errors={"json": {"kind": ["只能选给出的类型之一。"]}})
    if event.ends_at and aware(event.ends_at) <= aware(event.starts_at):
        raise DomainError("结束时间要晚于开始时间。", code="bad_times",
                          errors={"json": {"ends_at": ["要晚于开始时间。"]}})


def create_event(data: dict, user_id: int | None) -> Event:
    data = {**data, "site_code": site_links.event_site_code(data.get("site_code"))}  # a site's code, or none
    event = Event(**{k: data.get(k) for k in EDITABLE}, status=data.get("status", "draft"), created_by=user_id,
                  office_id=office_of(user_id))
    event.description = event.description or ""
    _check_times(event)
    db.session.add(event)
    quiz.configure(event, data.get("quiz"))
    db.session.commit()
    return event


def update_event(event: Event, data: dict) -> Event:
    if "site_code" in data and data["site_code"] != event.site_code:
        data = {**data, "site_code": site_links.event_site_code(data["site_code"])}  # a site's code, or none
    for k in EDITABLE:
        if k in data:
            setattr(event, k, data[k])
    new_status = data.get("status")
    if new_status and new_status != event.status:
        if new_status not in TRANSITIONS[event.status]:
            raise DomainError(f"活动当前是「{event.status}」，不能改成「{new_status}」。", code="bad_transition")
        event.status = new_status
    _check_times(event)
    if "quiz" in data:
        quiz.configure(event, data["quiz"])
    db.session.commit()
    return event


def set_volunteers(event: Event, user_ids: list[int]) -> Event:
    found = {u.id: u for u in db.session.scalars(db.select(User).where(User.id.in_(user_ids)))}
    # A volunteer of the event's office, or of one above it (who sees it): never a sibling office's.
    wrong = [i for i in user_ids if i not in found or found[i].role != "volunteer" or not found[i].active
             or not scope.sees(found[i], event.office_id)]
    if wrong:
        raise DomainError(f"这些编号不是在用的志愿者账号：{', '.join(map(str, wrong))}。", code="not_volunteers",
                          errors={"json": {"user_ids": ["只能选在用的志愿者账号。"]}})
    event.volunteers = [EventVolunteer(event_id=event.id, user_id=u) for u in dict.fromkeys(user_ids)]
    db.session.commit()
    return event


def is_volunteer(event: Event, user_id: int) -> bool:
    return any(v.user_id == user_id for v in event.volunteers)


def check_organiser(event: Event, user) -> None:
    """Who may run an event (its roster, sheets, debrief, check-ins): the office, or its volunteers; either only
    from the event's office or one above it (404 for anyone else, as for no event)."""
    if not scope.sees(user, event.office_id):
        raise _not_found()
    if user.role not in OFFICE_ROLES and not is_volunteer(event, user.id):
        raise DomainError("你不是这场活动的志愿者，不能管理它。请联系工作人员。", code="not_your_event", status=403)


def organiser_event(event_id: int, user) -> Event:
    """The event, if `user` may run it (see check_organiser)."""
    event = get_event(event_id)
    check_organiser(event, user)
    return event


def lock_event(event_id: int) -> None:
    """Hold the event's row until commit, on both databases.

    A no-op UPDATE rather than SELECT ... FOR UPDATE: SQLite has no row locks, but an UPDATE takes
    its write lock before we count. `capacity` is not a key column, so on PostgreSQL this takes
    FOR NO KEY UPDATE, which sign-ups wait on and attendee inserts (their foreign-key checks) don't.
    """
    db.session.execute(text("UPDATE events SET capacity = capacity WHERE id = :id"), {"id": event_id})
