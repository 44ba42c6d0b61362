"""What the legal-aid figures read: applications received in a period, and the first step of a kind each case took
in it (timeline entries with their times), in the period's offices. Never the case's current stage, nor its current
office: a case counts for the office that held it at the moment counted (a 转办 later moves nothing back)."""
from datetime import datetime

from sqlalchemy import func, or_
from sqlalchemy.orm import lazyload

from ..aid.models import CASE_TYPES, Application, TimelineEntry
from ..clock import aware, china_time
from ..extensions import db
from .registry import Period, Record


def masked_name(name: str) -> str:
    return (name[:1] + "*" * max(len(name) - 1, 1)) if name else ""


def china_day(moment: datetime):
    return china_time(moment).date()


NO_TIMELINE = lazyload(Application.timeline)  # the figures read the steps they need, not every case's timeline
THEN = "stats_office_then"  # set on a case (not a column) by held_then


def _maybe_held(period: Period):
    """Cases the period's offices hold now or may have held (any case ever transferred): `held_then` decides."""
    transferred = db.select(TimelineEntry.application_id).where(TimelineEntry.action == "transfer")
    return or_(Application.office_id.in_(period.offices), Application.id.in_(transferred))


def held_then(period: Period, rows: list[tuple[datetime, Application]]) -> list[tuple[datetime, Application]]:
    """The (when, case) rows whose case was in the period's offices at that moment."""
    ids = {a.id for _, a in rows}
    moves: dict[int, list[tuple[datetime, int | None]]] = {}
    if ids:
        for aid, at, detail in db.session.execute(db.select(
                TimelineEntry.application_id, TimelineEntry.at, TimelineEntry.detail).where(
                TimelineEntry.action == "transfer", TimelineEntry.application_id.in_(ids)).order_by(TimelineEntry.id)):
            moves.setdefault(aid, []).append((aware(at), (detail or {}).get("from_office_id")))
    offices, kept = set(db.session.scalars(period.offices)), []
    for at, a in rows:
        then = office_at(a, at, moves.get(a.id, []))
        if then in offices:
            setattr(a, THEN, then)  # the drill-down names the office that held it then (record())
            kept.append((at, a))
    return kept


def office_at(application: Application, moment: datetime, transfers: list[tuple[datetime, int | None]]) -> int:
    """The office that held the case at `moment`: the one it left at the first transfer after, else its own now."""
    later = [from_id for at, from_id in transfers if at > moment and from_id is not None]
    return later[0] if later else application.office_id


def received(period: Period) -> list[Application]:
    """Applications received (created) in the period, in its offices then, oldest first."""
    rows = db.session.scalars(db.select(Application).options(NO_TIMELINE).where(
        _maybe_held(period), Application.created_at >= period.start,
        Application.created_at < period.end).order_by(Application.created_at, Application.id))
    return [a for _, a in held_then(period, [(a.created_at, a) for a in rows])]


def first_steps(period: Period, *actions: str) -> list[tuple[datetime, Application]]:
    """(when, case) for each case whose first step of one of `actions` falls in the period, in its offices."""
    first = (db.select(TimelineEntry.application_id.label("aid"), func.min(TimelineEntry.at).label("at"))
             .where(TimelineEntry.action.in_(actions)).group_by(TimelineEntry.application_id).subquery())
    rows = db.session.execute(db.select(first.c.at, Application).options(NO_TIMELINE)
                              .join(first, first.c.aid == Application.id).where(
        _maybe_held(period), first.c.at >= period.start, first.c.at < period.end)
        .order_by(first.c.at, Application.id)).all()
    return held_then(period, [(aware(at), application) for at, application in rows])


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
                  detail, application.code, getattr(application, THEN, application.office_id), amount)


def by_case_type(applications) -> dict[str, int]:
    counts = {key: 0 for key in CASE_TYPES}
    for application in applications:
        counts[application.case_type] = counts.get(application.case_type, 0) + 1
    return counts
