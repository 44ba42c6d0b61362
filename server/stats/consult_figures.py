"""The consultation figures (咨询, server/questions/): 人次 by channel and by case type, distinct people, answered on
time and overdue, converted into applications, and the moderated ones counted apart (registry entries). Each
consultation counts once, at the moment it was asked (its created_at), for the office that holds it."""
from datetime import timedelta

from sqlalchemy import Row

from ..aid.models import CASE_TYPES, Application
from ..clock import china_time, utcnow
from ..extensions import db
from ..questions.models import CHANNELS, VERDICTS, Question
from .aid_rows import memoised
from .registry import Figure, Period, Record, Value, register

ASKED = "咨询以提问（登记）时间计，属于接待的机构；被标记为广告、骚扰或不是法律问题的留言不计入，另列“已标记留言”。"
ON_TIME = timedelta(hours=24)
FIELDS = (Question.id, Question.code, Question.office_id, Question.channel, Question.case_type, Question.phone_hash,
          Question.created_at, Question.answered_at, Question.application_id, Question.site_id, Question.verdict,
          Question.moderated_at)


@memoised
def asked(period: Period) -> list[Row]:
    """Every consultation asked in the period in its offices, moderated ones too, oldest first."""
    return list(db.session.execute(db.select(*FIELDS).where(
        Question.office_id.in_(period.offices), Question.created_at >= period.start,
        Question.created_at < period.end).order_by(Question.created_at, Question.id)))


def counted(period: Period) -> list[Row]:
    """The consultations the 人次 count: not marked by the period's end."""
    return [q for q in asked(period) if not marked(q, period)]


def marked(q: Row, period: Period) -> bool:
    """Marked (spam, abusive, not a legal question) before the period ended: a later marking leaves it as it was."""
    return bool(q.verdict) and q.moderated_at is not None and q.moderated_at < period.end


def record(q: Row, at=None, detail: str = "") -> Record:
    return Record("question", q.id, china_time(at or q.created_at), f"{CHANNELS.get(q.channel, q.channel)}",
                  detail or CASE_TYPES.get(q.case_type, q.case_type), q.code, q.office_id)


def _by(rows: list[Row], column: str, keys) -> Value:
    counts = dict.fromkeys(keys, 0)
    for row in rows:
        key = getattr(row, column)
        counts[key] = counts.get(key, 0) + 1
    return Value(len(rows), counts)


def _records(rows_of):
    return lambda p: [record(q) for q in rows_of(p)]


register(Figure("consult.total", "consult", "接待咨询", f"咨询人次：本期内的咨询，每次计一，按渠道分列。{ASKED}",
                "count", lambda p: _by(counted(p), "channel", CHANNELS), _records(counted), dict(CHANNELS)))
register(Figure("consult.by_case_type", "consult", "咨询（按问题类型）",
                f"咨询人次按问题类型分列（工友或登记人选的类型）。{ASKED}", "count",
                lambda p: _by(counted(p), "case_type", CASE_TYPES), _records(counted), dict(CASE_TYPES)))


def _people(period: Period) -> Value:
    rows = counted(period)
    phones = {q.phone_hash for q in rows if q.phone_hash}
    without = sum(1 for q in rows if not q.phone_hash)
    return Value(len(phones) + without, {"with_phone": len(phones), "without_phone": without})


register(Figure("consult.people", "consult", "咨询人数（去重）",
                "咨询人数：本期咨询按手机号（加密散列，不显示号码）去重，一人咨询几次只计一人；"
                f"没留手机号的咨询每次按一人计。{ASKED}", "count", _people, _records(counted),
                {"with_phone": "留了手机号的人", "without_phone": "没留手机号的咨询"}))


def on_time(period: Period) -> list[Row]:
    return [q for q in counted(period) if q.answered_at is not None and q.answered_at - q.created_at <= ON_TIME]


def overdue(period: Period) -> list[Row]:
    """Not answered within 24 hours of asking, once those 24 hours have passed (an unanswered one asked less than a
    day ago is neither on time nor overdue yet)."""
    now = utcnow()
    return [q for q in counted(period) if (q.answered_at is None and q.created_at + ON_TIME <= now)
            or (q.answered_at is not None and q.answered_at - q.created_at > ON_TIME)]


register(Figure("consult.on_time", "consult", "按时答复咨询",
                "按时答复：本期咨询中，提问后 24 小时内有了第一次答复的（现场、电话登记时当场答复的也算）。"
                f"{ASKED}", "count",
                lambda p: _by(on_time(p), "channel", CHANNELS), _records(on_time), dict(CHANNELS)))
register(Figure("consult.overdue", "consult", "超时未答复咨询",
                f"超时：本期咨询中，提问满 24 小时还没有答复、或第一次答复晚于 24 小时的。{ASKED}", "count",
                lambda p: _by(overdue(p), "channel", CHANNELS), _records(overdue), dict(CHANNELS)))


@memoised
def converted(period: Period) -> list[Row]:
    """Consultations (of the period's offices, not moderated) turned into an application received in the period:
    the conversion is when the application was made (its created_at), whenever the consultation was asked."""
    a = Application
    return [q for q in db.session.execute(db.select(*FIELDS, a.created_at.label("converted_at")).join(
        a, a.id == Question.application_id).where(
        Question.office_id.in_(period.offices), a.created_at >= period.start,
        a.created_at < period.end).order_by(a.created_at, Question.id)) if not marked(q, period)]


register(Figure("consult.converted", "consult", "咨询转为援助申请",
                "转申请：本机构的咨询转成法律援助申请、且申请在本期内提交的件数（以申请提交时间计，不论何时咨询），按渠道分列。",
                "count", lambda p: _by(converted(p), "channel", CHANNELS),
                lambda p: [record(q, q.converted_at, f"转为申请 {q.application_id}") for q in converted(p)],
                dict(CHANNELS)))


def moderated(period: Period) -> list[Row]:
    return [q for q in asked(period) if marked(q, period)]


register(Figure("consult.moderated", "consult", "已标记留言（不计入咨询）",
                "已标记：本期内被工作人员标记为广告、骚扰或不是法律问题的留言，以提问时间计，按标记分列；不计入咨询人次和人数。",
                "count", lambda p: _by(moderated(p), "verdict", VERDICTS),
                lambda p: [record(q, detail=VERDICTS.get(q.verdict, q.verdict)) for q in moderated(p)], dict(VERDICTS)))
