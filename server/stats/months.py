"""The month-by-month line of 统计 (`GET /stats?by=month`): applications received and cases closed in each China
calendar month of the period (the first and last months cut to the period), counted exactly as the figures
`aid.received` and `aid.closed` count them (each case at one moment, for the office that held it then), so the
months add up to those figures: in the database for the cases not moved after the period began, from their rows for
the few moved (`rows_by_month` is the row path alone: tests/test_stats_fast.py holds the two equal)."""
from collections import Counter
from collections.abc import Iterable
from datetime import timedelta

from sqlalchemy import func, text

from ..aid.models import Application
from ..extensions import db
from .aid_rows import china_day, first_steps, received
from .aid_sql import moved
from .aid_tally import movers
from .registry import Period


def months_of(period: Period) -> list[str]:
    """The months the period touches, "2026-01" …, in order."""
    out, day = [], period.first.replace(day=1)
    while day <= period.last:
        out.append(f"{day:%Y-%m}")
        day = (day + timedelta(days=32)).replace(day=1)
    return out


def _month(moment):
    """SQL: a stored moment's China month, "2026-01" (UTC+8, as aid_sql.china_days)."""
    if db.session.get_bind().dialect.name == "postgresql":
        return func.to_char(func.timezone(text("INTERVAL '8 hours'"), moment), "YYYY-MM")
    return func.strftime("%Y-%m", moment, "+8 hours")


def _rows(period: Period) -> tuple[Counter, Counter]:
    """(received, closed) by month, from the rows."""
    return (Counter(f"{china_day(a.created_at):%Y-%m}" for a in received(period)),
            Counter(f"{china_day(at):%Y-%m}" for at, _ in first_steps(period, "close")))


def _counted(period: Period) -> tuple[Counter, Counter]:
    """(received, closed) by month, counted in the database (the cases not moved into or out of its offices after
    it began)."""
    a = Application
    settled = (a.office_id.in_(period.offices), a.id.not_in(moved(period)))
    month = _month(a.created_at)
    got = db.select(month, func.count()).where(a.created_at >= period.start, a.created_at < period.end, *settled)
    closed_month = _month(a.first_close_at)  # each case's first close, as its row keeps it (server/aid/firsts.py)
    closed = db.select(closed_month, func.count()).where(a.first_close_at >= period.start,
                                                         a.first_close_at < period.end, *settled)
    return tuple(Counter({key: n for key, n in db.session.execute(query.group_by(by))})  # type: ignore[return-value]
                 for query, by in ((got, month), (closed, closed_month)))


def _line(period: Period, counts: Iterable[Counter]) -> list[dict]:
    got, closed = counts
    return [{"month": m, "received": got[m], "closed": closed[m]} for m in months_of(period)]


def by_month(period: Period) -> list[dict]:
    moved_got, moved_closed = _rows(movers(period))
    got, closed = _counted(period)
    return _line(period, (got + moved_got, closed + moved_closed))


def rows_by_month(period: Period) -> list[dict]:
    return _line(period, _rows(period))
