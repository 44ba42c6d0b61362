"""The worker's 算一算 amounts sent with an application (issue 24): each recomputed here, never taken on trust.

An application may carry up to 10 claims, each {calc, inputs, result}: the calculator's id, what the worker typed
and the phone's answer (its total and lines). The server runs the same calculator over the same rules
(server/calculators, the rules the offline pack carries) and stores both: the server's result is the one shown and
the one the papers use; when the phone's total or any line differs, the claim is stored with `mismatch` and staff
read a plain note. Inputs the calculator refuses are a 422 naming the claim and the field, never a 5xx.

The calculators and the cases' clocks reckon limitation dates by one rule (server/limitation.py, shared ground).

Stored as one JSON list on the application (`Application.claims`), read with the case (an audited read). Each line's
`expires_on` is a limitation date: `clocks` gives one clock per claim (its earliest line), and the case's urgency
counts them with its other limitation dates (cases/workflow.limitation_clocks).
"""
import logging
from datetime import date

from ...calculators import CalcInputError
from ...calculators import compute as _compute
from ...errors import DomainError
from .clocks import Clock

log = logging.getLogger(__name__)

LABELS = {"wages": "欠薪", "overtime": "加班费", "double_pay": "未签劳动合同二倍工资", "severance": "经济补偿/赔偿金",
          "probation": "试用期工资", "injury": "工伤待遇", "annual_leave": "未休年休假工资"}
MAX_CLAIMS = 10
def _refused(n: int, calc: str, field: str, message: str) -> DomainError:
    label = LABELS.get(calc, calc)
    return DomainError(f"算一算的第 {n + 1} 笔（{label}）有一项不对：{message}", "claim_invalid",
                       errors={"json": {"claims": {n: {"inputs": {field: [message]}}}}})


def _sent(result: dict) -> dict:
    return {"total_fen": result["total_fen"],
            "lines": [{k: line[k] for k in ("kind", "amount_fen", "expires_on") if k in line}
                      for line in result["lines"]]}


def _differs(sent: dict, ours: dict) -> bool:
    if sent["total_fen"] != ours["total_fen"] or len(sent["lines"]) != len(ours["lines"]):
        return True
    return any(a["kind"] != b["kind"] or a["amount_fen"] != b["amount_fen"]
               or (a.get("expires_on") is not None and a["expires_on"] != b.get("expires_on"))
               for a, b in zip(sent["lines"], ours["lines"], strict=True))


def recompute(claims: list[dict], on: date) -> list[dict] | None:
    """The claims as stored: each recomputed on `on` beside what the phone sent; None when there are none.
    A claim the calculator refuses is a DomainError (422) naming it and the field."""
    stored = []
    for n, claim in enumerate(claims):
        calc = claim["calc"]
        try:
            ours = _compute(calc, claim["inputs"], on)
        except CalcInputError as exc:
            raise _refused(n, calc, getattr(exc, "field", "inputs"), getattr(exc, "message", str(exc))) from None
        except (ValueError, TypeError, KeyError, IndexError, ArithmeticError, AttributeError) as exc:
            log.warning("claim %s could not be recomputed: %s", calc, type(exc).__name__)
            raise _refused(n, calc, "inputs", "服务器没法按这些数重算，请回到算一算重新算一遍。") from None
        sent = _sent(claim["result"])
        stored.append({"calc": calc, "computed_on": on.isoformat(), "inputs": claim["inputs"], "result": ours,
                       "sent": sent, "mismatch": _differs(sent, ours)})
    return stored or None


def _yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def mismatch_note(claim: dict) -> str:
    sent, ours = claim["sent"]["total_fen"], claim["result"]["total_fen"]
    differs = f"合计是 {_yuan(sent)} 元，服务器按同样的规则重算是 {_yuan(ours)} 元" if sent != ours \
        else "合计一样，但明细和服务器重算的不一致"
    return f"工友手机上算出的{differs}。这里显示的是服务器重算的数；请和工友核对当时填的数字。"


def _line(line: dict, on: date) -> dict:
    due = date.fromisoformat(line["expires_on"]) if line.get("expires_on") else None
    return {**line, "days_left": (due - on).days if due else None, "expired": bool(due and due < on)}


def view(stored: list | None, on: date) -> list[dict]:
    """The claims as the case page shows them: the server's numbers, each line's deadline, the mismatch note."""
    out = []
    for claim in stored or []:
        ours = claim["result"]
        out.append({"calc": claim["calc"], "label": LABELS.get(claim["calc"], claim["calc"]),
                    "computed_on": claim["computed_on"], "total_fen": ours["total_fen"],
                    "sent_total_fen": claim["sent"]["total_fen"], "mismatch": claim["mismatch"],
                    "mismatch_note": mismatch_note(claim) if claim["mismatch"] else "",
                    "lines": [_line(line, on) for line in ours["lines"]], "not_covered": ours.get("not_covered", []),
                    "notes": ours.get("notes", []), "inputs": claim["inputs"]})
    return out


def period(line: dict) -> str:
    """'2024年3月', '2024年3月至5月', '2024年11月至2025年2月', or '' (a line with no period)."""
    start, end = line.get("period_from"), line.get("period_to")
    if not start:
        return ""
    a = date.fromisoformat(start)
    b = date.fromisoformat(end) if end else a
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.year}年{a.month}月"
    end = f"{b.month}月" if a.year == b.year else f"{b.year}年{b.month}月"
    return f"{a.year}年{a.month}月至{end}"


def clocks(stored: list | None, on: date) -> list[Clock]:
    """One limitation clock per claim with a dated line: its earliest line, and what that line's money is."""
    out = []
    for claim in stored or []:
        dated = [line for line in claim["result"]["lines"] if line.get("expires_on")]
        if not dated:
            continue
        first = min(dated, key=lambda line: line["expires_on"])
        due = date.fromisoformat(first["expires_on"])
        label = LABELS.get(claim["calc"], claim["calc"])
        how = (f"算一算的{label}：{period(first) or '其中'}这部分 {_yuan(first['amount_fen'])} 元，{due} 后可能拿不回来"
               f"（按工友填的日期推算）。{first.get('expires_note') or ''}")
        if len(dated) > 1:
            how += f"这笔钱共有 {len(dated)} 项有时效，这是最早的一项。"
        left = (due - on).days
        out.append(Clock("claim", f"{label}的时效", due, left, left < 0, False, how))
    return out


# --- the 劳动仲裁申请书's 仲裁请求 (arbitration_paper.py) ---------------------------------------------------

# A line kind's name in a request, where the calculator's id alone says too little.
KIND_LABELS = {"weekday": "工作日延长工作时间的加班费", "restday": "休息日加班费", "rest_day": "休息日加班费",
               "holiday": "法定休假日加班费"}


def _merged(lines: list[dict]) -> dict:
    froms = [x["period_from"] for x in lines if x.get("period_from")]
    tos = [x.get("period_to") or x["period_from"] for x in lines if x.get("period_from")]
    bases: list[str] = []
    for x in lines:
        for b in (x.get("basis") or "").split("、"):
            if b and b not in bases:
                bases.append(b)
    return {"amount_fen": sum(x["amount_fen"] for x in lines), "period_from": min(froms) if froms else None,
            "period_to": max(tos) if tos else None, "basis": "、".join(bases)}


def requests(case_claims: list[dict], payer: str, money) -> tuple[list[str], list[str]]:
    """(the requests, notes for the lawyer) from the case's claims as the case view reads them (the server's numbers):
    one request per kind of line, in the order the calculator gave them, then the total. A claim with a line below
    zero (what was already received) is asked as one net amount, its working in the note. `money` writes an amount."""
    asked, notes = [], []
    for claim in case_claims:
        lines, label = claim["lines"], claim["label"]
        if any(x["amount_fen"] < 0 for x in lines):
            groups = [(label, _merged(lines))]
            notes.append(f"{label}已扣除工友已经拿到的钱：" + "；".join(x["text"] for x in lines if x.get("text")))
        else:
            kinds = list(dict.fromkeys(x["kind"] for x in lines))
            groups = [(KIND_LABELS.get(k, label) if len(kinds) > 1 else label,
                       _merged([x for x in lines if x["kind"] == k])) for k in kinds]
        for name, part in groups:
            basis = f"（{part['basis']}）" if part["basis"] else ""
            asked.append(f"裁决{payer}支付申请人{period(part)}{name}{money(part['amount_fen'])}{basis}。")
        if claim["mismatch"]:
            notes.append(f"{label}：{claim['mismatch_note']}")
    if case_claims:
        asked.append(f"以上共计{money(sum(c['total_fen'] for c in case_claims))}"
                     "（按工友在「算一算」填的数字计算，请核对后提交）。")
    return asked, notes
