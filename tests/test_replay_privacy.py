"""What a retry gets back: replay records keep no personal data, and a replayed answer is rebuilt for the
person asking now, as the first call was: same checks, same audit, and a key only its first user may use."""
import json
import uuid

import sqlalchemy as sa

from server.accounts.models import AuditEntry
from server.extensions import db
from tests import photos
from tests.casework import CHECKLIST

WORKER_PHONE, EMPLOYER_PHONE, COWORKER_PHONE = "13800138000", "13900001111", "13900002222"


def stored_replays(app) -> str:
    """Every replay record, as text: the Idempotency-Key answers and the offline sync results."""
    with app.app_context(), db.engine.connect() as conn:
        rows = [*conn.execute(sa.text("SELECT * FROM idempotency_keys")),
                *conn.execute(sa.text("SELECT * FROM sync_operations"))]
    return "\n".join(json.dumps([str(v) for v in row], ensure_ascii=False) for row in rows)


def move(client, headers, case_id, action, key=None, **fields):
    return client.post(f"/api/v1/cases/{case_id}/actions", json={"action": action, **fields},
                       headers={**headers, "Idempotency-Key": key or str(uuid.uuid4())})


def assert_nothing_personal(app, *secrets):
    text = stored_replays(app)
    for secret in secrets:
        assert secret not in text, secret


def test_no_replay_record_keeps_personal_data_after_any_kind_of_call(app, client, auth, staff, make_user,
                                                                     make_application, make_event):
    number = photos.id_number()
    volunteer = auth(client, "volunteer")
    by_worker = make_application(client, photos=1, coworkers=[{"name": "王五", "phone": COWORKER_PHONE}])
    by_volunteer = make_application(client, headers=volunteer, worker_consent_confirmed=True, phone="13700137000")
    personal = [WORKER_PHONE, "13700137000", number, EMPLOYER_PHONE, COWORKER_PHONE, by_worker["code"],
                by_volunteer["code"], "张三", "王五"]
    assert_nothing_personal(app, *personal)

    lawyer = make_user("lawyer")
    as_lawyer = auth(client, "lawyer", user=lawyer)
    case = by_worker["id"]
    for headers, action, fields in ((staff, "request_materials", {"asked": "工资表"}),):
        assert move(client, headers, case, action, **fields).status_code == 200
    supplied = client.post("/api/v1/applications/track/materials", headers={"Idempotency-Key": str(uuid.uuid4())},
                           json={"code": by_worker["code"], "phone": WORKER_PHONE, "text": "工资表找到了"})
    assert supplied.status_code == 200, supplied.get_json()
    for headers, action, fields in ((staff, "accept", {"checklist": CHECKLIST}), (staff, "approve", {}),
                                    (staff, "assign", {"lawyer_id": lawyer.id}), (as_lawyer, "lawyer_accept", {})):
        resp = move(client, headers, case, action, **fields)
        assert resp.status_code == 200 and resp.get_json()["id_number"] == number, resp.get_json()
    assert_nothing_personal(app, *personal)
    # A private note (its answer holds the note) is kept as its id alone.
    note = client.post(f"/api/v1/cases/{case}/notes", json={"text": "张三说老板的新电话是13900139000"},
                       headers={**as_lawyer, "Idempotency-Key": str(uuid.uuid4())})
    assert note.status_code == 201, note.get_json()
    assert_nothing_personal(app, *personal, "13900139000", "老板的新电话")

    event = make_event(volunteers=[volunteer.user])
    signed = client.post(f"/api/v1/events/{event['id']}/signups", json={"name": "赵六", "phone": "13600136000"},
                         headers={"Idempotency-Key": str(uuid.uuid4())})
    assert signed.status_code == 201
    walkin = {"id": str(uuid.uuid4()), "type": "walkin", "event_id": event["id"], "name": "孙七",
              "phone": "13500135000", "device_time": "2026-11-20T09:00:00+08:00"}
    synced = client.post("/api/v1/sync", headers=volunteer, json={"device_id": "gate", "operations": [walkin]})
    assert synced.status_code == 200 and synced.get_json()["results"][0]["status"] == "applied"
    assert_nothing_personal(app, *personal, "赵六", "13600136000", signed.get_json()["qr_token"], "孙七",
                            "13500135000", synced.get_json()["results"][0]["qr_token"])


def test_every_replay_answers_as_the_first_call_did(app, client, auth, volunteer, make_event, make_application):
    """The records hold no answer, yet each retry gets the same answer back, marked as a replay."""
    sent = make_application(client)
    again = client.post("/api/v1/applications", json=sent["body"], headers={"Idempotency-Key": sent["key"]})
    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json()["code"] == sent["code"] and again.get_json()["id"] == sent["id"]

    event = make_event(volunteers=[volunteer.user])
    key, body = str(uuid.uuid4()), {"name": "赵六", "phone": "13600136000"}
    first = client.post(f"/api/v1/events/{event['id']}/signups", json=body, headers={"Idempotency-Key": key})
    retry = client.post(f"/api/v1/events/{event['id']}/signups", json=body, headers={"Idempotency-Key": key})
    assert (retry.status_code, retry.get_json()) == (201, first.get_json())
    assert retry.headers["Idempotent-Replayed"] == "true"

    walkin = {"id": str(uuid.uuid4()), "type": "walkin", "event_id": event["id"], "name": "孙七",
              "phone": "13500135000", "device_time": "2026-11-20T09:00:00+08:00"}
    sync = [client.post("/api/v1/sync", headers=volunteer, json={"device_id": "gate", "operations": [walkin]})
            for _ in range(2)]
    first_result, replayed = (s.get_json()["results"][0] for s in sync)
    assert replayed == {**first_result, "replayed": True}


def test_the_lawyer_a_case_was_taken_from_gets_no_case_view_by_replaying_a_move(app, client, auth, staff, make_user,
                                                                                  make_application):
    wang, li = make_user("lawyer"), make_user("lawyer")
    sent = make_application(client)
    for action, fields in (("accept", {"checklist": CHECKLIST}), ("approve", {}), ("assign", {"lawyer_id": wang.id})):
        assert move(client, staff, sent["id"], action, **fields).status_code == 200
    as_wang = auth(client, "lawyer", user=wang)
    key = str(uuid.uuid4())
    accepted = move(client, as_wang, sent["id"], "lawyer_accept", key=key)
    assert accepted.status_code == 200 and accepted.get_json()["id_number"] == photos.id_number()  # the full case
    assert move(client, staff, sent["id"], "reassign", lawyer_id=li.id, reason="王律师住院").status_code == 200

    replay = move(client, as_wang, sent["id"], "lawyer_accept", key=key)
    assert replay.status_code in (200, 403), replay.get_json()
    text = replay.get_data(as_text=True)
    for secret in (WORKER_PHONE, photos.id_number(), EMPLOYER_PHONE, "张三"):
        assert secret not in text


def test_a_replayed_case_view_is_audited_like_a_read(app, client, auth, staff, make_application):
    sent = make_application(client)
    key = str(uuid.uuid4())
    first = move(client, staff, sent["id"], "request_materials", key=key, asked="工资表")
    again = move(client, staff, sent["id"], "request_materials", key=key, asked="工资表")
    assert again.status_code == 200 and again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json()["id_number"] == photos.id_number()
    assert again.get_json()["stage"] == first.get_json()["stage"]
    with app.app_context():
        reads = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry).where(
            AuditEntry.actor_id == staff.user.id, AuditEntry.action == "view",
            AuditEntry.record_type == "aid_application", AuditEntry.record_id == str(sent["id"])))
    assert reads == 2


def test_a_key_belongs_to_the_person_who_first_used_it(client, auth, staff, make_application):
    sent = make_application(client)
    other_staff = auth(client, "staff")
    key = str(uuid.uuid4())
    assert move(client, staff, sent["id"], "request_materials", key=key, asked="工资表").status_code == 200
    stolen = move(client, other_staff, sent["id"], "request_materials", key=key, asked="工资表")
    assert stolen.status_code == 422, stolen.get_json()
    body = stolen.get_json()
    assert body["error_code"] == "idempotency_key_taken" and "提交编号" in body["message"]
    assert WORKER_PHONE not in stolen.get_data(as_text=True)


def test_a_volunteers_application_is_not_replayed_to_someone_else(client, auth, make_application):
    volunteer = auth(client, "volunteer")
    sent = make_application(client, headers=volunteer, worker_consent_confirmed=True)
    for headers in ({}, auth(client, "volunteer")):
        resp = client.post("/api/v1/applications", json=sent["body"],
                           headers={**headers, "Idempotency-Key": sent["key"]})
        assert resp.status_code == 422 and resp.get_json()["error_code"] == "idempotency_key_taken"
        assert sent["code"] not in resp.get_data(as_text=True)
    mine = client.post("/api/v1/applications", json=sent["body"], headers={**volunteer, "Idempotency-Key": sent["key"]})
    assert mine.status_code == 201 and mine.get_json()["code"] == sent["code"]


def test_a_sync_operation_id_is_not_replayed_to_another_volunteer(client, auth, make_event):
    first, second = auth(client, "volunteer"), auth(client, "volunteer")
    event = make_event(volunteers=[first.user, second.user])
    walkin = {"id": str(uuid.uuid4()), "type": "walkin", "event_id": event["id"], "name": "孙七",
              "phone": "13500135000", "device_time": "2026-11-20T09:00:00+08:00"}
    token = client.post("/api/v1/sync", headers=first, json={"device_id": "a", "operations": [walkin]}
                        ).get_json()["results"][0]["qr_token"]
    other = client.post("/api/v1/sync", headers=second, json={"device_id": "b", "operations": [walkin]})
    result = other.get_json()["results"][0]
    assert result["status"] == "conflict" and token not in other.get_data(as_text=True)
