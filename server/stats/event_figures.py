"""The events figures (events held in the period: published, starting in it, run by its offices) and the distinct
workers across legal aid and events (registry entries)."""
from collections import Counter
from datetime import datetime

from sqlalchemy import Row, func, union

from ..aid.models import Application
from ..clock import china_time
from ..events.models import KINDS, SOURCES, Attendee, CheckIn, Event, EventReport
from ..extensions import db
from ..questions.models import Question
from .aid_rows import masked_name, memoised, received
from .aid_sql import among, moved
from .aid_tally import from_rows, movers
from .consult_figures import counted
from .registry import Figure, Period, Record, Value, register

HELD = "活动以开始时间计，只算已发布（未取消）的活动。"


def _held(period: Period) -> tuple:
    return (Event.office_id.in_(period.offices), Event.status == "published", Event.starts_at >= period.start,
            Event.starts_at < period.end)


@memoised
def held(period: Period) -> list[Event]:
    return list(db.session.scalars(db.select(Event).where(*_held(period)).order_by(Event.starts_at, Event.id)))


@memoised
def _counted(period: Period) -> tuple[Counter, int]:
    """Counted in the database (what `GET /stats` reads; the drill-downs read the rows): the people of the
    period's events by how they came, and the check-ins."""
    events = db.select(Event.id).where(*_held(period))
    sources = Counter({source: n for source, n in db.session.execute(
        db.select(Attendee.source, func.count()).where(Attendee.event_id.in_(events)).group_by(Attendee.source))})
    checked = db.session.scalar(db.select(func.count()).select_from(CheckIn).join(
        Attendee, Attendee.id == CheckIn.attendee_id).where(CheckIn.event_id.in_(events)))
    return sources, checked or 0


def _workers(period: Period) -> Value:
    """`people.distinct_workers` counted in the database: the phones of the applicants received (those moved after
    the period began as the row path decides) and of the events' people, as one COUNT over a UNION."""
    a = Application
    came = (a.created_at >= period.start, a.created_at < period.end)
    phones = union(
        db.select(a.phone_hash).where(*came, a.office_id.in_(period.offices), a.id.not_in(moved(period))),
        db.select(a.phone_hash).where(among(a.id, [case.id for case in received(movers(period))])),
        db.select(Attendee.phone_hash).where(Attendee.event_id.in_(db.select(Event.id).where(*_held(period)))),
        db.select(Question.phone_hash).where(*_asked(period), Question.phone_hash.is_not(None))
    ).subquery()
    without = db.session.scalar(db.select(func.count()).where(*_asked(period), Question.phone_hash.is_(None)))
    return Value((db.session.scalar(db.select(func.count()).select_from(phones)) or 0) + (without or 0))


def _asked(period: Period) -> tuple:
    """The consultations the figures count (consult_figures.counted), as a WHERE."""
    return (Question.office_id.in_(period.offices), Question.created_at >= period.start,
            Question.created_at < period.end, Question.verdict == "")


def _came(*sources: str):
    """A figure's `compute` from the database's counts and its `rows_value` from the rows: the events' people who
    came in one of these ways."""
    return {"compute": lambda p: Value(sum(_counted(p)[0][s] for s in sources)),
            "rows_value": lambda p: Value(len(_attendees(p, *sources)))}


def _event_record(event: Event, detail: str = "", amount: int | None = None) -> Record:
    return Record("event", event.id, china_time(event.starts_at), event.title, detail or KINDS.get(event.kind, ""),
                  "", event.office_id, amount)


def _held_value(period: Period) -> Value:
    counts = {key: 0 for key in KINDS}
    for event in held(period):
        counts[event.kind] = counts.get(event.kind, 0) + 1
    return Value(sum(counts.values()), counts)


register(Figure("events.held", "events", "开展普法活动", f"活动：本期内举办的普法活动场次，按活动类型分列。{HELD}",
    "count",
                _held_value, lambda p: [_event_record(e) for e in held(p)], dict(KINDS)))


# What the figures read of an attendee: plain rows (person.id, .name …), never loaded Attendees (tens of thousands).
PERSON = (Attendee.id, Attendee.event_id, Attendee.name, Attendee.phone_hash, Attendee.source, Attendee.created_at)


@memoised
def _everyone(period: Period) -> list[Row]:
    ids = [e.id for e in held(period)]
    return list(db.session.execute(db.select(*PERSON).where(Attendee.event_id.in_(ids))
                                   .order_by(Attendee.event_id, Attendee.id)))


def _attendees(period: Period, *sources: str) -> list[Row]:
    return [a for a in _everyone(period) if a.source in sources] if sources else _everyone(period)


def _attendee_record(person: Row, at=None, office_id=None) -> Record:
    return Record("attendee", person.id, china_time(at or person.created_at), masked_name(person.name),
                  f"活动 {person.event_id} · {SOURCES.get(person.source, '')}", "", office_id)


@memoised
def _checked_in(period: Period) -> list[tuple[datetime, Row]]:
    """(when checked in, the person) for each check-in at the period's events."""
    ids = [e.id for e in held(period)]
    rows = db.session.execute(db.select(*PERSON, CheckIn.device_time).join(Attendee, Attendee.id == CheckIn.attendee_id)
                              .where(CheckIn.event_id.in_(ids)).order_by(CheckIn.event_id, CheckIn.id))
    return [(row.device_time, row) for row in rows]


register(Figure("events.signups", "events", "活动报名",
    f"报名：本期活动事先报名（线上或离线报名，不含现场登记）的人数。{HELD}",
                "count", records=lambda p: [_attendee_record(a) for a in _attendees(p, "online", "offline")],
                **_came("online", "offline")))
register(Figure("events.checked_in", "events", "到场签到",
    f"签到：本期活动到场签到的人数（含现场登记的），每人每场计一。{HELD}",
                "count", lambda p: Value(_counted(p)[1]),
                lambda p: [_attendee_record(a, at) for at, a in _checked_in(p)],
                rows_value=lambda p: Value(len(_checked_in(p)))))
register(Figure("events.walkins", "events", "现场登记", f"现场登记：本期活动没有报名、到场才登记的人数。{HELD}",
    "count",
                records=lambda p: [_attendee_record(a) for a in _attendees(p, "walkin")], **_came("walkin")))


@memoised
def _debriefs(period: Period) -> list[tuple[Event, EventReport]]:
    events = {e.id: e for e in held(period)}
    reports = db.session.scalars(db.select(EventReport).where(EventReport.event_id.in_(list(events))))
    return sorted(((events[r.event_id], r) for r in reports), key=lambda row: (row[0].starts_at, row[0].id))


def _debrief_figure(figure_id: str, label: str, definition: str, column: str) -> None:
    register(Figure(figure_id, "events", label, f"{definition}{HELD}以活动总结的最新一版为准。", "count",
                    lambda p: Value(sum(getattr(r, column) for _, r in _debriefs(p))),
                    lambda p: [_event_record(e, "", getattr(r, column)) for e, r in _debriefs(p)]))


_debrief_figure("events.people_reached", "活动覆盖人数", "覆盖人数：本期活动总结里志愿者填写的覆盖人数之和。",
    "people_reached")
_debrief_figure("events.leaflets", "发放宣传资料", "发放资料：本期活动总结里填写的发放资料份数之和。", "leaflets_given")


def _people(period: Period) -> dict[str, dict[str, int]]:
    """Each person (by the keyed phone hash; a consultation without a phone is a person of its own) and how often
    they came: consultations, applications received and event attendances (sign-ups and walk-ins) in the period."""
    people: dict[str, dict[str, int]] = {}

    def came(key: str, how: str) -> None:
        people.setdefault(key, {"consult": 0, "aid": 0, "events": 0})[how] += 1

    for question in counted(period):
        came(question.phone_hash or f"question {question.id}", "consult")
    for application in received(period):
        came(application.phone_hash, "aid")
    for person in _attendees(period):
        came(person.phone_hash, "events")
    return people


def _people_records(period: Period) -> list[Record]:
    return [Record("person", n, None, f"工友 {n}",
                   f"咨询 {c['consult']} 次 · 申请 {c['aid']} 件 · 活动 {c['events']} 场")
            for n, c in enumerate(_people(period).values(), start=1)]


register(Figure(
    "people.distinct_workers", "people", "服务工友（去重）",
    "去重工友：本期内咨询过的（不含已标记的留言）、提交法律援助申请的申请人与本期活动的报名、现场登记者，"
    "按手机号（加密散列，不显示号码）去重，一人无论来过几次、从哪个渠道来只计一人；没留手机号的咨询每次按一人计。",
    "count", records=_people_records, compute=_workers,
    rows_value=lambda p: Value(len(from_rows(p).phones | {person.phone_hash for person in _attendees(p)}
                                   | {q.phone_hash or f"question {q.id}" for q in counted(p)}))))
