"""工伤待遇 (工伤保险条例第三十三、三十五、三十六、三十七、三十九、六十二、六十四条).

Inputs: `outcome` = `hurt` | `died`; `grade` (0 = not graded yet, 1–10); `own_wage_fen` (本人工资: the average
monthly contribution wage of the 12 months before the injury; default `monthly_wage_fen`); `monthly_wage_fen`
(the wage before the injury, paid on through 停工留薪期); `leave_months` (0–24) with `leave_extended` (the city
appraisal committee confirmed an extension) and `received_fen` (paid during that leave); `avg_wage_fen` (the area's
average monthly wage of the previous year) or `region`; `national_income_fen` (the previous year's national urban
per-capita disposable income, a yearly figure the worker types); `injured_on`, `left_on` (optional).

Lines: the employer's pay for the leave (capped at 12 months, 24 when extended), the one-off disability grant by
grade (months of 本人工资, held between 60 % and 300 % of the area's average when that is known), the funeral grant
(6 × the area's average) and the death grant (20 × the national figure). Monthly allowances and what grades 5–10
get on leaving are said in notes, not added to the total.
"""
from datetime import date

from ..limitation import ARBITRATION, add_years
from . import common as c
from .common import basis, check_inputs, choice, count, day, line, money, result, round_div, yesno, yuan
from .tenure import local_figure

FUND = "工伤保险基金付；单位没参保的，由单位按同样标准付，工伤保险条例第六十二条"
FUND_NOTE = ("由社保经办机构核定；对核定有意见的，可以申请行政复议或起诉（工伤保险条例第五十五条），"
             "复议在知道之日起 60 日内，直接起诉在 6 个月内。"
             "单位没参保、要向单位要的，走劳动仲裁，1 年时效起算点各地口径不一。")


def own_wage(inputs: dict, rules: dict, avg: int | None, notes: list[str]) -> tuple[int, str, bool]:
    """本人工资 held in the 60 %–300 % band of the area's average: (fen, how, banded)."""
    wage = c.wage(inputs, "own_wage_fen", "本人工资", optional=True)
    if wage is None:
        wage = c.wage(inputs, "monthly_wage_fen", "受伤前的月工资")
        notes.append("“本人工资”是受伤前 12 个月平均每月的缴费工资；没有填，这里用受伤前的月工资代替。")
    assert wage is not None
    low, high = (int(x) for x in rules["injury"]["own_wage_band_percent"]["value"])
    if avg is None:
        notes.append(f"没有填当地职工月平均工资，没有检查本人工资的上下限（平均工资的 {low}%–{high}%）。")
        return wage, f"本人工资 {yuan(wage)} 元", False
    lo, hi = round_div(avg * low, 100), round_div(avg * high, 100)
    if wage < lo:
        return lo, f"本人工资低于当地职工月平均工资 {yuan(avg)} 元的 {low}%，按 {yuan(lo)} 元", True
    if wage > hi:
        return hi, f"本人工资高于当地职工月平均工资 {yuan(avg)} 元的 {high}%，按 {yuan(hi)} 元", True
    return wage, f"本人工资 {yuan(wage)} 元", False


def leave_pay(inputs: dict, rules: dict, left: date | None) -> list[dict]:
    r = rules["injury"]
    months = count(inputs, "leave_months", most=24, optional=True, label="停工留薪期几个月")
    if not months:
        return []
    wage = c.wage(inputs, "monthly_wage_fen", "受伤前的月工资")
    received = money(inputs, "received_fen", optional=True, label="停工期间已经发的钱") or 0
    assert wage is not None
    cap = int(r["leave_months_normal"]["value"])
    if yesno(inputs, "leave_extended", default=False):
        cap += int(r["leave_months_extension"]["value"])
    n = min(months, cap)
    owed = n * wage - received
    if owed <= 0:
        return []
    capped = f"（最多算 {cap} 个月）" if months > cap else ""
    text = (f"停工留薪期 {n} 个月{capped} × 原工资 {yuan(wage)} 元 − 已经发的 {yuan(received)} 元 = {yuan(owed)} 元"
            "（单位按月付）")
    note = (f"向单位要，走劳动仲裁；1 年时效起算点各地口径不一，这里按离开那天 {left} 推算（{ARBITRATION}）。" if left
            else f"向单位要，走劳动仲裁；1 年时效起算点各地口径不一，越早申请越稳妥（{ARBITRATION}）。")
    return [line("injury_leave_pay", text, owed, basis(r["leave_months_normal"]), None, None,
                 add_years(left, 1) if left else None, note)]


def one_cite(rule: dict, article: str) -> dict:
    return {"cite": [c for c in rule["cite"] if str(c["article"]) == article]}


GRADE_ARTICLE = {**{g: "35" for g in range(1, 5)}, 5: "36", 6: "36", **{g: "37" for g in range(7, 11)}}


def grade_notes(grade: int, wage: int, rules: dict) -> list[str]:
    pct = rules["injury"]["monthly_allowance_percent"]["value"]
    if grade <= 4:
        p = int(pct[str(grade)])
        return [f"{grade} 级：保留劳动关系、退出工作岗位，每月从工伤保险基金领伤残津贴 本人工资 × {p}% = "
                f"{yuan(round_div(wage * p, 100))} 元，低于当地最低工资的补足；办了退休改领养老金（第三十五条）。"
                "不算进总数。"]
    if grade <= 6:
        p = int(pct[str(grade)])
        return [f"{grade} 级：保留劳动关系，单位安排适当工作；安排不了的，单位每月发伤残津贴 本人工资 × {p}% = "
                f"{yuan(round_div(wage * p, 100))} 元，并给你交社保，低于当地最低工资的补足（第三十六条）。"
                "不算进总数。",
                "五、六级只有你自己提出走，才能拿一次性工伤医疗补助金（基金付）和一次性伤残就业补助金（单位付），"
                "标准由省里定，这里没算。"]
    return [f"{grade} 级：合同到期或者你自己提出走的，可以拿一次性工伤医疗补助金（基金付）和一次性伤残就业补助金"
            "（单位付），标准由省里定，这里没算（第三十七条）。"]


def compute(inputs: dict, rules: dict, on: date) -> dict:
    inputs = check_inputs(inputs)
    r = rules["injury"]
    outcome = choice(inputs, "outcome", ("hurt", "died"))
    grade = count(inputs, "grade", most=10, optional=True, label="伤残等级") or 0
    injured = day(inputs, "injured_on", optional=True, label="受伤的日期")
    left = day(inputs, "left_on", optional=True, label="离开单位的日期")
    avg, avg_used = local_figure(inputs, rules, "avg_wage_fen", "统筹地区上年度职工月平均工资", injured or on)
    figures = [avg_used] if avg_used else []
    notes: list[str] = []
    lines = leave_pay(inputs, rules, left)
    if outcome == "hurt" and grade:
        wage, how, banded = own_wage(inputs, rules, avg, notes)
        m = int(r["disability_grant_months"]["value"][str(grade)])
        used = [one_cite(r["disability_grant_months"], GRADE_ARTICLE[grade])]
        if banded:
            used.append(r["own_wage_band_percent"])
        text = f"一次性伤残补助金：{grade} 级伤残 {m} 个月 × {how} = {yuan(m * wage)} 元（{FUND}）"
        lines.append(line("disability_grant", text, m * wage, basis(used), None, None, None, FUND_NOTE))
        notes += grade_notes(grade, wage, rules)
    elif outcome == "hurt":
        notes.append("还没评伤残等级的，伤情稳定后申请劳动能力鉴定，评了等级再算一次性伤残补助金。")
    if outcome == "died":
        lines += death_grants(inputs, rules, avg, figures, notes, on)
    if injured:
        due = add_years(injured, 1)
        late = "这一天已经过了，请尽快问 12348。" if due < on else ""
        notes.append(f"还没认定工伤的：单位不申请，本人或近亲属要在 {due} 前自己去申请工伤认定"
                     f"（工伤保险条例第十七条）。{late}")
    not_covered = ["看病的医疗费、住院伙食补助、外地就医的交通食宿、康复和辅助器具费用，另外按实际报销。",
                   "生活护理费（评了等级、确认需要护理的，按月付）。",
                   "第三人（如撞人的司机）的民事赔偿，可以另外要。"]
    return result("injury", lines, not_covered, figures, notes)


def death_grants(inputs: dict, rules: dict, avg: int | None, figures: list[dict], notes: list[str],
                 on: date) -> list[dict]:
    r = rules["injury"]
    out = []
    if avg is not None:
        m = int(r["funeral_grant_months"]["value"])
        out.append(line("funeral_grant", f"丧葬补助金：{m} 个月 × 统筹地区上年度职工月平均工资 {yuan(avg)} 元 = "
                         f"{yuan(m * avg)} 元（{FUND}）", m * avg, basis(r["funeral_grant_months"]), None, None, None,
                         FUND_NOTE))
    else:
        notes.append("没有填统筹地区上年度职工月平均工资，丧葬补助金（6 个月的这个数）没算。")
    income, used = local_figure(inputs, rules, "national_income_fen", "上一年度全国城镇居民人均可支配收入", on)
    if income is not None:
        if used:
            figures.append(used)
        t = int(r["death_grant_times_income"]["value"])
        text = (f"一次性工亡补助金：上一年度全国城镇居民人均可支配收入 {yuan(income)} 元 × {t} = {yuan(t * income)} 元"
                f"（{FUND}）")
        out.append(line("death_grant", text, t * income, basis(r["death_grant_times_income"]), None, None, None,
                        FUND_NOTE))
    else:
        notes.append("没有填上一年度全国城镇居民人均可支配收入（每年公布一次），一次性工亡补助金（它的 20 倍）没算。")
    pct = r["survivor_pension_percent"]["value"]
    notes.append(f"供养亲属抚恤金按月发：配偶每月本人工资的 {pct['spouse']}%，其他亲属每人 {pct['other']}%，"
                 f"孤寡老人或孤儿再加 {pct['orphan_or_lone_elder_extra']}%，加起来不超过生前工资（第三十九条）。"
                 "不算进总数。")
    return out
