"""The legal-aid figures about time, people and follow-up: days to accept, decide and assign (median and 90th
percentile), 受援人 per person, follow-ups reached and satisfaction, documents drawn up (registry entries)."""
import math
import statistics

from .aid_rows import china_day, first_step_at, first_steps, record
from .aid_sql import STEPS
from .aid_tally import WAITS, Tally, people_of, two_ways
from .registry import Figure, Period, Record, Value, register

PERCENTILES = ("中位数：排序后居中的天数（偶数个取中间两个的平均）；90 分位：排序后第 ⌈0.9n⌉ 个的天数。"
               "天数按北京时间的日期相减。")


def _spread(days: list[int]) -> Value:
    if not days:
        return Value(None, {"p90": None, "n": 0})
    ordered = sorted(days)
    return Value(statistics.median(ordered), {"p90": ordered[math.ceil(0.9 * len(ordered)) - 1], "n": len(ordered)})


def _waits(period: Period, key: str):
    """(when, case, days) for the cases whose first step `key` falls in the period, counted from the first step
    WAITS names (or from receipt)."""
    rows, since = first_steps(period, *STEPS[key]), WAITS[key]
    began = first_step_at([a.id for _, a in rows], *STEPS[since]) if since else {}
    out = []
    for at, a in rows:
        start = began.get(a.id) if since else a.created_at
        if start is not None:
            out.append((at, a, (china_day(at) - china_day(start)).days))
    return out


def _wait_figure(figure_id, label, definition, key) -> None:
    register(Figure(figure_id, "aid", label, f"{definition}{PERCENTILES}", "days",
                    records=lambda p: [record(a, at, f"{d} 天") for at, a, d in _waits(p, key)],
                    breakdown_labels={"p90": "90 分位（天）", "n": "件数"},
                    **two_ways(lambda t: _spread(t.days[key]))))


_wait_figure("aid.days_to_accept", "从申请到受理（天）", "本期内受理的案件，从提交申请到受理的天数。", "accept")
_wait_figure("aid.days_to_decide", "从受理到决定（天）", "本期内决定给予或不予法律援助的案件，从受理到决定的天数。",
             "decide")
_wait_figure("aid.days_to_assign", "从决定到指派（天）", "本期内第一次指派律师的案件，从决定给予到指派的天数。",
             "assign")


register(Figure(
    "aid.beneficiaries", "aid", "受援人",
    "受援人：本期内获得法律援助决定（决定给予法律援助）的申请人，及其申请中一并列明的工友；群体案件每人计一；"
    "同一人（同一手机号）本期内多次获得援助只计一人。",
    "count", records=lambda p: [record(a, at, f"{len(people_of(a))} 人") for at, a in first_steps(p, "approve")],
    **two_ways(lambda t: Value(len(t.people) + t.people_more))))


def _follow_ups(period: Period):
    return [(at, a, a.follow_up or {}) for at, a in first_steps(period, "follow_up")]


def _reached(t: Tally) -> Value:
    return Value(sum(n for (reached, _), n in t.follow_ups.items() if reached), {"done": t.follow_ups.total()})


def _satisfaction(t: Tally) -> Value:
    rated = [(score, n) for (reached, score), n in t.follow_ups.items() if reached and score]
    happy, scored = sum(n for score, n in rated if score >= 4), sum(n for _, n in rated)
    return Value(round(happy / scored, 4) if scored else None, {"satisfied": happy, "rated": scored})


def _follow_up_records(period: Period, rated_only: bool = False) -> list[Record]:
    return [record(a, at, f"联系上了，满意度 {f.get('satisfaction')}" if f.get("reached") else "没联系上")
            for at, a, f in _follow_ups(period) if not rated_only or (f.get("reached") and f.get("satisfaction"))]


register(Figure("aid.follow_ups_reached", "aid", "回访联系上",
    "回访：本期内结案后回访时联系上工友的件数（「回访」这一步的时间计）。",
                "count", records=_follow_up_records, breakdown_labels={"done": "回访件数"}, **two_ways(_reached)))
register(Figure("aid.satisfaction", "aid", "满意率",
                "满意率：本期内回访联系上并记下满意度的案件中，满意度为 4 或 5（满分 5）的占比。", "share",
                records=lambda p: _follow_up_records(p, rated_only=True),
                breakdown_labels={"satisfied": "满意件数", "rated": "记下满意度的件数"}, **two_ways(_satisfaction)))
