"""What the legal-aid figures' values are made of, counted two ways that must agree: from the drill-down's rows
(`from_rows`: every case read, its office then decided case by case) and, for `GET /stats`, in the database for
every case but the few moved after the period began, plus those few from their rows (`tally`). Each figure's value
is a function of a Tally, so both ways give it the same value (tests/test_stats_fast.py holds them together)."""
import dataclasses
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from ..aid.models import CASE_TYPES
from .aid_rows import Case, china_day, first_step_at, first_steps, memoised, received
from .aid_sql import GREEN, STEPS, aided_people, counted_rows, moved
from .registry import Period, Value

COUNTED = ("accept", "approve", "refuse", "not_accept", "withdraw", "assign")  # the steps counted by case type
WAITS = {"accept": None, "decide": "accept", "assign": "approve"}  # days to each step, from which first step


@dataclass
class Tally:
    types: defaultdict = field(default_factory=lambda: defaultdict(Counter))  # received, each step, recovered
    green: Counter = field(default_factory=Counter)  # green, same_day
    outcomes: Counter = field(default_factory=Counter)
    days: defaultdict = field(default_factory=lambda: defaultdict(list))  # accept, decide, assign → days each
    follow_ups: Counter = field(default_factory=Counter)  # (reached, satisfaction) → cases
    people: set = field(default_factory=set)  # the people aided (受援人): applicants' and co-workers' keys
    people_more: int = 0  # more people aided, counted in the database: none of them in `people`
    phones: set = field(default_factory=set)  # the applicants received (the row path's; GET /stats counts in SQL)

    def __add__(self, other: "Tally") -> "Tally":
        out = Tally(green=self.green + other.green, outcomes=self.outcomes + other.outcomes,
                    follow_ups=self.follow_ups + other.follow_ups, people=self.people | other.people,
                    people_more=self.people_more + other.people_more, phones=self.phones | other.phones)
        for mine in (self, other):
            for key, counts in mine.types.items():
                out.types[key].update(counts)
            for key, days in mine.days.items():
                out.days[key].extend(days)
        return out


def typed(counts: Counter) -> dict[str, int]:
    """Counts by case type: every type, in the form's order (then any other, sorted)."""
    return {key: counts.get(key, 0) for key in CASE_TYPES} | {k: v for k, v in sorted(counts.items())
                                                               if k not in CASE_TYPES}


def people_of(application: Case) -> list[str]:
    """The people an application asks aid for: the applicant, and each co-worker it names (by the keyed phone hash;
    a co-worker named without a phone is one person of their own)."""
    return [application.phone_hash, *_coworkers(application.id, application.coworkers)]


def _coworkers(application_id: int, coworkers: list | None) -> list[str]:
    return [c.get("phone_hash") or f"{application_id}/{n}" for n, c in enumerate(coworkers or [])]


@memoised
def from_rows(period: Period) -> Tally:
    """The tally from the rows the drill-downs list (`period.only`: of those cases only)."""
    t, got = Tally(), received(period)
    t.types["received"].update(a.case_type for a in got)
    t.phones.update(a.phone_hash for a in got)
    green = [a for a in got if a.means_test == GREEN]
    accepted, assigned = (first_step_at([a.id for a in green], action) for action in ("accept", "assign"))
    t.green.update(green=len(green), same_day=sum(
        1 for a in green if a.id in accepted and a.id in assigned
        and china_day(accepted[a.id]) == china_day(assigned[a.id]) == china_day(a.created_at)))
    for key in COUNTED:
        t.types[key].update(a.case_type for _, a in first_steps(period, *STEPS[key]))
    for _, a in first_steps(period, *STEPS["close"]):
        outcome = a.outcome or {}
        t.outcomes[outcome.get("outcome", "other")] += 1
        t.types["recovered"][a.case_type] += int(outcome.get("recovered_fen") or 0)
    for key, since in WAITS.items():
        rows = first_steps(period, *STEPS[key])
        began = first_step_at([a.id for _, a in rows], *STEPS[since]) if since else {}
        for at, a in rows:
            start = began.get(a.id) if since else a.created_at
            if start is not None:
                t.days[key].append((china_day(at) - china_day(start)).days)
    t.follow_ups.update(((a.follow_up or {}).get("reached"), (a.follow_up or {}).get("satisfaction"))
                        for _, a in first_steps(period, *STEPS["follow_up"]))
    t.people.update(key for _, a in first_steps(period, *STEPS["approve"]) for key in people_of(a))
    return t


@memoised
def movers(period: Period) -> Period:
    """The period over only the cases moved into or out of its offices after it began (`moved`; one object per
    reading: their rows read once)."""
    return dataclasses.replace(period, only=moved(period))


def _from_sql(period: Period, moved_people: set[str]) -> Tally:
    """The database's tally (the cases not moved after the period began); its people aided are how many it counts
    (`people_more`) and those of the moved cases it does not (`people`)."""
    t = Tally()
    for row in counted_rows(period):
        m = row._mapping
        if m["part"] == 1:
            for key in ("received", *COUNTED, "recovered"):
                if m[key]:
                    t.types[key][m["case_type"]] += m[key]
            t.green.update(green=m["green"], same_day=m["same_day"])
            if m["close"]:
                t.outcomes[m["outcome"]] += m["close"]
            if m["follow_up"]:
                t.follow_ups[(m["reached"], m["satisfaction"])] += m["follow_up"]
        else:
            for key in WAITS:
                if m[f"d_{key}"] is not None:
                    t.days[key].extend([m[f"d_{key}"]] * m["n"])
    t.people_more, found = aided_people(period, sorted(moved_people))
    t.people = moved_people - found  # |theirs ∪ the moved cases'| = |theirs| + |the moved cases' not among them|
    return t


@memoised
def tally(period: Period) -> Tally:
    """The tally `GET /stats` answers from: the database's counts, and the moved cases' rows."""
    moved_rows = from_rows(movers(period))
    counted = _from_sql(period, moved_rows.people)
    return dataclasses.replace(moved_rows, people=set()) + counted  # (the moved cases' people are in `counted`'s)


def two_ways(value: Callable[[Tally], Value]) -> dict:
    """A figure's `compute` (from `tally`) and `rows_value` (from `from_rows`), both `value` of a tally."""
    return {"compute": lambda p: value(tally(p)), "rows_value": lambda p: value(from_rows(p))}
