"""The prize quiz figures (有奖知识问答) of the events held in the period: who handed a quiz in, who passed, the pass
rate and the prizes handed over, each broken down per event (registry entries)."""
from sqlalchemy import Row

from ..clock import china_time
from ..events.models import Attendee, QuizResult
from ..extensions import db
from .aid_rows import masked_name, memoised
from .event_figures import HELD, held
from .registry import Figure, Period, Record, Value, register

PER_EVENT = "按活动分列。"


@memoised
def _results(period: Period) -> list[Row]:
    """Each quiz handed in at the period's events (one per attendance), with the attendee's name."""
    ids = [e.id for e in held(period)]
    return list(db.session.execute(
        db.select(QuizResult.id, QuizResult.event_id, QuizResult.score, QuizResult.total, QuizResult.passed,
                  QuizResult.answered_at, QuizResult.prize_at, Attendee.id.label("attendee_id"), Attendee.name)
        .join(Attendee, Attendee.id == QuizResult.attendee_id).where(QuizResult.event_id.in_(ids))
        .order_by(QuizResult.event_id, QuizResult.id)))


def _per_event(period: Period, rows: list[Row]) -> Value:
    """How many of `rows`, and how many at each of the period's events that ran a quiz (by event id)."""
    counts = {str(e.id): 0 for e in held(period) if e.quiz is not None}
    for row in rows:
        counts[str(row.event_id)] = counts.get(str(row.event_id), 0) + 1
    return Value(len(rows), counts, _titles(period))


def _titles(period: Period) -> dict[str, str]:
    return {str(e.id): f"{china_time(e.starts_at):%m-%d} {e.title}" for e in held(period)}


def _passed(period: Period) -> list[Row]:
    return [r for r in _results(period) if r.passed]


def _prized(period: Period) -> list[Row]:
    return [r for r in _results(period) if r.prize_at is not None]


def _pass_rate(period: Period) -> Value:
    taken, passed = _per_event(period, _results(period)), _per_event(period, _passed(period))
    rates = {key: (passed.breakdown[key] / n if n else None) for key, n in taken.breakdown.items()}
    value = passed.value / taken.value if taken.value else None  # type: ignore[operator]  # counts
    return Value(value, rates, taken.labels)


def _record(row: Row, at=None) -> Record:
    return Record("attendee", row.attendee_id, china_time(at or row.answered_at), masked_name(row.name),
                  f"活动 {row.event_id} · 答对 {row.score}/{row.total}{' · 及格' if row.passed else ''}")


register(Figure("events.quiz_takers", "events", "有奖知识问答参与",
                f"问答人数：本期活动到场签到后交了有奖知识问答答卷的人数，每人每场计一（不许重答，以服务器最先收到的一份为准）。"
                f"{PER_EVENT}{HELD}", "count",
                lambda p: _per_event(p, _results(p)), lambda p: [_record(r) for r in _results(p)]))
register(Figure("events.quiz_passed", "events", "有奖知识问答及格",
                f"及格人数：本期活动的问答答卷中，服务器判分答对题数达到该场及格线的人数。{PER_EVENT}{HELD}", "count",
                lambda p: _per_event(p, _passed(p)), lambda p: [_record(r) for r in _passed(p)]))
register(Figure("events.quiz_pass_rate", "events", "有奖知识问答及格率",
                f"及格率：本期活动问答及格人数除以交卷人数；没有人交卷时不计。{PER_EVENT}{HELD}", "share",
                _pass_rate, lambda p: [_record(r) for r in _passed(p)]))
register(Figure("events.prizes", "events", "发放问答奖品",
                f"奖品：本期活动志愿者登记已发放的问答奖品份数，每人每场最多一份（两台手机都登记也只算一份）。{PER_EVENT}{HELD}",
                "count", lambda p: _per_event(p, _prized(p)), lambda p: [_record(r, r.prize_at) for r in _prized(p)]))
