"""A worker opens the mini-program and is signed in through WeChat's code2session."""
import pytest

from tests.fakes import APPID, SECRET
from tests.test_errors import assert_error


@pytest.fixture
def wx(make_app, code2session):
    """An app wired to the local code2session server, and its client."""
    app = make_app(**code2session.config)
    return app.test_client()


def wechat(client, code, **extra):
    return client.post("/api/v1/auth/wechat", json={"code": code, **extra})


def test_a_worker_signs_in_with_wechat_and_comes_back_to_the_same_account(wx, code2session):
    first = wechat(wx, code2session.login_code("oWx-worker-1", unionid="uWx-1"))
    assert first.status_code == 200
    body = first.get_json()
    assert body["user"]["role"] == "worker" and body["user"]["wechat_linked"] is True
    assert body["token_delivery"] == "header" and body["access_token"] and body["refresh_token"]
    again = wechat(wx, code2session.login_code("oWx-worker-1")).get_json()
    assert again["user"]["id"] == body["user"]["id"]
    other = wechat(wx, code2session.login_code("oWx-worker-2")).get_json()
    assert other["user"]["id"] != body["user"]["id"]
    me = wx.get("/api/v1/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.get_json()["role"] == "worker"


def test_the_server_sends_code2session_the_request_wechat_expects(wx, code2session):
    code = code2session.login_code("oWx-worker-1")
    wechat(wx, code)
    assert code2session.requests == [{"method": "GET", "path": "/sns/jscode2session", "query": {
        "appid": APPID, "secret": SECRET, "js_code": code, "grant_type": "authorization_code"}}]


def test_an_invalid_code_gives_a_clear_error(wx, code2session):
    body = assert_error(wechat(wx, "not-a-real-code"), 401)
    assert body["error_code"] == "wechat_code_invalid" and "重新打开" in body["message"]


def test_a_code_used_twice_is_refused(wx, code2session):
    code = code2session.login_code("oWx-worker-1")
    assert wechat(wx, code).status_code == 200
    assert assert_error(wechat(wx, code), 401)["error_code"] == "wechat_code_used"


@pytest.mark.parametrize("errcode, status, error_code", [
    (45011, 429, "wechat_rate_limited"), (-1, 503, "wechat_busy"), (40226, 403, "wechat_user_blocked"),
    (40999, 502, "wechat_error")])
def test_wechat_errors_become_plain_answers(wx, code2session, errcode, status, error_code):
    code2session.errors["scripted"] = errcode
    body = assert_error(wechat(wx, "scripted"), status)
    assert body["error_code"] == error_code


def test_a_wrong_app_secret_is_our_fault_not_the_workers(make_app, code2session):
    app = make_app(**dict(code2session.config, WECHAT_SECRET="wrong"))
    body = assert_error(wechat(app.test_client(), code2session.login_code("oWx-1")), 502)
    assert body["error_code"] == "wechat_error"


def test_wechat_unreachable_is_a_503(make_app, code2session):
    url = code2session.url
    code2session.shutdown()
    code2session.server_close()
    app = make_app(**dict(code2session.config, WECHAT_CODE2SESSION_URL=url, WECHAT_TIMEOUT_SECONDS=2))
    assert assert_error(wechat(app.test_client(), "any-code"), 503)["error_code"] == "wechat_unreachable"


def test_without_wechat_settings_the_endpoint_says_it_is_off(client):
    # A deliberate, lasting answer (this server has no WeChat login), not a fault to retry: a 404.
    assert assert_error(wechat(client, "any-code"), 404)["error_code"] == "wechat_not_enabled"
