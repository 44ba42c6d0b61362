"""The month-by-month line of 统计 (`GET /stats?by=month`): applications received and cases closed in each China
calendar month of the period (the first and last months cut to the period), counted exactly as the figures
`aid.received` and `aid.closed` count them (each case at one moment, for the office that held it then), so the
months add up to those figures."""
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from .aid_rows import china_day, first_steps, received
from .registry import Period


def months_of(period: Period) -> list[str]:
    """The months the period touches, "2026-01" …, in order."""
    out, day = [], period.first.replace(day=1)
    while day <= period.last:
        out.append(f"{day:%Y-%m}")
        day = (day + timedelta(days=32)).replace(day=1)
    return out


def _count(moments: Iterable[datetime], months: list[str]) -> dict[str, int]:
    counts = dict.fromkeys(months, 0)
    for moment in moments:
        day: date = china_day(moment)
        counts[f"{day:%Y-%m}"] += 1
    return counts


def by_month(period: Period) -> list[dict]:
    months = months_of(period)
    got = _count((a.created_at for a in received(period)), months)
    closed = _count((at for at, _ in first_steps(period, "close")), months)
    return [{"month": m, "received": got[m], "closed": closed[m]} for m in months]
