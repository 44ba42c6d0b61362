"""The legal-aid figures counted in the database (the fast path of `GET /stats`), for every case but the few moved
into or out of the period's offices after the period began (`movers`: the row path in aid_tally.py counts those,
case by case).

A case not moved so was, at every moment in the period, in the period's offices exactly when it is now (`office_at`
in aid_rows.py looks only at later transfers): so for those cases "in the period's offices then" is a plain
`office_id IN offices`, and every figure is an aggregate over the case rows, whose first steps are kept on them
(server/aid/firsts.py; no timeline read here). One statement for the counts by case type, outcome and follow-up
answer and the day differences (the median and 90th percentile are taken in Python from the few distinct triples);
one for the people aided (受援人: the applicants and the co-workers their applications name, each person once).
"""
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    ARRAY,
    JSON,
    Boolean,
    Date,
    Integer,
    Row,
    String,
    Text,
    and_,
    any_,
    bindparam,
    case,
    cast,
    func,
    literal,
    null,
    or_,
    text,
    true,
    type_coerce,
    union_all,
)

from ..aid.cases.rows import GREEN
from ..aid.models import Application, TimelineEntry
from ..extensions import db
from .registry import Period

# the first step of each kind the figures count: key → the actions that make it (the first of any of them)
STEPS = {"accept": ("accept",), "approve": ("approve",), "refuse": ("refuse_aid",), "not_accept": ("not_accept",),
         "withdraw": ("withdraw", "materials_timeout"), "assign": ("assign",), "close": ("close",),
         "follow_up": ("follow_up",), "decide": ("approve", "refuse_aid")}
KEYS = {"case_type": String, "outcome": String, "reached": Boolean, "satisfaction": Integer, "d_accept": Integer,
        "d_decide": Integer, "d_assign": Integer}
SUMS = ("received", "green", "same_day", *STEPS, "recovered", "n")


def moved(period: Period):
    """The ids of the cases whose transfers after the period began took them into or out of the period's offices
    (the few the row path counts). A case moved only within them (or only outside them) was in them at every
    moment of the period exactly when it is in them now: the office that held it then is the one it left at a later
    transfer, or its own now (`office_at` in aid_rows.py), and each of those is in them or not as its own now is."""
    step, a = TimelineEntry, Application
    left = step.detail["from_office_id"].as_integer()
    # the case's office now, looked up for each of the few transfers (a join: PostgreSQL scanned every case)
    now = db.select(a.office_id).where(a.id == step.application_id).scalar_subquery()
    return db.select(step.application_id).where(
        step.action == "transfer", step.at > period.start,
        or_(and_(left.in_(period.offices), now.not_in(period.offices)),
            and_(left.not_in(period.offices), now.in_(period.offices))))


def china_days(later, earlier):
    """SQL: the China calendar days from `earlier` to `later` (both stored moments), as Python's
    `(china_day(later) - china_day(earlier)).days` for any moment since China's last summer time (1991): UTC+8 as a
    fixed offset (on PostgreSQL, the zone's name cost a lookup per call: a quarter of the statement's time)."""
    if db.session.get_bind().dialect.name == "postgresql":
        def day(moment):
            return cast(func.timezone(text("INTERVAL '8 hours'"), moment), Date)
        return type_coerce(day(later) - day(earlier), Integer)
    return cast(func.julianday(func.date(later, "+8 hours")) - func.julianday(func.date(earlier, "+8 hours")), Integer)


def _firsts() -> dict:
    """Each kind of first step the figures count, as the case row keeps it (server/aid/firsts.py): key → column."""
    a = Application
    kept: dict[str, Any] = {"accept": a.first_accept_at, "approve": a.first_approve_at, "refuse": a.first_refuse_at,
            "not_accept": a.first_not_accept_at, "withdraw": a.first_withdraw_at, "assign": a.first_assign_at,
            "close": a.first_close_at, "follow_up": a.first_follow_up_at}
    # the first decision: the earlier of the first approval and the first refusal
    kept["decide"] = case((or_(kept["refuse"].is_(None), kept["approve"] <= kept["refuse"]), kept["approve"]),
                          else_=kept["refuse"])
    assert set(kept) == set(STEPS)
    return kept


def _cases(period: Period):
    """The CTE: one row per case counted here, with a 0/1 flag per figure and the keys the figures group by."""
    a, first = Application, _firsts()

    def within(column):
        return and_(column >= period.start, column < period.end)

    def flag(condition):
        return case((condition, 1), else_=0)

    came = within(a.created_at)
    green = and_(came, a.means_test == GREEN)
    same_day = and_(green, china_days(first["accept"], a.created_at) == 0,
                    china_days(first["assign"], a.created_at) == 0)
    closed, followed = within(first["close"]), within(first["follow_up"])
    return (db.select(
        a.id, a.case_type, flag(came).label("received"), flag(green).label("green"),
        flag(same_day).label("same_day"), *[flag(within(first[key])).label(key) for key in STEPS],
        case((closed, func.coalesce(a.outcome["outcome"].as_string(), "other"))).label("outcome"),
        case((closed, func.coalesce(a.outcome["recovered_fen"].as_integer(), 0)), else_=0).label("recovered"),
        case((followed, a.follow_up["reached"].as_boolean())).label("reached"),
        case((followed, a.follow_up["satisfaction"].as_integer())).label("satisfaction"),
        case((within(first["accept"]), china_days(first["accept"], a.created_at))).label("d_accept"),
        case((within(first["decide"]), china_days(first["decide"], first["accept"]))).label("d_decide"),
        case((within(first["assign"]), china_days(first["assign"], first["approve"]))).label("d_assign"))
        .where(a.office_id.in_(period.offices), a.id.not_in(moved(period)),
               or_(came, *[within(first[key]) for key in STEPS if key != "decide"]))
        .cte("counted"))


def _part(n: int, keys: dict, sums: dict, where=None, x=None):
    """One branch of the UNION: its keys and sums, NULL in every other column (the branches share one shape)."""
    assert x is not None
    columns = [literal(n).label("part")]
    columns += [(keys.get(name, cast(null(), kind))).label(name) for name, kind in KEYS.items()]
    columns += [(sums.get(name, cast(null(), Integer))).label(name) for name in SUMS]
    query = db.select(*columns).select_from(x).group_by(*keys.values())
    return query.where(where) if where is not None else query


def among(column, values: list, kind=Integer):
    """`column IN values`; on PostgreSQL one array parameter (thousands of values as separate parameters cost a
    second to send and plan)."""
    if db.session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, values, type_=ARRAY(kind), unique=True))
    return column.in_(values)


def counted_rows(period: Period) -> Sequence[Row]:
    """The rows of the one statement: part 1 the counts by (case type, outcome, follow-up answer), part 2 how many
    cases per (days to accept, to decide, to assign)."""
    x = _cases(period)
    c = x.c
    by_type = _part(1, {"case_type": c.case_type, "outcome": c.outcome, "reached": c.reached,
                        "satisfaction": c.satisfaction},
                    {name: func.sum(c[name]) for name in SUMS if name != "n"} | {"n": func.count()}, x=x)
    days = _part(2, {"d_accept": c.d_accept, "d_decide": c.d_decide, "d_assign": c.d_assign}, {"n": func.count()},
                 or_(c.d_accept.isnot(None), c.d_decide.isnot(None), c.d_assign.isnot(None)), x=x)
    return db.session.execute(union_all(by_type, days)).all()


def _coworker_keys(aided):
    """SQL: each co-worker a case of `aided` names, as `people_of` keys them (aid_tally.py): the keyed phone hash,
    or "<case id>/<place in the list from 0>" for one named without a phone."""
    if db.session.get_bind().dialect.name == "postgresql":
        each = func.json_array_elements(aided.c.coworkers).table_valued("value", with_ordinality="n").render_derived()
        place = each.c.n - 1
    else:
        each = func.json_each(aided.c.coworkers).table_valued("key", "value")
        place = each.c.key
    phone = func.nullif(type_coerce(each.c.value, JSON)["phone_hash"].as_string(), "")
    return (db.select(func.coalesce(phone, cast(aided.c.id, String) + "/" + cast(place, String)).label("k"))
            .select_from(aided).join(each, true()).where(cast(aided.c.coworkers, Text) != "[]"))


def aided_people(period: Period, known: list[str]) -> tuple[int, set[str]]:
    """The people aided (受援人) by the cases not moved after the period began, each first aided in it: how many
    (applicants and the co-workers their applications name, each person once), and which of `known` are among them."""
    a = Application
    aided = (db.select(a.id, a.phone_hash, a.coworkers)
             .where(a.first_approve_at >= period.start, a.first_approve_at < period.end,
                    a.office_id.in_(period.offices), a.id.not_in(moved(period))).cte("aided"))
    keys = union_all(db.select(aided.c.phone_hash.label("k")), _coworker_keys(aided)).cte("people")
    parts = [db.select(literal(None, String).label("k"), func.count(keys.c.k.distinct()).label("n"))]
    if known:
        parts.append(db.select(keys.c.k, literal(None, Integer)).where(among(keys.c.k, known, String)).distinct())
    counted, found = 0, set()
    for key, n in db.session.execute(union_all(*parts) if len(parts) > 1 else parts[0]):
        if key is None:
            counted = n
        else:
            found.add(key)
    return counted, found
