"""The security baseline: headers the PWA works under, CORS only for known origins, shared rate limits."""
import os

import pytest
from flask.views import MethodView
from flask_smorest import Blueprint

from server.extensions import limiter
from server.security import limited, submission_limit
from tests.test_errors import assert_error


@pytest.fixture
def pwa(make_app, tmp_path):
    (tmp_path / "index.html").write_text('<!doctype html><script type="module" src="/assets/app.js"></script>')
    return make_app(PWA_DIST=str(tmp_path)).test_client()


def csp(resp) -> dict:
    return {d.split()[0]: d.split()[1:] for d in resp.headers["Content-Security-Policy"].split("; ")}


def test_the_app_shell_may_run_only_its_own_scripts_and_never_be_framed(pwa):
    with pwa.get("/cards/wage-arrears") as resp:
        policy = csp(resp)
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["worker-src"] == ["'self'"]
    assert "blob:" in policy["img-src"]  # photo previews before upload
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert resp.headers["Referrer-Policy"] == "same-origin"
    assert "camera=(self)" in resp.headers["Permissions-Policy"]  # QR scanning at the gate


def test_api_answers_allow_nothing_to_run(client):
    resp = client.get("/api/v1/topics")
    assert csp(resp)["default-src"] == ["'none'"]
    assert resp.headers["X-Frame-Options"] == "DENY"
    assert_error(client.get("/api/v1/nothing-here"), 404).keys()  # errors carry the headers too
    assert "Content-Security-Policy" in client.get("/api/v1/nothing-here").headers


def test_the_api_docs_page_may_load_swagger_from_the_app_only(client):
    resp = client.get("/api/v1/docs")
    policy = csp(resp)
    assert policy["script-src"][0] == "'self'"
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in client.get("/api/v1/openapi.json").headers["Content-Security-Policy"]


def test_hsts_only_over_tls(client):
    assert "Strict-Transport-Security" not in client.get("/healthz").headers
    secure = client.get("/healthz", base_url="https://gongyou.example")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_behind_a_proxy_the_forwarded_scheme_counts(make_app):
    client = make_app(PROXY_HOPS=1).test_client()
    resp = client.get("/healthz", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "1.2.3.4"})
    assert "Strict-Transport-Security" in resp.headers


def test_cors_only_for_configured_origins(make_app):
    client = make_app(CORS_ORIGINS=["https://admin.gongyou.example"]).test_client()
    ok = client.get("/api/v1/topics", headers={"Origin": "https://admin.gongyou.example"})
    assert ok.headers["Access-Control-Allow-Origin"] == "https://admin.gongyou.example"
    assert ok.headers["Access-Control-Allow-Credentials"] == "true"
    other = client.get("/api/v1/topics", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in other.headers
    preflight = client.options("/api/v1/auth/login", headers={
        "Origin": "https://admin.gongyou.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "Content-Type, X-CSRF-TOKEN"})
    assert "x-csrf-token" in preflight.headers["Access-Control-Allow-Headers"].lower()


def test_no_cors_at_all_by_default(client):
    resp = client.get("/api/v1/topics", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in resp.headers


def test_submissions_are_throttled_moderately(make_app):
    app = make_app(RATELIMIT_SUBMISSIONS="3 per minute")
    blp = Blueprint("probe", __name__, url_prefix="/api/v1/probe")

    @blp.route("")
    class Probe(MethodView):
        @limited(submission_limit)
        @blp.response(201)
        def post(self):
            return {}

    from server.extensions import api
    api.register_blueprint(blp)
    client = app.test_client()
    assert [client.post("/api/v1/probe").status_code for _ in range(4)] == [201, 201, 201, 429]


def test_rate_limits_live_in_redis_when_redis_url_is_set(app):
    expected = "RedisStorage" if os.environ.get("REDIS_URL") else "MemoryStorage"
    assert type(limiter.storage).__name__ == expected
    assert app.config["RATELIMIT_STORAGE_URI"] == (os.environ.get("REDIS_URL") or "memory://")


def test_if_redis_goes_away_sign_in_still_works_and_is_still_throttled(make_app, make_user, monkeypatch):
    monkeypatch.setattr(limiter, "_storage_dead", False)  # put the shared limiter back as it was afterwards
    app = make_app(RATELIMIT_STORAGE_URI="redis://127.0.0.1:1/0")  # nothing listens there
    staff = make_user("staff", app=app, password="right-password-1")
    client = app.test_client()

    def login(password):
        return client.post("/api/v1/auth/login", json={"username": staff.username, "password": password}).status_code

    assert login("right-password-1") == 200
    assert [login("wrong-guess-1") for _ in range(6)] == [401] * 5 + [429]


def test_only_a_refused_request_carries_the_limiters_retry_after(make_app):
    app = make_app(RATELIMIT_SUBMISSIONS="1 per minute")
    client = app.test_client()
    ok = client.post("/api/v1/events/1/signups", json={"name": "x", "phone": "13800138000"})
    assert ok.status_code == 404 and "Retry-After" not in ok.headers
    limited = client.post("/api/v1/events/1/signups", json={"name": "x", "phone": "13800138000"})
    assert limited.status_code == 429 and 1 <= int(limited.headers["Retry-After"]) <= 60
