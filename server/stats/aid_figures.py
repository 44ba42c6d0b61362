"""The legal-aid figures that count cases: received, each decision, withdrawals, assignment, green channel, closes
and the money recovered (registry entries; the timing, people and follow-up figures are in aid_more.py)."""
from ..aid.cases.workflow import OUTCOMES
from ..aid.models import CASE_TYPES
from .aid_rows import by_case_type, china_day, first_step_at, first_steps, received, record
from .registry import Figure, Period, Value, register

GREEN = "art42_exempt"


def _received_value(period: Period) -> Value:
    rows = received(period)
    return Value(len(rows), by_case_type(rows))


register(Figure(
    "aid.received", "aid", "收到法律援助申请",
    "收到申请：本期内收到（提交）的法律援助申请件数，按案件类型分列；以申请提交的时间计。",
    "count", _received_value, lambda p: [record(a, a.created_at, a.case_type_label) for a in received(p)],
    dict(CASE_TYPES)))


def _step_figure(figure_id: str, label: str, definition: str, *actions: str) -> None:
    def compute(period: Period) -> Value:
        rows = first_steps(period, *actions)
        return Value(len(rows), by_case_type(a for _, a in rows))

    register(Figure(figure_id, "aid", label, definition, "count", compute,
                    lambda p: [record(a, at) for at, a in first_steps(p, *actions)], dict(CASE_TYPES)))


_step_figure("aid.accepted", "受理", "受理：本期内受理的申请件数（以「受理」这一步的时间计），按案件类型分列。",
    "accept")
_step_figure("aid.approved", "决定给予法律援助", "决定给予：本期内决定给予法律援助的件数（以决定的时间计）。",
    "approve")
_step_figure("aid.refused", "决定不予法律援助", "不予法律援助：本期内受理后决定不予法律援助的件数（以决定的时间计）。",
             "refuse_aid")
_step_figure("aid.not_accepted", "不予受理", "不予受理：本期内决定不予受理的件数（以决定的时间计）。", "not_accept")
_step_figure("aid.withdrawn", "撤回",
    "撤回：本期内工友撤回申请、或补充材料逾期视为撤回（《法律援助法》第四十三条）的件数。",
             "withdraw", "materials_timeout")
_step_figure("aid.assigned", "指派律师", "指派：本期内第一次指派律师的件数（改派不另计）。", "assign")


def _green(period: Period):
    return [a for a in received(period) if a.means_test == GREEN]


def _green_value(period: Period) -> Value:
    rows, green = received(period), _green(period)
    accepted = first_step_at([a.id for a in green], "accept")
    assigned = first_step_at([a.id for a in green], "assign")
    same_day = sum(1 for a in green if a.id in accepted and a.id in assigned
                   and china_day(accepted[a.id]) == china_day(assigned[a.id]) == china_day(a.created_at))
    return Value(round(len(green) / len(rows), 4) if rows else None,
                 {"green": len(green), "received": len(rows), "same_day": same_day})


register(Figure(
    "aid.green_channel", "aid", "绿色通道占比",
    "绿色通道：本期收到的申请中，免予核查经济困难状况的占比（《法律援助法》第四十二条第（三）项："
    "进城务工人员请求支付劳动报酬或工伤事故人身损害赔偿）；"
    "「当天受理并指派」为提交当天受理、同一天指派律师的件数。",
    "share", _green_value, lambda p: [record(a, a.created_at, "绿色通道") for a in _green(p)],
    {"green": "绿色通道件数", "received": "收到申请件数", "same_day": "当天受理并指派"}))


def _closes(period: Period):
    return [(at, a, (a.outcome or {})) for at, a in first_steps(period, "close")]


def _closed_value(period: Period) -> Value:
    counts = {key: 0 for key in OUTCOMES}
    for _, _, outcome in _closes(period):
        counts[outcome.get("outcome", "other")] = counts.get(outcome.get("outcome", "other"), 0) + 1
    return Value(sum(counts.values()), counts)


register(Figure(
    "aid.closed", "aid", "结案", "结案：本期内结案的件数（以「结案」这一步的时间计），按结案方式分列。", "count",
    _closed_value,
    lambda p: [record(a, at, OUTCOMES.get(o.get("outcome", ""), "")) for at, a, o in _closes(p)], dict(OUTCOMES)))


def _recovered_value(period: Period) -> Value:
    by_type = {key: 0 for key in CASE_TYPES}
    for _, a, outcome in _closes(period):
        by_type[a.case_type] = by_type.get(a.case_type, 0) + int(outcome.get("recovered_fen") or 0)
    return Value(sum(by_type.values()), by_type)


register(Figure(
    "aid.recovered_fen", "aid", "挽回经济损失",
    "挽回经济损失：本期内结案的案件结案时记下的追回金额之和（以分计，报表中折成元、万元），按案件类型分列。",
    "fen", _recovered_value,
    lambda p: [record(a, at, "", int(o.get("recovered_fen") or 0)) for at, a, o in _closes(p)
               if o.get("recovered_fen")], dict(CASE_TYPES)))
