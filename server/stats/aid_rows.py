"""What the legal-aid figures read: applications received in a period, and the first step of a kind each case took
in it (timeline entries with their times), in the period's offices. Never the case's current stage."""
from datetime import datetime

from sqlalchemy import func

from ..aid.models import CASE_TYPES, Application, TimelineEntry
from ..clock import aware, china_time
from ..extensions import db
from .registry import Period, Record


def masked_name(name: str) -> str:
    return (name[:1] + "*" * max(len(name) - 1, 1)) if name else ""


def china_day(moment: datetime):
    return china_time(moment).date()


def received(period: Period) -> list[Application]:
    """Applications received (created) in the period, in its offices, oldest first."""
    return list(db.session.scalars(db.select(Application).where(
        Application.office_id.in_(period.offices), Application.created_at >= period.start,
        Application.created_at < period.end).order_by(Application.created_at, Application.id)))


def first_steps(period: Period, *actions: str) -> list[tuple[datetime, Application]]:
    """(when, case) for each case whose first step of one of `actions` falls in the period, in its offices."""
    first = (db.select(TimelineEntry.application_id.label("aid"), func.min(TimelineEntry.at).label("at"))
             .where(TimelineEntry.action.in_(actions)).group_by(TimelineEntry.application_id).subquery())
    rows = db.session.execute(db.select(first.c.at, Application).join(first, first.c.aid == Application.id).where(
        Application.office_id.in_(period.offices), first.c.at >= period.start, first.c.at < period.end)
        .order_by(first.c.at, Application.id)).all()
    return [(aware(at), application) for at, application in rows]


def first_step_at(application_ids, *actions: str) -> dict[int, datetime]:
    """When each of these cases first took one of `actions` (at any time)."""
    if not application_ids:
        return {}
    rows = db.session.execute(db.select(TimelineEntry.application_id, func.min(TimelineEntry.at)).where(
        TimelineEntry.action.in_(actions), TimelineEntry.application_id.in_(list(application_ids)))
        .group_by(TimelineEntry.application_id)).all()
    return {aid: aware(at) for aid, at in rows}


def record(application: Application, at: datetime, detail: str = "", amount: int | None = None) -> Record:
    return Record("aid_application", application.id, china_time(at),
                  f"{masked_name(application.applicant_name)} · {CASE_TYPES.get(application.case_type, '')}",
                  detail, application.code, application.office_id, amount)


def by_case_type(applications) -> dict[str, int]:
    counts = {key: 0 for key in CASE_TYPES}
    for application in applications:
        counts[application.case_type] = counts.get(application.case_type, 0) + 1
    return counts
