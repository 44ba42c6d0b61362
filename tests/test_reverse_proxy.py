"""Production runs behind nginx (deploy/nginx.conf): slow clients wait there, and tokens stay out of logs.

Real servers on loopback: gunicorn as the Procfile runs it, Debian's nginx (`make system`) in front.
"""
import json
import re
import secrets
import urllib.error
import urllib.request

from tests.served import Gunicorn, SlowClients, healthz, nginx


def test_healthz_is_answered_through_nginx_while_thirty_slow_clients_trickle(tmp_path):
    # Two threads: without the proxy, two slow clients would already hold this gunicorn (bench/slow_clients.py).
    with Gunicorn({"APP_ENV": "development", "WEB_THREADS": "2"}, tmp_path) as app:
        assert app.code is None, app.err
        with nginx(app.port, tmp_path) as (port, _log), SlowClients(port, n=30):
            assert [healthz(port, timeout=10) for _ in range(3)] == [200, 200, 200]


def test_one_request_id_in_nginx_s_log_the_app_s_line_and_the_answer(tmp_path):
    """The id nginx makes ($request_id) is passed to the app and in nginx's log; the app logs the same one and
    answers with it.
    An id a client sends is replaced by nginx's, not passed on."""
    with Gunicorn({"APP_ENV": "development"}, tmp_path, migrate=True) as app:
        assert app.code is None, app.err
        with nginx(app.port, tmp_path) as (port, access_log):
            answered = []
            for sent in (None, "13800138000", "feedfacefeedfacefeedfacefeedface"):
                headers = {"X-Request-Id": sent} if sent else {}
                request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/me", headers=headers)
                try:
                    urllib.request.urlopen(request, timeout=10)
                except urllib.error.HTTPError as exc:
                    assert exc.code == 401  # not signed in; what matters is the id
                    answered.append(exc.headers["X-Request-Id"])
        app_lines = [json.loads(line) for line in app.err.splitlines() if line.startswith("{")]
    assert len(set(answered)) == 3 and all(re.fullmatch(r"[0-9a-f]{32}", rid) for rid in answered), answered
    assert "feedfacefeedfacefeedfacefeedface" not in answered and "13800138000" not in answered
    nginx_ids = [line.split()[-1] for line in access_log.read_text().splitlines() if "/api/v1/me" in line]
    assert nginx_ids == answered
    assert [line["request_id"] for line in app_lines if line["route"] == "/api/v1/me"] == answered


def test_sign_up_tokens_stay_out_of_both_access_logs(tmp_path):
    token = secrets.token_urlsafe(16)
    with Gunicorn({"APP_ENV": "development", "ACCESS_LOG": str(tmp_path / "gunicorn.access")}, tmp_path,
                  migrate=True) as app:
        assert app.code is None, app.err
        with nginx(app.port, tmp_path) as (port, access_log):
            for base in (f"http://127.0.0.1:{port}", f"http://127.0.0.1:{app.port}"):
                try:
                    urllib.request.urlopen(f"{base}/api/v1/signups/{token}?x=1", timeout=10)
                except urllib.error.HTTPError as exc:
                    assert exc.code == 404  # no such sign-up; what matters is the log line
    logs = {"nginx": access_log.read_text(), "gunicorn": (tmp_path / "gunicorn.access").read_text()}
    for name, text in logs.items():
        assert "/api/v1/signups/[token]" in text, (name, text)
        assert token not in text, name


def test_a_tracking_look_up_by_url_leaves_neither_phone_nor_code_in_the_access_logs(tmp_path):
    # GET /applications/track?code=&phone= is allowed (the PWA posts instead); the logs must not keep either.
    phone, code = "13912345678", "XKCDPQRT"
    with Gunicorn({"APP_ENV": "development", "ACCESS_LOG": str(tmp_path / "gunicorn.access")}, tmp_path,
                  migrate=True) as app:
        assert app.code is None, app.err
        with nginx(app.port, tmp_path) as (port, access_log):
            for base in (f"http://127.0.0.1:{port}", f"http://127.0.0.1:{app.port}"):
                for query in (f"code={code}&phone={phone}", f"phone={phone}&code={code}"):
                    try:
                        urllib.request.urlopen(f"{base}/api/v1/applications/track?{query}", timeout=10)
                    except urllib.error.HTTPError as exc:
                        assert exc.code == 404  # no such application; what matters is the log line
    logs = {"nginx": access_log.read_text(), "gunicorn": (tmp_path / "gunicorn.access").read_text()}
    for name, text in logs.items():
        assert "/api/v1/applications/track" in text, (name, text)
        assert phone not in text and code not in text, (name, text)


def test_a_tracking_code_stays_out_of_referers_limiter_log_lines_and_limiter_keys(tmp_path):
    """Pages that once had the code in their address send it as the Referer; guessing phones for it hits the
    per-code limit, which Flask-Limiter logs and counts in Redis: none of these may show the code."""
    import json

    import redis

    code, namespace = "XKCDPQRT", f"served-{secrets.token_hex(6)}"
    settings = {"APP_ENV": "development", "ACCESS_LOG": str(tmp_path / "gunicorn.access"),
                "REDIS_URL": "redis://127.0.0.1:6379/0", "RATELIMIT_NAMESPACE": namespace}
    statuses = []
    with Gunicorn(settings, tmp_path, migrate=True) as app:
        assert app.code is None, app.err
        with nginx(app.port, tmp_path) as (port, access_log):
            for base in (f"http://127.0.0.1:{port}", f"http://127.0.0.1:{app.port}"):
                for n in range(4):
                    request = urllib.request.Request(
                        f"{base}/api/v1/applications/track", method="POST",
                        data=json.dumps({"code": code.lower(), "phone": f"1390000{n:04d}"}).encode(),
                        headers={"Content-Type": "application/json", "Referer": f"{base}/aid/track?code={code}"})
                    try:
                        urllib.request.urlopen(request, timeout=10)
                    except urllib.error.HTTPError as exc:
                        statuses.append(exc.code)
                try:  # an old link to the tracking page, opened cold: the page load itself is logged
                    urllib.request.urlopen(f"{base}/aid/track?code={code}", timeout=10)
                except urllib.error.HTTPError:
                    pass  # served or not (no PWA build), what matters is the log line
        store = redis.Redis.from_url(settings["REDIS_URL"])
        keys = [k.decode() for k in store.scan_iter(f"*{namespace}*")]
        if keys:
            store.delete(*keys)
    assert statuses[:5] == [404] * 5 and 429 in statuses, statuses
    assert keys and not [k for k in keys if code in k.upper()], keys
    logs = {"nginx": access_log.read_text(), "gunicorn": (tmp_path / "gunicorn.access").read_text(),
            "app": app.err}
    assert "exceeded" in logs["app"] and "/aid/track" in logs["gunicorn"], logs
    for name, text in logs.items():
        assert code not in text.upper(), (name, text)


def test_a_texted_short_link_leaves_no_code_in_the_access_logs(tmp_path):
    # /t/<code> from an SMS opens the app; its own line and the Referer of what the page then loads keep no code.
    code = "XKCDPQRT"
    with Gunicorn({"APP_ENV": "development", "ACCESS_LOG": str(tmp_path / "gunicorn.access")}, tmp_path,
                  migrate=True) as app:
        assert app.code is None, app.err
        with nginx(app.port, tmp_path) as (port, access_log):
            for base in (f"http://127.0.0.1:{port}", f"http://127.0.0.1:{app.port}"):
                for path, referer in ((f"/t/{code}", None), ("/healthz", f"{base}/t/{code}?x=1")):
                    request = urllib.request.Request(base + path, headers={"Referer": referer} if referer else {})
                    try:
                        urllib.request.urlopen(request, timeout=10)
                    except urllib.error.HTTPError:
                        pass  # no built app here (404); what matters is the log line
    logs = {"nginx": access_log.read_text(), "gunicorn": (tmp_path / "gunicorn.access").read_text()}
    for name, text in logs.items():
        assert "/t/[code]" in text, (name, text)
        assert code not in text, (name, text)


def _size(value: str) -> int:
    """An nginx size ("12m", "512k", "1048576") in bytes."""
    units = {"k": 1024, "m": 1024 ** 2, "g": 1024 ** 3}
    return int(value[:-1]) * units[value[-1].lower()] if value[-1].lower() in units else int(value)


def _body_limits() -> dict[str, int]:
    """client_max_body_size in deploy/nginx.conf: "server" for the server block, else by location."""
    import re
    from pathlib import Path
    text = (Path(__file__).resolve().parent.parent / "deploy" / "nginx.conf").read_text()
    text = re.sub(r"#[^\n]*", "", text)
    limits, where = {}, []
    for token in re.finditer(r"(location\s+[^{]+|server\s*)\{|\}|client_max_body_size\s+(\S+);", text):
        if token.group(0) == "}":
            where and where.pop()
        elif token.group(2):
            limits[where[-1] if where else "http"] = _size(token.group(2))
        else:
            where.append(" ".join(token.group(1).split()).removeprefix("location ") or "server")
    return limits


def test_nginx_lets_through_every_body_the_app_takes():
    from server.config import Config
    from server.media.routes import REQUEST_LIMIT
    limits = _body_limits()
    assert limits["server"] >= Config({}).MAX_CONTENT_LENGTH
    # A photo up to the app's own limit (15 MB and its form) must reach the app, which answers in its format.
    assert limits["= /api/v1/uploads"] >= REQUEST_LIMIT
    assert limits["= /api/v1/uploads"] - REQUEST_LIMIT < 1024 ** 2  # and not much more: the app refuses beyond


def test_a_14_mb_upload_reaches_the_app_through_nginx_and_a_17_mb_one_is_refused_in_the_api_format(tmp_path):
    import io
    import json
    import uuid

    from werkzeug.datastructures import FileStorage
    from werkzeug.test import encode_multipart
    body = b"\xff\xd8" + secrets.token_bytes(14 * 1024 ** 2)  # 14 MB that claim to be a JPEG and are not
    boundary, data = encode_multipart({"id": str(uuid.uuid4()), "submission_id": "submission-0001",
                                       "file": FileStorage(io.BytesIO(body), "photo.jpg", content_type="image/jpeg")})
    answers = []
    with Gunicorn({"APP_ENV": "development"}, tmp_path, migrate=True) as app:
        assert app.code is None, app.err
        with nginx(app.port, tmp_path) as (port, _log):
            for payload in (data, data + secrets.token_bytes(3 * 1024 ** 2)):  # 14 MB, then 17 MB
                request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/uploads", data=payload,
                                                 method="POST", headers={
                                                     "Content-Type": f"multipart/form-data; boundary={boundary}"})
                try:
                    urllib.request.urlopen(request, timeout=60)
                except urllib.error.HTTPError as exc:
                    answers.append((exc.code, exc.read()))
    (status, answer), (too_big, refusal) = answers
    assert status == 415, answer[:200]  # the app's answer (not a photo), not nginx's 413 page
    assert json.loads(answer)["error_code"] == "not_an_image"
    # Past nginx's limit: still the API's one error format, in Chinese.
    assert too_big == 413 and json.loads(refusal)["code"] == 413 and "太大" in json.loads(refusal)["message"]


def test_request_lines_too_long_for_gunicorn_or_for_nginx_get_the_same_documented_answer(tmp_path):
    import json
    answers = []
    with Gunicorn({"APP_ENV": "development"}, tmp_path) as app:
        assert app.code is None, app.err
        with nginx(app.port, tmp_path) as (port, _log):
            for length in (6000, 12000):  # over gunicorn's 4094 only; over nginx's 8 kB too
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/cards?q={'1' * length}", timeout=30)
                except urllib.error.HTTPError as exc:
                    answers.append((exc.code, exc.headers["Content-Type"].split(";")[0], json.loads(exc.read())))
    assert len(answers) == 2
    for status, content_type, body in answers:
        assert (status, content_type, body["code"], body["error_code"]) == (400, "application/json", 400,
                                                                          "request_refused")
    assert answers[0][2]["message"] == answers[1][2]["message"]


def test_nginx_lets_idle_connections_to_gunicorn_go_before_gunicorn_closes_them():
    """An idle upstream connection kept by nginx longer than gunicorn keeps it: a request nginx sends on it as
    gunicorn closes it is reset, and nginx answers a POST with 502 (bench/load.py: 7 in a minute, no worker died)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    text = re.sub(r"#[^\n]*", "", (root / "deploy" / "nginx.conf").read_text())
    upstream = re.search(r"upstream\s+gongyou_app\s*\{([^}]*)\}", text).group(1)
    found = re.search(r"^\s*keepalive_timeout\s+(\d+)s?;", upstream, re.M)
    nginx_idle = int(found.group(1)) if found else 60  # nginx's default
    gunicorn_conf = (root / "gunicorn.conf.py").read_text()
    gunicorn_idle = int(re.search(r"^keepalive\s*=\s*(\d+)", gunicorn_conf, re.M).group(1))
    assert nginx_idle < gunicorn_idle
