"""The figures for a reader: the period and office asked (default: this half-year, the reader's own office), every
figure's value, and the records behind one figure (audited: who looked at which figure for which period)."""
from datetime import date

from sqlalchemy import text

from ..accounts import audit
from ..accounts.models import User
from ..clock import china_time, utcnow
from ..errors import NotFound
from ..extensions import db
from ..offices import scope
from ..offices.models import Office
from .aid_rows import one_reading
from .figures import AREAS, FIGURES
from .registry import Figure, Period, Record, Value


def this_half_year(today: date | None = None) -> tuple[date, date]:
    today = today or china_time(utcnow()).date()
    if today.month <= 6:
        return date(today.year, 1, 1), date(today.year, 6, 30)
    return date(today.year, 7, 1), date(today.year, 12, 31)


def period_for(user: User, args: dict) -> tuple[Period, Office]:
    """The period asked, over the office asked (the reader's own by default): 404 outside the reader's subtree."""
    first, last = this_half_year()
    first, last = args.get("from") or first, args.get("to") or last
    office_id = args.get("office") or user.office_id
    office = db.session.get(Office, office_id) if office_id else None
    if office is None or not scope.sees(user, office.id):
        raise NotFound("没有这个机构，或者你看不到它的数字。", "not_found")
    return Period(first, last, scope.subtree(office.id)), office


def _breakdown(figure: Figure, value: Value) -> list[dict]:
    labels = figure.breakdown_labels | value.labels
    return [{"key": key, "label": labels.get(key, key), "value": part} for key, part in value.breakdown.items()]


def in_order() -> list[Figure]:
    """The figures area by area (AREAS' order), each area's in the order registered (the screen and the report)."""
    areas = list(AREAS)
    return sorted(FIGURES.values(), key=lambda figure: areas.index(figure.area))


def figures(user: User, args: dict) -> dict:
    period, office = period_for(user, args)
    items = []
    if db.session.get_bind().dialect.name == "postgresql":  # the figures' GROUP BYs hashed in memory, not on disk
        db.session.execute(text("SET LOCAL work_mem = '32MB'"))  # (until this request's transaction ends)
        # and no JIT: the co-workers' JSON expanded is guessed at 100 rows a case, and compiling for that guess cost
        # more than the query (80 ms of the people aided's 230)
        db.session.execute(text("SET LOCAL jit = off"))
    with one_reading():  # the figures share their queries (the cases received, each first step, the events held)
        values = [(figure, figure.compute(period)) for figure in in_order()]
    for figure, value in values:
        items.append({"id": figure.id, "area": figure.area, "area_label": AREAS[figure.area], "label": figure.label,
                      "definition": figure.definition, "unit": figure.unit, "value": value.value,
                      "breakdown": _breakdown(figure, value)})
    return {"from": period.first, "to": period.last, "office_id": office.id, "office_name": office.name,
            "figures": items}


def report_offices(user: User, args: dict) -> list[dict]:
    """The report's offices: the office asked (its subtree's figures), then each office directly under it in the order
    they were made, each with its own subtree's figures."""
    answer = figures(user, args)
    children = db.session.scalars(db.select(Office.id).where(Office.parent_id == answer["office_id"])
                                  .order_by(Office.id))
    return [answer] + [figures(user, {**args, "office": child}) for child in list(children)]


def records(user: User, figure_id: str, args: dict) -> list[Record]:
    """The records one figure counts, after the audit entry (which figure, which period, which office)."""
    figure = FIGURES.get(figure_id)
    if figure is None:
        raise NotFound("没有这项统计数字。", "not_found")
    period, office = period_for(user, args)
    audit.record_view(user, "stats_records", "stats", figure.id,
                      {"from": period.first.isoformat(), "to": period.last.isoformat(), "office_id": office.id})
    db.session.commit()
    return figure.records(period)
