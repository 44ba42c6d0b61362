"""The legal-aid figures about time, people and follow-up: days to accept, decide and assign (median and 90th
percentile), 受援人 per person, follow-ups reached and satisfaction, documents drawn up (registry entries)."""
import math
import statistics
from datetime import datetime

from ..accounts.models import AuditEntry
from ..aid.models import Application
from ..clock import aware
from ..extensions import db
from .aid_rows import Case, cases, china_day, first_step_at, first_steps, held_then, record
from .registry import Figure, Period, Record, Value, register

PERCENTILES = ("中位数：排序后居中的天数（偶数个取中间两个的平均）；90 分位：排序后第 ⌈0.9n⌉ 个的天数。"
               "天数按北京时间的日期相减。")


def _spread(days: list[int]) -> Value:
    if not days:
        return Value(None, {"p90": None, "n": 0})
    ordered = sorted(days)
    return Value(statistics.median(ordered), {"p90": ordered[math.ceil(0.9 * len(ordered)) - 1], "n": len(ordered)})


def _waits(period: Period, actions: tuple[str, ...], since: tuple[str, ...] | None):
    """(when, case, days) for the cases whose first of `actions` falls in the period, counted from the first of
    `since` (or from receipt)."""
    rows = first_steps(period, *actions)
    began = first_step_at([a.id for _, a in rows], *since) if since else {}
    out = []
    for at, a in rows:
        start = began.get(a.id) if since else a.created_at
        if start is not None:
            out.append((at, a, (china_day(at) - china_day(start)).days))
    return out


def _wait_figure(figure_id, label, definition, actions, since) -> None:
    register(Figure(figure_id, "aid", label, f"{definition}{PERCENTILES}", "days",
                    lambda p: _spread([d for _, _, d in _waits(p, actions, since)]),
                    lambda p: [record(a, at, f"{d} 天") for at, a, d in _waits(p, actions, since)],
                    {"p90": "90 分位（天）", "n": "件数"}))


_wait_figure("aid.days_to_accept", "从申请到受理（天）", "本期内受理的案件，从提交申请到受理的天数。",
    ("accept",), None)
_wait_figure("aid.days_to_decide", "从受理到决定（天）", "本期内决定给予或不予法律援助的案件，从受理到决定的天数。",
             ("approve", "refuse_aid"), ("accept",))
_wait_figure("aid.days_to_assign", "从决定到指派（天）", "本期内第一次指派律师的案件，从决定给予到指派的天数。",
             ("assign",), ("approve",))


def people_of(application: Case) -> list[str]:
    """The people an application asks aid for: the applicant, and each co-worker it names (by the keyed phone hash;
    a co-worker named without a phone is one person of their own)."""
    keys = [application.phone_hash]
    for n, coworker in enumerate(application.coworkers or []):
        keys.append(coworker.get("phone_hash") or f"{application.id}/{n}")
    return keys


def _beneficiaries(period: Period) -> Value:
    people = {key for _, a in first_steps(period, "approve") for key in people_of(a)}
    return Value(len(people))


register(Figure(
    "aid.beneficiaries", "aid", "受援人",
    "受援人：本期内获得法律援助决定（决定给予法律援助）的申请人，及其申请中一并列明的工友；群体案件每人计一；"
    "同一人（同一手机号）本期内多次获得援助只计一人。",
    "count", _beneficiaries,
    lambda p: [record(a, at, f"{len(people_of(a))} 人") for at, a in first_steps(p, "approve")]))


def _follow_ups(period: Period):
    return [(at, a, a.follow_up or {}) for at, a in first_steps(period, "follow_up")]


def _reached(period: Period) -> Value:
    rows = _follow_ups(period)
    return Value(sum(1 for *_, f in rows if f.get("reached")), {"done": len(rows)})


def _satisfaction(period: Period) -> Value:
    scores = [f.get("satisfaction") for *_, f in _follow_ups(period) if f.get("reached") and f.get("satisfaction")]
    happy = sum(1 for s in scores if s >= 4)
    return Value(round(happy / len(scores), 4) if scores else None, {"satisfied": happy, "rated": len(scores)})


def _follow_up_records(period: Period, rated_only: bool = False) -> list[Record]:
    return [record(a, at, f"联系上了，满意度 {f.get('satisfaction')}" if f.get("reached") else "没联系上")
            for at, a, f in _follow_ups(period) if not rated_only or (f.get("reached") and f.get("satisfaction"))]


register(Figure("aid.follow_ups_reached", "aid", "回访联系上",
    "回访：本期内结案后回访时联系上工友的件数（「回访」这一步的时间计）。",
                "count", _reached, _follow_up_records, {"done": "回访件数"}))
register(Figure("aid.satisfaction", "aid", "满意率",
                "满意率：本期内回访联系上并记下满意度的案件中，满意度为 4 或 5（满分 5）的占比。", "share",
                _satisfaction, lambda p: _follow_up_records(p, rated_only=True),
                {"satisfied": "满意件数", "rated": "记下满意度的件数"}))


def _documents(period: Period) -> list[tuple]:
    """(when, case, kind) for each (case, kind of paper) first downloaded in the period, in its offices."""
    first: dict[tuple[str, str], datetime] = {}
    for at, record_id, detail in db.session.execute(db.select(AuditEntry.at, AuditEntry.record_id, AuditEntry.detail)
                                                    .where(AuditEntry.action == "document", AuditEntry.at < period.end,
                                                           AuditEntry.record_type == "aid_application")):
        key = (record_id, (detail or {}).get("kind", ""))
        first[key] = min(first.get(key, aware(at)), aware(at))
    wanted = {k: at for k, at in first.items() if at >= period.start and k[0].isdigit()}
    by_id = {a.id: a for (a,) in cases((Application.id.in_({int(k[0]) for k in wanted}),))}
    rows = [(at, by_id[int(rid)], kind) for (rid, kind), at in wanted.items() if int(rid) in by_id]
    kept = {(at, a.id) for at, a in held_then(period, [(at, a) for at, a, _ in rows])}
    return sorted((row for row in rows if (row[0], row[1].id) in kept), key=lambda row: (row[0], row[1].id))


register(Figure("aid.documents", "aid", "制作法律文书",
                "文书：本期内第一次从案件里制作（下载）的法律文书份数，每件案件的每种文书只计一次（以审计记录的时间计）。",
                "count", lambda p: Value(len(_documents(p))),
                lambda p: [record(a, at, kind) for at, a, kind in _documents(p)]))
