"""The clocks, as the Law counts them: each row is a case's dates, today, and what the clock must say."""
from datetime import date

import pytest

from server.aid.cases import clocks

D = date.fromisoformat


@pytest.mark.parametrize("received, paused_days, paused_since, decided, today, due, left, overdue, paused", [
    # 7 days from receiving: received on the 1st, due on the 8th
    ("2026-12-01", 0, None, None, "2026-12-01", "2026-12-08", 7, False, False),
    ("2026-12-01", 0, None, None, "2026-12-08", "2026-12-08", 0, False, False),
    ("2026-12-01", 0, None, None, "2026-12-09", "2026-12-08", -1, True, False),
    # waiting for materials since the 3rd: the days stand still, the due date moves with them
    ("2026-12-01", 0, "2026-12-03", None, "2026-12-03", "2026-12-08", 5, False, True),
    ("2026-12-01", 0, "2026-12-03", None, "2026-12-13", "2026-12-18", 5, False, True),
    # a pause of 4 days already over: due 4 days later
    ("2026-12-01", 4, None, None, "2026-12-10", "2026-12-12", 2, False, False),
    # a pause that ran past the first due date never makes the case overdue while it runs
    ("2026-12-01", 0, "2026-12-02", None, "2026-12-30", "2027-01-05", 6, False, True),
    # decided: done, nothing left to count
    ("2026-12-01", 0, None, "2026-12-05", "2026-12-20", "2026-12-08", None, False, False),
])
def test_decide_within_7_days_of_receiving_paused_while_materials_are_awaited(
        received, paused_days, paused_since, decided, today, due, left, overdue, paused):
    clock = clocks.decide_clock(D(received), paused_days, paused_since and D(paused_since), decided and D(decided),
                                D(today))
    assert (clock.due_on, clock.days_left, clock.overdue, clock.paused) == (D(due), left, overdue, paused)
    assert "《法律援助法》第四十三条" in clock.how and received in clock.how
    if paused_days or paused_since:
        assert "不计入" in clock.how


def test_a_late_decision_says_how_late():
    clock = clocks.decide_clock(D("2026-12-01"), 0, None, D("2026-12-10"), D("2026-12-20"))
    assert clock.done and "晚了 2 天" in clock.how


@pytest.mark.parametrize("decided, assigned, today, left, overdue, done", [
    ("2026-12-05", None, "2026-12-05", 3, False, False),
    ("2026-12-05", None, "2026-12-08", 0, False, False),
    ("2026-12-05", None, "2026-12-09", -1, True, False),
    ("2026-12-05", "2026-12-06", "2026-12-20", None, False, True),
])
def test_assign_within_3_days_of_deciding(decided, assigned, today, left, overdue, done):
    clock = clocks.assign_clock(D(decided), assigned and D(assigned), D(today))
    assert clock.due_on == D("2026-12-08")
    assert (clock.days_left, clock.overdue, clock.done) == (left, overdue, done)
    assert "3 日内" in clock.how and "第四十三条" in clock.how


def test_materials_not_supplied_in_time_count_as_withdrawn():
    clock = clocks.materials_clock(D("2026-12-01"), D("2026-12-16"), D("2026-12-17"))
    assert clock.overdue and clock.days_left == -1 and "视为撤回" in clock.how and "第四十三条" in clock.how


@pytest.mark.parametrize("case_type, left_on, injured_on, today, names, dues, words", [
    # wages, the job over: 1 year from the day it ended
    ("wages", "2026-06-30", None, "2026-12-01", ["limitation"], ["2027-06-30"], ["终止之日起 1 年", "第二十七条"]),
    # wages, no day the job ended: not limited while it lasts, and the case says so
    ("wages", None, None, "2026-12-01", ["limitation"], [None], ["在职期间不受 1 年仲裁时效限制", "没有填写离开"]),
    # dismissal: 1 year from when the worker knew (taken as the day they left)
    ("dismissal", "2026-02-10", None, "2026-12-01", ["limitation"], ["2027-02-10"], ["知道或应当知道", "2026-02-10"]),
    ("dismissal", None, None, "2026-12-01", ["limitation"], [None], ["无法推算"]),
    # injury: the worker's own application for recognition within 1 year of the accident
    ("injury", None, "2026-03-05", "2026-12-01", ["limitation", "injury_recognition"], [None, "2027-03-05"],
     ["《工伤保险条例》第十七条"]),
    ("injury", None, None, "2026-12-01", ["limitation", "injury_recognition"], [None, None], ["没有填写受伤日期"]),
    # 29 February: a year later is 28 February
    ("wages", "2028-02-29", None, "2028-03-01", ["limitation"], ["2029-02-28"], []),
])
def test_limitation_dates_and_how_they_were_reckoned(case_type, left_on, injured_on, today, names, dues, words):
    got = clocks.limitation_clocks(case_type, left_on and D(left_on), injured_on and D(injured_on), D(today))
    assert [c.name for c in got] == names
    assert [c.due_on for c in got] == [d and D(d) for d in dues]
    how = " ".join(c.how for c in got)
    for word in words:
        assert word in how


@pytest.mark.parametrize("due, today, urgent, first_aid", [
    (None, "2026-12-01", False, False),
    ("2027-01-15", "2026-12-01", False, False),  # 45 days
    ("2026-12-31", "2026-12-01", True, False),   # 30 days: urgent
    ("2026-12-08", "2026-12-01", True, False),   # 7 days: urgent, not yet first aid
    ("2026-12-07", "2026-12-01", True, True),    # 6 days: Art. 44
    ("2026-11-30", "2026-12-01", True, True),    # already passed: still flagged, to be checked at once
])
def test_urgent_within_30_days_and_first_aid_under_7(due, today, urgent, first_aid):
    assert clocks.urgency(due and D(due), D(today)) == (urgent, first_aid)


def test_the_earliest_limitation_date_drives_urgency():
    got = clocks.limitation_clocks("injury", D("2026-06-01"), D("2026-03-05"), D("2026-12-01"))
    assert clocks.earliest(got) == D("2027-03-05")
    assert "第四十四条" in clocks.FIRST_AID_NOTE and "先行提供法律援助" in clocks.FIRST_AID_NOTE
