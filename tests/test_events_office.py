"""The office runs events from its own screens: every event in every state, copies, volunteers by name."""
from datetime import datetime, timedelta, timezone

from server.events import service as events
from server.events.models import Event
from server.extensions import db

NOW = datetime.now(timezone.utc).replace(microsecond=0)


def ids(resp):
    assert resp.status_code == 200, resp.get_json()
    return [e["id"] for e in resp.get_json()]


def past_event(app, title="上周的讲座", status="published"):
    """An event that started a week ago (the API refuses none, but a direct row keeps it simple)."""
    with app.app_context():
        event = events.create_event({"title": title, "kind": "lecture", "place": "老工地", "status": status,
                                     "starts_at": NOW - timedelta(days=7)}, None)
        return event.id


def test_staff_list_events_by_state_and_their_own(client, app, make_event, staff, auth):
    draft = make_event(title="我的草稿", status="draft")
    published = make_event(title="下周的讲座")
    cancelled = make_event(title="取消了的讲座")
    client.patch(f"/api/v1/events/{cancelled['id']}", json={"status": "cancelled"}, headers=staff)
    past = past_event(app)
    colleague = auth(client, "staff")
    theirs = client.post("/api/v1/events", headers=colleague, json={
        "title": "同事的草稿", "kind": "clinic", "place": "社区", "starts_at": (NOW + timedelta(days=5)).isoformat()})
    theirs = theirs.get_json()

    url = "/api/v1/office/events"
    assert ids(client.get(f"{url}?status=draft", headers=staff)) == sorted([draft["id"], theirs["id"]])
    assert ids(client.get(f"{url}?status=published", headers=staff)) == [published["id"]]
    assert ids(client.get(f"{url}?status=past", headers=staff)) == [past]
    assert ids(client.get(f"{url}?status=cancelled", headers=staff)) == [cancelled["id"]]
    assert ids(client.get(f"{url}?status=draft&mine=true", headers=staff)) == [draft["id"]]
    assert set(ids(client.get(url, headers=staff))) == {draft["id"], published["id"], cancelled["id"], past,
                                                        theirs["id"]}
    # The public list is what it was: published events from today on.
    assert ids(client.get("/api/v1/events")) == [published["id"]]


def test_a_search_by_title_narrows_the_office_list(client, make_event, staff):
    make_event(title="欠薪维权讲座")
    injury = make_event(title="工伤认定讲座")
    assert ids(client.get("/api/v1/office/events?q=工伤", headers=staff)) == [injury["id"]]


def test_the_office_opens_a_draft_with_its_volunteers_by_name(client, make_event, staff, make_user):
    wang = make_user("volunteer", display_name="王志愿")
    draft = make_event(status="draft", volunteers=[wang])
    assert client.get(f"/api/v1/events/{draft['id']}").status_code == 404  # the public still can't
    body = client.get(f"/api/v1/office/events/{draft['id']}", headers=staff).get_json()
    assert body["status"] == "draft" and body["title"] == draft["title"]
    assert body["volunteers"] == [{"id": wang.id, "display_name": "王志愿"}]
    assert body["created_by"] == staff.user.id


def test_duplicating_an_event_makes_a_new_draft_without_its_people(client, app, make_event, staff, auth, make_user):
    wang = make_user("volunteer")
    event = make_event(title="欠薪维权讲座", capacity=80, description="带上工资条", signups=3, volunteers=[wang])
    colleague = auth(client, "staff")
    resp = client.post(f"/api/v1/events/{event['id']}/duplicate", headers=colleague)
    assert resp.status_code == 201, resp.get_json()
    copy = resp.get_json()
    assert copy["id"] != event["id"] and copy["status"] == "draft"
    for field in ("title", "kind", "starts_at", "ends_at", "place", "site_code", "capacity", "description"):
        assert copy[field] == event[field], field
    assert copy["volunteer_ids"] == [] and copy["created_by"] == colleague.user.id
    counts = client.get(f"/api/v1/events/{copy['id']}/headcount", headers=staff).get_json()
    assert counts["registered"] == 0
    with app.app_context():
        assert db.session.get(Event, event["id"]).status == "published"  # the original is untouched


def test_duplicating_an_event_that_does_not_exist_is_not_found(client, staff):
    assert client.post("/api/v1/events/999999/duplicate", headers=staff).status_code == 404


def test_staff_find_active_volunteers_by_name(client, staff, make_user):
    wang = make_user("volunteer", display_name="王小明", phone="13911112222")
    make_user("volunteer", display_name="王大力", active=False)
    make_user("worker", display_name="王工友")
    make_user("volunteer", display_name="李四")
    resp = client.get("/api/v1/office/volunteers?q=王", headers=staff)
    assert resp.status_code == 200
    assert resp.get_json() == [{"id": wang.id, "display_name": "王小明", "username": wang.username,
                                "phone_masked": "*******2222"}]
    assert len(client.get("/api/v1/office/volunteers", headers=staff).get_json()) == 2


def test_workers_and_volunteers_are_refused_the_office(client, make_event, auth):
    event = make_event(status="draft")
    for role in ("worker", "volunteer", "lawyer"):
        headers = auth(client, role)
        for url in ("/api/v1/office/events", f"/api/v1/office/events/{event['id']}", "/api/v1/office/volunteers",
                    "/api/v1/office/debriefs"):
            assert client.get(url, headers=headers).status_code == 403, (role, url)
        assert client.post(f"/api/v1/events/{event['id']}/duplicate", headers=headers).status_code == 403


def test_a_bad_filter_is_named(client, staff):
    resp = client.get("/api/v1/office/events?status=later", headers=staff)
    assert resp.status_code == 422 and "status" in resp.get_json()["errors"]["query"]


def test_an_event_without_a_title_or_place_is_told_they_must_be_filled_in_on_create_and_edit(client, staff,
                                                                                            make_event):
    starts = (NOW + timedelta(days=3)).isoformat()
    resp = client.post("/api/v1/events", json={"title": "", "kind": "lecture", "place": "  ", "starts_at": starts},
                       headers=staff)
    assert resp.status_code == 422
    assert resp.get_json()["errors"]["json"] == {"title": ["必须填写。"], "place": ["必须填写。"]}
    event = make_event()
    resp = client.patch(f"/api/v1/events/{event['id']}", json={"title": ""}, headers=staff)
    assert resp.status_code == 422 and resp.get_json()["errors"]["json"] == {"title": ["必须填写。"]}
    resp = client.patch(f"/api/v1/events/{event['id']}", json={"title": "讲"}, headers=staff)
    assert resp.get_json()["errors"]["json"] == {"title": ["长度不对。"]}  # too short is not the same as empty
    resp = client.patch(f"/api/v1/events/{event['id']}", json={"description": ""}, headers=staff)
    assert resp.status_code == 200  # a text that may be empty still may
