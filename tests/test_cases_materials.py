"""补充材料: staff ask, the worker adds them on the tracking page, the Art. 43 clock stands still meanwhile;
not supplied in time, the daily sweep treats the application as withdrawn, as the Law says."""
from datetime import timedelta

from server.aid.cases.clocks import today
from tests import photos
from tests.casework import act, change
from tests.fakes import SmsOutbox


def track(client, sent):
    return client.post("/api/v1/applications/track", json={"code": sent["code"], "phone": sent["phone"]}).get_json()


def test_the_worker_adds_what_was_asked_and_the_clock_resumes_later_by_the_days_it_waited(
        app, client, staff, make_application):
    outbox = app.extensions["sms_sender"] = SmsOutbox()
    sent = make_application(client)
    due = today() + timedelta(days=10)
    resp = act(client, staff, sent["id"], "request_materials", asked="欠条的照片和考勤表", due_on=due.isoformat())
    body = resp.get_json()
    assert resp.status_code == 200 and body["stage"] == "materials_requested" and body["paused"]
    assert body["next_actor"] == "worker" and body["due_on"] == due.isoformat()
    assert "补充材料" in outbox[-1]["text"] and outbox[-1]["phone"] == "13800138000"

    tracked = track(client, sent)
    assert tracked["materials_request"] == {"asked": "欠条的照片和考勤表", "due_on": due.isoformat()}
    assert "欠条的照片和考勤表" in tracked["timeline"][-1]["note"]

    # Three days pass while the worker looks for the papers.
    change(app, sent["id"], paused_since=today() - timedelta(days=3))
    upload_id = "materials-photo-0001"
    assert photos.post_photo(client, photos.jpeg(800, 600), upload_id=upload_id,
                             submission_id="supply-0001", label="欠条").status_code == 201  # under the supplement's key
    resp = client.post("/api/v1/applications/track/materials", headers={"Idempotency-Key": "supply-0001"},
                       json={"code": sent["code"], "phone": sent["phone"], "text": "欠条找到了",
                             "upload_ids": [upload_id]})
    assert resp.status_code == 200, resp.get_json()
    assert resp.get_json()["stage"] == "submitted" and resp.get_json()["materials_request"] is None
    assert resp.get_json()["timeline"][-1]["by"] == "你"

    view = client.get(f"/api/v1/cases/{sent['id']}", headers=staff).get_json()
    decide = next(c for c in view["clocks"] if c["name"] == "decide")
    assert decide["due_on"] == (today() + timedelta(days=7 + 3)).isoformat() and "3 天不计入" in decide["how"]
    assert view["materials_request"]["supplied"][0]["text"] == "欠条找到了"
    assert upload_id in [e["id"] for e in view["evidence"]] and not view["paused"]


def test_adding_materials_needs_the_right_code_and_phone_and_a_case_waiting_for_them(client, staff, make_application):
    sent = make_application(client)
    body = {"code": sent["code"], "phone": sent["phone"], "text": "补充"}
    assert client.post("/api/v1/applications/track/materials", json=body).status_code == 409
    act(client, staff, sent["id"], "request_materials", asked="工资表")
    wrong = client.post("/api/v1/applications/track/materials", json={**body, "phone": "13900009999"})
    assert wrong.status_code == 404 and wrong.get_json()["error_code"] == "application_not_found"
    empty = client.post("/api/v1/applications/track/materials", json={**body, "text": ""})
    assert empty.status_code == 422


def test_not_supplied_in_time_the_sweep_treats_it_as_withdrawn(app, client, staff, make_application, runner):
    sent = make_application(client)
    act(client, staff, sent["id"], "request_materials", asked="工资表")
    early = act(client, staff, sent["id"], "materials_timeout")
    assert early.status_code == 409 and "还没有到" in early.get_json()["message"]
    with app.app_context():
        from server.aid.models import Application
        from server.extensions import db
        application = db.session.get(Application, sent["id"])
        application.materials_request = {**application.materials_request,
                                         "due_on": (today() - timedelta(days=1)).isoformat()}
        db.session.commit()
    result = runner.invoke(args=["aid", "sweep"])
    assert result.exit_code == 0 and "视为撤回 1 件" in result.output
    tracked = track(client, sent)
    assert tracked["stage"] == "withdrawn" and tracked["timeline"][-1]["by"] == "系统"
    assert "算撤回了" in tracked["timeline"][-1]["note"] and "第四十三条" in tracked["timeline"][-1]["note"]
    assert runner.invoke(args=["aid", "sweep"]).output.startswith("补充材料逾期、视为撤回 0 件")


def test_a_supplement_takes_only_the_photos_sent_with_it_never_another_workers(client, staff, make_application):
    """Photo ids travel in the clear; a worker whose case waits for materials must not be able to take a
    photo someone else has uploaded for an application not yet sent (nor one sent for another supplement)."""
    mine = make_application(client)
    act(client, staff, mine["id"], "request_materials", asked="工资表")
    theirs_key, theirs_photo = "their-application-0001", "their-photo-0001"
    assert photos.post_photo(client, photos.jpeg(800, 600), upload_id=theirs_photo, submission_id=theirs_key,
                             label="欠条").status_code == 201
    other_supplement = "other-supplement-0001"
    assert photos.post_photo(client, photos.jpeg(800, 600), upload_id="other-supplement-photo",
                             submission_id=other_supplement).status_code == 201
    body = {"code": mine["code"], "phone": mine["phone"], "text": "补充"}
    for stolen in (theirs_photo, "other-supplement-photo"):
        resp = client.post("/api/v1/applications/track/materials", headers={"Idempotency-Key": f"supply-{stolen}"},
                           json={**body, "upload_ids": [stolen]})
        assert resp.status_code == 422 and resp.get_json()["error_code"] == "upload_not_yours", resp.get_json()
    # Photos named without the supplement's key cannot be tied to it: refused, with the reason.
    keyless = client.post("/api/v1/applications/track/materials", json={**body, "upload_ids": [theirs_photo]})
    assert keyless.status_code == 428
    assert track(client, mine)["stage"] == "materials_requested" and track(client, mine)["evidence_count"] == 0
    # The photo is still there for the application it was sent with.
    theirs = make_application(client, key=theirs_key, upload_ids=[theirs_photo], phone="13700137000")
    assert theirs["evidence_count"] == 1
