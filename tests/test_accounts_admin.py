"""Admins make and manage accounts; every look at or change to personal data is in the audit log."""
import json

from server.accounts.audit import record_view
from server.accounts.models import AuditEntry, User
from server.extensions import db
from tests.test_errors import assert_error

PASSWORD = "correct horse 42"


def audit_log(app):
    with app.app_context():
        return [(e.actor_id, e.action, e.record_type, e.record_id)
                for e in db.session.scalars(db.select(AuditEntry).order_by(AuditEntry.id))]


def test_an_admin_makes_a_lawyer_account_and_the_lawyer_signs_in(client, auth):
    admin = auth(client, "admin")
    resp = client.post("/api/v1/users", headers=admin, json={
        "role": "lawyer", "username": "wang.lawyer", "password": PASSWORD, "display_name": "王律师",
        "phone": "139 1234 5678"})
    assert resp.status_code == 201
    created = resp.get_json()
    assert created["role_name"] == "援助律师" and created["phone_masked"] == "*******5678"
    assert "password" not in created and "phone" not in created
    login = client.post("/api/v1/auth/login", json={"username": "wang.lawyer", "password": PASSWORD})
    assert login.get_json()["user"]["display_name"] == "王律师"


def test_staff_accounts_need_a_username_and_a_password_long_enough_when_one_is_given(client, auth):
    admin = auth(client, "admin")
    body = assert_error(client.post("/api/v1/users", headers=admin, json={"role": "staff"}), 422)
    assert "username" in body["errors"]["json"]
    short = assert_error(client.post("/api/v1/users", headers=admin,
                                     json={"role": "staff", "username": "abc", "password": "short"}), 422)
    assert short["errors"]["json"]["password"] == ["密码至少 8 位。"]


def test_usernames_and_phones_are_unique(client, auth, make_user):
    admin = auth(client, "admin")
    make_user("staff", username="taken", phone="13812345678")
    dup_name = client.post("/api/v1/users", headers=admin,
                           json={"role": "staff", "username": "Taken", "password": PASSWORD})
    assert assert_error(dup_name, 422)["error_code"] == "username_taken"
    dup_phone = client.post("/api/v1/users", headers=admin, json={"role": "worker", "phone": "13812345678"})
    assert assert_error(dup_phone, 422)["error_code"] == "phone_taken"


def test_the_user_list_is_paginated_and_filtered_by_role(client, auth, make_user):
    admin = auth(client, "admin")
    for _ in range(3):
        make_user("volunteer")
    make_user("lawyer")
    resp = client.get("/api/v1/users?role=volunteer&page_size=2", headers=admin)
    assert [u["role"] for u in resp.get_json()] == ["volunteer", "volunteer"]
    assert json.loads(resp.headers["X-Pagination"])["total"] == 3


def test_viewing_an_account_is_logged_and_the_full_phone_only_on_request(app, client, auth, make_user):
    admin = auth(client, "admin")
    worker = make_user("worker", phone="13812345678")
    masked = client.get(f"/api/v1/users/{worker.id}", headers=admin).get_json()
    assert masked["phone_masked"] == "*******5678" and "phone" not in masked
    full = client.post(f"/api/v1/users/{worker.id}/reveal", headers=admin, json={"field": "phone", "reason": "回访"})
    assert full.get_json()["phone"] == "13812345678"
    assert audit_log(app)[-2:] == [(admin.user.id, "view", "user", str(worker.id)),
                                   (admin.user.id, "reveal", "user", str(worker.id))]
    with app.app_context():
        details = [e.detail for e in db.session.scalars(db.select(AuditEntry).order_by(AuditEntry.id))][-2:]
    assert details == [{"phone": "masked"}, {"field": "phone", "reason": "回访"}]


def test_changing_an_account_is_logged_and_the_admin_can_read_the_log(app, client, auth, make_user):
    admin = auth(client, "admin")
    volunteer = make_user("volunteer")
    resp = client.patch(f"/api/v1/users/{volunteer.id}", headers=admin,
                        json={"display_name": "小张", "phone": "13712345678"})
    assert resp.get_json()["display_name"] == "小张"
    log = client.get(f"/api/v1/audit?record_type=user&record_id={volunteer.id}", headers=admin).get_json()
    assert log[0]["action"] == "update" and log[0]["actor_id"] == admin.user.id
    assert log[0]["detail"] == {"fields": ["display_name", "phone"]}


def test_a_failed_change_changes_nothing(app, client, auth, make_user):
    admin = auth(client, "admin")
    make_user("staff", username="taken")
    other = make_user("staff", display_name="原名")
    resp = client.patch(f"/api/v1/users/{other.id}", headers=admin, json={"display_name": "新名", "username": "taken"})
    assert_error(resp, 422)
    with app.app_context():
        assert db.session.get(User, other.id).display_name == "原名"


def test_an_admin_cannot_lock_themselves_out(client, auth):
    admin = auth(client, "admin")
    resp = client.patch(f"/api/v1/users/{admin.user.id}", headers=admin, json={"active": False})
    assert assert_error(resp, 422)["error_code"] == "self_lockout"


def test_no_one_reads_another_persons_account_by_changing_the_id(client, auth):
    worker, other = auth(client, "worker", phone="13812345678"), auth(client, "worker", phone="13912345678")
    for role in ("worker", "volunteer", "lawyer", "staff"):
        headers = worker if role == "worker" else auth(client, role)
        resp = client.get(f"/api/v1/users/{other.user.id}", headers=headers)
        assert "139" not in resp.get_data(as_text=True)
        assert_error(resp, 403)
        assert_error(client.patch(f"/api/v1/users/{other.user.id}", headers=headers, json={"display_name": "x"}), 403)
    assert client.get("/api/v1/me", headers=worker).get_json()["id"] == worker.user.id


def test_other_domains_log_what_they_show(app, make_user):
    staff = make_user("staff")
    with app.test_request_context(environ_base={"REMOTE_ADDR": "10.0.0.7"}):
        actor = db.session.get(User, staff.id)
        record_view(actor, "view", "application", 42, {"fields": ["id_number"]})
        db.session.commit()
    with app.app_context():
        entry = db.session.scalar(db.select(AuditEntry))
        assert ((entry.actor_role, entry.record_type, entry.record_id, entry.ip)
                == ("staff", "application", "42", "10.0.0.7"))


def test_the_first_admin_is_made_on_the_command_line(app, runner):
    result = runner.invoke(args=["users", "create", "--role", "admin", "--username", "root",
                                 "--password", PASSWORD, "--name", "管理员"])
    assert result.exit_code == 0, result.output
    assert "已创建账号" in result.output
    client = app.test_client()
    assert client.post("/api/v1/auth/login", json={"username": "root", "password": PASSWORD}).status_code == 200
    with app.app_context():
        assert db.session.scalar(db.select(AuditEntry.action)) == "create"


def test_the_command_line_refuses_bad_input_in_chinese(runner, make_user):
    make_user("staff", username="taken")
    taken = runner.invoke(args=["users", "create", "--role", "staff", "--username", "taken", "--password", PASSWORD])
    assert taken.exit_code == 1 and "已经有人用了" in taken.output
    phone = runner.invoke(args=["users", "create", "--role", "worker", "--phone", "12345"])
    assert phone.exit_code != 0 and "手机号" in phone.output


def test_two_admins_switching_each_other_off_at_once_leave_one_admin(app, auth, monkeypatch):
    """Both requests pass the role check before either writes (a barrier holds them there), each on its
    own connection; the rule must still leave an admin (SQLite and PostgreSQL alike)."""
    import threading

    from server.accounts import users
    first, second = auth(app.test_client(), "admin"), auth(app.test_client(), "admin")
    both_checked = threading.Barrier(2, timeout=10)
    update_user = users.update_user

    def after_the_role_check(*args, **kwargs):
        both_checked.wait()
        return update_user(*args, **kwargs)

    monkeypatch.setattr(users, "update_user", after_the_role_check)
    answers = {}

    def switch_off(actor, target):
        resp = app.test_client().patch(f"/api/v1/users/{target.user.id}", headers=actor, json={"active": False})
        answers[actor.user.id] = (resp.status_code, resp.get_json())

    threads = [threading.Thread(target=switch_off, args=pair) for pair in ((first, second), (second, first))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    with app.app_context():
        admins = db.session.scalars(db.select(User.id).where(User.role == "admin", User.active.is_(True))).all()
    assert len(admins) == 1, answers
    won, lost = sorted(answers.values(), key=lambda answer: answer[0])
    assert won[0] == 200 and lost[0] == 403 and lost[1]["error_code"] == "not_admin_now", answers
    assert any("\u4e00" <= ch <= "\u9fff" for ch in lost[1]["message"])

