"""The office's deadline for a lawyer to accept an assignment (issue 21): each office sets its days (1 to 30, 3 by
default); a case still 已指派律师 after them shows to staff as overdue in the inbox (a flag, a plain label, a filter)
and on the case page (a clock and staff's alert), counted in China calendar days from the latest assignment with
the days of the office handling the case now; a lawyer never sees it, the worker never reads it; the statutory
clocks stay as they were."""
from datetime import datetime, timedelta, timezone

import pytest

from server import limitation
from server.aid.models import Application, TimelineEntry
from server.clock import CHINA
from server.extensions import db
from tests.casework import CHECKLIST, act
from tests.test_errors import assert_error
from tests.test_offices_scope import tree  # noqa: F401  (the fixture: two counties under a city)


def set_days(client, admin, office_id, days):
    resp = client.patch(f"/api/v1/offices/{office_id}", json={"accept_days": days}, headers=admin)
    assert resp.status_code == 200, resp.get_json()
    assert resp.get_json()["accept_days"] == days


def freeze(monkeypatch, moment: datetime):
    """Now, as the case clocks read it (China days come from it: clocks.today is server/limitation.py's)."""
    monkeypatch.setattr(limitation, "utcnow", lambda: moment)


def assigned_at(app, case_id, moment: datetime):
    """Move the case's latest 指派/改派 to `moment` (as if it had been made then)."""
    with app.app_context():
        entry = db.session.scalars(db.select(TimelineEntry).where(
            TimelineEntry.application_id == case_id, TimelineEntry.action.in_(("assign", "reassign")))
            .order_by(TimelineEntry.id.desc())).first()
        entry.at = moment
        db.session.commit()


def give(client, staff, case_id, lawyer_id):
    for action, fields in (("accept", {"checklist": CHECKLIST}), ("approve", {}),
                           ("assign", {"lawyer_id": lawyer_id})):
        resp = act(client, staff, case_id, action, **fields)
        assert resp.status_code == 200, resp.get_json()


def rows(client, headers, **query):
    body = client.get("/api/v1/cases", query_string=query, headers=headers).get_json()
    return {r["id"]: r for r in body["items"]}, body["counts"]


def china(y, m, d, hh, mm):
    return datetime(y, m, d, hh, mm, tzinfo=CHINA)


@pytest.fixture
def two_offices(app, client, tree, make_application):  # noqa: F811
    """County A gives its lawyers 2 days, county B 5; a case assigned in each at 23:30 China time on 1 December."""
    admin = tree["people"]["province_admin"]
    set_days(client, admin, tree["offices"]["a"], 2)
    set_days(client, admin, tree["offices"]["b"], 5)
    cases = {}
    for name, phone in (("a", "13800139011"), ("b", "13800139022")):
        sent = make_application(client, phone=phone, employer_name=f"{name}公司", site=f"{name}工地")
        with app.app_context():
            db.session.get(Application, sent["id"]).office_id = tree["offices"][name]
            db.session.commit()
        give(client, tree["people"][f"staff_{name}"], sent["id"], tree["people"][f"lawyer_{name}"].user.id)
        assigned_at(app, sent["id"], china(2026, 12, 1, 23, 30))
        cases[name] = sent["id"]
    return cases


def test_each_office_counts_its_own_days_in_china_calendar_days(app, client, tree, two_offices,  # noqa: F811
                                                                  monkeypatch):
    city = tree["people"]["city_staff"]
    a, b = two_offices["a"], two_offices["b"]
    # 3 December, last minute in China (15:59 UTC): county A's 2 days end today, nothing overdue yet.
    freeze(monkeypatch, china(2026, 12, 3, 23, 59))
    found, counts = rows(client, city)
    assert not found[a]["accept_overdue"] and found[a]["accept_overdue_label"] is None and counts["accept_overdue"] == 0
    # 4 December, one minute past midnight in China (still the 3rd in UTC): county A's lawyer is late, B's is not.
    freeze(monkeypatch, china(2026, 12, 4, 0, 1))
    found, counts = rows(client, city)
    assert found[a]["accept_overdue"] and found[a]["accept_overdue_label"] == "律师超过2天未接受指派"
    assert not found[b]["accept_overdue"] and counts["accept_overdue"] == 1
    assert list(rows(client, city, filter="accept_overdue")[0]) == [a]
    assert not found[a]["overdue"] and found[a]["due_on"] is None  # the statutory clocks are as they were
    # 7 December: B's 5 days (2 to 6 December) have run out too.
    freeze(monkeypatch, china(2026, 12, 7, 0, 1))
    found, counts = rows(client, city)
    assert found[b]["accept_overdue_label"] == "律师超过5天未接受指派" and counts["accept_overdue"] == 2
    view = client.get(f"/api/v1/cases/{b}", headers=tree["people"]["staff_b"]).get_json()
    accept = next(c for c in view["clocks"] if c["name"] == "accept")
    assert accept["due_on"] == "2026-12-06" and accept["overdue"] and "不是法定期限" in accept["how"]
    assert "律师超过5天未接受指派" in view["staff_alert"]
    assert [c["name"] for c in view["clocks"]][-1] == "accept"  # after the statutory ones, which stay as they were


def test_an_assignment_just_after_midnight_china_time_counts_from_that_china_day(app, client, tree,  # noqa: F811
                                                                                 two_offices, monkeypatch):
    a = two_offices["a"]
    assigned_at(app, a, china(2026, 12, 2, 0, 30))  # 1 December 16:30 in UTC: the 2nd is the day that counts
    freeze(monkeypatch, china(2026, 12, 4, 23, 0))
    assert not rows(client, tree["people"]["staff_a"])[0][a]["accept_overdue"]
    freeze(monkeypatch, china(2026, 12, 5, 0, 0))
    assert rows(client, tree["people"]["staff_a"])[0][a]["accept_overdue"]


def test_a_reassignment_starts_it_again_and_accepting_clears_it(app, client, auth, tree, two_offices,  # noqa: F811
                                                                 monkeypatch):
    a, staff = two_offices["a"], tree["people"]["staff_a"]
    freeze(monkeypatch, china(2026, 12, 10, 9, 0))
    assert rows(client, staff)[0][a]["accept_overdue"]
    other = auth(client, "lawyer", office_id=tree["offices"]["a"])
    resp = act(client, staff, a, "reassign", lawyer_id=other.user.id, reason="原律师出差")
    assert resp.status_code == 200, resp.get_json()
    assigned_at(app, a, china(2026, 12, 9, 8, 0))
    assert not rows(client, staff)[0][a]["accept_overdue"]  # 9 December + 2 days: due the 11th
    freeze(monkeypatch, china(2026, 12, 12, 9, 0))
    assert rows(client, staff)[0][a]["accept_overdue"]
    assert act(client, other, a, "lawyer_accept").status_code == 200
    found, counts = rows(client, staff)
    assert not found[a]["accept_overdue"] and counts["accept_overdue"] == 0
    view = client.get(f"/api/v1/cases/{a}", headers=staff).get_json()
    assert "accept" not in [c["name"] for c in view["clocks"]] and view["staff_alert"] is None


def test_a_transfer_uses_the_new_offices_days(app, client, tree, two_offices, monkeypatch):  # noqa: F811
    """County A (2 days) hands its case up to the city's centre (5 days), its lawyer kept (county A lies under the
    city): the city's days count from the same assignment."""
    a, city = two_offices["a"], tree["people"]["city_staff"]
    set_days(client, tree["people"]["province_admin"], tree["offices"]["city"], 5)
    freeze(monkeypatch, china(2026, 12, 4, 9, 0))
    assert rows(client, city)[0][a]["accept_overdue_label"] == "律师超过2天未接受指派"
    resp = act(client, tree["people"]["staff_a"], a, "transfer", office_id=tree["offices"]["city"],
               reason="案情复杂，由市法律援助中心办理")
    assert resp.status_code == 200, resp.get_json()
    with app.app_context():
        moved = db.session.get(Application, a)
        assert (moved.office_id, moved.stage) == (tree["offices"]["city"], "assigned")
    assert not rows(client, city)[0][a]["accept_overdue"]  # the city's 5 days: due 6 December
    freeze(monkeypatch, china(2026, 12, 7, 9, 0))
    assert rows(client, city)[0][a]["accept_overdue_label"] == "律师超过5天未接受指派"


def test_the_lawyer_and_the_worker_never_see_it(app, client, tree, two_offices, monkeypatch):  # noqa: F811
    a = two_offices["a"]
    freeze(monkeypatch, china(2026, 12, 10, 9, 0))
    lawyer = tree["people"]["lawyer_a"]
    found, counts = rows(client, lawyer)
    assert not found[a]["accept_overdue"] and counts["accept_overdue"] == 0
    view = client.get(f"/api/v1/cases/{a}", headers=lawyer).get_json()
    assert "accept" not in [c["name"] for c in view["clocks"]] and not view["staff_alert"]
    with app.app_context():
        code, phone = db.session.get(Application, a).code, "13800139011"
    tracked = client.post("/api/v1/applications/track", json={"code": code, "phone": phone}).get_data(as_text=True)
    assert "未接受指派" not in tracked and "接受指派期限" not in tracked


def test_the_days_are_1_to_30_whole_numbers(client, tree):  # noqa: F811
    admin, office = tree["people"]["province_admin"], tree["offices"]["a"]
    for bad in (0, 31, -1, "3", 2.5, None, True):
        body = assert_error(client.patch(f"/api/v1/offices/{office}", json={"accept_days": bad}, headers=admin), 422)
        assert "accept_days" in body["errors"]["json"], bad
    listed = client.get("/api/v1/offices", headers=admin).get_json()["items"]
    assert {o["accept_days"] for o in listed if o["id"] == office} == {3}
    made = client.post("/api/v1/offices", json={"parent_id": office, "name": "甲县工作站", "kind": "station",
                                                "accept_days": 7}, headers=admin)
    assert made.status_code == 201 and made.get_json()["accept_days"] == 7
    assert_error(client.patch(f"/api/v1/offices/{office}", json={"accept_days": 5},
                              headers=tree["people"]["staff_a"]), 403)


def test_the_default_is_three_days(app, client, staff, make_user, make_application, monkeypatch):
    lawyer = make_user("lawyer")
    sent = make_application(client)
    give(client, staff, sent["id"], lawyer.id)
    now = datetime.now(timezone.utc)
    freeze(monkeypatch, now + timedelta(days=3))
    assert not rows(client, staff)[0][sent["id"]]["accept_overdue"]
    freeze(monkeypatch, now + timedelta(days=4, hours=1))
    assert rows(client, staff)[0][sent["id"]]["accept_overdue_label"] == "律师超过3天未接受指派"
