"""The debrief after an event: saved as it stands, with a version each time its words or figures change."""
from sqlalchemy import func

from ..clock import utcnow
from ..extensions import db
from .models import DEBRIEF_FIELDS, Event, EventReport, EventReportVersion
from .service import lock_event


def save_report(event: Event, data: dict, user_id: int | None) -> EventReport:
    """The debrief as it stands now, and a new version of it when its words or figures changed.

    The same words sent again (the outbox retrying, a double tap) are not a new version. Under
    the event's row lock, so two volunteers sending at once get versions 2 and 3, not two 2s.
    """
    lock_event(event.id)
    report = db.session.scalar(db.select(EventReport).where(EventReport.event_id == event.id))
    if report is None:
        report = EventReport(event_id=event.id, worry="", urgent_problem="", service_suggestion="",
                             next_event_suggestion="", people_reached=0, leaflets_given=0)
        db.session.add(report)
    for k in DEBRIEF_FIELDS:
        if k in data:
            setattr(report, k, data[k])
    report.submitted_by = user_id
    last = db.session.scalar(db.select(EventReportVersion).where(EventReportVersion.event_id == event.id)
                             .order_by(EventReportVersion.version.desc()).limit(1))
    same = last is not None and last.submitted_by == user_id and all(
        getattr(last, k) == getattr(report, k) for k in DEBRIEF_FIELDS)
    if not same:
        db.session.add(EventReportVersion(event_id=event.id, version=(last.version if last else 0) + 1,
                                          submitted_by=user_id, submitted_at=utcnow(),
                                          **{k: getattr(report, k) for k in DEBRIEF_FIELDS}))
    db.session.commit()
    return report


def get_report(event: Event) -> EventReport | None:
    return db.session.scalar(db.select(EventReport).where(EventReport.event_id == event.id))


def report_view(event: Event) -> dict | None:
    """The debrief as it stands (what the volunteer's screen shows), with its version number."""
    report = get_report(event)
    if report is None:
        return None
    version = db.session.scalar(db.select(func.max(EventReportVersion.version))
                                .where(EventReportVersion.event_id == event.id))
    return {**{k: getattr(report, k) for k in DEBRIEF_FIELDS}, "event_id": event.id,
            "updated_at": report.updated_at, "version": version or 1}
