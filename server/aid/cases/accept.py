"""The office's deadline for a lawyer to accept an assignment (issue 21): each office sets its days (offices'
`accept_days`, 1 to 30, 3 by default); a case still 已指派律师 after them shows to staff as overdue.

It is the office's own rule, not a statute: the Art. 43 clocks (clocks.py) and the stored `due_on` are untouched.
Counted as every clock here is, in China calendar days: assigned on the 1st with 2 days, due on the 3rd, overdue
from the 4th (an assignment at 23:30 China time is that day's). The count starts at the latest assignment
(指派 or 改派: a reassignment starts it again) and uses the days of the office handling the case now (after a
transfer, the new office's). Only staff see it; it is never a text or a line for the worker.
"""
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import and_, case, false, func, literal

from ...clock import CHINA, UTCDateTime
from ...extensions import db
from ...offices.models import ACCEPT_DAYS_DEFAULT, ACCEPT_DAYS_MAX, Office
from ..models import Application, TimelineEntry
from . import clocks

ASSIGNING = ("assign", "reassign")
LABEL = "律师超过{days}天未接受指派"


def label(days: int) -> str:
    return LABEL.format(days=days)


def assigned_moment(application: Application) -> datetime | None:
    """The latest 指派 or 改派 of the case (its timeline, loaded with it)."""
    moments = [e.at for e in application.timeline if e.action in ASSIGNING and e.at is not None]
    return max(moments) if moments else None


def clock(application: Application, days: int, on: date) -> clocks.Clock | None:
    """The case's accept deadline while it waits for the lawyer to accept (None otherwise)."""
    moment = assigned_moment(application) if application.stage == "assigned" else None
    if moment is None:
        return None
    assigned_on = clocks.day_of(moment)
    assert assigned_on is not None
    due = assigned_on + timedelta(days=days)
    left = (due - on).days
    how = (f"{assigned_on} 指派律师；本机构规定律师在 {days} 日内接受指派，到 {due}。这是机构自己的办案要求，"
           "不是法定期限；过了还没接受的，请联系律师，或者改派。")
    return clocks.Clock("accept", "律师接受指派期限", due, left, left < 0, False, how)


def office_days(office_ids: set[int]) -> dict[int, int]:
    """{office id: its accept days} for the offices named."""
    if not office_ids:
        return {}
    found = db.session.execute(db.select(Office.id, Office.accept_days).where(Office.id.in_(office_ids)))
    return {office_id: days for office_id, days in found}


def flags(applications: Sequence[Application], on: date, staff: bool) -> dict[int, dict]:
    """{case id: {accept_overdue, accept_overdue_label}} for a list's rows: shown to staff only."""
    days = office_days({a.office_id for a in applications if a.stage == "assigned"}) if staff else {}
    out = {}
    for a in applications:
        running = clock(a, days.get(a.office_id, ACCEPT_DAYS_DEFAULT), on) if staff else None
        late = running is not None and running.overdue
        out[a.id] = {"accept_overdue": late,
                     "accept_overdue_label": label(days.get(a.office_id, ACCEPT_DAYS_DEFAULT)) if late else None}
    return out


def for_case(application: Application, on: date) -> tuple[clocks.Clock | None, str | None]:
    """The case view's accept clock (while 已指派律师) and, once it has run out, staff's alert."""
    office = db.session.get(Office, application.office_id)
    days = office.accept_days if office else ACCEPT_DAYS_DEFAULT
    running = clock(application, days, on)
    if running is None or not running.overdue:
        return running, None
    return running, f"{label(days)}（到 {running.due_on} 为止）：请联系律师问清楚，不能接的及时改派。"


def _cutoff(on: date, days: int) -> datetime:
    """An assignment before this moment (China midnight starting the day `days` before `on`) is overdue on `on`."""
    day = on - timedelta(days=days)
    return datetime(day.year, day.month, day.day, tzinfo=CHINA)


def overdue(on: date, staff: bool = True):
    """The inbox's SQL condition: 已指派律师, and the latest assignment older than the handling office's days."""
    if not staff:
        return false()
    latest = db.select(func.max(TimelineEntry.at)).where(
        TimelineEntry.application_id == Application.id, TimelineEntry.action.in_(ASSIGNING)) \
        .correlate(Application).scalar_subquery()
    days = db.select(Office.accept_days).where(Office.id == Application.office_id) \
        .correlate(Application).scalar_subquery()
    cutoff = case({d: literal(_cutoff(on, d), UTCDateTime()) for d in range(1, ACCEPT_DAYS_MAX + 1)}, value=days)
    return and_(Application.stage == "assigned", latest < cutoff)
