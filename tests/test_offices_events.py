"""Events belong to an office (issue 20, Offices): made in the creator's office; the office's event lists, an
event's office pages, debriefs and their Excel, the volunteers search, a volunteer's rosters, sheets and sync hold
only the reader's office and its subtree (404 outside, never 403). The public list for workers is not scoped."""
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from server.events.models import Event
from server.extensions import db


@pytest.fixture
def offices(app, client, auth):
    """Province → city → county A, county B; staff and a volunteer in each county, staff at the city; county B's
    staff published an event with its volunteer, one sign-up and a debrief."""
    province_admin = auth(client, "admin")
    with app.app_context():
        province = province_admin.user.office_id

    def office(parent, name):
        resp = client.post("/api/v1/offices", json={"parent_id": parent, "name": name, "kind": "legal_aid"},
                           headers=province_admin)
        assert resp.status_code == 201, resp.get_json()
        return resp.get_json()["id"]

    city = office(province, "成都市法律援助中心")
    a, b = office(city, "甲县法律援助中心"), office(city, "乙县法律援助中心")
    people = {"staff_a": auth(client, "staff", office_id=a), "staff_b": auth(client, "staff", office_id=b),
              "volunteer_a": auth(client, "volunteer", office_id=a, display_name="甲志愿者"),
              "volunteer_b": auth(client, "volunteer", office_id=b, display_name="乙志愿者"),
              "city_staff": auth(client, "staff", office_id=city), "province_admin": province_admin}
    starts = (datetime.now(timezone.utc) + timedelta(days=3)).replace(microsecond=0).isoformat()
    events = {}
    for county in ("a", "b"):
        staff = people[f"staff_{county}"]
        made = client.post("/api/v1/events", json={"title": f"{county}县讲座", "kind": "lecture", "place": "工地",
                                                   "status": "published", "starts_at": starts}, headers=staff)
        assert made.status_code == 201, made.get_json()
        event = made.get_json()["id"]
        volunteers = client.put(f"/api/v1/events/{event}/volunteers", headers=staff,
                                json={"user_ids": [people[f"volunteer_{county}"].user.id]})
        assert volunteers.status_code == 200, volunteers.get_json()
        assert client.post(f"/api/v1/events/{event}/signups", json={"name": "张三", "phone": "13900001111"},
                           headers={"Idempotency-Key": str(uuid.uuid4())}).status_code == 201
        assert client.post(f"/api/v1/events/{event}/report", json={"worry": "欠薪", "people_reached": 9},
                           headers=staff).status_code == 200
        events[county] = event
    return {"offices": {"province": province, "city": city, "a": a, "b": b}, "people": people, "events": events}


PERIOD = f"?until={(datetime.now(timezone.utc) + timedelta(days=10)).date()}"  # the events start in 3 days


def _ids(resp):
    assert resp.status_code == 200, resp.get_json()
    return {row.get("id", row.get("event_id")) for row in resp.get_json()}


def test_an_event_is_made_in_its_creators_office(app, offices):
    with app.app_context():
        assert db.session.get(Event, offices["events"]["a"]).office_id == offices["offices"]["a"]
        assert db.session.get(Event, offices["events"]["b"]).office_id == offices["offices"]["b"]


def test_county_a_staff_find_nothing_of_county_b_events(client, offices):
    a, b = offices["events"]["a"], offices["events"]["b"]
    staff_a = offices["people"]["staff_a"]
    assert _ids(client.get("/api/v1/office/events", headers=staff_a)) == {a}
    assert _ids(client.get("/api/v1/events/assigned", headers=staff_a)) == {a}
    assert _ids(client.get(f"/api/v1/office/debriefs{PERIOD}", headers=staff_a)) == {a}
    sheet = client.get(f"/api/v1/office/debriefs.xlsx{PERIOD}", headers=staff_a)
    assert sheet.status_code == 200
    from io import BytesIO

    from openpyxl import load_workbook
    cells = {str(c.value) for row in load_workbook(BytesIO(sheet.data)).active.iter_rows() for c in row}
    assert any("a县讲座" in c for c in cells) and not any("b县讲座" in c for c in cells)
    volunteers = _ids(client.get("/api/v1/office/volunteers", headers=staff_a))
    assert volunteers == {offices["people"]["volunteer_a"].user.id}
    for url in (f"/api/v1/office/events/{b}", f"/api/v1/events/{b}/report/versions", f"/api/v1/events/{b}/roster",
                f"/api/v1/events/{b}/headcount", f"/api/v1/events/{b}/attendance.csv",
                f"/api/v1/events/{b}/attendance.xlsx", f"/api/v1/events/{b}/report"):
        resp = client.get(url, headers=staff_a)
        assert resp.status_code == 404, (url, resp.status_code)
    assert client.patch(f"/api/v1/events/{b}", json={"title": "改了名字的讲座"}, headers=staff_a).status_code == 404
    assert client.put(f"/api/v1/events/{b}/volunteers", json={"user_ids": []}, headers=staff_a).status_code == 404
    assert client.post(f"/api/v1/events/{b}/duplicate", headers=staff_a).status_code == 404
    assert client.post(f"/api/v1/events/{b}/report", json={"worry": "x"}, headers=staff_a).status_code == 404
    # The same reads of its own event work: the 404 is the office's.
    assert client.get(f"/api/v1/office/events/{a}", headers=staff_a).status_code == 200
    assert client.get(f"/api/v1/events/{a}/roster", headers=staff_a).status_code == 200


def test_the_city_sees_both_counties_and_workers_see_every_event(client, offices):
    a, b = offices["events"]["a"], offices["events"]["b"]
    city = offices["people"]["city_staff"]
    assert _ids(client.get("/api/v1/office/events", headers=city)) == {a, b}
    assert _ids(client.get(f"/api/v1/office/debriefs{PERIOD}", headers=city)) == {a, b}
    assert client.get(f"/api/v1/events/{b}/roster", headers=city).status_code == 200
    assert {a, b} <= _ids(client.get("/api/v1/events"))  # workers belong to no office: the public list is whole
    assert client.get(f"/api/v1/events/{b}").status_code == 200
    copy = client.post(f"/api/v1/events/{b}/duplicate", headers=city)
    assert copy.status_code == 201
    with client.application.app_context():  # a copy is a new event of whoever made it
        assert db.session.get(Event, copy.get_json()["id"]).office_id == offices["offices"]["city"]


def test_a_volunteer_runs_only_their_offices_events(client, offices):
    b = offices["events"]["b"]
    people = offices["people"]
    volunteer_a = people["volunteer_a"]
    # Assigned only within the event's office: county A's volunteer is not county B's to send.
    for who in ("staff_b", "city_staff"):
        refused = client.put(f"/api/v1/events/{b}/volunteers", json={"user_ids": [volunteer_a.user.id]},
                             headers=people[who])
        assert (refused.status_code, refused.get_json()["error_code"]) == (422, "not_volunteers"), who
    assert client.get(f"/api/v1/events/{b}/roster", headers=volunteer_a).status_code == 404
    assert _ids(client.get("/api/v1/events/assigned", headers=volunteer_a)) == {offices["events"]["a"]}
    ops = [{"id": str(uuid.uuid4()), "type": "walkin", "event_id": b, "device_time": datetime.now(timezone.utc)
            .isoformat(), "name": "现场", "phone": "13900002222"}]
    answer = client.post("/api/v1/sync", json={"device_id": "phone-A", "operations": ops}, headers=volunteer_a)
    assert answer.status_code == 200
    assert [(r["status"], r["code"]) for r in answer.get_json()["results"]] == [("rejected", "event_not_found")]
    assert client.get(f"/api/v1/events/{b}/roster", headers=people["volunteer_b"]).status_code == 200


def test_an_event_outside_the_subtree_even_if_assigned_is_not_the_volunteers(app, client, offices):
    """A volunteer moved to county A after being assigned in county B loses B's roster and sync at once."""
    b = offices["events"]["b"]
    volunteer_b = offices["people"]["volunteer_b"]
    moved = client.patch(f"/api/v1/users/{volunteer_b.user.id}", json={"office_id": offices["offices"]["a"]},
                         headers=offices["people"]["province_admin"])
    assert moved.status_code == 200, moved.get_json()
    assert client.get(f"/api/v1/events/{b}/roster", headers=volunteer_b).status_code == 404


def test_a_phones_file_names_and_applies_only_the_readers_events(client, offices):
    """The office import (a volunteer's saved queue) shows county B's event to county A's staff without its title,
    and applies none of it there."""
    a, b = offices["events"]["a"], offices["events"]["b"]
    when = datetime.now(timezone.utc).isoformat()
    ops = [{"id": str(uuid.uuid4()), "type": "walkin", "event_id": event, "name": "现场", "phone": "13900003333",
            "device_time": when} for event in (a, b)]
    reports = [{"id": str(uuid.uuid4()), "event_id": b, "worry": "改", "urgent_problem": "", "service_suggestion": "",
                "next_event_suggestion": "", "people_reached": 1, "leaflets_given": 1}]
    file = {"exported_at": when, "device_id": "phone-x", "operations": ops, "signups": [], "reports": reports}
    staff_a = offices["people"]["staff_a"]
    preview = client.post("/api/v1/office/import", headers=staff_a, json={"file": file}).get_json()
    assert {e["event_id"]: e["title"] for e in preview["events"]} == {a: "a县讲座", b: ""}
    applied = client.post("/api/v1/office/import", headers=staff_a, json={"file": file, "dry_run": False}).get_json()
    assert [(r["event_id"], r["status"]) for r in applied["results"]] == \
        [(a, "applied"), (b, "rejected"), (b, "rejected")]
