"""Lengths of service and local figures, for severance, probation, injury and annual leave.

- Service runs from the first day to the last day, both counted: 2024-01-01 to 2024-06-30 is exactly 6 months
  (劳动合同法第四十七条: 六个月以上不满一年的，按一年计算).
- A local figure (minimum wage, average wage, per-capita income) is the one the worker typed, or else the one
  regions.yml gives for the chosen region on that date — never a guess. Each answer says which figure it used.
"""
from calendar import monthrange
from datetime import date, timedelta

from .common import CalcInputError, wage


def add_months(d: date, months: int) -> date:
    """The same day `months` later, or that month's last day when it has no such day (31 Jan + 1 → 28/29 Feb)."""
    total = d.year * 12 + d.month - 1 + months
    y, m = divmod(total, 12)
    return date(y, m + 1, min(d.day, monthrange(y, m + 1)[1]))


def service(first: date, last: date) -> tuple[int, int]:
    """(whole months, days left over) from `first` to `last`, both days counted."""
    end = last + timedelta(days=1)
    months = (end.year - first.year) * 12 + end.month - first.month
    while months > 0 and add_months(first, months) > end:
        months -= 1
    return months, (end - add_months(first, max(months, 0))).days


def service_text(months: int, days: int) -> str:
    parts = [f"{months // 12} 年"] if months >= 12 else []
    if months % 12:
        parts.append(f"{months % 12} 个月")
    if days:
        parts.append(f"{days} 天")
    return " ".join(parts) or "0 天"


def local_figure(inputs: dict, rules: dict, key: str, name: str, on: date) -> tuple[int | None, dict | None]:
    """A typed figure (`key` in fen), or the chosen region's figure in force on `on`: (value, figures_used entry)."""
    typed = wage(inputs, key, name, optional=True)
    if typed is not None:
        return typed, {"name": name, "value_fen": typed, "source": "你填的数", "effective_from": ""}
    region = inputs.get("region")
    if region is None:
        return None, None
    regions = rules.get("regions") or {}
    if not isinstance(region, str) or region not in regions:
        raise CalcInputError("region", "请从给出的地区里选一个")
    for f in (regions[region].get("figures") or {}).get(key) or []:
        start, stop = _day(f.get("effective_from")), _day(f.get("effective_to"))
        if start and start <= on and (stop is None or on <= stop):
            where = f.get("area") or regions[region].get("name", "")
            return f["value_fen"], {"name": f"{name}（{where}）", "value_fen": f["value_fen"],
                                    "source": f.get("source", ""), "effective_from": start.isoformat()}
    return None, None


def _day(v) -> date | None:
    if v is None or isinstance(v, date):
        return v
    return date.fromisoformat(str(v))
