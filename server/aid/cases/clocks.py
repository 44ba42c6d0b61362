"""The clocks on a case, as pure functions of dates: each answer says how it was computed.

- 《法律援助法》第四十三条: decide within 7 days of receiving the application, assign within 3 days of
  deciding; materials asked for and not supplied → the application counts as withdrawn. The days spent
  waiting for materials are not counted (the 2012 procedure rules' practice; the Law itself is silent).
- 《劳动争议调解仲裁法》第二十七条: arbitration within 1 year of when the worker knew; unpaid wages are not
  limited while the job lasts, then 1 year from the day it ended.
- 《工伤保险条例》第十七条: the worker (or family) may apply for injury recognition within 1 year of the accident.
- 《法律援助法》第四十四条: less than 7 days left before a limitation date → aid first, paperwork after.

Days are calendar days as people in China count them (server/clock.py); "7 日内" from the 1st ends on the 8th.
"""
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from ...clock import china_time
from ...limitation import ARBITRATION, add_years, today  # noqa: F401 (the clocks' own names, used across aid/)

DECIDE_DAYS = 7
ASSIGN_DAYS = 3
MATERIALS_DAYS = 15  # the default time given to supply materials (the office's practice, not a statute)
URGENT_DAYS = 30
FIRST_AID_DAYS = 7
FIRST_AID_NOTE = ("离时效届满不足 7 日：可以先行提供法律援助，工友事后补办手续和材料（《法律援助法》第四十四条），"
                  "不要等手续齐了再办。")
INTERRUPTION = "讨过薪（如发过讨薪短信）、投诉过劳动监察的，时效中断、重新计算 1 年，请向工友核实。"


@dataclass
class Clock:
    name: str
    label: str
    due_on: date | None
    days_left: int | None
    overdue: bool
    paused: bool
    how: str
    done: bool = False

    def as_dict(self) -> dict:
        return asdict(self)


def day_of(moment: datetime | None) -> date | None:
    """The China calendar day of a stored moment."""
    return china_time(moment).date() if moment is not None else None


def _left(due: date | None, on: date) -> int | None:
    return (due - on).days if due is not None else None


def paused_total(paused_days: int, paused_since: date | None, on: date) -> int:
    """Days the decision clock has stood still so far, counting a pause still running up to `on`."""
    return (paused_days or 0) + ((on - paused_since).days if paused_since else 0)


def decide_clock(received_on: date, paused_days: int, paused_since: date | None, decided_on: date | None,
                 on: date) -> Clock:
    """Art. 43: 7 days from receiving the application to the decision, the waiting for materials not counted."""
    stood = paused_total(paused_days, None if decided_on else paused_since, decided_on or on)
    due = received_on + timedelta(days=DECIDE_DAYS + stood)
    how = f"收到申请 {received_on} 起 7 日内决定是否给予法律援助（《法律援助法》第四十三条）"
    paused = paused_since is not None and decided_on is None
    if stood:
        how += f"；等工友补充材料的 {stood} 天不计入，顺延到 {due}"
    else:
        how += f"，到 {due}"
    if paused:
        how += "。现在等工友补充材料，期限暂停，等材料的日子不计入"
    if stood or paused:
        how += "（补充材料的时间不计入审查期限，是 2012 年《办理法律援助案件程序规定》第十三条的做法，法律没有写明）"
    if decided_on is not None:
        late = (decided_on - due).days
        how += f"。已于 {decided_on} 作出决定" + (f"，晚了 {late} 天。" if late > 0 else "。")
        return Clock("decide", "决定期限", due, None, False, False, how, done=True)
    left = _left(due, on)
    return Clock("decide", "决定期限", due, left, bool(left is not None and left < 0 and not paused), paused,
                 how if how.endswith("。") else how + "。")


def assign_clock(decided_on: date, assigned_on: date | None, on: date) -> Clock:
    """Art. 43: 3 days from deciding to give aid to assigning someone."""
    due = decided_on + timedelta(days=ASSIGN_DAYS)
    how = f"决定给予法律援助 {decided_on} 起 3 日内指派律师（《法律援助法》第四十三条），到 {due}。"
    if assigned_on is not None:
        late = (assigned_on - due).days
        how += f"已于 {assigned_on} 指派" + (f"，晚了 {late} 天。" if late > 0 else "。")
        return Clock("assign", "指派期限", due, None, False, False, how, done=True)
    left = _left(due, on)
    return Clock("assign", "指派期限", due, left, bool(left is not None and left < 0), False, how)


def materials_clock(asked_on: date, due_on: date, on: date, supplied_on: date | None = None) -> Clock:
    """The time given to supply materials; not supplied → treated as withdrawn (Art. 43)."""
    how = (f"{asked_on} 请工友补充材料，期限到 {due_on}；到期没有补充的，视为撤回申请（《法律援助法》第四十三条）。"
           "等材料的这段时间，决定期限暂停。")
    if supplied_on is not None:
        return Clock("materials", "补充材料期限", due_on, None, False, False, how + f"已于 {supplied_on} 补充。",
                     done=True)
    left = _left(due_on, on)
    return Clock("materials", "补充材料期限", due_on, left, bool(left is not None and left < 0), False, how)


def limitation_clocks(case_type: str, left_on: date | None, injured_on: date | None, on: date) -> list[Clock]:
    """The limitation dates the case's own dates allow, each with how it was reckoned."""
    clocks = [_arbitration(case_type, left_on, on)]
    if case_type == "injury":
        clocks.append(_injury_recognition(injured_on, on))
    return clocks


def _arbitration(case_type: str, left_on: date | None, on: date) -> Clock:
    label = "劳动仲裁时效"
    if left_on is None:
        if case_type == "wages":
            how = (f"没有填写离开工地的日期：还在这个工地干活的，拖欠的工资在职期间不受 1 年仲裁时效限制；"
                   f"离开（劳动关系终止）后要在 1 年内申请劳动仲裁（{ARBITRATION}）。请向工友核实是否已经离开。")
        else:
            how = (f"没有填写离开工地的日期，无法推算：劳动仲裁时效 1 年，从知道或应当知道权利被侵害之日起算"
                   f"（{ARBITRATION}），请问清工友是哪天知道的。")
        return Clock("limitation", label, None, None, False, False, how)
    due = add_years(left_on, 1)
    if case_type == "wages":
        how = (f"离开工地（劳动关系终止）{left_on} 起 1 年内申请劳动仲裁，到 {due}（{ARBITRATION}：在职期间拖欠工资"
               f"不受 1 年限制，劳动关系终止的，从终止之日起 1 年）。{INTERRUPTION}")
    else:
        how = (f"劳动仲裁时效 1 年，从知道或应当知道权利被侵害之日起算（{ARBITRATION}）；这里按离开工地的日期 {left_on}"
               f" 推算，到 {due}。{INTERRUPTION}")
    left = _left(due, on)
    return Clock("limitation", label, due, left, bool(left is not None and left < 0), False, how)


def _injury_recognition(injured_on: date | None, on: date) -> Clock:
    label = "工伤认定申请期限"
    if injured_on is None:
        return Clock("injury_recognition", label, None, None, False, False,
                     "没有填写受伤日期，无法推算：单位不申请的，工友本人或近亲属在事故发生之日起 1 年内可以自己申请"
                     "工伤认定（《工伤保险条例》第十七条），请问清受伤日期。")
    due = add_years(injured_on, 1)
    how = (f"受伤日期 {injured_on} 起 1 年内，单位不申请的，工友本人或近亲属可以自己申请工伤认定，到 {due}"
           "（《工伤保险条例》第十七条；单位应在 30 日内申请）。")
    left = _left(due, on)
    return Clock("injury_recognition", label, due, left, bool(left is not None and left < 0), False, how)


LIMITATIONS = ("limitation", "injury_recognition", "claim")  # "claim": a 算一算 amount's line (cases/claims.py)


def earliest(clocks: list[Clock]) -> date | None:
    """The first limitation date among the clocks (None when none could be computed)."""
    dates = [c.due_on for c in clocks if c.due_on is not None and c.name in LIMITATIONS]
    return min(dates) if dates else None


def urgency(limitation_due_on: date | None, on: date) -> tuple[bool, bool]:
    """(urgent, first_aid): a limitation date within 30 days; fewer than 7 days left (Art. 44)."""
    if limitation_due_on is None:
        return False, False
    left = (limitation_due_on - on).days
    return left <= URGENT_DAYS, left < FIRST_AID_DAYS
