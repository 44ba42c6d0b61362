"""Tokens: short access, long refresh, logout revokes both, role in the claims, HS256 only, CSRF for cookies."""
import time
import warnings
from datetime import timedelta

import jwt as pyjwt
from flask_jwt_extended import create_access_token, decode_token

from tests.test_errors import assert_error

PASSWORD = "correct horse 42"


def test_the_role_and_a_short_expiry_are_in_the_access_token(client, auth):
    headers = auth(client, "volunteer")
    token = headers["Authorization"].split()[1]
    with client.application.app_context():
        claims = decode_token(token)
    assert claims["role"] == "volunteer" and claims["type"] == "access"
    assert claims["exp"] - claims["iat"] == 15 * 60
    assert pyjwt.get_unverified_header(token)["alg"] == "HS256"


def test_logout_revokes_both_the_access_and_the_refresh_token(client, auth):
    headers = auth(client, "staff")
    assert client.post("/api/v1/auth/logout", headers=headers).status_code == 204
    assert assert_error(client.get("/api/v1/me", headers=headers), 401)["error_code"] == "token_revoked"
    answer = client.post("/api/v1/auth/refresh", headers=headers.refresh)
    assert assert_error(answer, 401)["error_code"] == "token_revoked"


def test_logging_out_on_one_phone_leaves_the_other_signed_in(client, auth):
    first = auth(client, "lawyer")
    second = auth(client, "lawyer", user=first.user)
    client.post("/api/v1/auth/logout", headers=first)
    assert client.get("/api/v1/me", headers=second).status_code == 200


def test_an_expired_token_fails_with_a_plain_reason(client, auth):
    user = auth(client, "staff").user
    with client.application.app_context():
        token = create_access_token(str(user.id), additional_claims={"role": "staff", "sid": "s1"},
                                    expires_delta=timedelta(seconds=-1))
    body = assert_error(client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}), 401)
    assert body["error_code"] == "token_expired" and "过期" in body["message"]


def test_only_hs256_is_accepted(client, auth):
    user = auth(client, "admin").user
    key = client.application.config["JWT_SECRET_KEY"]
    claims = {"sub": str(user.id), "role": "admin", "sid": "s", "type": "access", "jti": "j",
              "iat": int(time.time()), "exp": int(time.time()) + 600}
    for algorithm, signing_key in (("HS512", key), ("none", None)):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # PyJWT warns that the key is short for HS512: that is the point
            token = pyjwt.encode(claims, signing_key, algorithm=algorithm)
        assert_error(client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}), 401)


def test_a_token_signed_with_another_key_is_refused(client, auth):
    user = auth(client, "admin").user
    token = pyjwt.encode({"sub": str(user.id), "role": "admin", "type": "access", "jti": "j", "sid": "s",
                          "exp": int(time.time()) + 600}, "guessed-secret-" + "z" * 40, algorithm="HS256")
    assert assert_error(client.get("/api/v1/users", headers={"Authorization": f"Bearer {token}"}), 401)[
        "error_code"] == "token_invalid"


def test_a_refresh_token_is_not_an_access_token(client, auth):
    headers = auth(client, "admin")
    assert_error(client.get("/api/v1/users", headers=headers.refresh), 401)


def test_a_volunteer_offline_for_hours_refreshes_and_carries_on(make_app, make_user):
    app = make_app(JWT_ACCESS_TOKEN_EXPIRES=timedelta(seconds=1))
    volunteer = make_user("volunteer", app=app, password=PASSWORD)
    client = app.test_client()
    body = client.post("/api/v1/auth/login", json={"username": volunteer.username, "password": PASSWORD,
                                                    "token_delivery": "header"}).get_json()
    time.sleep(2.1)  # the access token has run out while the phone had no signal
    stale = {"Authorization": f"Bearer {body['access_token']}"}
    assert assert_error(client.get("/api/v1/me", headers=stale), 401)["error_code"] == "token_expired"
    fresh = client.post("/api/v1/auth/refresh", json={"token_delivery": "header"},
                        headers={"Authorization": f"Bearer {body['refresh_token']}"})
    assert fresh.status_code == 200
    assert fresh.get_json()["refresh_token"] != body["refresh_token"]  # rotated: keep the new one
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {fresh.get_json()['access_token']}"})
    assert me.get_json()["username"] == volunteer.username


def test_refresh_tokens_last_long_enough_for_a_day_offline(client, auth):
    token = auth(client, "volunteer").refresh["Authorization"].split()[1]
    with client.application.app_context():
        claims = decode_token(token)
    assert claims["exp"] - claims["iat"] >= 7 * 24 * 3600


def _cookie_login(client, make_user, role="staff"):
    user = make_user(role, password=PASSWORD)
    client.post("/api/v1/auth/login", json={"username": user.username, "password": PASSWORD})
    return user


def test_browser_writes_need_the_csrf_header_from_the_cookie(client, make_user):
    _cookie_login(client, make_user)
    assert client.get("/api/v1/me").status_code == 200  # reads need no CSRF header
    body = assert_error(client.post("/api/v1/auth/logout"), 401)
    assert body["error_code"] == "csrf_failed"
    csrf = client.get_cookie("csrf_access_token").value
    assert client.post("/api/v1/auth/logout", headers={"X-CSRF-TOKEN": "forged"}).status_code == 401
    assert client.post("/api/v1/auth/logout", headers={"X-CSRF-TOKEN": csrf}).status_code == 204
    assert client.get_cookie("access_token_cookie") is None
    assert assert_error(client.get("/api/v1/me"), 401)["error_code"] == "not_signed_in"


def test_browser_refresh_uses_the_refresh_cookie(client, make_user):
    _cookie_login(client, make_user)
    client.delete_cookie("access_token_cookie")  # the browser dropped it when it expired
    csrf = client.get_cookie("csrf_refresh_token").value
    resp = client.post("/api/v1/auth/refresh", headers={"X-CSRF-TOKEN": csrf})
    assert resp.status_code == 200 and "access_token" not in resp.get_json()
    assert client.get("/api/v1/me").status_code == 200


def test_a_browser_whose_access_cookie_expired_can_still_sign_out(client, make_user):
    _cookie_login(client, make_user)
    client.delete_cookie("access_token_cookie")
    csrf = client.get_cookie("csrf_refresh_token").value
    assert client.post("/api/v1/auth/logout", headers={"X-CSRF-TOKEN": csrf}).status_code == 204
    assert assert_error(client.post("/api/v1/auth/refresh", headers={"X-CSRF-TOKEN": csrf}), 401)


def test_cookies_are_secure_in_production(make_app, make_user):
    app = make_app(JWT_COOKIE_SECURE=True)
    user = make_user("staff", app=app, password=PASSWORD)
    resp = app.test_client().post("/api/v1/auth/login", json={"username": user.username, "password": PASSWORD})
    assert all("Secure" in c for c in resp.headers.getlist("Set-Cookie"))


def test_a_switched_off_account_loses_access_at_once(client, auth):
    admin, staff = auth(client, "admin"), auth(client, "staff")
    assert client.patch(f"/api/v1/users/{staff.user.id}", json={"active": False}, headers=admin).status_code == 200
    assert assert_error(client.get("/api/v1/me", headers=staff), 401)["error_code"] == "account_inactive"
    assert assert_error(client.post("/api/v1/auth/refresh", headers=staff.refresh), 401)


def test_a_changed_role_takes_effect_on_the_next_refresh(client, auth):
    admin, person = auth(client, "admin"), auth(client, "volunteer", password=PASSWORD)
    # (A new password would end the session altogether: tests/test_sessions.py.)
    assert client.patch(f"/api/v1/users/{person.user.id}", json={"role": "staff"},
                        headers=admin).status_code == 200
    assert assert_error(client.get("/api/v1/me", headers=person), 401)["error_code"] == "role_changed"
    token = client.post("/api/v1/auth/refresh", json={"token_delivery": "header"},
                        headers=person.refresh).get_json()["access_token"]
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).get_json()["role"] == "staff"


def test_answers_with_tokens_or_personal_data_are_never_cached(client, auth):
    headers = auth(client, "admin")
    for resp in (client.get("/api/v1/me", headers=headers), client.get("/api/v1/users", headers=headers),
                 client.post("/api/v1/auth/refresh", headers=headers.refresh)):
        assert resp.headers["Cache-Control"] == "no-store"
