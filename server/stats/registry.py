"""The one table of figures: an id, a Chinese label and definition, how to compute it, what it counts."""
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select

from ..clock import CHINA

AREAS = {"consult": "法律咨询", "aid": "法律援助", "events": "普法活动", "sites": "工地公示牌", "people": "服务的工友"}
UNITS = ("count", "fen", "share", "days")


@dataclass(frozen=True)
class Period:
    """China days `first` to `last`, both included: [first 00:00 China, last+1 00:00 China)."""

    first: date
    last: date
    offices: Select  # the ids of the office and its subtree (offices/scope.py)
    only: Select | None = None  # the row path over these cases only (the fast path's few moved cases: aid_sql.py)

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, datetime.min.time(), CHINA)

    @property
    def end(self) -> datetime:
        return datetime.combine(self.last + timedelta(days=1), datetime.min.time(), CHINA)


@dataclass(frozen=True)
class Record:
    """One thing a figure counts, as the drill-down lists it: masked, never a phone."""

    kind: str  # aid_application, question, event, attendee, site, person
    id: int
    at: datetime | date | None
    label: str
    detail: str = ""
    code: str = ""
    office_id: int | None = None
    amount: int | None = None


@dataclass(frozen=True)
class Value:
    value: int | float | None
    breakdown: dict[str, Any] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # the parts' labels when not fixed (an event's title)


@dataclass(frozen=True)
class Figure:
    id: str
    area: str
    label: str
    definition: str
    unit: str
    compute: Callable[[Period], Value]
    records: Callable[[Period], list[Record]]
    breakdown_labels: dict[str, str] = field(default_factory=dict)
    # The value counted from the drill-down's rows, where `compute` counts in SQL: the two must always agree
    # (tests/test_stats_fast.py); None when `compute` reads the rows itself.
    rows_value: Callable[[Period], Value] | None = None


FIGURES: dict[str, Figure] = {}


def register(figure: Figure) -> Figure:
    assert figure.id not in FIGURES, figure.id
    assert figure.area in AREAS and figure.unit in UNITS, figure.id
    FIGURES[figure.id] = figure
    return figure
