"""The Art. 43 decision deadline as a figure: cases whose 7-day decision clock (《法律援助法》第四十三条) ran out in
the period with no decision taken (registry entry).

The clock is the case screen's own (`clocks.decide_clock`), fed not the case's stored pause total (that is the
state now) but the state on each day rebuilt from the timeline's stored times: received (the application's
`created_at`), each 补充材料 ask (`request_materials`) and what ended its wait (`materials_supplied`,
`materials_timeout`, `withdraw`), the decision (`not_accept`, `approve`, `refuse_aid`: what sets `decided_at`) and
the ends without one (`withdraw`, `materials_timeout`). So a past period answers the same whenever it is asked.
"""
import dataclasses
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import case, func, or_

from ..aid.cases import clocks
from ..aid.models import CASE_TYPES, Application, TimelineEntry
from ..clock import CHINA, china_time
from ..extensions import db
from .aid_rows import Case, _maybe_held, by_case_type, cases, held_then, memoised, only, record
from .aid_sql import among, china_days, moved
from .aid_tally import typed
from .registry import Figure, Period, Value, register

DECIDED = ("not_accept", "approve", "refuse_aid")
ENDED = (*DECIDED, "withdraw", "materials_timeout")  # the clock stops: decided, or no decision to take any more
ASKED, WAIT_OVER = "request_materials", ("materials_supplied", "materials_timeout", "withdraw")


@dataclass(frozen=True)
class Steps:
    """A case's steps that move its decision clock, as China days."""

    received: date
    ended: date | None  # the first step that stops the clock
    decided: date | None
    pauses: tuple[tuple[date, date | None], ...]  # (asked, wait over or None: still waiting)


def _steps(application: Case, rows: list[tuple[str, datetime]]) -> Steps:
    days = [(action, china_time(at).date()) for action, at in sorted(rows, key=lambda r: r[1])]
    pauses: list[tuple[date, date | None]] = []
    for action, day in days:
        if action == ASKED and (not pauses or pauses[-1][1] is not None):
            pauses.append((day, None))
        elif action in WAIT_OVER and pauses and pauses[-1][1] is None:
            pauses[-1] = (pauses[-1][0], day)
    received = clocks.day_of(application.created_at)
    assert received is not None
    return Steps(received, next((d for a, d in days if a in ENDED), None),
                 next((d for a, d in days if a in DECIDED), None), tuple(pauses))


def clock_on(steps: Steps, on: date) -> clocks.Clock:
    """The decision clock as the case screen showed it when `on` began: the steps of the days before only."""
    done = sum(clocks.paused_total(0, start, end) for start, end in steps.pauses if end is not None and end < on)
    waiting = _waiting(steps, on)
    decided = steps.decided if steps.decided is not None and steps.decided < on else None
    return clocks.decide_clock(steps.received, done, waiting[0] if waiting else None, decided, on)


def _waiting(steps: Steps, on: date) -> tuple[date, date | None] | None:
    """The wait for materials running when `on` began (asked before it, not over before it), if any."""
    return next(((s, e) for s, e in steps.pauses if s < on and (e is None or e >= on)), None)


def overdue_from(steps: Steps, until: date) -> date | None:
    """The first day, up to `until`, that began with the case overdue: its last day to decide over, no decision,
    not waiting for materials, not ended (withdrawn) before. None when there is none."""
    on = steps.received + timedelta(days=1)
    while on <= until:
        if steps.ended is not None and steps.ended < on:
            return None
        clock = clock_on(steps, on)
        if clock.overdue:
            return on
        if clock.paused:  # nothing runs while waiting: look again when the wait is over
            over = _waiting(steps, on)[1]  # type: ignore[index]
            if over is None:
                return None
            on = over + timedelta(days=1)
        else:
            assert clock.due_on is not None
            on = max(on + timedelta(days=1), clock.due_on + timedelta(days=1))
    return None


def _overdue(period: Period, *narrower) -> list[tuple[datetime, Case, date]]:
    """(the end of the last day to decide, case, that day) for each case whose deadline's last day lies in the
    period (and is over: before today), undecided when that day ended, in the period's offices then (among the
    cases `narrower` keeps)."""
    last = _last_day(period)
    ended = db.select(TimelineEntry.id).where(TimelineEntry.application_id == Application.id,
                                              TimelineEntry.action.in_(ENDED), TimelineEntry.at < period.start)
    open_then = [a for (a,) in cases((_maybe_held(period), Application.created_at < period.end,
                                      ~ended.exists(), *only(period, Application.id), *narrower),
                                     order_by=(Application.created_at, Application.id), plain=True)]
    steps: dict[int, list[tuple[str, datetime]]] = {a.id: [] for a in open_then}
    if open_then:
        for aid, action, at in db.session.execute(db.select(
                TimelineEntry.application_id, TimelineEntry.action, TimelineEntry.at).where(
                among(TimelineEntry.application_id, list(steps)),
                TimelineEntry.action.in_((*ENDED, ASKED, *WAIT_OVER)))):
            steps[aid].append((action, at))
    found, due = [], {}
    for a in open_then:
        first = overdue_from(_steps(a, steps[a.id]), last + timedelta(days=1))
        if first is not None and period.first <= first - timedelta(days=1) <= last:
            due[a.id] = first - timedelta(days=1)
            found.append((datetime.combine(first, datetime.min.time(), CHINA), a))
    return [(at, a, due[a.id]) for at, a in held_then(period, found)]


def _last_day(period: Period) -> date:
    """The last day whose deadline can have run out: the period's, or yesterday."""
    return min(period.last, clocks.today() - timedelta(days=1))


def _moment(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), CHINA)


@memoised
def _paused_or_moved(period: Period) -> Period:
    """The period over the cases the database does not count: moved after it began, or ever asked for materials."""
    return dataclasses.replace(period, only=_paused_or_moved_ids(period))


def _paused_or_moved_ids(period: Period):
    a = Application
    return db.select(a.id).where(a.first_ask_at.isnot(None)).union(moved(period))


def _ended():
    """When the case's decision clock first stopped, as its row keeps its first steps (server/aid/firsts.py):
    the earliest of not accepted, aided, refused, withdrawn or lapsed (ENDED)."""
    a = Application
    ended: Any = None
    for column in (a.first_not_accept_at, a.first_approve_at, a.first_refuse_at, a.first_withdraw_at):
        ended = column if ended is None else case((or_(ended.is_(None), column < ended), column), else_=ended)
    return ended


def _lapsed_in_time(ended):
    """SQL: the case was first asked for materials within its 7 days, never supplied them, and its clock stopped
    after that ask (withdrawn, or lapsed: Art. 43): never overdue. Its clock ran only up to the ask (not past its
    7th day), then stood still while waiting, until the step that stopped it (`overdue_from` never looks past it)."""
    a, step = Application, TimelineEntry
    supplied = db.select(step.id).where(step.application_id == a.id, step.action == "materials_supplied").exists()
    return (a.first_ask_at.isnot(None) & (china_days(a.first_ask_at, a.created_at) <= clocks.DECIDE_DAYS)
            & ended.isnot(None) & (ended >= a.first_ask_at) & ~supplied)


def _fast(period: Period) -> Value:
    """The count without reading every case: a case never asked for materials has no pause, so its last day is the
    7th after it was received (`overdue_from`): it counts when that day is in the period and no step stopped its
    clock by the end of that day. The database counts those (by case type) in the period's offices; the moved and
    the ever-paused cases are counted from their rows (`_overdue`)."""
    last, a, ended = _last_day(period), Application, _ended()
    counts = Counter({case_type: n for case_type, n in db.session.execute(
        db.select(a.case_type, func.count())
        .where(a.created_at >= _moment(period.first - timedelta(days=clocks.DECIDE_DAYS)),
               a.created_at < _moment(last - timedelta(days=clocks.DECIDE_DAYS - 1)),
               a.office_id.in_(period.offices), a.first_ask_at.is_(None), a.id.not_in(moved(period)),
               (ended.is_(None)) | (china_days(ended, a.created_at) > clocks.DECIDE_DAYS))
        .group_by(a.case_type))})
    # a case whose clock stopped within 7 days of receipt was never overdue (a pause only makes the deadline later)
    stopped = ended.isnot(None) & (china_days(ended, a.created_at) <= clocks.DECIDE_DAYS)
    counts.update(a.case_type for _, a, _ in _overdue(
        _paused_or_moved(period), a.created_at < _moment(last - timedelta(days=clocks.DECIDE_DAYS - 1)), ~stopped,
        ~_lapsed_in_time(ended)))
    return Value(counts.total(), typed(counts))


register(Figure(
    "aid.art43_overdue", "aid", "超过法定期限未作决定",
    "超期未决定：决定期限（《法律援助法》第四十三条：收到申请之日起 7 日内作出是否给予法律援助的决定）的最后一天"
    "落在本期内、到这一天结束还没有作出决定（不予受理、给予或不予法律援助）的件数，按案件类型分列；"
    "等工友补充材料的日子不计入，与案件页面的期限算法相同（这是 2012 年程序规定的做法，法律没有写明）；"
    "期限内撤回的不计；各步以记录的时间计。",
    "count", _fast, lambda p: [record(a, at, f"应于 {due} 前决定") for at, a, due in _overdue(p)], dict(CASE_TYPES),
    rows_value=lambda p: Value(len(rows := _overdue(p)), by_case_type(a for _, a, _ in rows))))
