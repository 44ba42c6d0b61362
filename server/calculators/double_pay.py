"""未签合同二倍工资 double pay: the extra month's wage for each month without a written contract, from the day
after the first month (started_on + 1 month) to the day before signing, the day of leaving, or the day before
one year — at most 11 months (《劳动合同法》第八十二条, 实施条例第六条、第七条). A part month is paid by 计薪日
(working days and statutory holidays) × monthly ÷ 21.75, at most a month.

The extra fold is usually not 劳动报酬, so the 1-year limitation runs while the job lasts. Each month's line
expires 1 year after that month ends (the earliest reading; local practice differs and the line says so);
a month already past it counts 0.

Inputs: started_on; signed_on (null: never signed); left_on; monthly_wage_fen; employer = company | boss | general.
"""
from datetime import date, timedelta

from ..aid.cases.clocks import add_years
from .common import (
    CalcInputError,
    add_months,
    check_inputs,
    choice,
    day,
    hundredths,
    line,
    result,
    round_div,
    wage,
    yuan,
)
from .common import (
    basis as basis_of,
)
from .days import covered, pay_days, uncovered_note

ONE = timedelta(days=1)
EXPIRES_NOTE = ("每个月这部分按当月结束的次日起算 1 年，是最早的算法；各地起算口径不一（有的从补签合同或离开时才算），"
                "过了也不一定全拿不回来，越早申请仲裁越稳妥（《劳动争议调解仲裁法》第二十七条）。")
NOT_COVERED = [
    "正常的那一倍工资（没发的用“欠薪”计算器算）",
    "满一年还没签的，视为已经订立无固定期限劳动合同（实施条例第七条），之后不再按二倍算",
    "该签无固定期限合同而不签的二倍工资（劳动合同法第八十二条第二款）",
]


def _span(a: date, b: date) -> str:
    return f"{a.year}年{a.month}月{a.day}日至{b.year}年{b.month}月{b.day}日"


def compute(inputs: dict, rules: dict, on: date) -> dict:
    inputs = check_inputs(inputs)
    r, common, holidays = rules["double_pay"], rules["common"], rules["holidays"]
    started = day(inputs, "started_on", label="开始干活的日期")
    signed = day(inputs, "signed_on", optional=True, label="签合同的日期")
    left = day(inputs, "left_on", optional=True, label="离开的日期")
    monthly = wage(inputs, "monthly_wage_fen", "月工资")
    employer = choice(inputs, "employer", ("company", "boss", "general"), default="company")
    assert started is not None and monthly is not None
    for d, key in ((signed, "signed_on"), (left, "left_on")):
        if d is not None and d < started:
            raise CalcInputError(key, "这个日期不能早于开始干活的日期")
    basis = "、".join(dict.fromkeys(c["label"] for k in ("first_month_free", "most_months") for c in r[k]["cite"]))
    most = int(r["most_months"]["value"])
    end = min(d for d in (add_years(started, 1) - ONE, signed - ONE if signed else None, left, on) if d is not None)
    daily = round_div(monthly * 100, hundredths(common["month_pay_days"]))
    notes: list[str] = []
    lines = []
    uncovered: set[int] = set()
    for k in range(1, most + 1):
        m_from, m_to = add_months(started, k), add_months(started, k + 1) - ONE
        if m_from > end:
            break
        span = _span(m_from, min(m_to, end))
        if m_to <= end:
            amount, text = monthly, f"{span}：多付一倍 = 月工资 {yuan(monthly)} 元"
        else:
            m_to = end
            n = pay_days(m_from, m_to, holidays)
            uncovered |= {d.year for d in (m_from, m_to) if not covered(d, holidays)}
            amount = min(monthly, daily * n)
            text = f"{span}（不满一个月）：计薪日 {n} 天 × 每天 {yuan(daily)} 元 = {yuan(amount)} 元"
            if amount < daily * n:
                text = f"{span}（不满一个月）：计薪日 {n} 天 × 每天 {yuan(daily)} 元，最多一个月工资 {yuan(amount)} 元"
        expires = add_years(m_to + ONE, 1)
        if on > expires:
            text = f"{span}：本来是 {yuan(amount)} 元，{expires} 已过 1 年时效（按最早的算法），计 0.00 元"
            lines.append(line("expired", text, 0, basis, m_from, m_to, expires, EXPIRES_NOTE))
        else:
            lines.append(line("month", text, amount, basis, m_from, m_to, expires, EXPIRES_NOTE))
    if not lines:
        notes.append("用工第一个月内签了合同（或还没满一个月），没有二倍工资。单位要在用工之日起一个月内签书面合同"
                     "（《劳动合同法》第十条）。")
    else:
        notes.append(f"日工资 = 月工资 {yuan(monthly)} 元 ÷ 21.75 = {yuan(daily)} 元（只用于不满一个月的部分）。")
    if uncovered:
        notes.append(uncovered_note(uncovered))
    for key in {"boss": ("boss_caveat", "contractor_caveat"), "general": ("contractor_caveat",)}.get(employer, ()):
        notes.append(f"{r[key]['plain']}（{basis_of(r[key])}；{r[key]['note']}）")
    notes.append(f"{r['exceptions']['plain']}（{r['exceptions']['note']}）")
    return result("double_pay", lines, NOT_COVERED, [], notes)
