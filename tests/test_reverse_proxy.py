"""Production runs behind nginx (deploy/nginx.conf): slow clients wait there, and tokens stay out of logs.

Real servers on loopback: gunicorn as the Procfile runs it, Debian's nginx (`make system`) in front.
"""
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
