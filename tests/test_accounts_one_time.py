"""An admin gives out one-time passwords; the person picks their own before doing anything else.

Also: switching an account off ends its sessions at once, a phone is shown whole only for a
reason typed (kept in the audit log), and everyone with a password can change it.
"""
import json

from server.accounts.models import AuditEntry, User
from server.extensions import db
from tests.test_errors import assert_error

PASSWORD = "correct horse 42"


def login(client, username, password, **extra):
    return client.post("/api/v1/auth/login", json={"username": username, "password": password,
                                                   "token_delivery": "header", **extra})


def bearer(body):
    return {"Authorization": f"Bearer {body['access_token']}"}


def test_a_new_lawyer_must_change_the_one_time_password_before_anything_else(app, client, auth):
    admin = auth(client, "admin")
    created = client.post("/api/v1/users", headers=admin, json={
        "role": "lawyer", "username": "wang.lawyer", "display_name": "王律师"})
    assert created.status_code == 201
    one_time = created.get_json()["one_time_password"]
    assert len(one_time) >= 10 and created.get_json()["must_change_password"] is True

    signed = login(client, "wang.lawyer", one_time).get_json()
    assert signed["must_change_password"] is True and signed["user"]["must_change_password"] is True
    lawyer = bearer(signed)
    assert client.get("/api/v1/me", headers=lawyer).get_json()["display_name"] == "王律师"
    refused = assert_error(client.get("/api/v1/cases", headers=lawyer), 403)
    assert refused["error_code"] == "password_change_required"
    assert "新密码" in refused["message"]

    changed = client.post("/api/v1/me/password", headers=lawyer, json={
        "current": one_time, "new": PASSWORD, "token_delivery": "header"})
    assert changed.status_code == 200, changed.get_json()
    assert changed.get_json()["must_change_password"] is False
    fresh = bearer(changed.get_json())
    assert client.get("/api/v1/me", headers=fresh).get_json()["must_change_password"] is False
    assert client.get("/api/v1/me", headers=lawyer).status_code == 401  # the one-time sign-in has ended
    assert login(client, "wang.lawyer", one_time).status_code == 401
    assert login(client, "wang.lawyer", PASSWORD).get_json()["must_change_password"] is False


def test_a_password_the_admin_types_is_one_time_too(client, auth):
    admin = auth(client, "admin")
    client.post("/api/v1/users", headers=admin, json={"role": "staff", "username": "li.staff", "password": PASSWORD})
    assert login(client, "li.staff", PASSWORD).get_json()["must_change_password"] is True


def test_an_account_needs_a_username_but_the_password_can_be_made_for_it(client, auth):
    admin = auth(client, "admin")
    body = assert_error(client.post("/api/v1/users", headers=admin, json={"role": "staff"}), 422)
    assert body["errors"]["json"]["username"]
    worker = client.post("/api/v1/users", headers=admin, json={"role": "worker", "phone": "13812345678"})
    assert worker.get_json()["one_time_password"] is None and worker.get_json()["must_change_password"] is False


def test_an_admin_resets_a_forgotten_password_and_every_session_of_it_ends(app, client, auth, make_user):
    admin = auth(client, "admin")
    volunteer = make_user("volunteer", password=PASSWORD)
    old = bearer(login(client, volunteer.username, PASSWORD).get_json())
    reset = client.post(f"/api/v1/users/{volunteer.id}/password-reset", headers=admin)
    assert reset.status_code == 200
    one_time = reset.get_json()["one_time_password"]
    assert assert_error(client.get("/api/v1/me", headers=old), 401)["error_code"] == "token_revoked"
    assert login(client, volunteer.username, PASSWORD).status_code == 401
    assert login(client, volunteer.username, one_time).get_json()["must_change_password"] is True
    with app.app_context():
        actions = [e.action for e in db.session.scalars(db.select(AuditEntry).where(
            AuditEntry.record_id == str(volunteer.id)))]
    assert "reset_password" in actions


def test_a_worker_has_no_password_to_reset_and_an_admin_changes_their_own_under_me(client, auth, make_user):
    admin = auth(client, "admin")
    worker = make_user("worker", phone="13812345678")
    assert assert_error(client.post(f"/api/v1/users/{worker.id}/password-reset", headers=admin), 422)
    assert assert_error(client.post(f"/api/v1/users/{admin.user.id}/password-reset", headers=admin),
                        422)["error_code"] == "self_reset"
    # Nor through PATCH: a one-time password of one's own would lock the admin into changing it.
    assert assert_error(client.patch(f"/api/v1/users/{admin.user.id}", headers=admin, json={"password": PASSWORD}),
                        422)["error_code"] == "self_reset"


def test_switching_an_account_off_refuses_its_very_next_request(client, auth, make_user):
    admin = auth(client, "admin")
    lawyer = make_user("lawyer", password=PASSWORD)
    signed = login(client, lawyer.username, PASSWORD).get_json()
    assert client.get("/api/v1/me", headers=bearer(signed)).status_code == 200
    assert client.patch(f"/api/v1/users/{lawyer.id}", headers=admin, json={"active": False}).status_code == 200
    assert_error(client.get("/api/v1/me", headers=bearer(signed)), 401)
    refresh = client.post("/api/v1/auth/refresh", headers={"Authorization": f"Bearer {signed['refresh_token']}"},
                          json={"token_delivery": "header"})
    assert_error(refresh, 401)
    # Switched on again, the old sessions stay ended.
    client.patch(f"/api/v1/users/{lawyer.id}", headers=admin, json={"active": True})
    assert_error(client.get("/api/v1/me", headers=bearer(signed)), 401)


def test_changing_ones_password_needs_the_current_one_and_follows_the_rules(client, make_user):
    staff = make_user("staff", password=PASSWORD)
    me = bearer(login(client, staff.username, PASSWORD).get_json())
    wrong = assert_error(client.post("/api/v1/me/password", headers=me, json={"current": "nope", "new": "a new one 1"}),
                         422)
    assert wrong["errors"]["json"]["current"] == ["当前密码不对。"]
    short = assert_error(client.post("/api/v1/me/password", headers=me,
                                     json={"current": PASSWORD, "new": "short"}), 422)
    assert short["errors"]["json"]["new"] == ["密码至少 8 位。"]
    same = assert_error(client.post("/api/v1/me/password", headers=me,
                                    json={"current": PASSWORD, "new": PASSWORD}), 422)
    assert same["error_code"] == "password_unchanged"
    ok = client.post("/api/v1/me/password", headers=me, json={"current": PASSWORD, "new": "a brand new one"})
    assert ok.status_code == 200
    assert login(client, staff.username, "a brand new one").status_code == 200


def test_a_worker_signed_in_by_code_has_no_password_to_change(client, auth):
    worker = auth(client, "worker", phone="13812345678")
    body = assert_error(client.post("/api/v1/me/password", headers=worker,
                                    json={"current": "x", "new": "12345678"}), 422)
    assert body["error_code"] == "no_password_account"


def test_guessing_the_current_password_is_throttled(client, make_user):
    staff = make_user("staff", password=PASSWORD)
    me = bearer(login(client, staff.username, PASSWORD).get_json())
    statuses = [client.post("/api/v1/me/password", headers=me, json={"current": f"guess-{n}", "new": "whatever-123"})
                .status_code for n in range(7)]
    assert statuses[:5] == [422] * 5 and 429 in statuses[5:]


def test_a_phone_is_shown_whole_only_for_a_reason_which_the_log_keeps(app, client, auth, make_user):
    admin = auth(client, "admin")
    worker = make_user("worker", phone="13812345678")
    shown = client.get(f"/api/v1/users/{worker.id}", headers=admin).get_json()
    assert shown["phone_masked"] == "*******5678" and "13812345678" not in json.dumps(shown)
    no_reason = client.post(f"/api/v1/users/{worker.id}/reveal", headers=admin, json={"field": "phone"})
    assert "reason" in assert_error(no_reason, 422)["errors"]["json"]
    full = client.post(f"/api/v1/users/{worker.id}/reveal", headers=admin,
                       json={"field": "phone", "reason": "回电核实欠薪案情"})
    assert full.get_json() == {"phone": "13812345678"}
    with app.app_context():
        entry = db.session.scalars(db.select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert (entry.action, entry.record_id, entry.detail) == (
            "reveal", str(worker.id), {"field": "phone", "reason": "回电核实欠薪案情"})
    # The old ?reveal=phone shows nothing more: a reason is required.
    assert "13812345678" not in client.get(f"/api/v1/users/{worker.id}?reveal=phone", headers=admin).get_data(True)


def test_the_admin_finds_people_by_name_username_or_the_end_of_their_phone(client, auth, make_user):
    admin = auth(client, "admin")
    make_user("volunteer", display_name="张小红", phone="13700001234")
    make_user("lawyer", display_name="王律师", username="wang.law")
    make_user("worker", display_name="李四", phone="13900005678")
    off = make_user("volunteer", display_name="张停用", active=False)

    def names(query):
        return [u["display_name"] for u in client.get(f"/api/v1/users?{query}", headers=admin).get_json()]

    assert names("q=张") == ["张小红", "张停用"]
    assert names("q=wang") == ["王律师"]
    assert names("q=5678") == ["李四"]
    assert names("q=13900005678") == ["李四"]
    assert names("q=张&active=false") == [off.display_name]
    assert names("q=%25") == []  # a wildcard typed is looked for as it is
    listing = client.get("/api/v1/users?role=volunteer", headers=admin).get_data(as_text=True)
    assert "13700001234" not in listing and "*******1234" in listing


def test_a_role_or_name_change_is_logged(app, client, auth, make_user):
    admin = auth(client, "admin")
    volunteer = make_user("volunteer", password=PASSWORD)
    resp = client.patch(f"/api/v1/users/{volunteer.id}", headers=admin, json={"role": "staff", "display_name": "陈"})
    assert resp.get_json()["role_name"] == "工作人员"
    with app.app_context():
        assert db.session.get(User, volunteer.id).display_name == "陈"


def test_on_an_open_route_a_one_time_password_counts_as_not_signed_in(app, client, auth, make_user,
                                                                       make_application):
    from server.aid.models import Application
    volunteer = make_user("volunteer")
    with app.app_context():
        db.session.get(User, volunteer.id).must_change_password = True
        db.session.commit()
    headers = auth(client, user=volunteer)
    made = make_application(client, headers=headers)
    with app.app_context():
        assert db.session.get(Application, made["id"]).submitted_by_id is None
