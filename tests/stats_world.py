"""A known world for the work-report figures (tests/test_stats.py, tests/test_stats_workbook.py).

Province → city → county A and county B (A's sibling). Cases are sent and moved through the API, then each step's
time is set in the database to a chosen China moment (the figures read only stored times). Two periods: the first
half of 2026 (P1) and the second (P2); the accept at 23:59 on 30 June counts in P1, the one at 00:01 on 1 July in P2;
the event (with its quiz) at 00:00 on 1 July in P2.
County B has a case and an event in P1 that A's figures never show.
Consultations (q1…q10) over every channel, one asked at 23:30 on 30 June (P1's) and converted into an application
made in P2 (P2's conversion), one answered exactly 24 hours after asking (on time), one moderated (never in 人次),
one of county B; sites with boards (s1 printed in P1 and again in P2, s2 first printed at 00:00 on 1 July, s3 never,
s4 county B's).
"""
import uuid
from datetime import datetime, timedelta

from server.accounts.models import AuditEntry
from server.aid import firsts
from server.aid.models import Application, TimelineEntry
from server.clock import CHINA
from server.events.models import Attendee, CheckIn, Event, EventQuiz, EventReport, QuizResult
from server.extensions import db
from server.pii import encrypt, lookup_hash, mask_phone
from server.questions.models import Question
from server.sites.models import Site
from tests.casework import act, put_in_stage

P1 = {"from": "2026-01-01", "to": "2026-06-30"}
P2 = {"from": "2026-07-01", "to": "2026-12-31"}
EMPTY = {"from": "2025-01-01", "to": "2025-06-30"}
PHONE = {n: f"1380013{n:04d}" for n in range(1, 10)}
CHECKS = {"wages": {"work_facts_confirmed": True, "employer_identified": True, "arrears_checked": True},
          "injury": {"work_facts_confirmed": True, "employer_identified": True, "injury_checked": True},
          "dismissal": {"work_facts_confirmed": True, "employer_identified": True, "dismissal_checked": True}}


def china(month, day, hour=9, minute=0):
    return datetime(2026, month, day, hour, minute, tzinfo=CHINA)


def _set(app, case_id, office_id, received, steps):
    """The case's office, when it was received, and the time of each of its steps (action → moment)."""
    with app.app_context():
        application = db.session.get(Application, case_id)
        application.office_id, application.created_at = office_id, received
        for entry in db.session.scalars(db.select(TimelineEntry).where(TimelineEntry.application_id == case_id)):
            if entry.action in steps:
                entry.at = steps[entry.action]
        db.session.flush()
        firsts.restamp([case_id])  # the row's first steps as if each had been taken at its time
        db.session.commit()


def _step(app, case_id, action, at, stage="materials_requested"):
    """A step written straight into the timeline at a chosen moment (a 补充材料 ask and its answer: the figures
    other than the Art. 43 clock never read these)."""
    with app.app_context():
        db.session.add(TimelineEntry(application_id=case_id, at=at, stage=stage, action=action))
        db.session.flush()
        firsts.restamp([case_id])
        db.session.commit()


def _moves(client, people, case_id, case_type, *names, outcome=None, recovered=0, closed_on=None, satisfaction=None):
    staff, lawyer = people["staff_a"], people["lawyer_a"]
    fields = {"accept": {"checklist": CHECKS[case_type]}, "approve": {},
              "assign": {"lawyer_id": lawyer.user.id}, "lawyer_accept": {},
              "progress": {"kind": "mediation", "note": "约了调解", "happened_on": "2026-04-01"},
              "close": {"outcome": outcome, "recovered_fen": recovered, "closed_on": closed_on},
              "follow_up": {"reached": True, "satisfaction": satisfaction},
              "refuse_aid": {"reason": "不符合条件"}, "not_accept": {"reason": "不属于本中心受理范围"},
              "withdraw": {"reason": "工友自己和老板谈好了"}}
    for name in names:
        who = lawyer if name in ("lawyer_accept", "progress", "close") else staff
        resp = act(client, who, case_id, name, **fields[name])
        assert resp.status_code == 200, (name, resp.get_json())


def _case(client, make_application, n, case_type="wages", **fields):
    body = {"case_type": case_type, "phone": PHONE[n], "applicant_name": f"工友{n}号"}
    if case_type not in ("wages", "injury"):
        body["honesty_commitment"] = True
    if case_type == "injury":
        body["injured_on"] = "2026-05-01"
    return make_application(client, **body, **fields)["id"]


def _attendee(event_id, n, phone, source="online"):
    return Attendee(event_id=event_id, name=f"参加者{n}", phone_hash=lookup_hash(phone), phone_enc=encrypt(phone),
                    phone_last4=phone[-4:], qr_token=uuid.uuid4().hex, source=source)


def _event(app, office_id, kind, starts_at, status="published", attendees=(), checked=(), debrief=None, quiz=None):
    """`quiz`: {attendee n: (right answers of 2, prize handed over)}, the pass mark 2."""
    with app.app_context():
        event = Event(title=f"{kind}活动", kind=kind, starts_at=starts_at, place="幸福里工地", status=status,
                      office_id=office_id)
        db.session.add(event)
        db.session.flush()
        rows = [_attendee(event.id, n, phone, source) for n, (phone, source) in enumerate(attendees)]
        db.session.add_all(rows)
        db.session.flush()
        for n in checked:
            db.session.add(CheckIn(attendee_id=rows[n].id, event_id=event.id, device_time=starts_at,
                                   operation_id=str(uuid.uuid4()), method="qr"))
        if debrief:
            db.session.add(EventReport(event_id=event.id, people_reached=debrief[0], leaflets_given=debrief[1]))
        if quiz is not None:
            db.session.add(EventQuiz(event_id=event.id, question_count=2, pass_mark=2, topics=[],
                                     question_keys=["q-double-pay", "q-injury"]))
        for n, (score, prize) in (quiz or {}).items():
            db.session.add(QuizResult(attendee_id=rows[n].id, event_id=event.id, score=score, total=2,
                                      passed=score >= 2, answers={}, operation_id=str(uuid.uuid4()),
                                      answered_at=starts_at, prize_at=starts_at if prize else None))
        db.session.commit()
        return event.id


def _document(app, case_id, kind, at):
    with app.app_context():
        db.session.add(AuditEntry(at=at, action="document", record_type="aid_application", record_id=str(case_id),
                                  detail={"kind": kind, "format": "pdf", "why": "staff"}, actor_role="staff"))
        db.session.commit()


def _site(app, office_id, name, first_printed=None, last_printed=None):
    with app.app_context():
        site = Site(code=uuid.uuid4().hex[:8].upper(), office_id=office_id, name=name, first_printed_at=first_printed,
                    board_printed_at=last_printed or first_printed)
        db.session.add(site)
        db.session.commit()
        return site.id


def _question(app, office_id, channel, case_type, asked, answered=None, phone=None, site_id=None, application_id=None,
              verdict=""):
    with app.app_context():
        question = Question(client_id=str(uuid.uuid4()), code=uuid.uuid4().hex[:12].upper(), office_id=office_id,
                            channel=channel, case_type=case_type, text_enc=encrypt("老板欠我三个月工资"),
                            phone_hash=lookup_hash(phone) if phone else None,
                            phone_enc=encrypt(phone) if phone else None,
                            phone_masked=mask_phone(phone) if phone else "", created_at=asked, answered_at=answered,
                            site_id=site_id, application_id=application_id, verdict=verdict,
                            moderated_at=asked + timedelta(hours=1) if verdict else None,
                            status="moderated" if verdict else ("answered" if answered else "open"))
        db.session.add(question)
        db.session.commit()
        return question.id


def _consultations(app, a, b, c):
    """Sites with boards, cases from them, and the consultations (see the module's docstring)."""
    s = {"s1": _site(app, a, "幸福里一期工地", china(2, 1), china(9, 1)),
         "s2": _site(app, a, "幸福里二期工地", china(7, 1, 0)),
         "s3": _site(app, a, "幸福里三期工地"), "s4": _site(app, b, "乙县某工地", china(3, 1))}
    with app.app_context():
        for case, site in (("c1", "s1"), ("c4", "s1"), ("c8", "s4")):
            db.session.get(Application, c[case]).site_id = s[site]
        db.session.commit()
    q = {"q1": _question(app, a, "app_text", "wages", china(3, 1, 10), china(3, 1, 20), PHONE[1], s["s1"], c["c1"]),
         "q2": _question(app, a, "app_voice", "injury", china(3, 10), china(3, 12), "13800139101"),
         "q3": _question(app, a, "hotline", "wages", china(4, 1), china(4, 1)),
         "q4": _question(app, a, "walk_in", "dismissal", china(4, 2), china(4, 2)),
         "q5": _question(app, a, "event", "wages", china(4, 10, 15), china(4, 10, 15), PHONE[9]),
         "q6": _question(app, a, "app_text", "other", china(6, 30, 23, 30), china(7, 1, 10), PHONE[1],
                         application_id=c["c4"]),
         "q7": _question(app, a, "app_text", "wages", china(7, 1, 0, 10), None, "13800139103", s["s2"]),
         "q8": _question(app, a, "app_text", "wages", china(3, 15), None, "13800139104", verdict="spam"),
         "q9": _question(app, b, "hotline", "wages", china(3, 20), china(3, 20), "13800139105", s["s4"]),
         "q10": _question(app, a, "app_voice", "wages", china(8, 1), china(8, 2), PHONE[1])}
    return s, q


def build(app, client, auth, make_application):
    admin = auth(client, "admin")
    with app.app_context():
        province = admin.user.office_id

    def office(parent, name):
        resp = client.post("/api/v1/offices", json={"parent_id": parent, "name": name, "kind": "legal_aid",
                                                    "division": "510100"}, headers=admin)
        assert resp.status_code == 201, resp.get_json()
        return resp.get_json()["id"]

    city = office(province, "成都市法律援助中心")
    a, b = office(city, "甲县法律援助中心"), office(city, "乙县法律援助中心")
    people = {"staff_a": auth(client, "staff", office_id=a), "lawyer_a": auth(client, "lawyer", office_id=a),
              "staff_b": auth(client, "staff", office_id=b), "city_staff": auth(client, "staff", office_id=city),
              "admin": admin}
    c = {}

    def case(name, n, case_type="wages", **fields):
        c[name] = _case(client, make_application, n, case_type, **fields)
        with app.app_context():
            db.session.get(Application, c[name]).office_id = a
            db.session.commit()

    # c1: a group claim (two co-workers named, one without a phone), mediated, 15,000 元 recovered, followed up (5)
    case("c1", 1, coworkers=[{"name": "王五", "phone": "13800138101"}, {"name": "赵六"}])
    _moves(client, people, c["c1"], "wages", "accept", "approve", "assign", "lawyer_accept", "progress", "close",
           "follow_up", outcome="mediated", recovered=1_500_000, closed_on="2026-05-10", satisfaction=5)
    _set(app, c["c1"], a, china(3, 2, 10), {"accept": china(3, 2, 15), "approve": china(3, 4), "assign": china(3, 5),
                                            "lawyer_accept": china(3, 6), "progress": china(4, 1),
                                            "close": china(5, 10), "follow_up": china(5, 20)})
    # c2: the same group; accepted at 23:59 on the last day of P1, approved in P2
    case("c2", 2)
    _moves(client, people, c["c2"], "wages", "accept", "approve")
    _set(app, c["c2"], a, china(3, 3), {"accept": china(6, 30, 23, 59), "approve": china(7, 1, 8)})
    # … its Art. 43 clock stood still 4 days (materials asked on 5 March, supplied on 9 March): due 14 March, missed
    _step(app, c["c2"], "request_materials", china(3, 5))
    _step(app, c["c2"], "materials_supplied", china(3, 9), stage="submitted")
    # c3: 辞退 (not green), received in P1, accepted at 00:01 on the first day of P2, refused
    case("c3", 3, "dismissal")
    _moves(client, people, c["c3"], "dismissal", "accept", "refuse_aid")
    _set(app, c["c3"], a, china(6, 20), {"accept": china(7, 1, 0, 1), "refuse_aid": china(7, 3)})
    # c4: the same person as c1, 工伤, green channel accepted and assigned the day it came; an award, 2,000 元
    case("c4", 1, "injury")
    _moves(client, people, c["c4"], "injury", "accept", "approve", "assign", "lawyer_accept", "progress", "close",
           "follow_up", outcome="award", recovered=200_000, closed_on="2026-09-01", satisfaction=3)
    _set(app, c["c4"], a, china(7, 2), {"accept": china(7, 2, 10), "approve": china(7, 2, 10, 30),
                                        "assign": china(7, 2, 11), "lawyer_accept": china(7, 3),
                                        "progress": china(8, 1), "close": china(9, 1), "follow_up": china(9, 10)})
    case("c5", 5)
    _moves(client, people, c["c5"], "wages", "not_accept")
    _set(app, c["c5"], a, china(7, 5), {"not_accept": china(7, 6)})
    case("c6", 6)
    _moves(client, people, c["c6"], "wages", "withdraw")
    _set(app, c["c6"], a, china(7, 7), {"withdraw": china(7, 8)})
    case("c7", 7)  # materials asked and never supplied: withdrawn by Art. 43
    put_in_stage(app, c["c7"], "materials_requested", came_from="submitted")
    resp = act(client, people["staff_a"], c["c7"], "materials_timeout")
    assert resp.status_code == 200, resp.get_json()
    _set(app, c["c7"], a, china(8, 1), {"materials_timeout": china(8, 20)})
    _step(app, c["c7"], "request_materials", china(8, 10))  # asked after its decision deadline (8 August) ran out
    # c8: county B's, in P1, closed with a large sum: never in A's figures
    case("c8", 8)
    _moves(client, people, c["c8"], "wages", "accept", "approve", "assign", "lawyer_accept", "progress", "close",
           outcome="settled", recovered=9_999_900, closed_on="2026-04-10")
    _set(app, c["c8"], b, china(3, 5), {"accept": china(3, 5), "approve": china(3, 6), "assign": china(3, 7),
                                        "close": china(4, 10)})
    _document(app, c["c1"], "application", china(3, 6))
    _document(app, c["c1"], "application", china(3, 7))  # the same paper again: counted once
    _document(app, c["c1"], "arbitration", china(7, 2))
    _document(app, c["c8"], "application", china(3, 8))
    e = {
        # E1: two signed up (one is c1's applicant), one walk-in; the walk-in and one sign-up came; a debrief
        "e1": _event(app, a, "lecture", china(4, 10, 14), attendees=[(PHONE[1], "online"), (PHONE[9], "offline"),
                                                                     ("13800139001", "walkin")],
                     checked=(0, 2), debrief=(50, 120), quiz={0: (2, True), 2: (1, False)}),
        "e2": _event(app, a, "site_visit", china(8, 15), attendees=[("13800139002", "online")]),
        "e3": _event(app, a, "lecture", china(4, 11), status="draft", attendees=[("13800139003", "online")]),
        "e4": _event(app, b, "clinic", china(4, 12), attendees=[("13800139004", "walkin")], checked=(0,),
                     debrief=(900, 900), quiz={0: (2, True)}),
        # E5: at midnight China, 1 July: P2's (and the day 1 July's), never 30 June's; one passed of two, no prize
        "e5": _event(app, a, "consultation_day", china(7, 1, 0), attendees=[(PHONE[1], "online"), (PHONE[9], "online")],
                     checked=(0, 1), quiz={0: (2, False), 1: (0, False)}),
    }
    sites, questions = _consultations(app, a, b, c)
    return {"offices": {"province": province, "city": city, "a": a, "b": b}, "people": people, "cases": c,
            "events": e, "sites": sites, "questions": questions}
