"""Days: what kind of day a date is (holidays.yml), the day log's entries, and counting paid days.

A day is `holiday` (a statutory holiday day itself, 全国年节及纪念日放假办法第二条), `rest` (a weekend, or a weekday
off only by the swap or the State Council's notice), or `work` (a weekday, or a weekend day made a working day
by the swap). A year the calendar does not cover falls back to Monday–Friday work, and the result says so.
"""
from datetime import date, timedelta

from .common import MAX_DAYS, CalcInputError, money, parse_day, tenths

UNITS = {"day": 80, "half": 40}  # a day's hours, in tenths


def day_kind(d: date, holidays: dict) -> str:
    year = holidays["years"].get(str(d.year))
    iso = d.isoformat()
    if year is not None:
        if iso in year["holidays"]:
            return "holiday"
        if iso in year["workdays"]:
            return "work"
        if iso in year["rest"]:
            return "rest"
    return "rest" if d.weekday() >= 5 else "work"


def covered(d: date, holidays: dict) -> bool:
    return str(d.year) in holidays["years"]


def uncovered_note(years: set[int]) -> str:
    listed = "、".join(str(y) for y in sorted(years))
    return f"{listed} 年的放假安排不在日历里，这些年份只按周一到周五上班算，节假日请自己核对。"


def pay_days(start: date, end: date, holidays: dict) -> int:
    """计薪日 from start to end inclusive: working days and statutory holidays (paid though not worked)."""
    n, d = 0, start
    while d <= end:
        n += day_kind(d, holidays) != "rest"
        d += timedelta(days=1)
    return n


def day_log(inputs: dict, key: str = "days") -> list[dict]:
    """The day log, checked: [{date, unit, hours_t, overtime_t, received_fen}] with hours in tenths."""
    raw = inputs.get(key)
    if not isinstance(raw, list) or not raw:
        raise CalcInputError(key, "请先记下干活的日子")
    if len(raw) > MAX_DAYS:
        raise CalcInputError(key, f"一次最多算 {MAX_DAYS} 天")
    out = []
    for e in raw:
        if not isinstance(e, dict):
            raise CalcInputError(key, "记工的格式不对")
        d = parse_day(e.get("date"), key, "记工的日期")
        unit = e.get("unit", "day")
        if unit not in ("day", "half", "hours"):
            raise CalcInputError(key, "记工要选整天、半天或按小时")
        hours_t = tenths(e.get("hours"), key) if unit == "hours" else UNITS[unit]
        overtime_t = tenths(e.get("overtime_hours") or 0, key, label="加班小时数")
        if hours_t + overtime_t > 240:
            raise CalcInputError(key, f"{d} 这一天记的小时数超过了 24 小时")
        received = money(e, "received_fen", optional=True, label="当天拿到的钱") or 0
        out.append({"date": d, "unit": unit, "hours_t": hours_t, "overtime_t": overtime_t, "received_fen": received})
    return sorted(out, key=lambda x: x["date"])


def by_month(entries: list[dict]) -> dict[tuple[int, int], list[dict]]:
    months: dict[tuple[int, int], list[dict]] = {}
    for e in entries:
        months.setdefault((e["date"].year, e["date"].month), []).append(e)
    return months
