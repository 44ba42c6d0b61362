"""What the legal-aid figures read: applications received in a period, and the first step of a kind each case took
in it (timeline entries with their times), in the period's offices. Never the case's current stage, nor its current
office: a case counts for the office that held it at the moment counted (a 转办 later moves nothing back)."""
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import ARRAY, Integer, any_, bindparam, func, null, or_

from ..aid.models import CASE_TYPES, Application, TimelineEntry
from ..clock import aware, china_time
from ..extensions import db
from .registry import Period, Record


def masked_name(name: str) -> str:
    return (name[:1] + "*" * max(len(name) - 1, 1)) if name else ""


def china_day(moment: datetime):
    return china_time(moment).date()


@dataclass(eq=False)
class Case:
    """What a figure or its drill-down reads of an application: its columns as plain values, never a loaded
    Application (tens of thousands of those, each with its other JSON columns, cost seconds)."""

    id: int
    code: str
    applicant_name: str
    case_type: str
    office_id: int
    created_at: datetime
    means_test: str
    phone_hash: str
    coworkers: list | None
    outcome: dict | None
    follow_up: dict | None
    office_then: int | None = None  # set by held_then: the office that held it at the moment counted

    @property
    def case_type_label(self) -> str:
        return CASE_TYPES.get(self.case_type, self.case_type)


CASE = (Application.id, Application.code, Application.applicant_name, Application.case_type, Application.office_id,
        Application.created_at, Application.means_test, Application.phone_hash, Application.coworkers,
        Application.outcome, Application.follow_up)


# a Case without its JSON columns (co-workers, outcome, follow-up: None), for the figures that never read them
PLAIN = tuple(null() if column.key in ("coworkers", "outcome", "follow_up") else column for column in CASE)


def cases(where, *extra, order_by=(), plain: bool = False) -> list[tuple]:
    """(extra columns…, Case) for the applications `where` picks (extra columns come first in each row); `plain`:
    without the JSON columns (decoding them was a third of the time of a figure reading a thousand cases)."""
    n = len(extra)
    rows = db.session.execute(db.select(*extra, *(PLAIN if plain else CASE)).where(*where).order_by(*order_by)).all()
    return [(*row[:n], Case(*row[n:])) for row in rows]

_MEMO: ContextVar[dict | None] = ContextVar("stats_memo", default=None)
F = TypeVar("F", bound=Callable[..., Any])


@contextmanager
def one_reading() -> Iterator[None]:
    """Within: each `memoised` query is asked once per period and arguments (every figure of one answer shares the
    cases received, each first step, the events held). Not for drill-downs: held_then marks the cases it keeps."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def memoised(fn: F) -> F:
    """`fn(period, *args)` answered once within `one_reading` (its answer shared: callers never change it)."""
    @functools.wraps(fn)
    def once(period: Period, *args):
        memo = _MEMO.get()
        if memo is None:
            return fn(period, *args)
        key = (fn.__module__, fn.__qualname__, id(period), args)
        if key not in memo:
            memo[key] = (period, fn(period, *args))  # the period kept alive: its id is not reused meanwhile
        return memo[key][1]
    return once  # type: ignore[return-value]


def only(period: Period, column) -> tuple:
    """The condition that keeps a row path to the period's `only` cases (none: every case)."""
    return () if period.only is None else (column.in_(period.only),)


def _maybe_held(period: Period):
    """Cases the period's offices hold now or may have held (any case ever transferred): `held_then` decides."""
    transferred = db.select(TimelineEntry.application_id).where(TimelineEntry.action == "transfer")
    return or_(Application.office_id.in_(period.offices), Application.id.in_(transferred))


@memoised
def _transfers(period: Period) -> dict[int, list[tuple[datetime, int | None]]]:
    """Each case's transfers after the period began, in order (the moments held_then asks about are in the period,
    so an earlier transfer never names the office that held a case then)."""
    moves: dict[int, list[tuple[datetime, int | None]]] = {}
    for aid, at, detail in db.session.execute(db.select(
            TimelineEntry.application_id, TimelineEntry.at, TimelineEntry.detail).where(
            TimelineEntry.action == "transfer", TimelineEntry.at > period.start).order_by(TimelineEntry.id)):
        moves.setdefault(aid, []).append((aware(at), (detail or {}).get("from_office_id")))
    return moves


@memoised
def _offices(period: Period) -> set[int]:
    return set(db.session.scalars(period.offices))


def held_then(period: Period, rows: list[tuple[datetime, Case]]) -> list[tuple[datetime, Case]]:
    """The (when, case) rows whose case was in the period's offices at that moment (each moment in the period)."""
    moves = _transfers(period) if rows else {}
    offices, kept = _offices(period), []
    for at, a in rows:
        then = office_at(a, at, moves.get(a.id, []))
        if then in offices:
            a.office_then = then  # the drill-down names the office that held it then (record())
            kept.append((at, a))
    return kept


def office_at(application: Case, moment: datetime, transfers: list[tuple[datetime, int | None]]) -> int:
    """The office that held the case at `moment`: the one it left at the first transfer after, else its own now."""
    later = [from_id for at, from_id in transfers if at > moment and from_id is not None]
    return later[0] if later else application.office_id


@memoised
def _cases(period: Period) -> dict[int, Case]:
    """Every case the period's figures may count, by id, once per reading: those in the period's offices now or
    maybe then (`_maybe_held`) that were received in the period or took any step in it."""
    # EXISTS, not IN: under an OR, PostgreSQL cannot hash an IN list of a year's steps (work_mem) and would scan it
    # once per case.
    stepped = db.select(TimelineEntry.id).where(
        TimelineEntry.application_id == Application.id, TimelineEntry.at >= period.start,
        TimelineEntry.at < period.end).exists()
    came = (Application.created_at >= period.start) & (Application.created_at < period.end)
    # (`stepped or came` only spares reading cases no figure counts: a period's few `only` cases need not ask it,
    # and asking it of every case before narrowing them to those few cost half a second)
    narrower = only(period, Application.id) or (or_(stepped, came),)
    return {a.id: a for (a,) in cases((_maybe_held(period), *narrower))}


@memoised
def received(period: Period) -> list[Case]:
    """Applications received (created) in the period, in its offices then, oldest first."""
    rows = sorted((a for a in _cases(period).values() if period.start <= a.created_at < period.end),
                  key=lambda a: (a.created_at, a.id))
    return [a for _, a in held_then(period, [(a.created_at, a) for a in rows])]


@memoised
def first_steps(period: Period, *actions: str) -> list[tuple[datetime, Case]]:
    """(when, case) for each case whose first step of one of `actions` falls in the period, in its offices.

    A case's first such step is in the period iff the earliest of its such steps is; that earliest one is then a
    step in the period: so only the cases with such a step in the period are grouped (not every case ever)."""
    by_id = _cases(period)  # each first step in the period is a step in it: its case is there if `_maybe_held`
    if period.only is not None:  # a few cases: each kind of step's first from one reading of their steps
        firsts = [(min(at for action, at in steps.items() if action in actions), aid)
                  for aid, steps in _firsts_of_only(period).items() if not steps.keys().isdisjoint(actions)]
        return held_then(period, [(at, by_id[aid]) for at, aid in sorted(firsts)
                                  if period.start <= at < period.end and aid in by_id])
    in_period = db.select(TimelineEntry.application_id).where(
        TimelineEntry.action.in_(actions), TimelineEntry.at >= period.start, TimelineEntry.at < period.end)
    first = (db.select(TimelineEntry.application_id.label("aid"), func.min(TimelineEntry.at).label("at"))
             .where(TimelineEntry.action.in_(actions), TimelineEntry.application_id.in_(in_period))
             .group_by(TimelineEntry.application_id)
             .having(func.min(TimelineEntry.at) >= period.start).subquery())
    rows = db.session.execute(db.select(first.c.at, first.c.aid).where(first.c.at < period.end)
                              .order_by(first.c.at, first.c.aid))
    return held_then(period, [(aware(at), by_id[aid]) for at, aid in rows if aid in by_id])


@memoised
def _firsts_of_only(period: Period) -> dict[int, dict[str, datetime]]:
    """For the period's `only` cases: when each first took each action (at any time)."""
    firsts: dict[int, dict[str, datetime]] = {}
    for aid, action, at in db.session.execute(db.select(
            TimelineEntry.application_id, TimelineEntry.action, func.min(TimelineEntry.at)).where(
            *only(period, TimelineEntry.application_id)).group_by(TimelineEntry.application_id, TimelineEntry.action)):
        firsts.setdefault(aid, {})[action] = aware(at)
    return firsts


def _among(column, ids: list[int]):
    """`column IN ids`; on PostgreSQL one array parameter (a year's tens of thousands of ids as separate parameters
    cost a second to send and plan)."""
    if db.session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam("among_ids", ids, type_=ARRAY(Integer)))
    return column.in_(ids)


def first_step_at(application_ids, *actions: str) -> dict[int, datetime]:
    """When each of these cases first took one of `actions` (at any time)."""
    if not application_ids:
        return {}
    rows = db.session.execute(db.select(TimelineEntry.application_id, func.min(TimelineEntry.at)).where(
        TimelineEntry.action.in_(actions), _among(TimelineEntry.application_id, list(application_ids)))
        .group_by(TimelineEntry.application_id)).all()
    return {aid: aware(at) for aid, at in rows}


def record(application: Case, at: datetime, detail: str = "", amount: int | None = None) -> Record:
    office = application.office_id if application.office_then is None else application.office_then
    return Record("aid_application", application.id, china_time(at),
                  f"{masked_name(application.applicant_name)} · {CASE_TYPES.get(application.case_type, '')}",
                  detail, application.code, office, amount)


def by_case_type(applications) -> dict[str, int]:
    counts = {key: 0 for key in CASE_TYPES}
    for application in applications:
        counts[application.case_type] = counts.get(application.case_type, 0) + 1
    return counts
