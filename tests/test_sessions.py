"""Sessions end when they must: a new password or a switched-off account ends every one of them,
and a stolen refresh token used after its owner has moved on ends the whole sign-in.
"""
import threading
from concurrent.futures import ThreadPoolExecutor

from tests.test_errors import assert_error

PASSWORD = "correct horse 42"
HEADER = {"token_delivery": "header"}


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def refresh(client, token):
    return client.post("/api/v1/auth/refresh", json=HEADER, headers=bearer(token))


def sign_in(client, user):
    return client.post("/api/v1/auth/login", json={"username": user.username, "password": PASSWORD,
                                                    **HEADER}).get_json()


def test_a_new_password_ends_every_session_of_that_account(client, auth, make_user):
    admin = auth(client, "admin")
    staff = make_user("staff", password=PASSWORD)
    phone, laptop = sign_in(client, staff), sign_in(client, staff)
    resp = client.patch(f"/api/v1/users/{staff.id}", json={"password": "a whole new one 7"}, headers=admin)
    assert resp.status_code == 200
    for session in (phone, laptop):
        assert assert_error(client.get("/api/v1/me", headers=bearer(session["access_token"])), 401)
        assert assert_error(refresh(client, session["refresh_token"]), 401)
    after = client.post("/api/v1/auth/login", json={"username": staff.username, "password": "a whole new one 7",
                                                     **HEADER})
    assert client.get("/api/v1/me", headers=bearer(after.get_json()["access_token"])).status_code == 200
    assert client.get("/api/v1/me", headers=admin).status_code == 200  # nobody else is signed out


def test_switching_an_account_back_on_does_not_revive_its_old_sessions(client, auth, make_user):
    admin = auth(client, "admin")
    staff = make_user("staff", password=PASSWORD)
    old = sign_in(client, staff)
    client.patch(f"/api/v1/users/{staff.id}", json={"active": False}, headers=admin)
    client.patch(f"/api/v1/users/{staff.id}", json={"active": True}, headers=admin)
    assert assert_error(client.get("/api/v1/me", headers=bearer(old["access_token"])), 401)
    assert assert_error(refresh(client, old["refresh_token"]), 401)
    assert sign_in(client, staff)["access_token"]  # signing in again works


def test_each_refresh_hands_out_a_new_refresh_token(client, make_user):
    staff = make_user("staff", password=PASSWORD)
    first = sign_in(client, staff)
    second = refresh(client, first["refresh_token"]).get_json()
    assert second["refresh_token"] != first["refresh_token"]
    third = refresh(client, second["refresh_token"])
    assert third.status_code == 200
    assert client.get("/api/v1/me", headers=bearer(third.get_json()["access_token"])).status_code == 200


def test_a_refresh_token_used_again_after_it_was_replaced_ends_the_whole_sign_in(make_app, make_user):
    app = make_app(REFRESH_REUSE_GRACE_SECONDS=0)
    staff = make_user("staff", app=app, password=PASSWORD)
    client = app.test_client()
    stolen = sign_in(client, staff)
    owner = refresh(client, stolen["refresh_token"]).get_json()  # the owner moves on
    thief = refresh(client, stolen["refresh_token"])
    assert assert_error(thief, 401)["error_code"] == "token_revoked"
    # The owner's newer tokens are in the same family: all of it is revoked, the owner signs in again.
    assert assert_error(refresh(client, owner["refresh_token"]), 401)
    assert assert_error(client.get("/api/v1/me", headers=bearer(owner["access_token"])), 401)
    other = sign_in(client, staff)  # another sign-in is another family
    assert client.get("/api/v1/me", headers=bearer(other["access_token"])).status_code == 200


def test_two_tabs_refreshing_with_the_same_token_at_once_both_carry_on(make_app, make_user):
    app = make_app()
    staff = make_user("staff", app=app, password=PASSWORD)
    session = sign_in(app.test_client(), staff)
    gate = threading.Barrier(2)

    def tab(_):
        gate.wait()
        return refresh(app.test_client(), session["refresh_token"])
    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(tab, range(2)))
    assert [a.status_code for a in answers] == [200, 200]
    for a in answers:
        client = app.test_client()
        assert client.get("/api/v1/me", headers=bearer(a.get_json()["access_token"])).status_code == 200
        assert refresh(client, a.get_json()["refresh_token"]).status_code == 200


def test_a_browser_gets_its_new_refresh_token_as_a_cookie(client, make_user):
    staff = make_user("staff", password=PASSWORD)
    client.post("/api/v1/auth/login", json={"username": staff.username, "password": PASSWORD})
    before = client.get_cookie("refresh_token_cookie", path="/api/v1/auth/").value
    resp = client.post("/api/v1/auth/refresh", headers={"X-CSRF-TOKEN": client.get_cookie("csrf_refresh_token").value})
    assert resp.status_code == 200
    after = client.get_cookie("refresh_token_cookie", path="/api/v1/auth/").value
    assert after != before
    again = client.post("/api/v1/auth/refresh",
                        headers={"X-CSRF-TOKEN": client.get_cookie("csrf_refresh_token").value})
    assert again.status_code == 200
