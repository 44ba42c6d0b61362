"""The legal-aid figures that count cases: received, each decision, withdrawals, assignment, green channel, closes
and the money recovered (registry entries; the timing, people and follow-up figures are in aid_more.py)."""
from ..aid.cases.workflow import OUTCOMES
from ..aid.models import CASE_TYPES
from .aid_rows import first_steps, received, record
from .aid_sql import GREEN, STEPS
from .aid_tally import Tally, two_ways, typed
from .registry import Figure, Period, Value, register


def _typed_value(key: str):
    return lambda t: Value(sum(t.types[key].values()), typed(t.types[key]))


register(Figure(
    "aid.received", "aid", "收到法律援助申请",
    "收到申请：本期内收到（提交）的法律援助申请件数，按案件类型分列；以申请提交的时间计。",
    "count", records=lambda p: [record(a, a.created_at, a.case_type_label) for a in received(p)],
    breakdown_labels=dict(CASE_TYPES), **two_ways(_typed_value("received"))))


def _step_figure(figure_id: str, label: str, definition: str, key: str) -> None:
    register(Figure(figure_id, "aid", label, definition, "count",
                    records=lambda p: [record(a, at) for at, a in first_steps(p, *STEPS[key])],
                    breakdown_labels=dict(CASE_TYPES), **two_ways(_typed_value(key))))


_step_figure("aid.accepted", "受理", "受理：本期内受理的申请件数（以「受理」这一步的时间计），按案件类型分列。",
    "accept")
_step_figure("aid.approved", "决定给予法律援助", "决定给予：本期内决定给予法律援助的件数（以决定的时间计）。",
    "approve")
_step_figure("aid.refused", "决定不予法律援助", "不予法律援助：本期内受理后决定不予法律援助的件数（以决定的时间计）。",
             "refuse")
_step_figure("aid.not_accepted", "不予受理", "不予受理：本期内决定不予受理的件数（以决定的时间计）。", "not_accept")
_step_figure("aid.withdrawn", "撤回",
    "撤回：本期内工友撤回申请、或补充材料逾期视为撤回（《法律援助法》第四十三条）的件数。",
             "withdraw")
_step_figure("aid.assigned", "指派律师", "指派：本期内第一次指派律师的件数（改派不另计）。", "assign")


def _green(period: Period):
    return [a for a in received(period) if a.means_test == GREEN]


def _green_value(t: Tally) -> Value:
    got = sum(t.types["received"].values())
    return Value(round(t.green["green"] / got, 4) if got else None,
                 {"green": t.green["green"], "received": got, "same_day": t.green["same_day"]})


register(Figure(
    "aid.green_channel", "aid", "绿色通道占比",
    "绿色通道：本期收到的申请中，免予核查经济困难状况的占比（《法律援助法》第四十二条第（三）项："
    "进城务工人员请求支付劳动报酬或工伤事故人身损害赔偿）；"
    "「当天受理并指派」为提交当天受理、同一天指派律师的件数。",
    "share", records=lambda p: [record(a, a.created_at, "绿色通道") for a in _green(p)],
    breakdown_labels={"green": "绿色通道件数", "received": "收到申请件数", "same_day": "当天受理并指派"},
    **two_ways(_green_value)))


def _closes(period: Period):
    return [(at, a, (a.outcome or {})) for at, a in first_steps(period, "close")]


def _closed_value(t: Tally) -> Value:
    counts = {key: t.outcomes.get(key, 0) for key in OUTCOMES} | dict(sorted(t.outcomes.items()))
    return Value(sum(counts.values()), counts)


register(Figure(
    "aid.closed", "aid", "结案", "结案：本期内结案的件数（以「结案」这一步的时间计），按结案方式分列。", "count",
    records=lambda p: [record(a, at, OUTCOMES.get(o.get("outcome", ""), "")) for at, a, o in _closes(p)],
    breakdown_labels=dict(OUTCOMES), **two_ways(_closed_value)))


register(Figure(
    "aid.recovered_fen", "aid", "挽回经济损失",
    "挽回经济损失：本期内结案的案件结案时记下的追回金额之和（以分计，报表中折成元、万元），按案件类型分列。",
    "fen", records=lambda p: [record(a, at, "", int(o.get("recovered_fen") or 0)) for at, a, o in _closes(p)
                              if o.get("recovered_fen")],
    breakdown_labels=dict(CASE_TYPES), **two_ways(_typed_value("recovered"))))
