"""What every calculator shares: money in integer fen, half-up rounding, checked inputs, dates and the
limitation clock (the cases' own `add_years`), and the Result's shape (content/calculators/README.md).

Arithmetic is integer only, so the PWA (pwa/src/calc/common.ts) agrees to the fen: a rate that is shown
is rounded half-up at the point it is shown, each line is computed from the numbers it shows, the total
is the sum of the lines.
"""
import re
from datetime import date, timedelta

from ..aid.cases.clocks import ARBITRATION, add_years

MAX_FEN = 10_000_000_000          # 1 亿元: more than any worker's claim, far below 2**53
WAGE_MAX = 100_000_000            # 100 万元 a month (or a day, or a piece): keeps every product below 2**53
MAX_DAYS = 3700                   # about ten years of a day log
MAX_TEXT = 64
EARLIEST, LATEST = date(1990, 1, 1), date(2100, 12, 31)
ESTIMATE = "这是估算，12348 或律师可以帮你核对。"
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class CalcInputError(ValueError):
    """An input the calculator cannot use; `message` is plain Chinese for the worker."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def round_div(n: int, d: int) -> int:
    """Divide n by d rounded half-up, for n ≥ 0 and d > 0."""
    return (2 * n + d) // (2 * d)


def yuan(fen: int) -> str:
    """12345 → '123.45'."""
    return f"{fen // 100}.{fen % 100:02d}"


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def money(inputs: dict, key: str, *, optional: bool = False, label: str = "金额", most: int = MAX_FEN) -> int | None:
    """An amount in fen: a whole number from 0 to `most` (1 亿元; a wage rate: 100 万元)."""
    v = inputs.get(key)
    if v is None:
        if optional:
            return None
        raise CalcInputError(key, f"请填写{label}")
    if not _is_int(v) or not 0 <= v <= most:
        raise CalcInputError(key, f"{label}要填 0 到 {yuan(most)[:-3]} 元之间的数")
    return v


def wage(inputs: dict, key: str, label: str, *, optional: bool = False) -> int | None:
    """A wage rate in fen (a month's, a day's or a piece's): more than 0, at most 100 万元."""
    v = money(inputs, key, optional=optional, label=label, most=WAGE_MAX)
    if v == 0:
        raise CalcInputError(key, f"{label}要大于 0")
    return v


def hundredths(rule: dict) -> int:
    """A rules.yml value like 21.75 as an integer count of hundredths (2175)."""
    return round(float(rule["value"]) * 100)


def count(inputs: dict, key: str, *, most: int, optional: bool = False, label: str = "数") -> int | None:
    """A whole number from 0 to `most` (days, months, pieces)."""
    v = inputs.get(key)
    if v is None:
        if optional:
            return None
        raise CalcInputError(key, f"请填写{label}")
    if not _is_int(v) or not 0 <= v <= most:
        raise CalcInputError(key, f"{label}要填 0 到 {most} 之间的整数")
    return v


def tenths(v, key: str, *, most: int = 24, label: str = "小时数") -> int:
    """Hours (or a quantity) with at most one decimal place, as an integer count of tenths."""
    if not (_is_int(v) or isinstance(v, float)) or isinstance(v, bool) or v != v or not 0 <= v <= most:
        raise CalcInputError(key, f"{label}要填 0 到 {most} 之间的数")
    t = round(v * 10)
    if abs(v * 10 - t) > 1e-6:
        raise CalcInputError(key, f"{label}最多填一位小数")
    return int(t)


def tenths_text(t: int) -> str:
    """25 → '2.5', 20 → '2'."""
    return str(t // 10) if t % 10 == 0 else f"{t // 10}.{t % 10}"


def day(inputs: dict, key: str, *, optional: bool = False, label: str = "日期") -> date | None:
    """An ISO date between 1990 and 2100."""
    v = inputs.get(key)
    if v is None or v == "":
        if optional:
            return None
        raise CalcInputError(key, f"请填写{label}")
    return parse_day(v, key, label)


def parse_day(v, key: str, label: str = "日期") -> date:
    if not isinstance(v, str) or not ISO_DAY.match(v):
        raise CalcInputError(key, f"{label}要写成 2024-03-01 这样")
    try:
        d = date.fromisoformat(v)
    except ValueError:
        raise CalcInputError(key, f"没有这一天：{v}") from None
    if not EARLIEST <= d <= LATEST:
        raise CalcInputError(key, f"{label}要在 1990 年到 2100 年之间")
    return d


def choice(inputs: dict, key: str, allowed: tuple[str, ...], *, default: str | None = None) -> str:
    v = inputs.get(key)
    v = default if v is None else v
    if not isinstance(v, str) or v not in allowed:
        raise CalcInputError(key, "请从给出的选项里选一个")
    return v


def yesno(inputs: dict, key: str, *, default: bool | None = None) -> bool:
    v = inputs.get(key)
    v = default if v is None else v
    if not isinstance(v, bool):
        raise CalcInputError(key, "请选“是”或“不是”")
    return v


def check_inputs(inputs) -> dict:
    """The inputs as a dict with short string keys (anything else is refused, never crashes)."""
    if not isinstance(inputs, dict):
        raise CalcInputError("inputs", "输入的格式不对")
    for k in inputs:
        if not isinstance(k, str) or len(k) > MAX_TEXT:
            raise CalcInputError("inputs", "输入的格式不对")
    return inputs


def wage_expiry(left_on: date | None) -> date | None:
    """Unpaid pay: not limited while the job lasts; 1 year from the day it ended (调解仲裁法第二十七条第四款)."""
    return add_years(left_on, 1) if left_on is not None else None


def wage_expiry_note(left_on: date | None) -> str:
    if left_on is None:
        return f"还在这里干活的，欠的工资不受 1 年时效限制；离开后 1 年内要申请仲裁（{ARBITRATION}）。"
    return (f"离开那天 {left_on} 起 1 年内要申请仲裁（{ARBITRATION}）；"
            "讨过薪、投诉过的，时效从那时重新算。")


def add_months(d: date, months: int) -> date:
    """The same day `months` later, or that month's last day when it has no such day (31 Jan + 1 → 28/29 Feb)."""
    total = d.year * 12 + d.month - 1 + months
    y, m = divmod(total, 12)
    nxt = date(y + (m + 1) // 12, (m + 1) % 12 + 1, 1)
    last = (nxt - timedelta(days=1)).day
    return date(y, m + 1, min(d.day, last))


def month_text(d: date) -> str:
    return f"{d.year}年{d.month}月"


def basis(rule: dict | list) -> str:
    """The citation label(s) of a rules.yml entry (or several), as a line shows them."""
    entries = rule if isinstance(rule, list) else [rule]
    labels: list[str] = []
    for e in entries:
        for c in e.get("cite", []):
            if c["label"] not in labels:
                labels.append(c["label"])
    return "、".join(labels)


def line(kind: str, text: str, amount_fen: int, basis_: str, period_from: date | None, period_to: date | None,
         expires_on: date | None, expires_note: str) -> dict:
    return {"kind": kind, "text": text, "amount_fen": amount_fen, "basis": basis_,
            "period_from": period_from.isoformat() if period_from else None,
            "period_to": period_to.isoformat() if period_to else None,
            "expires_on": expires_on.isoformat() if expires_on else None, "expires_note": expires_note}


def minus_received(inputs: dict, lines: list[dict], what: str, basis_: str, expires_on: date | None,
                   expires_note: str) -> None:
    """What was already paid for this comes off, as a line with a negative amount; never below 0 in all."""
    received = money(inputs, "received_fen", optional=True, label=f"已经拿到的{what}") or 0
    earned = sum(x["amount_fen"] for x in lines)
    if received:
        take = min(received, earned)
        text = f"减去已经拿到的{what} {yuan(take)} 元"
        if received > earned:
            text = f"已经拿到的{what}有 {yuan(received)} 元，比上面算的还多，只减去 {yuan(take)} 元（按这些数字算不欠）"
        lines.append(line("received", text, -take, basis_, None, None, expires_on, expires_note))


def result(calc: str, lines: list[dict], not_covered: list[str], figures_used: list[dict],
           notes: list[str]) -> dict:
    return {"calc": calc, "total_fen": sum(x["amount_fen"] for x in lines), "lines": lines,
            "not_covered": not_covered, "figures_used": figures_used, "notes": [ESTIMATE, *notes]}
