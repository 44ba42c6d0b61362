"""The work-report figures (issue 25): every figure exactly, for two periods, an empty one and a China-midnight
boundary; each figure's drill-down lists exactly its records; the sibling county's records never appear; hostile
query values get a clear 4xx. The world is tests/stats_world.py."""
import pytest

from server.accounts.models import AuditEntry
from server.aid.cases.clocks import today
from server.extensions import db
from server.stats.figures import FIGURES
from tests.stats_world import EMPTY, P1, P2, build

WAGES = {"wages": 0, "injury": 0, "dismissal": 0, "social_insurance": 0, "other": 0}
OUTCOMES0 = {"mediated": 0, "award": 0, "judgment": 0, "settled": 0, "withdrawn_by_worker": 0, "other": 0}
KINDS0 = {"lecture": 0, "site_visit": 0, "clinic": 0, "consultation_day": 0}
CHANNELS0 = {"app_text": 0, "app_voice": 0, "hotline": 0, "walk_in": 0, "event": 0}


def channels(**counts):
    return {**CHANNELS0, **counts}


def types(**counts):
    return {**WAGES, **counts}


# figure id → (value, breakdown) in each period, for county A
EXPECTED = {
    "P1": {
        "consult.total": (6, channels(app_text=2, app_voice=1, hotline=1, walk_in=1, event=1)),
        "consult.by_case_type": (6, types(wages=3, injury=1, dismissal=1, other=1)),
        "consult.people": (5, {"with_phone": 3, "without_phone": 2}),  # q1 and q6 one person; q3, q4 no phone
        "consult.on_time": (5, channels(app_text=2, hotline=1, walk_in=1, event=1)),  # q6 answered in P2, 10.5 h on
        "consult.overdue": (1, channels(app_voice=1)),
        "consult.converted": (1, channels(app_text=1)),  # q1 → c1 (q6 → c4 is P2's: c4 was made then)
        "consult.moderated": (1, {"not_legal": 0, "spam": 1, "abusive": 0}),
        "aid.received": (3, types(wages=2, dismissal=1)),
        "aid.accepted": (2, types(wages=2)),
        "aid.approved": (1, types(wages=1)),
        "aid.refused": (0, types()),
        "aid.not_accepted": (0, types()),
        "aid.withdrawn": (0, types()),
        "aid.assigned": (1, types(wages=1)),
        "aid.green_channel": (0.6667, {"green": 2, "received": 3, "same_day": 0}),
        "aid.closed": (1, {**OUTCOMES0, "mediated": 1}),
        "aid.recovered_fen": (1_500_000, types(wages=1_500_000)),
        "aid.days_to_accept": (59.5, {"p90": 119, "n": 2}),
        "aid.days_to_decide": (2, {"p90": 2, "n": 1}),
        "aid.days_to_assign": (1, {"p90": 1, "n": 1}),
        "aid.beneficiaries": (3, {}),
        "aid.follow_ups_reached": (1, {"done": 1}),
        "aid.satisfaction": (1.0, {"satisfied": 1, "rated": 1}),
        "aid.documents": (1, {}),
        "aid.art43_overdue": (2, types(wages=1, dismissal=1)),
        "events.held": (1, {**KINDS0, "lecture": 1}),
        "events.signups": (2, {}),
        "events.checked_in": (2, {}),
        "events.walkins": (1, {}),
        "events.people_reached": (50, {}),
        "events.leaflets": (120, {}),
        "events.quiz_takers": (2, {"e1": 2}),  # by event (its id)
        "events.quiz_passed": (1, {"e1": 1}),
        "events.quiz_pass_rate": (0.5, {"e1": 0.5}),
        "events.prizes": (1, {"e1": 1}),
        "sites.boards_printed": (1, {"office_a": 1}),
        "sites.applications": (1, {"s1": 1}),
        "sites.questions": (1, {"s1": 1}),
        # the applicants of c1–c3 and e1's three (c1's among them), then q2's and the two consultations without a phone
        "people.distinct_workers": (8, {}),
    },
    "P2": {
        "consult.total": (2, channels(app_text=1, app_voice=1)),
        "consult.by_case_type": (2, types(wages=2)),
        "consult.people": (2, {"with_phone": 2, "without_phone": 0}),
        "consult.on_time": (1, channels(app_voice=1)),  # q10, answered exactly 24 hours on
        "consult.overdue": (1, channels(app_text=1)),  # q7, never answered
        "consult.converted": (1, channels(app_text=1)),  # q6 (asked in P1) → c4, made in P2
        "consult.moderated": (0, {"not_legal": 0, "spam": 0, "abusive": 0}),
        "aid.received": (4, types(wages=3, injury=1)),
        "aid.accepted": (2, types(dismissal=1, injury=1)),
        "aid.approved": (2, types(wages=1, injury=1)),
        "aid.refused": (1, types(dismissal=1)),
        "aid.not_accepted": (1, types(wages=1)),
        "aid.withdrawn": (2, types(wages=2)),
        "aid.assigned": (1, types(injury=1)),
        "aid.green_channel": (1.0, {"green": 4, "received": 4, "same_day": 1}),
        "aid.closed": (1, {**OUTCOMES0, "award": 1}),
        "aid.recovered_fen": (200_000, types(injury=200_000)),
        "aid.days_to_accept": (5.5, {"p90": 11, "n": 2}),
        "aid.days_to_decide": (1, {"p90": 2, "n": 3}),
        "aid.days_to_assign": (0, {"p90": 0, "n": 1}),
        "aid.beneficiaries": (2, {}),
        "aid.follow_ups_reached": (1, {"done": 1}),
        "aid.satisfaction": (0.0, {"satisfied": 0, "rated": 1}),
        "aid.documents": (1, {}),
        "aid.art43_overdue": (1, types(wages=1)),
        "events.held": (2, {**KINDS0, "site_visit": 1, "consultation_day": 1}),
        "events.signups": (3, {}),
        "events.checked_in": (2, {}),
        "events.walkins": (0, {}),
        "events.people_reached": (0, {}),
        "events.leaflets": (0, {}),
        "events.quiz_takers": (2, {"e5": 2}),  # e2 runs no quiz: not in the breakdown
        "events.quiz_passed": (1, {"e5": 1}),
        "events.quiz_pass_rate": (0.5, {"e5": 0.5}),
        "events.prizes": (0, {"e5": 0}),
        "sites.boards_printed": (1, {"office_a": 1}),  # s2 (s1 printed again: counted in P1 only)
        "sites.applications": (1, {"s1": 1}),
        "sites.questions": (1, {"s2": 1}),
        # e5's two: c4's applicant again (one person), and one more; q7's; q10 is c4's applicant again
        "people.distinct_workers": (7, {}),
    },
}
# the records each figure's drill-down lists, by case or event name (people: how many rows)
RECORDS = {
    "P1": {"aid.received": ["c1", "c2", "c3"], "aid.accepted": ["c1", "c2"], "aid.approved": ["c1"],
           "aid.refused": [], "aid.not_accepted": [], "aid.withdrawn": [], "aid.assigned": ["c1"],
           "aid.green_channel": ["c1", "c2"], "aid.closed": ["c1"], "aid.recovered_fen": ["c1"],
           "aid.days_to_accept": ["c1", "c2"], "aid.days_to_decide": ["c1"], "aid.days_to_assign": ["c1"],
           "aid.beneficiaries": ["c1"], "aid.follow_ups_reached": ["c1"], "aid.satisfaction": ["c1"],
           "aid.documents": ["c1"], "aid.art43_overdue": ["c2", "c3"],
           "events.held": ["e1"], "events.people_reached": ["e1"], "events.leaflets": ["e1"],
           "consult.total": ["q1", "q2", "q3", "q4", "q5", "q6"], "consult.by_case_type": ["q1", "q2", "q3", "q4", "q5",
                                                                                          "q6"],
           "consult.people": ["q1", "q2", "q3", "q4", "q5", "q6"], "consult.on_time": ["q1", "q3", "q4", "q5", "q6"],
           "consult.overdue": ["q2"], "consult.converted": ["q1"], "consult.moderated": ["q8"],
           "sites.boards_printed": ["s1"], "sites.applications": ["c1"], "sites.questions": ["q1"]},
    "P2": {"aid.received": ["c4", "c5", "c6", "c7"], "aid.accepted": ["c3", "c4"], "aid.approved": ["c2", "c4"],
           "aid.refused": ["c3"], "aid.not_accepted": ["c5"], "aid.withdrawn": ["c6", "c7"], "aid.assigned": ["c4"],
           "aid.green_channel": ["c4", "c5", "c6", "c7"], "aid.closed": ["c4"], "aid.recovered_fen": ["c4"],
           "aid.days_to_accept": ["c3", "c4"], "aid.days_to_decide": ["c2", "c4", "c3"],
           "aid.days_to_assign": ["c4"], "aid.beneficiaries": ["c2", "c4"], "aid.follow_ups_reached": ["c4"],
           "aid.satisfaction": ["c4"], "aid.documents": ["c1"], "aid.art43_overdue": ["c7"],
           "events.held": ["e2", "e5"], "events.people_reached": [],
           "events.leaflets": [],
           "consult.total": ["q7", "q10"], "consult.by_case_type": ["q7", "q10"], "consult.people": ["q7", "q10"],
           "consult.on_time": ["q10"], "consult.overdue": ["q7"], "consult.converted": ["q6"], "consult.moderated": [],
           "sites.boards_printed": ["s2"], "sites.applications": ["c4"], "sites.questions": ["q7"]},
}
ATTENDEE_ROWS = {"P1": {"events.signups": 2, "events.checked_in": 2, "events.walkins": 1, "events.quiz_takers": 2,
                        "events.quiz_passed": 1, "events.quiz_pass_rate": 1, "events.prizes": 1},
                 "P2": {"events.signups": 3, "events.checked_in": 2, "events.walkins": 0, "events.quiz_takers": 2,
                        "events.quiz_passed": 1, "events.quiz_pass_rate": 1, "events.prizes": 0}}


@pytest.fixture
def world(app, client, auth, make_application):
    return build(app, client, auth, make_application)


def key(world, name: str) -> str:
    """A breakdown's key as the answer has it: an event's, a site's or an office's id for its name in the world."""
    ids = {**world["events"], **world["sites"], **{f"office_{k}": v for k, v in world["offices"].items()}}
    return str(ids[name]) if name in ids else name


def figures(client, headers, **query):
    resp = client.get("/api/v1/stats", query_string=query, headers=headers)
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def values(body):
    return {f["id"]: (f["value"], {p["key"]: p["value"] for p in f["breakdown"]}) for f in body["figures"]}


def records(client, headers, figure, **query):
    rows, page = [], 1
    while True:
        resp = client.get(f"/api/v1/stats/{figure}/records", query_string={**query, "page": page, "page_size": 2},
                          headers=headers)
        assert resp.status_code == 200, resp.get_json()
        rows += resp.get_json()
        if not resp.get_json():
            return rows
        page += 1


def test_every_figure_in_both_periods_and_an_empty_one(client, world):
    staff = world["people"]["staff_a"]
    for name, period in (("P1", P1), ("P2", P2)):
        body = figures(client, staff, **period)
        assert body["office_id"] == world["offices"]["a"]
        got = values(body)
        assert set(got) == set(EXPECTED[name]) == set(FIGURES)
        for figure_id, (value, parts) in EXPECTED[name].items():
            parts = {key(world, k): v for k, v in parts.items()}
            want = (pytest.approx(value, abs=1e-4) if isinstance(value, float) else value, parts)
            assert got[figure_id] == want, (name, figure_id, got[figure_id])
        for figure in body["figures"]:
            assert figure["label"] and len(figure["definition"]) > 10 and figure["area_label"]
    for figure_id, (value, parts) in values(figures(client, staff, **EMPTY)).items():
        assert value in (0, None), figure_id
        assert all(v in (0, None) for v in parts.values()), figure_id


def test_a_china_midnight_is_the_boundary(client, world):
    """c2 accepted at 23:59 on 30 June (China), c3 at 00:01 on 1 July: one day each side, never both."""
    staff = world["people"]["staff_a"]
    last = values(figures(client, staff, **{"from": "2026-06-30", "to": "2026-06-30"}))
    first = values(figures(client, staff, **{"from": "2026-07-01", "to": "2026-07-01"}))
    assert last["aid.accepted"][0] == 1 and first["aid.accepted"][0] == 1
    # e5 starts at 00:00 on 1 July: its quiz counts on that day only
    assert last["events.quiz_takers"] == (0, {}) and last["events.quiz_pass_rate"] == (None, {})
    e5 = str(world["events"]["e5"])
    assert first["events.quiz_takers"] == (2, {e5: 2}) and first["events.quiz_pass_rate"] == (0.5, {e5: 0.5})
    assert first["events.prizes"] == (0, {e5: 0})
    ids = world["cases"]
    assert [r["id"] for r in records(client, staff, "aid.accepted", **{"from": "2026-06-30", "to": "2026-06-30"})] \
        == [ids["c2"]]
    assert [r["id"] for r in records(client, staff, "aid.accepted", **{"from": "2026-07-01", "to": "2026-07-01"})] \
        == [ids["c3"]]


def test_each_drill_down_lists_exactly_its_records(app, client, world):
    staff = world["people"]["staff_a"]
    ids = {**world["cases"], **world["events"], **world["questions"], **world["sites"]}
    kinds = {"c": "aid_application", "e": "event", "q": "question", "s": "site"}
    for name, period in (("P1", P1), ("P2", P2)):
        for figure_id, names in RECORDS[name].items():
            rows = records(client, staff, figure_id, **period)
            assert sorted((r["kind"], r["id"]) for r in rows) == sorted((kinds[n[0]], ids[n]) for n in names), \
                (name, figure_id)
        for figure_id, count in ATTENDEE_ROWS[name].items():
            assert len(records(client, staff, figure_id, **period)) == count, (name, figure_id)
        people = records(client, staff, "people.distinct_workers", **period)
        assert len(people) == EXPECTED[name]["people.distinct_workers"][0]
    every = str(records(client, staff, "consult.total", **P1)) + str(records(client, staff, "people.distinct_workers",
                                                                             **P1)) \
        + str(records(client, staff, "aid.received", **P1))  # the last read: the audit entry below is its
    assert "138" not in every and "工友1号" not in every  # masked: never a phone, never a whole name
    with app.app_context():
        entry = db.session.scalars(db.select(AuditEntry).where(AuditEntry.action == "stats_records")
                                   .order_by(AuditEntry.id.desc())).first()
        assert entry.record_id == "aid.received" and entry.detail["from"] == "2026-01-01"
        assert entry.detail["office_id"] == world["offices"]["a"]


def test_the_sibling_countys_records_never_appear(client, world):
    people, offices = world["people"], world["offices"]
    a = values(figures(client, people["staff_a"], **P1))
    city = values(figures(client, people["city_staff"], **P1))
    assert city["aid.received"][0] == a["aid.received"][0] + 1
    assert city["aid.recovered_fen"][0] == a["aid.recovered_fen"][0] + 9_999_900
    assert city["events.people_reached"][0] == 950
    assert city["consult.total"][0] == a["consult.total"][0] + 1  # q9
    assert city["sites.boards_printed"] == (2, {str(offices["a"]): 1, str(offices["b"]): 1})
    assert city["sites.applications"][0] == a["sites.applications"][0] + 1  # c8 from s4
    c8, e4 = ("aid_application", world["cases"]["c8"]), ("event", world["events"]["e4"])
    q9, s4 = ("question", world["questions"]["q9"]), ("site", world["sites"]["s4"])
    for figure_id in FIGURES:
        ids = {(r["kind"], r["id"]) for r in records(client, people["staff_a"], figure_id, **P1)}
        assert not ids & {c8, e4, q9, s4}, figure_id
        assert all(r["office_id"] in (offices["a"], None) for r in records(client, people["staff_a"], figure_id, **P1)
                   if r["kind"] != "attendee"), figure_id
    for url in ("/api/v1/stats", "/api/v1/stats/aid.received/records", "/api/v1/stats/report.xlsx"):
        resp = client.get(url, query_string={**P1, "office": offices["b"]}, headers=people["staff_a"])
        assert resp.status_code == 404, url
    assert client.get("/api/v1/stats", query_string={**P1, "office": offices["a"]},
                      headers=people["city_staff"]).status_code == 200


def test_defaults_to_this_half_year_and_refuses_hostile_values(client, auth):
    staff = auth(client, "staff")
    body = figures(client, staff)
    assert body["from"][5:] in ("01-01", "07-01") and body["to"][5:] in ("06-30", "12-31")
    hostile = [{"from": "0001-01-01", "to": "0001-12-31"}, {"from": "2026-07-01", "to": "2026-06-30"},
               {"from": "2020-01-01", "to": "2026-01-01"}, {"from": "x" * 100_000, "to": "2026-01-01"},
               {"from": "2026-01-01\x00", "to": "2026-01-02"}, {"from": "2026-01-01"}, {"office": "0"},
               {"office": "9" * 30}, {"from": "２０２６-01-01", "to": "2026-01-02"}]
    for query in hostile:
        for url in ("/api/v1/stats", "/api/v1/stats/aid.received/records", "/api/v1/stats/report.xlsx"):
            resp = client.get(url, query_string=query, headers=staff)
            assert 400 <= resp.status_code < 500, (url, str(query)[:80], resp.status_code)
            assert resp.get_json()["message"], (url, str(query)[:80])
    assert client.get("/api/v1/stats/no.such/records", headers=staff).status_code == 404
    assert client.get("/api/v1/stats/%00/records", headers=staff).status_code in (400, 404)


def test_a_past_period_answers_the_same_after_the_cases_move_on(client, world):
    """Figures read the steps' stored times, not the stages now: c2 (accepted in the first half-year, approved in
    the second) withdrawn today changes nothing of the first half-year; today counts the withdrawal."""
    staff, cases = world["people"]["staff_a"], world["cases"]
    before = figures(client, staff, **P1)
    resp = client.post(f"/api/v1/cases/{cases['c2']}/actions", json={"action": "withdraw", "reason": "谈好了"},
                       headers=staff)
    assert resp.status_code == 200, resp.get_json()
    assert figures(client, staff, **P1) == before
    day = today().isoformat()
    assert values(figures(client, staff, **{"from": day, "to": day}))["aid.withdrawn"] == (1, types(wages=1))


def test_a_case_counts_for_the_office_that_held_it_then(client, world):
    """c2, received and accepted by county A in the first half-year, transferred to county B today (转办): A's first
    half-year keeps it, and B's does not gain it."""
    people, cases, offices = world["people"], world["cases"], world["offices"]
    a_before = figures(client, people["staff_a"], **P1)
    b_before = values(figures(client, people["staff_b"], **P1))
    assert b_before["aid.received"][0] == 1  # c8
    resp = client.post(f"/api/v1/cases/{cases['c2']}/actions", headers=people["staff_a"],
                       json={"action": "transfer", "office_id": offices["b"], "reason": "工地在乙县，由乙县办理。"})
    assert resp.status_code == 200, resp.get_json()
    assert figures(client, people["staff_a"], **P1) == a_before
    assert values(figures(client, people["staff_b"], **P1)) == b_before
    assert {(r["id"], r["office_id"]) for r in records(client, people["staff_a"], "aid.accepted", **P1)} == \
        {(cases["c1"], offices["a"]), (cases["c2"], offices["a"])}
    assert cases["c2"] not in {r["id"] for r in records(client, people["staff_b"], "aid.accepted", **P1)}
