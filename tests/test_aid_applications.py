"""A worker applies for legal aid from the site: once, however often the phone retries, with their photos."""
import json
import uuid

import pytest

from server.accounts.models import AuditEntry
from server.aid.models import Application
from server.codes import ALPHABET
from server.extensions import db
from server.media.models import Upload
from tests import photos


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_worker_applies_offline_with_two_photos_and_the_retry_makes_one_application(client, app, make_application):
    first = make_application(client, photos=2)
    assert first["stage"] == "submitted" and first["evidence_count"] == 2
    assert len(first["code"]) == 8 and set(first["code"]) <= set(ALPHABET)
    assert first["code_display"] == f"{first['code'][:4]}-{first['code'][4:]}"
    assert first["means_test"] == "art42_exempt"  # 欠薪: Art. 42 (3), no means test
    # The answer was lost; the outbox sends the same photos and the same application again.
    for upload_id in first["upload_ids"]:
        again = photos.post_photo(client, photos.jpeg(1200, 900, gps=True), upload_id=upload_id,
                                  submission_id=first["key"], label="证据")
        assert again.status_code == 201
    retry = client.post("/api/v1/applications", json=first["body"], headers={"Idempotency-Key": first["key"]})
    assert retry.status_code == 201 and retry.headers["Idempotent-Replayed"] == "true"
    assert retry.get_json()["code"] == first["code"] and retry.get_json()["id"] == first["id"]
    assert count(app, Application) == 1 and count(app, Upload) == 2


def test_the_same_key_with_another_application_is_refused(client, make_application):
    first = make_application(client)
    resp = client.post("/api/v1/applications", json={**first["body"], "applicant_name": "李四"},
                       headers={"Idempotency-Key": first["key"]})
    assert resp.status_code == 422 and resp.get_json()["error_code"] == "idempotency_mismatch"


def test_an_application_without_its_key_is_refused(client, make_application):
    body = make_application(client)["body"]
    resp = client.post("/api/v1/applications", json=body)
    assert resp.status_code == 428 and resp.get_json()["error_code"] == "idempotency_key_required"


def test_a_photo_of_another_submission_or_none_at_all_is_refused(client, app, make_application):
    other = make_application(client, photos=1)
    resp = make_application(client, upload_ids=other["upload_ids"], expect=422)
    assert resp["error_code"] == "upload_not_yours" and "另一份申请" in resp["message"]
    missing = make_application(client, upload_ids=["never-uploaded-1"], expect=422)
    assert missing["error_code"] == "upload_missing"
    assert missing["errors"]["json"]["upload_ids"]
    # Sent for this submission but already claimed? Only by this application: a second key cannot take it.
    stray = photos.post_photo(client, photos.png(), upload_id="stray-photo-1", submission_id="submission-x1")
    assert stray.status_code == 201
    assert make_application(client, upload_ids=["stray-photo-1"], expect=422)["error_code"] == "upload_not_yours"
    assert count(app, Application) == 1
    with app.app_context():
        assert db.session.get(Upload, "stray-photo-1").application_id is None


@pytest.mark.parametrize("field", ["consent_privacy", "consent_sensitive"])
def test_both_consents_are_required(client, make_application, field):
    resp = make_application(client, expect=422, **{field: False})
    assert list(resp["errors"]["json"]) == [field]


def test_the_honesty_commitment_is_asked_only_where_the_means_test_applies(client, make_application):
    resp = make_application(client, case_type="dismissal", expect=422)
    assert "第四十一条" in resp["errors"]["json"]["honesty_commitment"][0]
    committed = make_application(client, case_type="social_insurance", honesty_commitment=True)
    assert committed["means_test"] == "art41_commitment"
    injury = make_application(client, case_type="injury", injured_on="2026-05-02")
    assert injury["means_test"] == "art42_exempt"


def test_a_volunteer_applies_for_a_worker_with_the_workers_consent(client, app, auth, make_application):
    volunteer = auth(client, "volunteer")
    refused = make_application(client, headers=volunteer, expect=422)
    assert refused["error_code"] == "worker_consent_missing"
    done = make_application(client, headers=volunteer, worker_consent_confirmed=True)
    with app.app_context():
        row = db.session.get(Application, done["id"])
        assert (row.submitted_by_id, row.submitted_by_role, row.on_behalf) == (volunteer.user.id, "volunteer", True)
        assert row.worker_consent_confirmed and row.timeline[0].actor_role == "volunteer"
        assert db.session.scalar(db.select(AuditEntry.action).where(AuditEntry.record_type == "aid_application")) \
            == "create"


def test_the_workers_own_words_may_be_short_and_everything_optional_may_be_left_out(client, make_application):
    resp = make_application(client, account="", employer_name="", employer_phone="", contractor="", site="",
                            started_on=None, last_paid_on=None, amount_owed_fen=None, coworkers=[])
    assert resp["stage"] == "submitted"


def test_coworkers_of_a_group_claim_are_kept_with_their_phones_protected(client, app, make_application):
    resp = make_application(client, coworkers=[{"name": "王五", "phone": "+86 139-0000-2222"}, {"name": "赵六"}])
    with app.app_context():
        row = db.session.get(Application, resp["id"])
        assert [c["name"] for c in row.coworkers] == ["王五", "赵六"]
        assert row.coworkers[0]["phone_masked"] == "*******2222" and "13900002222" not in json.dumps(row.coworkers)


def test_an_employers_landline_is_kept_as_people_write_it_and_masked_in_lists(client, app, staff, make_application):
    """A company's number is often a landline with its area code (成都 028), sometimes an extension."""
    resp = make_application(client, employer_phone="（028）8555 6666 转 123")
    view = client.get(f"/api/v1/cases/{resp['id']}", headers=staff).get_json()
    assert view["employer_phone"] == "028-85556666转123"
    with app.app_context():
        row = db.session.get(Application, resp["id"])
        assert row.employer_phone_masked == "*******6666"


@pytest.mark.parametrize("field, value", [
    ("applicant_name", "张\x00三"),
    ("account", "欠薪" * 3000),
    ("started_on", "0001-01-01"),
    ("started_on", "2099-01-01"),
    ("last_paid_on", "2026-02-01"),  # before started_on (2026-03-01)
    ("amount_owed_fen", 12.5),
    ("amount_owed_fen", "2400000"),
    ("amount_owed_fen", -1),
    ("amount_owed_fen", 10**20),
    ("case_type", "欠薪"),
    ("phone", "１２３"),
    ("employer_phone", "12345"),
    ("employer_phone", "85556666"),  # a landline without its area code
    ("coworkers", [{"name": "王五", "phone": "028-85556666"}]),  # a co-worker is reached on a mobile
    ("coworkers", [{"name": "", "phone": ""}]),
    ("upload_ids", ["a" * 200]),
    ("id_number", "110105199003071230"),
])
def test_hostile_or_wrong_input_gets_a_plain_answer_on_its_field(client, app, make_application, field, value):
    resp = make_application(client, expect=422, **{field: value})
    assert field in resp["errors"]["json"], resp
    assert count(app, Application) == 0


def test_a_lone_surrogate_in_the_workers_words_is_refused(client, make_application):
    body = make_application(client)["body"]
    raw = json.dumps({**body, "account": "PLACEHOLDER"}).replace("PLACEHOLDER", "\\ud800")
    resp = client.post("/api/v1/applications", data=raw, content_type="application/json",
                       headers={"Idempotency-Key": str(uuid.uuid4())})
    assert resp.status_code == 422 and "account" in resp.get_json()["errors"]["json"]


def test_phones_and_id_numbers_are_encrypted_at_rest(client, app, make_application):
    resp = make_application(client, id_number=photos.id_number(serial="456"))
    with app.app_context():
        row = db.session.execute(db.text("SELECT * FROM aid_applications WHERE id = :id"), {"id": resp["id"]})
        stored = " ".join(str(v) for v in row.one())
    for secret in ("13800138000", photos.id_number(serial="456"), "13900001111"):
        assert secret not in stored
    # The masked form is the only readable trace.
    assert f"1101**********456{photos.id_number(serial='456')[-1]}" in stored and "*******8000" in stored
