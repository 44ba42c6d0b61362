"""Staff load a phone's exported queue (导出待发送记录): first what it holds, then each entry applied once.

Applied through /sync's own path: the same file loaded twice, or the phone sending later, does
not count anyone twice.
"""
import uuid

from server.events import service as events
from server.events import signups
from server.events.models import Attendee, CheckIn
from server.extensions import db
from tests.test_errors import assert_error

WHEN = "2030-01-01T09:05:00+08:00"


def registered(client, event_id, name, phone):
    with client.application.app_context():
        attendee, _ = signups.sign_up(events.get_event(event_id), {"name": name, "phone": phone})
        return attendee.qr_token


def exported(event, token, other_event):
    """A file as a volunteer's phone saves it, after a day without signal."""
    ops = [{"id": str(uuid.uuid4()), "type": "checkin", "event_id": event["id"], "qr_token": token,
            "device_time": WHEN},
           {"id": str(uuid.uuid4()), "type": "walkin", "event_id": event["id"], "name": "现场工友",
            "phone": "13711112222", "device_time": WHEN},
           {"id": str(uuid.uuid4()), "type": "checkin", "event_id": other_event["id"], "qr_token": "no-such-token",
            "device_time": WHEN}]
    signups = [{"id": str(uuid.uuid4()), "event_id": event["id"], "name": "线上工友", "phone": "13733334444",
                "employer": "", "site": ""}]
    reports = [{"id": str(uuid.uuid4()), "event_id": event["id"], "worry": "工资拖了三个月", "urgent_problem": "",
                "service_suggestion": "", "next_event_suggestion": "", "people_reached": 30, "leaflets_given": 20}]
    notes = [{"id": ops[0]["id"], "label": "签到：张三（尾号 5678）", "state": "waiting", "message": ""}]
    return {"exported_at": "2030-01-01T12:00:00.000Z", "device_id": "phone-of-xiaowang", "operations": ops,
            "signups": signups, "reports": reports, "notes": notes}


def test_staff_see_what_a_file_holds_then_apply_it_once(client, staff, make_event):
    event, other = make_event(title="幸福里讲座"), make_event(title="另一场")
    token = registered(client, event["id"], "张三", "13800005678")
    file = exported(event, token, other)

    preview = client.post("/api/v1/office/import", headers=staff, json={"file": file})
    assert preview.status_code == 200, preview.get_json()
    held = preview.get_json()
    assert held["dry_run"] is True and held["total"] == 5 and held["device_id"] == "phone-of-xiaowang"
    assert held["counts"] == {"checkin": 2, "walkin": 1, "online_signup": 1, "report": 1}
    by_event = {e["event_id"]: e for e in held["events"]}
    assert by_event[event["id"]]["title"] == "幸福里讲座"
    assert by_event[event["id"]]["counts"] == {"checkin": 1, "walkin": 1, "online_signup": 1, "report": 1}
    assert "results" not in held or not held["results"]
    with client.application.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(CheckIn)) == 0  # a preview changes nothing

    applied = client.post("/api/v1/office/import", headers=staff, json={"file": file, "dry_run": False}).get_json()
    results = applied["results"]
    assert [(r["kind"], r["status"]) for r in results] == [
        ("checkin", "applied"), ("walkin", "applied"), ("checkin", "rejected"), ("online_signup", "applied"),
        ("report", "applied")]
    assert results[0]["label"] == "签到：张三（尾号 5678）"
    assert results[2]["code"] == "unknown_token" and results[2]["reason"]
    assert applied["status_counts"] == {"applied": 4, "rejected": 1}
    with client.application.app_context():
        names = set(db.session.scalars(db.select(Attendee.name).where(Attendee.event_id == event["id"])))
        assert names == {"张三", "现场工友", "线上工友"}
    report = client.get(f"/api/v1/events/{event['id']}/report", headers=staff).get_json()
    assert report["worry"] == "工资拖了三个月" and report["people_reached"] == 30

    again = client.post("/api/v1/office/import", headers=staff, json={"file": file, "dry_run": False}).get_json()
    assert [r["status"] for r in again["results"][:2]] == ["applied", "applied"]
    assert all(r.get("replayed") for r in again["results"][:2])
    with client.application.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(CheckIn)) == 2  # 张三 and the walk-in, once
    second_preview = client.post("/api/v1/office/import", headers=staff, json={"file": file}).get_json()
    assert second_preview["already_received"] == 4  # the operations and the sign-up (a debrief is no /sync operation)


def test_the_phone_sending_later_is_not_counted_twice(client, staff, make_event):
    event, other = make_event(), make_event()
    token = registered(client, event["id"], "张三", "13800005678")
    file = exported(event, token, other)
    client.post("/api/v1/office/import", headers=staff, json={"file": file, "dry_run": False})
    late = client.post("/api/v1/sync", headers=staff, json={"device_id": "phone-of-xiaowang",
                                                            "operations": file["operations"][:1]}).get_json()
    assert late["results"][0]["replayed"] is True


def test_a_file_that_is_not_an_export_is_refused_in_plain_words(client, staff):
    body = assert_error(client.post("/api/v1/office/import", headers=staff, json={"file": {"hello": 1}}), 422)
    assert "导出待发送记录" in body["message"]
    body = assert_error(client.post("/api/v1/office/import", headers=staff, json={"file": {"operations": 5}}), 422)
    assert body["error_code"] == "import_invalid"
    junk = client.post("/api/v1/office/import", headers=staff,
                       json={"file": {"operations": [7, {"type": "nuke"}], "reports": ["x"]}, "dry_run": False})
    assert [r["status"] for r in junk.get_json()["results"]] == ["rejected", "rejected", "rejected"]


def test_only_the_office_imports_or_reads_the_content_version(client, auth):
    for role in ("worker", "volunteer", "lawyer"):
        headers = auth(client, role)
        assert_error(client.post("/api/v1/office/import", headers=headers, json={"file": {}}), 403)
        assert_error(client.get("/api/v1/office/content", headers=headers), 403)


def test_the_office_sees_which_content_is_live_and_when_it_was_loaded(loaded, client, staff):
    from server.cards.loader import load_content
    body = client.get("/api/v1/office/content", headers=staff).get_json()
    assert body["version"] == 1 and body["cards"] > 0 and body["questions"] > 0 and body["topics"] > 0
    assert body["loaded_at"]
    with loaded.app_context():
        load_content(loaded)  # the same content again: the version and its time stay
    assert client.get("/api/v1/office/content", headers=staff).get_json() == body


def test_with_no_content_loaded_the_page_says_version_0(client, staff):
    body = client.get("/api/v1/office/content", headers=staff).get_json()
    assert body["version"] == 0 and body["loaded_at"] is None and body["cards"] == 0


def test_the_volunteers_own_phone_sending_after_the_office_loaded_its_file_gets_its_answers(client, staff, auth,
                                                                                           make_event):
    """The office loads the file on the volunteer's behalf: the phone that made the operations is answered
    when it sends them itself later (its QR tokens too), though another account made the records."""
    xiaowang = auth(client, "volunteer")
    event, other = make_event(volunteers=[xiaowang.user]), make_event()
    token = registered(client, event["id"], "张三", "13800005678")
    file = exported(event, token, other)
    loaded = client.post("/api/v1/office/import", headers=staff, json={"file": file, "dry_run": False}).get_json()
    late = client.post("/api/v1/sync", headers=xiaowang, json={"device_id": "phone-of-xiaowang",
                                                               "operations": file["operations"][:2]}).get_json()
    assert [r.get("replayed") for r in late["results"]] == [True, True], late
    assert late["results"][1]["qr_token"] == loaded["results"][1]["qr_token"]
