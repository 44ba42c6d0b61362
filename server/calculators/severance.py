"""经济补偿 / 赔偿金 (劳动合同法第四十六、四十七、四十八、八十七条；实施条例第二十五、二十七条).

Inputs: `started_on`, `left_on` (the last day of the contract), `monthly_wage_fen` (the average of the last 12
months' pay, bonuses and allowances included; fewer months: their average), `ended_by` = `employer` | `worker` |
`agreed` | `expired` | `closed` | `task_done`; with `employer`: `employer_reason` = `misconduct` | `no_fault` |
`layoff` | `no_reason`; with `worker`: `worker_reason` = `employer_fault` | `own`; with `expired`:
`refused_renewal` (yes: the employer offered the same or better terms and the worker said no). Local figures:
`avg_wage_fen` (the city's published average monthly wage of the previous year) and `min_wage_fen`, or `region`.

N: a month's wage per full year; 6 months or more of a part year is a month (exactly 6 months included), less is half
a month. The wage is raised to the minimum wage; above 3 × the local average it is 3 × the average and only then are
at most 12 years counted. 2N (unlawful dismissal) counts the years from the first day of work, 2008 or not;
N counts from 2008-01-01 (第九十七条).
"""
from datetime import date

from ..limitation import ARBITRATION, add_years
from . import common as c
from .common import CalcInputError, basis, check_inputs, choice, day, line, result, round_div, yesno, yuan
from .tenure import local_figure, service, service_text

ENDED_BY = ("employer", "worker", "agreed", "expired", "closed", "task_done")
NO_PAY = {
    "misconduct": "单位以严重违纪、严重失职、试用期不合格等过错辞退的，不付经济补偿（劳动合同法第三十九条）。"
                  "但要由单位拿出证据；拿不出来的，可能是违法解除，可以要 2 倍的赔偿金，"
                  "请把“老板说的理由”选成“没有正当理由”再算一次。",
    "own": "自己想走、单位没有过错的，不付经济补偿。单位欠薪、不交社保、不提供劳动保护的，选那一项再算一次。",
    "renewal": "单位按原来一样或更好的条件续签、是你不愿意的，合同到期不付经济补偿（劳动合同法第四十六条第五项）。",
}


def which(inputs: dict) -> str:
    """'N', '2N', or the reason nothing is owed (a key of NO_PAY)."""
    ended_by = choice(inputs, "ended_by", ENDED_BY)
    if ended_by == "employer":
        reason = choice(inputs, "employer_reason", ("misconduct", "no_fault", "layoff", "no_reason"))
        return {"misconduct": "misconduct", "no_reason": "2N"}.get(reason, "N")
    if ended_by == "worker":
        return "N" if choice(inputs, "worker_reason", ("employer_fault", "own")) == "employer_fault" else "own"
    if ended_by == "expired" and yesno(inputs, "refused_renewal", default=False):
        return "renewal"
    return "N"


def compute(inputs: dict, rules: dict, on: date) -> dict:
    inputs = check_inputs(inputs)
    r = rules["severance"]
    started = day(inputs, "started_on", label="开始干活的日期")
    left = day(inputs, "left_on", label="合同结束的日期")
    assert started is not None and left is not None
    if left < started:
        raise CalcInputError("left_on", "结束的日期不能早于开始干活的日期")
    wage = c.wage(inputs, "monthly_wage_fen", "前 12 个月的平均月工资")
    assert wage is not None
    kind = which(inputs)
    min_wage, min_used = local_figure(inputs, rules, "min_wage_fen", "当地最低工资标准", left)
    avg, avg_used = local_figure(inputs, rules, "avg_wage_fen", "当地上年度职工月平均工资", left)
    figures = [f for f in (min_used, avg_used) if f]
    notes: list[str] = []
    not_covered = ["欠的工资、加班费、没休的年假、二倍工资，要另外算。"]
    if kind in NO_PAY:
        return result("severance", [], not_covered, figures, [NO_PAY[kind]])

    in_force = date.fromisoformat(str(r["law_in_force_from"]["value"]))
    first = started if kind == "2N" or started >= in_force else in_force
    if first != started:
        not_covered.append(f"{in_force} 以前的工作年限，按当时的规定算经济补偿（劳动合同法第九十七条），这里没算。")
    months, days = service(first, left)
    part_from = int(r["part_year_counts_as_year_from_months"]["value"])
    halves = (months // 12) * 2 * int(r["months_per_full_year"]["value"])
    rest = months % 12
    if rest >= part_from:
        halves += 2
    elif rest or days:
        halves += round(2 * float(r["under_six_months_pays_half"]["value"]))

    base, why = wage, f"前 12 个月平均 {yuan(wage)} 元"
    used = [r["months_per_full_year"], r["base_months"]]
    if min_wage is not None and wage < min_wage:
        base, why = min_wage, f"平均工资低于当地最低工资，按最低工资 {yuan(min_wage)} 元"
        used.append(r["base_floor_is_min_wage"])
    elif min_wage is None:
        notes.append("没有填当地最低工资标准：平均工资低于它的，要按最低工资算。")
    times = int(r["cap_times_local_average"]["value"])
    if avg is not None and base > times * avg:
        base, why = times * avg, f"高于当地上年度职工月平均工资 {yuan(avg)} 元的 {times} 倍，按 {times} 倍算"
        halves = min(halves, 2 * int(r["cap_years_when_capped"]["value"]))
        why += f"，年限最多算 {r['cap_years_when_capped']['value']} 年"
        used.append(r["cap_times_local_average"])
    elif avg is None:
        notes.append(f"没有填当地上年度职工月平均工资，没有检查封顶：月工资高于它的 {times} 倍的，"
                     f"按 {times} 倍算，年限最多算 {r['cap_years_when_capped']['value']} 年。")
    n_text = str(halves // 2) if halves % 2 == 0 else f"{halves // 2}.5"
    worked = f"从 {first} 到 {left} 干了 {service_text(months, days)}，算 {n_text} 个月"
    expires = add_years(left, 1)
    expires_note = (f"1 年仲裁时效从知道权利被侵害那天起算（{ARBITRATION}），这里按合同结束那天 {left} 推算；"
                    "讨过、投诉过的，时效从那时重新算。")
    if kind == "2N":
        times2 = int(r["unlawful_multiplier"]["value"])
        amount = halves * base * times2 // 2
        text = (f"违法解除的赔偿金：{worked}（从用工第一天算）× 月工资 {yuan(base)} 元（{why}）× {times2}"
                f" = {yuan(amount)} 元")
        used = [r["unlawful_multiplier"], r["unlawful_years_from_first_day"], *used]
        notes.append("也可以不要赔偿金、要求回去继续干（劳动合同法第四十八条）；拿了赔偿金就不再拿经济补偿。")
        ln = line("unlawful_dismissal", text, amount, basis(used), first, left, expires, expires_note)
    else:
        amount = round_div(halves * base, 2)
        text = f"经济补偿：{worked} × 月工资 {yuan(base)} 元（{why}）= {yuan(amount)} 元"
        ln = line("severance", text, amount, basis(used), first, left, expires, expires_note)
        if inputs.get("employer_reason") == "no_fault" and inputs.get("ended_by") == "employer":
            not_covered.append("没有提前 30 天书面通知的，还要多付 1 个月工资（劳动合同法第四十条），这里没算。")
    return result("severance", [ln], not_covered, figures, notes)
