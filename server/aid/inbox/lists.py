"""The handlers' lists: the inbox (filters, counts, urgency order), a group claim, the green channel's figures and
the lawyers to choose from; every row is a case's masked row (cases/rows.py). Each list holds only what lies in
the reader's office and its subtree (offices/scope.py)."""
from datetime import date, timedelta

from sqlalchemy import case, func

from ... import site_links
from ...accounts.audit import record_view
from ...accounts.models import User
from ...errors import NotFound
from ...extensions import db
from ...offices import scope
from ..cases import accept, clocks
from ..cases.rows import GREEN, counted, group_figures, is_open, live_duplicate, rows
from ..models import Application, TimelineEntry
from . import search

FILTERS = ("all", "new", "green", "urgent", "overdue", "accept_overdue", "group", "duplicate", "materials", "mine")


def _visible(user: User):
    query = scope.within(db.select(Application), Application.office_id, user)
    if user.role == "lawyer":
        query = query.where(Application.lawyer_id == user.id)
    return query


def _conditions(user: User, on: date) -> dict:
    # A group of two or more among the applications the reader's offices hold (not one here and one in a sibling).
    grouped = scope.within(db.select(Application.group_key), Application.office_id, user) \
        .where(Application.group_key != "", counted()).group_by(Application.group_key).having(func.count() > 1)
    mine = Application.lawyer_id == user.id if user.role == "lawyer" else Application.id.in_(
        db.select(TimelineEntry.application_id).where(TimelineEntry.actor_id == user.id))
    return {
        "new": Application.stage == "submitted",
        "green": Application.means_test == GREEN,
        "urgent": is_open() & (Application.limitation_due_on <= on + timedelta(days=clocks.URGENT_DAYS)),
        "overdue": is_open() & (Application.due_on < on),
        # the office's own deadline for a lawyer to accept (cases/accept.py): staff's alone
        "accept_overdue": accept.overdue(on, staff=user.role != "lawyer"),
        "group": Application.group_key.in_(grouped) & counted(),
        "duplicate": live_duplicate(user),
        "materials": Application.stage == "materials_requested",
        "mine": mine,
    }


def _urgency(on: date, late_accept):
    """0 aid first (Art. 44), 1 a statutory clock (or the office's accept deadline) overdue, 2 urgent, 3 green
    channel waiting, 4 open, 5 ended."""
    return case(
        (is_open() & (Application.limitation_due_on < on + timedelta(days=clocks.FIRST_AID_DAYS)), 0),
        (is_open() & (Application.due_on < on), 1),
        (late_accept, 1),
        (is_open() & (Application.limitation_due_on <= on + timedelta(days=clocks.URGENT_DAYS)), 2),
        (Application.stage.in_(("submitted", "accepted", "approved")) & (Application.means_test == GREEN), 3),
        (is_open(), 4),
        else_=5)


def list_cases(user: User, filter: str = "all", page: int = 1, page_size: int = 50, q: str = "",
               site: str = "") -> dict:
    """A page of the reader's cases under `filter`; with `q`, only those the search finds (inbox/search.py), every
    filter's count over them, and the search written to the audit log (committed before the rows leave)."""
    on = clocks.today()
    conditions = _conditions(user, on)
    base = _visible(user)
    q = q.strip()
    if q:
        base = base.where(search.condition(q))
    if site:  # one site's cases (a group claim is usually one site): sites/service.py
        base = base.where(Application.site_id == site_links.office_site_id(site, user))
    counts_query = base.with_only_columns(func.count(), *[
        func.coalesce(func.sum(case((cond, 1), else_=0)), 0) for cond in conditions.values()]).order_by(None)
    total_all, *per_filter = db.session.execute(counts_query).one()
    counts = {"all": total_all, **{name: int(n) for name, n in zip(conditions, per_filter, strict=True)}}
    if q:
        record_view(user, "search", "aid_application", "*", search.detail(q, total_all))
        db.session.commit()
    query = base if filter == "all" else base.where(conditions[filter])
    query = query.order_by(_urgency(on, conditions["accept_overdue"]), Application.created_at, Application.id)
    page_size = max(1, min(page_size, 100))
    offset = (page - 1) * page_size
    items = [] if offset >= 2**62 else list(db.session.scalars(query.limit(page_size).offset(offset)))
    return {"items": rows(items, user, on), "counts": counts, "page": page, "page_size": page_size,
            "total": counts[filter], "sites": site_links.by_site(base)}


def group_view(key: str, user: User) -> dict:
    members = list(db.session.scalars(_visible(user).where(Application.group_key == key)
                                      .order_by(Application.created_at, Application.id)))
    if not key or len(members) < 2:
        raise NotFound("没有这个群体案件。", "group_not_found")
    size, owed = group_figures({key}, user).get(key, (0, 0))
    if size < 2:
        raise NotFound("没有这个群体案件。", "group_not_found")
    employers = [a.employer_name for a in members if a.employer_name]
    sites = [a.site for a in members if a.site]
    return {"key": key, "employer_name": max(set(employers), key=employers.count) if employers else "",
            "site": max(set(sites), key=sites.count) if sites else "", "size": size, "total_owed_fen": owed,
            "items": rows(members, user)}


def figures(user: User) -> dict:
    """Green-channel cases and how often same-day accept and same-day assign held for them."""
    green = db.session.execute(
        scope.within(db.select(Application.created_at, Application.accepted_at, Application.assigned_at),
                     Application.office_id, user).where(Application.means_test == GREEN)).all()
    received = [clocks.day_of(c) for c, _, _ in green]
    accepted = [(r, clocks.day_of(a)) for r, (_, a, _) in zip(received, green, strict=True) if a is not None]
    assigned = [(r, clocks.day_of(s)) for r, (_, _, s) in zip(received, green, strict=True) if s is not None]
    return {"green_channel": len(green), "accepted": len(accepted), "assigned": len(assigned),
            "same_day_accept": sum(1 for r, a in accepted if r == a),
            "same_day_assign": sum(1 for r, s in assigned if r == s),
            "how": "绿色通道：进城务工人员讨薪、工伤的申请免予核查经济困难状况（《法律援助法》第四十二条）。"
                   "“当天受理”“当天指派”都按收到申请的那一天（中国时间）算。"}


def lawyers(user: User) -> dict:
    """The active lawyers of the reader's office and its subtree, with their open cases there."""
    open_cases: dict[int | None, int] = {i: n for i, n in db.session.execute(
        scope.within(db.select(Application.lawyer_id, func.count()), Application.office_id, user)
        .where(Application.lawyer_id.is_not(None), is_open()).group_by(Application.lawyer_id))}
    people = db.session.scalars(scope.within(db.select(User), User.office_id, user)
                                .where(User.role == "lawyer", User.active.is_(True)).order_by(User.id))
    return {"items": [{"id": u.id, "name": u.display_name, "office_phone": u.office_phone, "law_firm": u.law_firm,
                       "active": u.active, "open_cases": open_cases.get(u.id, 0)} for u in people]}
