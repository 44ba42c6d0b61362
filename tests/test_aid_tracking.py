"""A worker tracks an application by code and phone; nobody learns anything by guessing."""
from datetime import timedelta

from server.accounts.models import AuditEntry
from server.aid.cases import clocks
from server.codes import ALPHABET, new_code
from server.extensions import db
from tests.photos import id_number


def track(client, code, phone, post=False):
    if post:
        return client.post("/api/v1/applications/track", json={"code": code, "phone": phone})
    return client.get("/api/v1/applications/track", query_string={"code": code, "phone": phone})


def test_codes_avoid_look_alikes_and_are_short():
    assert not set("0O1IL2Z5S8B") & set(ALPHABET)
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000 and all(len(c) == 8 and set(c) <= set(ALPHABET) for c in codes)


def test_worker_tracks_by_code_and_phone_however_they_type_them(client, make_application):
    sent = make_application(client, photos=1)
    for code, phone in ((sent["code"], "13800138000"), (sent["code_display"].lower(), "+86 138 0013 8000"),
                        (" " + sent["code_display"] + " ", "138-0013-8000")):
        for post in (False, True):
            resp = track(client, code, phone, post)
            assert resp.status_code == 200, resp.get_json()
    body = resp.get_json()
    assert body["stage"] == "submitted" and body["stage_label"] == "收到申请"
    assert [(e["label"], e["by"]) for e in body["timeline"]] == [("收到申请", "你")]
    assert body["case_type_label"] == "欠薪" and body["evidence_count"] == 1
    assert (clocks.today() + timedelta(days=7)).isoformat() in body["next_step"]  # 7 days from receipt, as a date


def test_the_tracking_page_shows_nothing_personal(client, auth, make_application):
    volunteer = auth(client, "volunteer", display_name="志愿者小刘")
    sent = make_application(client, headers=volunteer, worker_consent_confirmed=True,
                            coworkers=[{"name": "王五", "phone": "13900002222"}])
    text = track(client, sent["code"], "13800138000").get_data(as_text=True)
    for secret in (id_number(), id_number()[-4:], "13800138000", "8000", "王五", "13900002222", "李老板",
                   "小刘", "张三", "13900001111"):
        assert secret not in text
    assert "志愿者" in text


def test_a_wrong_code_and_a_wrong_phone_get_the_same_answer(client, make_application):
    sent = make_application(client)
    wrong_phone = track(client, sent["code"], "13900009999")
    wrong_code = track(client, new_code(), "13800138000")
    not_a_phone = track(client, sent["code"], "not a phone")
    assert wrong_phone.status_code == wrong_code.status_code == not_a_phone.status_code == 404
    assert wrong_phone.get_json() == wrong_code.get_json() == not_a_phone.get_json()


def test_guessing_phones_for_one_code_is_throttled(make_app, make_application):
    app = make_app(RATELIMIT_TRACK_FAILURES="3 per hour", RATELIMIT_TRACK="100 per minute")
    client = app.test_client()
    sent = make_application(client)
    statuses = [track(client, sent["code"], f"1390000{n:04d}").status_code for n in range(5)]
    assert statuses == [404, 404, 404, 429, 429]
    blocked = track(client, sent["code"], "13800138000")
    assert blocked.status_code == 429 and blocked.headers["Retry-After"]
    # Another code is not blocked by those failures (the key is the code, never the phone).
    other = make_application(client, phone="13700001111")
    assert track(client, other["code"], "13700001111").status_code == 200


def test_guessing_codes_from_one_address_is_throttled(make_app):
    app = make_app(RATELIMIT_TRACK="5 per minute")
    client = app.test_client()
    statuses = [track(client, new_code(), "13800138000").status_code for _ in range(7)]
    assert statuses[:5] == [404] * 5 and statuses[5:] == [429, 429]


def test_a_worker_signed_in_by_phone_sees_their_applications_without_the_code(client, auth, make_application):
    mine = make_application(client, phone="13600001111")
    by_volunteer = make_application(client, phone="13600001111", headers=auth(client, "volunteer"),
                                    worker_consent_confirmed=True)
    make_application(client, phone="13700002222")
    worker = auth(client, "worker", phone="13600001111")
    resp = client.get("/api/v1/me/applications", headers=worker)
    assert resp.status_code == 200
    assert [a["code"] for a in resp.get_json()["items"]] == [by_volunteer["code"], mine["code"]]
    assert id_number() not in resp.get_data(as_text=True)


def test_staff_list_is_masked_and_the_full_view_is_audited(client, app, auth, make_application):
    """The staff's list is the inbox (GET /cases) and the full application the case view (GET /cases/{id}): the
    old doors GET /applications and GET /applications/{id} are retired."""
    sent = make_application(client, photos=1)
    staff = auth(client, "staff")
    listed = client.get("/api/v1/cases", headers=staff)
    assert listed.status_code == 200
    row = listed.get_json()["items"][0]
    number = id_number()
    assert row["id_number_masked"] == f"{number[:4]}{'*' * 10}{number[-4:]}" and row["phone_masked"] == "*******8000"
    assert number not in listed.get_data(as_text=True) and "13800138000" not in listed.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(AuditEntry)
                                 .where(AuditEntry.action == "view")) == 0
    full = client.get(f"/api/v1/cases/{sent['id']}", headers=staff).get_json()
    assert full["id_number"] == number and full["employer_phone"] == "13900001111"
    assert full["phone_masked"] == "*******8000" and "phone" not in full  # whole only on 打电话 (test_cases_desk.py)
    assert full["evidence"][0]["thumbnail_url"].endswith("/thumbnail") and full["evidence"][0]["label"] == "证据1"
    assert "第四十二条" in full["means_test_label"]
    with app.app_context():
        entry = db.session.scalars(db.select(AuditEntry).where(AuditEntry.action == "view")).one()
        assert (entry.actor_id, entry.record_type, entry.record_id) == (staff.user.id, "aid_application",
                                                                        str(sent["id"]))


def test_a_lawyer_not_assigned_cannot_read_an_application(client, auth, make_application):
    sent = make_application(client)
    lawyer = auth(client, "lawyer")
    resp = client.get(f"/api/v1/cases/{sent['id']}", headers=lawyer)
    assert resp.status_code == 403 and resp.get_json()["error_code"] == "not_your_case"
    assert client.get("/api/v1/cases/999999", headers=auth(client, "staff")).status_code == 404
    assert client.get(f"/api/v1/cases/{2**40}", headers=auth(client, "staff")).status_code == 404


def test_the_retired_doors_to_a_case_are_gone(client, auth, make_application):
    """One door per case: the staff list and the full application answer 404 (and 405 for the list's path, which
    still takes applications); GET /cases and GET /cases/{id} are the ones."""
    sent = make_application(client)
    staff = auth(client, "staff")
    assert client.get("/api/v1/applications", headers=staff).status_code == 405
    assert client.get(f"/api/v1/applications/{sent['id']}", headers=staff).status_code == 404


def test_a_decoy_code_in_the_url_does_not_reset_the_count_for_the_code_in_the_body(make_app, make_application):
    app = make_app(RATELIMIT_TRACK_FAILURES="3 per hour", RATELIMIT_TRACK="100 per minute")
    client = app.test_client()
    sent = make_application(client)

    def guess(phone):
        # The handler reads the body; a fresh decoy ?code= each time must not give the body's code new tries.
        return client.post("/api/v1/applications/track", query_string={"code": new_code()},
                           json={"code": sent["code_display"].lower(), "phone": phone})

    statuses = [guess(f"1390000{n:04d}").status_code for n in range(4)]
    assert statuses == [404, 404, 404, 429]
    assert guess("13800138000").status_code == 429
    # The same code typed another way (dash, lower case, full width) is the same code: still blocked.
    full_width = "".join(chr(ord(ch) + 0xFEE0) for ch in sent["code"])
    assert track(client, full_width, "13800138000").status_code == 429


def test_answers_with_a_workers_case_are_never_cached(client, staff, make_application):
    """A shared phone or a proxy must not keep the tracking page's answer, nor the code an application got."""
    from tests.casework import act

    sent = make_application(client)
    act(client, staff, sent["id"], "request_materials", asked="工资表")
    answers = {
        "track by url": track(client, sent["code"], sent["phone"]),
        "track by body": track(client, sent["code"], sent["phone"], post=True),
        "a wrong guess": track(client, sent["code"], "13900009999"),
        "materials": client.post("/api/v1/applications/track/materials",
                                 json={"code": sent["code"], "phone": sent["phone"], "text": "工资表找到了"}),
        "apply": client.post("/api/v1/applications", json=sent["body"], headers={"Idempotency-Key": sent["key"]}),
    }
    for name, resp in answers.items():
        assert resp.status_code < 500, (name, resp.get_json())
        assert "no-store" in resp.headers.get("Cache-Control", ""), name
