"""The worker's own day log (记工, issue 23) in the papers: one sentence of 事实和理由 with the days and the amount,
and its rows in 证据清单 (the signed-off table; its photos are listed with the other photos, by their labels).
Honest about what it is: a record the worker made and confirmed, not the employer's attendance sheet; a co-worker's
confirmation (daylogs/confirm.py) is stated as their word, with how many of the days each confirmed."""
from .documents import day, yuan

RATE_WORDS = {"day": "每天", "month": "每月"}


def fact(log: dict) -> str:
    """'据申请人自己记的记工表，申请人于2026年3月2日至2026年3月13日期间出工10天……尚欠人民币2,200.00元。'"""
    if log["rate_kind"] in RATE_WORDS:
        rate = f"{RATE_WORDS[log['rate_kind']]}{yuan(log['rate_fen'])}"
        agreed = f"约定工资{rate}，按出工天数应得{yuan(log['agreed_fen'])}"
    else:
        agreed = f"约定计件工钱共{yuan(log['agreed_fen'])}"
    overtime = f"（另记加班{log['overtime_hours']:g}小时，加班费未计入）" if log.get("overtime_hours") else ""
    return (f"据申请人自己记的记工表（申请人确认“这是我自己记的”，随申请提交），申请人于{day(log['period_from'])}至"
            f"{day(log['period_to'])}期间出工{log['days_worked']}天{overtime}；{agreed}；其间收到借支、生活费等共"
            f"{yuan(log['received_fen'])}，尚欠{yuan(log['owed_fen'])}。{confirmed(log)}")


def confirmed(log: dict) -> str:
    """'同一工地的工友张三（确认其中8天）、李四（确认其中3天）用自己的手机确认了记工表上的出工日期（工友本人所说，
    不是用人单位的记录）。', or '' when no co-worker confirmed."""
    people = log.get("confirmations") or []
    if not people:
        return ""
    who = "、".join(f"{c['name']}（确认其中{len(c['dates'])}天）" for c in people)
    return f"同一工地的工友{who}用自己的手机确认了记工表上的出工日期（工友本人所说，不是用人单位的记录）。"


def evidence_row(log: dict) -> list[str]:
    """[名称, 来源] of the log itself."""
    photos = f"，附照片{len(log['photos'])}张" if log.get("photos") else ""
    people = log.get("confirmations") or []
    days = len({d for c in people for d in c["dates"]})
    confirmed = f"，其中{days}天有{len(people)}位同一工地的工友用手机确认" if people else ""
    return [f"记工表（{day(log['period_from'])}至{day(log['period_to'])}，{len(log['entries'])}天{photos}）",
            f"申请人自己记录并确认（随申请提交{confirmed}）"]
