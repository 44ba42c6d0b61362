"""欠薪 unpaid wages: days (typed, or the day log) × the daily rate, months × the monthly wage, or pieces × the
piece rate; what was received comes off. Inputs (content/calculators/README.md):

pay: "day" | "month" | "piece"; daily_wage_fen (or monthly_wage_fen, turned into a daily rate ÷ 21.75);
worked_days or days (the day log); months + monthly_wage_fen; pieces (one decimal) + piece_rate_fen;
received_fen; started_on; left_on (null while still working there).
"""
from datetime import date

from .common import (
    MAX_DAYS,
    check_inputs,
    choice,
    count,
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
    yuan,
)
from .days import by_month, day_log

NOT_COVERED = ["加班费（用“加班费”计算器算）", "没签合同的二倍工资、经济补偿", "拖欠期间的利息或加付赔偿金"]


def _daily(inputs: dict, rules: dict, notes: list[str]) -> int:
    daily = wage(inputs, "daily_wage_fen", "日工资", optional=True)
    if daily is not None:
        return daily
    monthly = wage(inputs, "monthly_wage_fen", "月工资")
    assert monthly is not None
    md = hundredths(rules["common"]["month_pay_days"])
    daily = round_div(monthly * 100, md)
    notes.append(f"日工资 = 月工资 {yuan(monthly)} 元 ÷ 21.75 = {yuan(daily)} 元"
                 f"（{rules['common']['month_pay_days']['cite'][0]['label']}）。")
    return daily


def _log_lines(inputs: dict, daily: int, basis: str, expires: date | None, note: str) -> list[dict]:
    lines = []
    for (y, m), entries in by_month(day_log(inputs)).items():
        halves = sum(2 if e["unit"] == "day" else 1 for e in entries if e["unit"] != "hours")
        hours_t = sum(e["hours_t"] for e in entries if e["unit"] == "hours")
        got = sum(e["received_fen"] for e in entries)
        parts, earned = [], 0
        if halves:
            a = round_div(daily * halves, 2)
            parts.append(f"干了 {tenths_text(halves * 5)} 天 × 每天 {yuan(daily)} 元 = {yuan(a)} 元")
            earned += a
        if hours_t:
            hourly = round_div(daily, 8)
            a = round_div(hourly * hours_t, 10)
            parts.append(f"按小时干了 {tenths_text(hours_t)} 小时 × 每小时 {yuan(hourly)} 元 = {yuan(a)} 元")
            earned += a
        if got:
            parts.append(f"减去当月拿到的 {yuan(got)} 元")
        owed = max(0, earned - got)
        text = f"{y}年{m}月：" + "；".join(parts) + f"，还欠 {yuan(owed)} 元"
        lines.append(line("month", text, owed, basis, entries[0]["date"], entries[-1]["date"], expires, note))
    return lines


def compute(inputs: dict, rules: dict, on: date) -> dict:
    inputs = check_inputs(inputs)
    pay = choice(inputs, "pay", ("day", "month", "piece"))
    started_on = day(inputs, "started_on", optional=True, label="开始干活的日期")
    left_on = day(inputs, "left_on", optional=True, label="离开的日期")
    expires, note = wage_expiry(left_on), wage_expiry_note(left_on)
    r = rules["wages"]
    basis = "、".join(c["label"] for c in r["pay_in_full"]["cite"])
    notes: list[str] = []
    lines: list[dict] = []
    if pay == "day":
        daily = _daily(inputs, rules, notes)
        if inputs.get("days") is not None:
            lines = _log_lines(inputs, daily, basis, expires, note)
            notes.append("半天按半天工资算，按小时的按日工资 ÷ 8 算；双方另有约定的，以约定为准。")
        else:
            n = count(inputs, "worked_days", most=MAX_DAYS, label="干活的天数")
            assert n is not None
            a = daily * n
            lines.append(line("days", f"干了 {n} 天 × 每天 {yuan(daily)} 元 = {yuan(a)} 元", a, basis,
                              started_on, left_on, expires, note))
    elif pay == "month":
        monthly = wage(inputs, "monthly_wage_fen", "月工资")
        n = count(inputs, "months", most=120, label="欠的月数")
        assert monthly is not None and n is not None
        a = monthly * n
        lines.append(line("months", f"欠了 {n} 个月 × 每月 {yuan(monthly)} 元 = {yuan(a)} 元", a, basis,
                          started_on, left_on, expires, note))
    else:
        rate = wage(inputs, "piece_rate_fen", "计件单价")
        assert rate is not None
        pieces_t = tenths(inputs.get("pieces"), "pieces", most=100_000, label="件数（方量）")
        a = round_div(rate * pieces_t, 10)
        lines.append(line("pieces", f"干了 {tenths_text(pieces_t)} 件（方）× 每件 {yuan(rate)} 元 = {yuan(a)} 元", a,
                          basis, started_on, left_on, expires, note))
    minus_received(inputs, lines, "工资", basis, expires, note)
    return result("wages", lines, NOT_COVERED, [], notes)
