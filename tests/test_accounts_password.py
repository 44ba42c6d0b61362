"""Volunteers, lawyers, staff and admins sign in with a password; guessing is throttled."""
from tests.test_errors import assert_error

PASSWORD = "correct horse 42"


def login(client, username, password=PASSWORD, **extra):
    return client.post("/api/v1/auth/login", json={"username": username, "password": password, **extra})


def test_staff_signs_in_and_the_browser_keeps_tokens_out_of_reach_of_scripts(client, make_user):
    staff = make_user("staff", password=PASSWORD, display_name="李主任")
    resp = login(client, staff.username)
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["user"]["role"] == "staff" and body["user"]["display_name"] == "李主任"
    assert "access_token" not in body and "refresh_token" not in body
    cookies = {c.split("=", 1)[0]: c for c in resp.headers.getlist("Set-Cookie")}
    assert "HttpOnly" in cookies["access_token_cookie"] and "HttpOnly" in cookies["refresh_token_cookie"]
    assert "HttpOnly" not in cookies["csrf_access_token"]  # the page reads it to send X-CSRF-TOKEN
    assert "Path=/api/v1/auth/" in cookies["refresh_token_cookie"]
    assert client.get("/api/v1/me").get_json()["username"] == staff.username


def test_a_mini_program_gets_its_tokens_in_the_body(client, make_user):
    lawyer = make_user("lawyer", password=PASSWORD)
    body = login(client, lawyer.username, token_delivery="header").get_json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 900
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.get_json()["role"] == "lawyer"


def test_usernames_ignore_case_and_spaces(client, make_user):
    make_user("volunteer", username="xiaowang", password=PASSWORD)
    assert login(client, " XiaoWang ").status_code == 200


def test_a_wrong_password_and_an_unknown_name_get_the_same_answer(client, make_user):
    staff = make_user("staff", password=PASSWORD)
    wrong = assert_error(login(client, staff.username, "not it at all"), 401)
    unknown = assert_error(login(client, "nobody-here", "not it at all"), 401)
    assert wrong["message"] == unknown["message"] == "用户名或密码不对。"


def test_a_switched_off_account_cannot_sign_in(client, make_user):
    staff = make_user("staff", password=PASSWORD, active=False)
    assert assert_error(login(client, staff.username), 403)["error_code"] == "account_inactive"


def test_guessing_a_password_is_throttled_but_the_owner_is_not_blocked_by_their_own_success(client, make_user):
    staff = make_user("staff", password=PASSWORD)
    assert login(client, staff.username).status_code == 200  # successes do not count
    for _ in range(5):
        assert login(client, staff.username, "guess-guess").status_code == 401
    resp = login(client, staff.username, "guess-guess")
    assert_error(resp, 429)
    assert int(resp.headers["Retry-After"]) > 0
    assert login(client, staff.username).status_code == 429  # even the right password waits now


def test_many_sign_ins_from_one_address_are_throttled(client, make_user):
    users = [make_user("volunteer") for _ in range(11)]
    statuses = [login(client, u.username, "whatever-1").status_code for u in users]
    assert statuses[:10] == [401] * 10 and statuses[10] == 429


def test_missing_fields_are_named_in_chinese(client):
    body = assert_error(client.post("/api/v1/auth/login", json={}), 422)
    assert set(body["errors"]["json"]) == {"username", "password"}
