"""The security baseline: headers the PWA works under, CORS only for known origins, shared rate limits."""
import os
import re

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
    headers = getattr(resp, "headers", resp)  # an answer or its headers
    return {d.split()[0]: d.split()[1:] for d in headers["Content-Security-Policy"].split("; ")}


def test_the_app_shell_may_run_only_its_own_scripts_and_never_be_framed(pwa):
    with pwa.get("/cards/wage-arrears") as resp:
        policy = csp(resp)
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["worker-src"] == ["'self'"]
    assert "blob:" in policy["img-src"]  # photo previews before upload
    for fetches in ("connect-src", "font-src", "manifest-src"):  # its own, or default-src's: the app's origin only
        assert policy.get(fetches, policy["default-src"]) == ["'self'"], fetches
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert resp.headers["Referrer-Policy"] == "same-origin"
    assert "camera=(self)" in resp.headers["Permissions-Policy"]  # QR scanning at the gate
    # 问一问: a question or an answer recorded by voice, by the app itself; no other origin's frame.
    assert "microphone=(self)" in resp.headers["Permissions-Policy"]
    assert "blob:" in policy["media-src"]  # a recording played back before it is sent


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


# --- which answers carry which headers (issue 18, item 29: ~730 bytes of headers on each of 21 answers) ---

DOCUMENT_HEADERS = ("Content-Security-Policy", "X-Frame-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy",
                    "Permissions-Policy", "X-Content-Type-Options")


@pytest.fixture
def dist(make_app, tmp_path):
    (tmp_path / "assets").mkdir()
    files = {"index.html": "<!doctype html><title>工友法援</title>",
             "aid-apply.html": "<!doctype html><title>申请</title>",
             "sw.js": "self.addEventListener('fetch', () => {});", "manifest.webmanifest": '{"name": "工友法援"}',
             "assets/index-3f2a.js": "console.log('工友');", "assets/index-3f2a.css": "body{color:#111}",
             "assets/search-worker-9c1d.js": "onmessage = () => {};",
             "assets/logo-77aa.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'}
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    (tmp_path / "favicon.ico").write_bytes(b"\0\0\1\0" + b"\0" * 60)
    (tmp_path / "icon-192.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    return make_app(PWA_DIST=str(tmp_path)).test_client()


def headers_of(client, url, **kw):
    with client.get(url, headers={"Accept-Encoding": "br, gzip"}, **kw) as resp:
        assert resp.status_code == 200, url
        return resp.headers


@pytest.mark.parametrize("url", ["/", "/cards/wage-arrears", "/aid/apply", "/index.html", "/sw.js",
                                 "/assets/search-worker-9c1d.js", "/assets/logo-77aa.svg"])
def test_pages_the_service_worker_and_web_workers_get_every_header(dist, url):
    """A page, and a worker (its policy comes from its own script's answer), or an SVG opened on its own
    (a document that can run script): the full set, the app's CSP."""
    headers = headers_of(dist, url)
    assert all(name in headers for name in DOCUMENT_HEADERS), [n for n in DOCUMENT_HEADERS if n not in headers]
    assert csp(headers)["script-src"] == ["'self'"]


@pytest.mark.parametrize("url", ["/assets/index-3f2a.js", "/assets/index-3f2a.css", "/favicon.ico", "/icon-192.png",
                                 "/manifest.webmanifest"])
def test_scripts_styles_images_and_the_manifest_carry_only_what_applies_to_them(dist, url):
    """A page's script, style, image or manifest never becomes a document or a worker (nosniff keeps the
    browser from guessing otherwise): a CSP, framing, referrer, opener or permissions policy on it does
    nothing, and on 2G each answer's ~500 bytes of them cost a worker's first visit 8 KB."""
    headers = headers_of(dist, url)
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert [n for n in DOCUMENT_HEADERS[:-1] if n in headers] == []
    secure = headers_of(dist, url, base_url="https://gongyou.example")
    assert secure["Strict-Transport-Security"].startswith("max-age=31536000")  # the browser keeps HSTS from any answer


@pytest.mark.parametrize("url", ["/", "/aid/apply", "/sw.js", "/assets/search-worker-9c1d.js", "/assets/index-3f2a.js"])
def test_a_not_modified_answer_carries_only_what_updates_the_browsers_copy(dist, url):
    """A 304 updates the stored 200's headers with its own: the policies stay as the 200 set them, so only
    the cache's headers go out again (RFC 9110, 15.4.5), and HSTS over TLS."""
    first = headers_of(dist, url, base_url="https://gongyou.example")
    again = dist.get(url, base_url="https://gongyou.example",
                     headers={"Accept-Encoding": "br, gzip", "If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.headers["ETag"] == first["ETag"] and again.headers["Cache-Control"] == first["Cache-Control"]
    assert again.headers["Vary"] == "Accept-Encoding"
    assert [n for n in DOCUMENT_HEADERS if n in again.headers] == []
    assert again.headers["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.parametrize("url", ["/api/v1/topics", "/api/v1/content/pack", "/healthz"])
def test_api_answers_keep_every_header(client, url):
    headers = headers_of(client, url)
    assert all(name in headers for name in DOCUMENT_HEADERS)
    assert csp(headers)["default-src"] == ["'none'"]


def test_every_worker_the_app_starts_is_served_as_a_worker():
    """The app's workers (`new Worker(new URL('./x.ts'))`, the service worker) get the full set only if
    their built name says so: a new worker file not named *worker* would lose its CSP."""
    from pathlib import Path

    from server.security import worker_script

    src = Path(__file__).resolve().parent.parent / "pwa" / "src"
    found = []
    for file in [*src.rglob("*.ts"), *src.rglob("*.tsx")]:
        text = file.read_text()
        started = re.findall(r"new (?:Shared)?Worker\(new URL\('\./([\w-]+)\.ts'", text)
        # or its built URL imported (`import url from './x.ts?worker&url'`), for a worker also run as a script
        started += re.findall(r"from '\./([\w-]+)\.ts\?(?:shared)?worker&url'", text)
        found += [f"/assets/{name}-Ab12_-x9.js" for name in started]
        found += re.findall(r"\.register\('(/[\w.-]+\.js)'", text)
    assert "/sw.js" in found and len(found) >= 2, found
    assert [path for path in found if not worker_script(path)] == []
