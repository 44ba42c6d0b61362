"""Nothing personal reaches a log or /metrics: real flows run through the app (a sign-up with a phone code, a
legal-aid application, tracking by code and phone, a staff case view that shows the phone, a password sign-in, a
token refresh), every log record of every logger is captured at DEBUG, with the access log gunicorn would write
for those requests (gunicorn.conf.py's redaction over each request line and Referer) and a /metrics scrape; then
each of them is searched for every full phone, ID number, tracking code, phone code, password and token used.

The one JSON line per request (server/metrics.py) is among what is captured, and is checked for its fields.
"""
import importlib.util
import json
import logging
import re

import pytest

from tests.photos import id_number

from .conftest import ROOT

PASSWORD = "correct horse battery staple 9"
WORKER_PHONE = "13912345670"
METRICS_TOKEN = "m" * 20 + "0123456789abcdefghijklmnopqrstuvwxyz"


@pytest.fixture
def gunicorn_conf(monkeypatch, tmp_path):
    """gunicorn.conf.py as a module, loaded without touching this process's environment for good."""
    monkeypatch.setenv("APP_ENV", "test")
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))  # named: the file makes no folder of its own
    spec = importlib.util.spec_from_file_location("gunicorn_conf_under_test", ROOT / "gunicorn.conf.py")
    module = importlib.util.module_from_spec(spec)
    requests_log = logging.getLogger("server.requests")
    handlers, propagate = list(requests_log.handlers), requests_log.propagate
    spec.loader.exec_module(module)
    # The request lines go on to caplog's handler on the root logger, as every other logger's do.
    requests_log.handlers[:], requests_log.propagate = handlers, propagate
    return module


class AccessLog:
    """WSGI middleware writing what gunicorn's access log (RedactingLogger, default format) would for a request."""

    def __init__(self, app, conf):
        self.app, self.conf, self.lines = app, conf, []

    def __call__(self, environ, start_response):
        def start(status, headers, exc_info=None):
            query = environ.get("QUERY_STRING")
            uri = environ["PATH_INFO"] + (f"?{query}" if query else "")  # gunicorn's RAW_URI (Werkzeug's has no query)
            line = self.conf.redact(f"{environ['REQUEST_METHOD']} {uri} HTTP/1.1")
            referer = self.conf.redact_referer(environ.get("HTTP_REFERER", "-"))
            self.lines.append(f'127.0.0.1 - - [-] "{line}" {status.split()[0]} - "{referer}" '
                              f'"{environ.get("HTTP_USER_AGENT", "-")}"')
            return start_response(status, headers, exc_info)
        return self.app(environ, start)


def leaks(text: str, secrets: dict[str, str]) -> list[str]:
    """The names of the secrets that appear in `text` (phones and ID numbers also with spaces or dashes)."""
    squeezed = re.sub(r"[\s-]", "", text)
    return sorted(name for name, value in secrets.items() if value and (value in text or value in squeezed))


def test_the_search_finds_a_planted_secret():
    """The search below can fail: a phone, an ID number or a code in any form of a line is found."""
    secrets = {"phone": "13912345670", "code": "ACD34EFG", "id": id_number()}
    assert leaks("SMS to 139 1234 5670", secrets) == ["phone"]
    assert leaks(f'GET /t/ACD3-4EFG "{id_number()}"', secrets) == ["code", "id"]
    assert leaks("SMS to *******5670: [查询码]", secrets) == []


def test_no_log_line_and_no_metric_holds_a_phone_an_id_number_a_code_a_password_or_a_token(
        make_app, make_user, auth, make_application, gunicorn_conf, caplog):
    from tests.fakes import SmsOutbox
    app = make_app(METRICS_TOKEN=METRICS_TOKEN)
    outbox = SmsOutbox()
    app.extensions["sms_sender"] = outbox
    access = AccessLog(app.wsgi_app, gunicorn_conf)
    app.wsgi_app = access
    client = app.test_client()
    caplog.set_level(logging.DEBUG)  # the root logger: every logger that propagates, at every level
    secrets: dict[str, str] = {"password": PASSWORD}

    # A worker signs up with a code texted to their phone.
    assert client.post("/api/v1/auth/otp", json={"phone": WORKER_PHONE}).status_code == 202
    otp = outbox.last_code(WORKER_PHONE)
    signed = client.post("/api/v1/auth/otp/verify", json={"phone": WORKER_PHONE, "code": otp,
                                                          "token_delivery": "header"})
    assert signed.status_code == 200, signed.get_json()
    secrets |= {"otp": otp, "worker phone": WORKER_PHONE, "worker access": signed.get_json()["access_token"],
                "worker refresh": signed.get_json()["refresh_token"]}
    worker = {"Authorization": f"Bearer {signed.get_json()['access_token']}"}

    # The worker applies for legal aid (a photo of evidence first, as the PWA does), then tracks it.
    number = id_number(serial="457")
    sent = make_application(client, photos=1, phone=WORKER_PHONE, id_number=number, headers=worker,
                            employer_phone="13700007777",
                            coworkers=[{"name": "李四", "phone": "13600006666"}])
    code = sent["code"]
    secrets |= {"id number": number, "employer phone": "13700007777", "coworker phone": "13600006666",
                "tracking code": code, "tracking code compact": code.replace("-", "")}
    by_url = client.get("/api/v1/applications/track", query_string={"code": code, "phone": WORKER_PHONE},
                        headers={"Referer": f"http://localhost/track?code={code}&phone={WORKER_PHONE}"})
    assert by_url.status_code == 200, by_url.get_json()
    by_body = client.post("/api/v1/applications/track", json={"code": code, "phone": WORKER_PHONE})
    assert by_body.status_code == 200
    short_link = client.get(f"/t/{code.replace('-', '')}")
    assert short_link.status_code in (200, 302, 404)  # served or redirected: only its line matters here
    assert client.get("/api/v1/me/applications", headers=worker).status_code == 200

    # Staff find the case by its phone, its ID number and its code typed in the search box, open it (the ID number
    # in full) and tap 打电话 (the phone in full).
    staff = auth(client, "staff")
    secrets |= {"staff access": staff["Authorization"].split()[1],
                "staff refresh": staff.refresh["Authorization"].split()[1]}
    for q in (WORKER_PHONE, number, code, code.replace("-", "")):
        found = client.get("/api/v1/cases", query_string={"q": q}, headers=staff)
        assert found.status_code == 200 and [r["id"] for r in found.get_json()["items"]] == [sent["id"]], q
    full = client.get(f"/api/v1/cases/{sent['id']}", headers=staff)
    assert full.status_code == 200 and full.get_json()["id_number"] == number
    call = client.post(f"/api/v1/cases/{sent['id']}/call", headers=staff)
    assert call.status_code == 200 and call.get_json()["phone"] == WORKER_PHONE

    # A volunteer signs in with a password and refreshes the token.
    volunteer = make_user("volunteer", app=app, password=PASSWORD, phone="13500005555")
    secrets["volunteer phone"] = "13500005555"
    login = client.post("/api/v1/auth/login", json={"username": volunteer.username, "password": PASSWORD,
                                                    "token_delivery": "header"})
    assert login.status_code == 200, login.get_json()
    secrets |= {"volunteer access": login.get_json()["access_token"],
                "volunteer refresh": login.get_json()["refresh_token"]}
    refreshed = client.post("/api/v1/auth/refresh", json={"token_delivery": "header"},
                            headers={"Authorization": f"Bearer {login.get_json()['refresh_token']}"})
    assert refreshed.status_code == 200, refreshed.get_json()
    secrets |= {"refreshed access": refreshed.get_json()["access_token"],
                "refreshed refresh": refreshed.get_json()["refresh_token"]}
    assert client.post("/api/v1/auth/login", json={"username": volunteer.username,
                                                   "password": PASSWORD + "x"}).status_code == 401

    scrape = client.get("/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
    assert scrape.status_code == 200
    metrics_text = scrape.get_data(as_text=True)

    records = caplog.records
    logged = "\n".join(
        [caplog.text] + [f"{r.name} {r.getMessage()} {r.args!r} {r.exc_text or ''}" for r in records])
    assert access.lines and "/applications/track?code=[hidden]&phone=[hidden]" in "\n".join(access.lines)
    for where, text in (("the app's log", logged), ("the access log", "\n".join(access.lines)),
                        ("/metrics", metrics_text)):
        assert leaks(text, secrets) == [], f"{where} holds {leaks(text, secrets)}"

    # One JSON line per request, with the route's rule (never the path), its status, and who asked by role.
    lines = [json.loads(r.getMessage()) for r in records if r.name == "server.requests"]
    assert len(lines) == len(access.lines)
    assert {tuple(sorted(line)) for line in lines} == {
        ("account", "method", "ms", "office", "request_id", "role", "route", "status")}
    assert all(re.fullmatch(r"[0-9a-f]{16}", line["request_id"]) for line in lines)
    # The office: the signed-in account's (an id, never a name); none for a request without an account or a worker's.
    assert all(line["office"] is None for line in lines if line["role"] in (None, "worker"))
    case_view = next(line for line in lines if line["route"] == "/api/v1/cases/<int:application_id>")
    assert case_view == {**case_view, "method": "GET", "status": 200, "role": "staff", "account": staff.user.id,
                         "office": staff.user.office_id} and staff.user.office_id is not None
    by_request = dict(zip(access.lines, lines, strict=True))
    assert [line["route"] for request, line in by_request.items() if "/t/[code]" in request] == ["/<outside_api:path>"]
    assert [line["role"] for request, line in by_request.items() if "/auth/refresh" in request] == ["volunteer"]
