"""The legal-aid figures counted in the database (the fast path of `GET /stats`), for every case but the few moved
after the period began (`movers`: the row path in aid_tally.py counts those, case by case).

A case not transferred after the period began was, at every moment in the period, in its own office (`office_at`
in aid_rows.py looks only at later transfers): so for those cases "in the period's offices then" is a plain
`office_id IN offices`, and every figure is a GROUP BY. One statement, so PostgreSQL reads each case's first steps
once (a CTE named more than once is computed once): the counts by case type, outcome and follow-up answer; the
day differences (the median and 90th percentile are taken in Python from the few distinct triples); the phone
hashes of the applicants received and aided, with the co-workers of the group claims among those aided.
"""
from collections.abc import Sequence

from sqlalchemy import (
    ARRAY,
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
    outerjoin,
    text,
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
        "d_decide": Integer, "d_assign": Integer, "phone_hash": String, "group_id": Integer}
SUMS = ("received", "green", "same_day", *STEPS, "recovered", "n")


def moved(period: Period):
    """The ids of the cases transferred after the period began (the few the row path counts)."""
    return db.select(TimelineEntry.application_id).where(TimelineEntry.action == "transfer",
                                                         TimelineEntry.at > period.start)


def china_days(later, earlier):
    """SQL: the China calendar days from `earlier` to `later` (both stored moments), as Python's
    `(china_day(later) - china_day(earlier)).days` for any moment since China's last summer time (1991): UTC+8 as a
    fixed offset (on PostgreSQL, the zone's name cost a lookup per call: a quarter of the statement's time)."""
    if db.session.get_bind().dialect.name == "postgresql":
        def day(moment):
            return cast(func.timezone(text("INTERVAL '8 hours'"), moment), Date)
        return type_coerce(day(later) - day(earlier), Integer)
    return cast(func.julianday(func.date(later, "+8 hours")) - func.julianday(func.date(earlier, "+8 hours")), Integer)


def _firsts(period: Period):
    """Per case with a counted step at or after the period's start: when it first took each kind of step (at any
    time). (HAVING, not an IN over the period's steps: that semi-join cost three times the grouping itself.)"""
    step = TimelineEntry
    actions = sorted({action for actions in STEPS.values() for action in actions})
    return (db.select(step.application_id.label("aid"),
                      *[func.min(case((step.action.in_(STEPS[key]), step.at))).label(key) for key in STEPS])
            .where(step.action.in_(actions)).group_by(step.application_id)
            .having(func.max(step.at) >= period.start).subquery("firsts"))


def _cases(period: Period):
    """The CTE: one row per case counted here, with a 0/1 flag per figure and the keys the figures group by."""
    a, first = Application, _firsts(period)

    def within(column):
        return and_(column >= period.start, column < period.end)

    def flag(condition):
        return case((condition, 1), else_=0)

    came = within(a.created_at)
    green = and_(came, a.means_test == GREEN)
    same_day = and_(green, china_days(first.c.accept, a.created_at) == 0, china_days(first.c.assign, a.created_at) == 0)
    closed, followed = within(first.c.close), within(first.c.follow_up)
    group = and_(within(first.c.approve), cast(a.coworkers, Text) != "[]")
    return (db.select(
        a.id, a.case_type, a.phone_hash, flag(came).label("received"), flag(green).label("green"),
        flag(same_day).label("same_day"), *[flag(within(first.c[key])).label(key) for key in STEPS],
        case((closed, func.coalesce(a.outcome["outcome"].as_string(), "other"))).label("outcome"),
        case((closed, func.coalesce(a.outcome["recovered_fen"].as_integer(), 0)), else_=0).label("recovered"),
        case((followed, a.follow_up["reached"].as_boolean())).label("reached"),
        case((followed, a.follow_up["satisfaction"].as_integer())).label("satisfaction"),
        case((within(first.c.accept), china_days(first.c.accept, a.created_at))).label("d_accept"),
        case((within(first.c.decide), china_days(first.c.decide, first.c.accept))).label("d_decide"),
        case((within(first.c.assign), china_days(first.c.assign, first.c.approve))).label("d_assign"),
        case((group, a.id)).label("group_id"))
        .select_from(outerjoin(a, first, first.c.aid == a.id))
        .where(a.office_id.in_(period.offices), a.id.not_in(moved(period)), or_(came, first.c.aid.isnot(None)))
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


def counted_rows(period: Period, known: list[str]) -> Sequence[Row]:
    """The rows of the one statement: part 1 the counts by (case type, outcome, follow-up answer), part 2 how many
    cases per (days to accept, to decide, to assign), part 3 which of the `known` phone hashes are among the
    applicants aided, part 4 how many applicants aided (distinct phones), part 5 the group claims aided."""
    x = _cases(period)
    c, aided = x.c, x.c.approve == 1
    by_type = _part(1, {"case_type": c.case_type, "outcome": c.outcome, "reached": c.reached,
                        "satisfaction": c.satisfaction},
                    {name: func.sum(c[name]) for name in SUMS if name != "n"} | {"n": func.count()}, x=x)
    days = _part(2, {"d_accept": c.d_accept, "d_decide": c.d_decide, "d_assign": c.d_assign}, {"n": func.count()},
                 or_(c.d_accept.isnot(None), c.d_decide.isnot(None), c.d_assign.isnot(None)), x=x)
    known_aided = _part(3, {"phone_hash": c.phone_hash}, {}, and_(aided, among(c.phone_hash, known, String)), x=x)
    applicants = _part(4, {}, {"n": func.count(c.phone_hash.distinct())}, aided, x=x)
    groups = _part(5, {"group_id": c.group_id}, {}, c.group_id.isnot(None), x=x)
    return db.session.execute(union_all(by_type, days, known_aided, applicants, groups)).all()


def group_claims(period: Period) -> dict[int, list]:
    """The co-workers named by each case (not moved after the period began) with an approval in the period: a
    superset of the group claims the period aided, read before `counted_rows` to know whose phones to ask about."""
    a, step = Application, TimelineEntry
    approved = db.select(step.application_id).where(step.action == "approve", step.at >= period.start,
                                                    step.at < period.end)
    return {aid: coworkers for aid, coworkers in db.session.execute(db.select(a.id, a.coworkers).where(
        a.id.in_(approved), cast(a.coworkers, Text) != "[]", a.office_id.in_(period.offices),
        a.id.not_in(moved(period))))}
