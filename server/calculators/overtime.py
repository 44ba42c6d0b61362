"""加班费 overtime: the hourly rate is the monthly wage ÷ 21.75 ÷ 8 (shown to the fen); weekday overtime at 150 %,
rest-day work at 200 % unless time off was given, statutory-holiday work at 300 % (《劳动法》第四十四条).

Inputs (content/calculators/README.md): monthly_wage_fen; either the day log `days` — each day's kind from
holidays.yml: on a statutory holiday day itself every hour counts at 300 %, on a rest day (a weekend, or a
weekday off only by the swap) every hour at 200 %, on a working day (a weekend worked by the swap too) the
`overtime_hours` at 150 % — or the typed totals weekday_hours / restday_hours / holiday_hours with
period_from / period_to; restday_time_off; received_fen; left_on.
"""
from datetime import date

from .common import (
    check_inputs,
    day,
    hundredths,
    line,
    minus_received,
    result,
    round_div,
    tenths,
    tenths_text,
    wage,
    wage_expiry,
    wage_expiry_note,
    yesno,
    yuan,
)
from .days import by_month, covered, day_kind, day_log, uncovered_note

KINDS = (("weekday", "weekday_pct", "工作日延长工作时间"), ("restday", "restday_pct", "休息日加班"),
         ("holiday", "holiday_pct", "法定节假日加班"))
DAY_TO_KIND = {"work": "weekday", "rest": "restday", "holiday": "holiday"}
NOT_COVERED = [
    "不定时工作制不适用这些倍数；经批准的综合计算工时制按周期总工时算，这里没算",
    "计件工资的加班按计件单价的 150%、200%、300% 算，这里按月工资算",
    "平时的工资和没发的工资本身（用“欠薪”计算器算）",
    "加班要有证据（考勤、工友证言、聊天记录等）；证据在单位手里的，可以要求单位拿出来",
]


def _hours_from_log(inputs: dict, holidays: dict, notes: list[str]) -> list[tuple[str, list[date], int]]:
    """[(kind, dates, hours in tenths)] per month, in the order weekday, restday, holiday."""
    out = []
    uncovered: set[int] = set()
    for _, entries in by_month(day_log(inputs)).items():
        per: dict[str, tuple[list[date], int]] = {}
        for e in entries:
            if not covered(e["date"], holidays):
                uncovered.add(e["date"].year)
            kind = DAY_TO_KIND[day_kind(e["date"], holidays)]
            hours = e["overtime_t"] if kind == "weekday" else e["hours_t"] + e["overtime_t"]
            if hours:
                dates, total = per.get(kind, ([], 0))
                per[kind] = ([*dates, e["date"]], total + hours)
        out += [(k, *per[k]) for k, _, _ in KINDS if k in per]
    if uncovered:
        notes.append(uncovered_note(uncovered))
    return out


def _typed_hours(inputs: dict) -> list[tuple[str, list[date], int]]:
    start = day(inputs, "period_from", optional=True, label="加班开始的日期")
    end = day(inputs, "period_to", optional=True, label="加班结束的日期")
    dates = [d for d in (start, end) if d is not None]
    out = []
    for kind, _, _ in KINDS:
        v = inputs.get(f"{kind}_hours")
        if v is not None:
            t = tenths(v, f"{kind}_hours", most=30_000, label="加班小时数")
            if t:
                out.append((kind, dates, t))
    return out


def compute(inputs: dict, rules: dict, on: date) -> dict:
    inputs = check_inputs(inputs)
    r, common = rules["overtime"], rules["common"]
    monthly = wage(inputs, "monthly_wage_fen", "月工资")
    assert monthly is not None
    left_on = day(inputs, "left_on", optional=True, label="离开的日期")
    time_off = yesno(inputs, "restday_time_off", default=False)
    expires, note = wage_expiry(left_on), wage_expiry_note(left_on)
    hourly = round_div(monthly * 100, hundredths(common["month_pay_days"]) * int(common["day_hours"]["value"]))
    notes = [f"每小时 {yuan(hourly)} 元 = 月工资 {yuan(monthly)} 元 ÷ 21.75 ÷ 8"
             f"（{common['month_pay_days']['cite'][0]['label']}）。"]
    hours = _hours_from_log(inputs, rules["holidays"], notes) if inputs.get("days") is not None \
        else _typed_hours(inputs)
    lines = []
    for kind, dates, t in hours:
        _, pct_key, label = next(k for k in KINDS if k[0] == kind)
        if kind == "restday" and time_off:
            notes.append(f"休息日加班 {tenths_text(t)} 小时已经安排了补休，按法律可以不另付 200%，没算进来。")
            continue
        pct = int(r[pct_key]["value"])
        a = round_div(hourly * t * pct, 1000)
        month = f"{dates[0].year}年{dates[0].month}月 " if dates and inputs.get("days") is not None else ""
        text = f"{month}{label} {tenths_text(t)} 小时 × 每小时 {yuan(hourly)} 元 × {pct}% = {yuan(a)} 元"
        basis = "、".join(c["label"] for c in r[pct_key]["cite"])
        lines.append(line(kind, text, a, basis, dates[0] if dates else None, dates[-1] if dates else None,
                          expires, note))
    if not lines:
        notes.append("按填的内容没有要另付的加班费。")
    minus_received(inputs, lines, "加班费", "", expires, note)
    notes.append(f"{r['limitation']['plain']}（{r['limitation']['note']}）")
    notes.append("法定节假日只算放假办法写的那几天；调休放的假算休息日，调休上班的周末算工作日"
                 f"（{r['statutory_holidays']['cite'][0]['label']}）。")
    return result("overtime", lines, NOT_COVERED, [], notes)
