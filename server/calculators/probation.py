"""试用期工资 (劳动合同法第十九、二十、八十三条；实施条例第十五条).

Inputs: `paid_monthly_fen` (what each probation month paid), `probation_months` (1–24), and at least one of
`agreed_wage_fen` (the contract's wage), `lowest_same_post_fen` (the lowest grade of the same post at this employer),
the local minimum wage (`min_wage_fen` or `region`). Optional: `contract_term` = `under_3m` | `task` | `3m_to_1y` |
`1y_to_3y` | `3y_plus` | `open_ended` (checks the probation's length), `started_on` (the first probation day),
`left_on`.

The floor is the higher of the two 80 % figures given and the minimum wage (the reading that favours the worker;
the law's "或者" is read both ways, and the result says what the other reading gives). Probation beyond the legal
length, already served, is paid again at the full wage as 赔偿金 (第八十三条).
"""
from datetime import date, timedelta

from ..limitation import ARBITRATION, add_years
from .common import (
    CalcInputError,
    basis,
    check_inputs,
    choice,
    count,
    day,
    line,
    money,
    result,
    round_div,
    wage,
    wage_expiry,
    wage_expiry_note,
    yuan,
)
from .tenure import add_months, local_figure

TERMS = ("under_3m", "task", "3m_to_1y", "1y_to_3y", "3y_plus", "open_ended")
TERM_TEXT = {"under_3m": "合同不满 3 个月", "task": "干完一项活就结束的合同", "3m_to_1y": "合同 3 个月以上不满 1 年",
             "1y_to_3y": "合同 1 年以上不满 3 年", "3y_plus": "合同 3 年以上", "open_ended": "没有固定期限的合同"}


def floors(inputs: dict, rules: dict, on: date) -> tuple[list[tuple[int, str]], int | None, list[dict]]:
    """The 80 % figures [(fen, how)], the minimum wage and the figures used."""
    r = rules["probation"]
    out = []
    for key, rule, name in (("agreed_wage_fen", "floor_percent_of_agreed_wage", "合同约定工资"),
                            ("lowest_same_post_fen", "floor_percent_of_lowest_same_post", "本单位同岗位最低档工资")):
        v = wage(inputs, key, name, optional=True)
        if v is not None:
            pct = int(r[rule]["value"])
            f = round_div(v * pct, 100)
            out.append((f, f"{name} {yuan(v)} 元 × {pct}% = {yuan(f)} 元"))
    min_wage, used = local_figure(inputs, rules, "min_wage_fen", "当地最低工资标准", on)
    if not out and min_wage is None:
        raise CalcInputError("agreed_wage_fen", "请至少填合同约定的工资、同岗位最低档工资或当地最低工资中的一个")
    return out, min_wage, [used] if used else []


def compute(inputs: dict, rules: dict, on: date) -> dict:
    inputs = check_inputs(inputs)
    r = rules["probation"]
    paid = money(inputs, "paid_monthly_fen", label="试用期每月实际发的工资")
    n = count(inputs, "probation_months", most=24, label="试用期干了几个月")
    assert paid is not None and n is not None
    if n == 0:
        raise CalcInputError("probation_months", "试用期干了几个月要填 1 到 24 之间的整数")
    started = day(inputs, "started_on", optional=True, label="试用期第一天")
    left = day(inputs, "left_on", optional=True, label="离开的日期")
    eighty, min_wage, figures = floors(inputs, rules, started or on)
    candidates = list(eighty) + ([(min_wage, f"当地最低工资标准 {yuan(min_wage)} 元")] if min_wage is not None else [])
    floor, why = max(candidates, key=lambda c: c[0])
    period_to = add_months(started, n) - timedelta(days=1) if started else None
    notes: list[str] = []
    lines = []
    if floor > paid:
        short = floor - paid
        text = (f"试用期每月最少 {yuan(floor)} 元（{why}），实际每月 {yuan(paid)} 元，少 {yuan(short)} 元 × {n} 个月"
                f" = {yuan(short * n)} 元")
        lines.append(line("probation_shortfall", text, short * n,
                          basis([r["floor_percent_of_agreed_wage"], r["floor_min_wage"]]), started, period_to,
                          wage_expiry(left), wage_expiry_note(left)))
    else:
        notes.append(f"试用期每月最少 {yuan(floor)} 元（{why}），实际发的 {yuan(paid)} 元没有低于它。")
    if len(eighty) == 2:
        other = max([min(eighty)[0]] + ([min_wage] if min_wage is not None else []))
        notes.append(f"{r['floor_percent_of_agreed_wage']['note']} 按另一种理解（达到其中一个就行），"
                     f"每月最少 {yuan(other)} 元，一共少 {yuan(max(0, other - paid) * n)} 元。")
    elif len(eighty) == 1:
        notes.append(f"{r['floor_percent_of_agreed_wage']['note']} 这里只知道其中一个，按它算。")
    if min_wage is None:
        notes.append("没有填当地最低工资标准：试用期工资也不能低于它。")
    lines += excess(inputs, rules, n, started, left)
    not_covered = ["试用期以外的欠薪、加班费另外算。",
                   "试用期里被辞退的，单位要有法定理由并说明（劳动合同法第二十一条），这里不算。"]
    return result("probation", lines, not_covered, figures, notes)


def excess(inputs: dict, rules: dict, n: int, started: date | None, left: date | None) -> list[dict]:
    """第八十三条: probation served beyond the legal length, paid at the full monthly wage."""
    if inputs.get("contract_term") is None:
        return []
    r = rules["probation"]
    term = choice(inputs, "contract_term", TERMS)
    longest = int(r["longest_months"]["value"][term])
    over = n - longest
    agreed = wage(inputs, "agreed_wage_fen", "合同约定工资", optional=True)
    if over <= 0 or agreed is None:
        return []
    allowed = f"试用期最多 {longest} 个月" if longest else "不能约定试用期"
    text = (f"{TERM_TEXT[term]}，{allowed}，多出的 {over} 个月 × 转正后的月工资 {yuan(agreed)} 元"
            f" = {yuan(over * agreed)} 元（赔偿金）")
    frm = add_months(started, longest) if started else None
    to = add_months(started, n) - timedelta(days=1) if started else None
    note = (f"1 年仲裁时效从知道权利被侵害那天起算（{ARBITRATION}）"
            + (f"，这里按离开那天 {left} 推算。" if left else "；没填离开日期，没法推算，越早申请越稳妥。"))
    return [line("probation_excess", text, over * agreed, basis([r["longest_months"], r["excess_paid_at_full_wage"]]),
                 frm, to, add_years(left, 1) if left else None, note)]
