"""年休假 untaken paid leave (职工带薪年休假条例第二、三、五条；企业职工带薪年休假实施办法第三、四、五、九至十二条).

Inputs: `started_on` (first day at this employer), `left_on` (null while still there), `years_before` (whole years
worked before, at any employer; default 0), `monthly_wage_fen` (the average of the last 12 months without overtime
pay), `taken_days` ({"2024": 2, ...}: leave days taken for each year's leave; a year not named takes
`taken_each_year`, default 0), `declined_in_writing` (yes: the
worker asked in writing not to take leave the employer had arranged — then only normal pay is owed).

Each calendar year from the day the worker has 12 months of work: the days by total years worked on the year's last
counted day (5 / 10 / 15), pro-rated in a part year as counted days ÷ 365 × days, a part day dropped; untaken days
× (monthly ÷ 21.75, shown to the fen) × 200 % (the 300 % includes the day's normal pay). While still employed only
years already ended count. Each year's line expires 1 year after its last counted day — the earliest reading.
"""
from datetime import date

from ..limitation import add_years
from . import common as c
from .common import CalcInputError, basis, check_inputs, count, day, line, result, round_div, yesno, yuan
from .tenure import add_months, service

MAX_YEARS = 60


def tier(rules: dict, years: int) -> int:
    days = 0
    for step in rules["annual_leave"]["days_by_years"]["value"]:
        if years >= int(step["from_years"]):
            days = int(step["days"])
    return days


def taken(inputs: dict) -> dict[int, int]:
    raw = inputs.get("taken_days")
    if raw is None:
        return {}
    if not isinstance(raw, dict) or len(raw) > MAX_YEARS:
        raise CalcInputError("taken_days", "每年休了几天，要按年份填")
    out = {}
    for k, v in raw.items():
        if not isinstance(k, str) or not k.isascii() or not k.isdigit() or not 1990 <= int(k) <= 2100:
            raise CalcInputError("taken_days", "年份要写成 2024 这样")
        if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v <= 366:
            raise CalcInputError("taken_days", "休了的天数要填 0 到 366 之间的整数")
        out[int(k)] = v
    return out


def compute(inputs: dict, rules: dict, on: date) -> dict:
    inputs = check_inputs(inputs)
    r = rules["annual_leave"]
    started = day(inputs, "started_on", label="来这个单位的日期")
    left = day(inputs, "left_on", optional=True, label="离开的日期")
    assert started is not None
    if left is not None and left < started:
        raise CalcInputError("left_on", "离开的日期不能早于来的日期")
    before = count(inputs, "years_before", most=MAX_YEARS, optional=True, label="以前工作了几年") or 0
    wage = c.wage(inputs, "monthly_wage_fen", "前 12 个月的平均月工资（不算加班费）")
    assert wage is not None
    took = taken(inputs)
    each = count(inputs, "taken_each_year", most=366, optional=True, label="每年休了几天") or 0
    notes = ["年休假天数按累计工作年限算，换过单位的年限也算；这里把以前的工作当作连续的。",
             "一年里工龄跨过 10 年或 20 年的，这里按这一年最后计算那天的工龄算天数，请 12348 核对。"]
    not_covered = ["请过长事假、长病假的那一年可能没有年假（职工带薪年休假条例第四条），这里没算。",
                   "单位不安排又不给钱的，劳动部门责令改正后仍不给的，还要另付同样数额的赔偿金（条例第七条），这里没算。"]
    if yesno(inputs, "declined_in_writing", default=False):
        notes.append("单位安排了年假、你自己书面提出不休的，单位只付正常工资，不再另付 200%（实施办法第十条第二款）。")
        return result("annual_leave", [], not_covered, [], notes)
    eligible = started if before >= 1 else add_months(started, int(r["eligible_after_months"]["value"]))
    last = left if left is not None else date(on.year - 1, 12, 31)
    divisor = r["pay_days_per_month"]["value"]
    daily = round_div(wage * 100, c.hundredths(r["pay_days_per_month"]))
    extra = int(r["untaken_pay_percent_extra"]["value"])
    per_year = int(r["days_in_year_for_prorating"]["value"])
    lines = []
    for year in range(eligible.year, last.year + 1):
        frm, to = max(date(year, 1, 1), eligible), min(date(year, 12, 31), last)
        if frm > to:
            continue
        months, _ = service(started, to)
        full = tier(rules, before + months // 12)
        counted = (to - frm).days + 1
        whole = frm == date(year, 1, 1) and to == date(year, 12, 31)
        due = full if whole else min(full, counted * full // per_year)
        left_days = due - took.get(year, each)
        if left_days <= 0:
            continue
        how = (f"工龄满 {before + months // 12} 年，全年 {full} 天" if whole
               else f"在本单位 {counted} 天 ÷ {per_year} × {full} 天，不足 1 天的不算")
        amount = round_div(left_days * daily * extra, 100)
        text = (f"{year} 年：应休 {due} 天（{how}），已休 {took.get(year, each)} 天，没休 {left_days} 天"
                f" × 日工资 {yuan(daily)} 元（月工资 {yuan(wage)} 元 ÷ {divisor}）× {extra}% = {yuan(amount)} 元")
        used = [r["untaken_pay_percent_extra"], r["days_by_years"]]
        if not whole:
            used.append(r["days_in_year_for_prorating"])
        lines.append(line("annual_leave", text, amount, basis(used), frm, to, add_years(to, 1),
                          r["limitation"]["note"]))
    if left is None:
        notes.append(f"还在这里干的，只算到 {last}；今年的年假还可以休。")
    if eligible > last:
        notes.append(f"连续工作满 12 个月（{eligible}）以后才有年休假。")
    return result("annual_leave", lines, not_covered, [], notes)
