"""/metrics for Prometheus (server/metrics.py): only with METRICS_TOKEN, labelled by route rules (never a URL's
codes, ids or phones), counting requests, sync results, SMS failures, the open cases past an Art. 43 deadline and the
jobs queued and failed;
and under gunicorn one scrape adds up every worker."""
import json
import os
import re
import threading
import time
import urllib.request
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families
from redis import Redis

from server import jobs
from server.config import UnsafeConfig
from tests.casework import change
from tests.served import Gunicorn
from tests.test_cases_sms import DownSender
from tests.test_jobs import QUEUED, _forget, _test_redis_url
from tests.test_startup_safety import production, start_with_env

TOKEN = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH"
SCRAPE = {"Authorization": f"Bearer {TOKEN}"}


def scrape(client) -> str:
    resp = client.get("/metrics", headers=SCRAPE)
    assert resp.status_code == 200 and resp.mimetype == "text/plain"
    assert resp.headers["Cache-Control"] == "no-store"
    return resp.get_data(as_text=True)


def samples(text: str, name: str) -> dict[tuple, float]:
    """{sorted label items: value} of one sample name."""
    return {tuple(sorted(s.labels.items())): s.value for family in text_string_to_metric_families(text)
            for s in family.samples if s.name == name}


def value(text: str, name: str, **labels) -> float:
    return samples(text, name).get(tuple(sorted(labels.items())), 0.0)


def test_without_a_token_configured_there_is_no_metrics_endpoint(client):
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", headers=SCRAPE).status_code == 404
    assert client.get("/metrics", headers={"Authorization": "Bearer "}).status_code == 404


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Bearer {TOKEN}x", TOKEN, f"Basic {TOKEN}",
                                    f"bearer {TOKEN[:-1]}"])
def test_a_missing_or_wrong_token_gets_404_as_if_there_were_none(make_app, header):
    client = make_app(METRICS_TOKEN=TOKEN).test_client()
    resp = client.get("/metrics", headers={"Authorization": header} if header else {})
    assert resp.status_code == 404 and resp.get_json()["code"] == 404
    assert scrape(client)  # the right one is answered


def test_production_refuses_a_weak_metrics_token_and_starts_with_a_strong_one(monkeypatch, tmp_path):
    with pytest.raises(UnsafeConfig, match="METRICS_TOKEN is weak"):
        start_with_env(monkeypatch, production(tmp_path, METRICS_TOKEN="prometheus"))
    assert start_with_env(monkeypatch, production(tmp_path, METRICS_TOKEN=TOKEN)).config["METRICS_TOKEN"] == TOKEN


def test_requests_are_counted_by_route_rule_and_status_never_by_url(make_app, make_application, auth):
    app = make_app(METRICS_TOKEN=TOKEN)
    client = app.test_client()
    sent = make_application(client)
    staff = auth(client, "staff")
    before = scrape(client)
    case = "/api/v1/cases/<int:application_id>"
    track = "/api/v1/applications/track"
    assert client.get(f"/api/v1/cases/{sent['id']}", headers=staff).status_code == 200
    assert client.get("/api/v1/cases/999999", headers=staff).status_code == 404
    assert client.get(track, query_string={"code": sent["code"], "phone": sent["phone"]}).status_code == 200
    assert client.get("/api/v1/nothing/13800138000").status_code == 404
    assert client.get(f"/t/{sent['code'].replace('-', '')}").status_code in (200, 404)
    after = scrape(client)
    for labels, n in [({"endpoint": case, "method": "GET", "status": "200"}, 1),
                      ({"endpoint": case, "method": "GET", "status": "404"}, 1),
                      ({"endpoint": track, "method": "GET", "status": "200"}, 1),
                      ({"endpoint": "unmatched", "method": "GET", "status": "404"}, 1)]:
        assert value(after, "gongyou_http_requests_total", **labels) - \
            value(before, "gongyou_http_requests_total", **labels) == n, labels
    assert value(after, "gongyou_http_request_duration_seconds_count", endpoint=case) - \
        value(before, "gongyou_http_request_duration_seconds_count", endpoint=case) == 2
    endpoints = {dict(k)["endpoint"] for k in samples(after, "gongyou_http_requests_total")}
    assert all(e == "unmatched" or e.startswith("/") for e in endpoints)
    assert not [e for e in endpoints if re.search(r"\d{3,}|/t/[A-Z0-9]", e)], endpoints  # no id, phone or code
    for secret in (sent["code"], sent["code"].replace("-", ""), sent["phone"], sent["body"]["id_number"],
                   str(sent["id"]), "13800138000"):
        assert f'"{secret}"' not in after and f"/{secret}" not in after


def test_an_odd_method_is_counted_as_other(make_app):
    client = make_app(METRICS_TOKEN=TOKEN).test_client()
    client.open("/healthz", method="FROBNICATE")
    methods = {dict(k)["method"] for k in samples(scrape(client), "gongyou_http_requests_total")}
    assert "other" in methods and "FROBNICATE" not in methods


def test_a_sane_request_id_is_kept_and_anything_else_replaced(client):
    given = uuid.uuid4().hex
    assert client.get("/healthz", headers={"X-Request-Id": given}).headers["X-Request-Id"] == given
    for odd in ("13800138000", "11010519900307123X", "ACD3-4EFG", "x" * 40, "a" * 65, "abcdef0123456789 x"):
        made = client.get("/healthz", headers={"X-Request-Id": odd}).headers["X-Request-Id"]
        assert made != odd and re.fullmatch(r"[0-9a-f]{16}", made)


def test_the_log_line_names_the_signed_in_accounts_office_without_a_query_of_its_own(app, client, auth, caplog):
    from sqlalchemy import event as sa_event

    from server.extensions import db
    from server.offices.models import Office
    from server.offices.scope import default_office_id
    with app.app_context():
        root = db.session.get(Office, default_office_id())
        county = Office(parent_id=root.id, name="锦江区法律援助中心", kind="legal_aid", division="510104")
        db.session.add(county)
        db.session.flush()
        county.path, county_id = f"{root.path}{county.id}/", county.id
        db.session.commit()
    staff, worker = auth(client, "staff", office_id=county_id), auth(client, "worker", phone="13800138000")
    statements: list[str] = []
    with app.app_context():
        engine = db.engine

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)
    caplog.set_level("INFO", logger="server.requests")
    sa_event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get("/api/v1/me", headers=staff).status_code == 200
    finally:
        sa_event.remove(engine, "before_cursor_execute", count)
    assert client.get("/api/v1/me", headers=worker).status_code == 200
    assert client.get("/healthz").status_code == 200
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "server.requests"]
    assert [(line["role"], line["office"]) for line in lines] == [("staff", county_id), ("worker", None), (None, None)]
    # The office is read from the account as the request loads it: one load of the user, no look-up of an office.
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert sum("users.office_id" in s for s in reads) == 1 and not any("FROM offices" in s for s in reads), reads


def test_sync_results_are_counted_by_type_and_result(make_app, make_user, auth, make_event):
    app = make_app(METRICS_TOKEN=TOKEN)
    client = app.test_client()
    volunteer = auth(client, "volunteer")
    event = make_event(volunteers=[volunteer.user])
    walkin = {"id": str(uuid.uuid4()), "type": "walkin", "event_id": event["id"], "name": "现场工友",
              "phone": "13911112222", "employer": "某班组", "device_time": event["starts_at"]}
    bogus = {"id": str(uuid.uuid4()), "type": "no-such-type-13800138000"}
    before = scrape(client)
    for _ in range(2):  # the second time: the connection dropped before the answer arrived
        resp = client.post("/api/v1/sync", json={"device_id": "phone-A", "operations": [walkin, bogus]},
                           headers=volunteer)
        assert resp.status_code == 200, resp.get_json()
    after = scrape(client)

    def moved(**labels):
        return value(after, "gongyou_sync_operations_total", **labels) - \
            value(before, "gongyou_sync_operations_total", **labels)
    assert moved(type="walkin", result="applied") == 1
    assert moved(type="walkin", result="duplicate") == 1
    assert moved(type="unknown", result="refused") == 2
    assert "no-such-type" not in after and "13911112222" not in after


def test_sms_failures_are_counted_by_kind(make_app):
    class Down:
        def send_code(self, *_args):
            raise ConnectionError("gateway down")

    app = make_app(METRICS_TOKEN=TOKEN)
    app.extensions["sms_sender"] = Down()
    client = app.test_client()
    before = value(scrape(client), "gongyou_sms_failures_total", kind="sign_in_code")
    assert client.post("/api/v1/auth/otp", json={"phone": "13812345678"}).status_code == 503
    assert value(scrape(client), "gongyou_sms_failures_total", kind="sign_in_code") == before + 1


def test_open_cases_past_an_art_43_deadline_are_counted_at_scrape_time(make_app, make_application):
    app = make_app(METRICS_TOKEN=TOKEN)
    client = app.test_client()
    late, on_time, closed = (make_application(client) for _ in range(3))
    assert samples(scrape(client), "gongyou_cases_overdue") == {
        (("clock", "decide"),): 0, (("clock", "materials"),): 0, (("clock", "assign"),): 0}
    change(app, late["id"], due_on=date.today() - timedelta(days=2))
    change(app, on_time["id"], due_on=date.today() + timedelta(days=5))
    change(app, closed["id"], due_on=date.today() - timedelta(days=2), stage="withdrawn")
    assert value(scrape(client), "gongyou_cases_overdue", clock="decide") == 1


@pytest.fixture
def queued_app(make_app):
    """An app with METRICS_TOKEN whose jobs go to a queue of its own on Redis db 13 (REDIS_URL), else run inline."""
    name = f"test-{uuid.uuid4().hex}"
    extra = {"JOBS_URL": _test_redis_url(), "JOBS_QUEUE": name, "JOBS_RETRY_INTERVALS": [0, 0]} if QUEUED else {}
    yield make_app(METRICS_TOKEN=TOKEN, **extra)
    if QUEUED:
        _forget(Redis.from_url(_test_redis_url()), name)


def test_jobs_queued_and_failed_are_read_at_scrape_time(queued_app, make_application):
    client = queued_app.test_client()
    queued_app.extensions["sms_sender"] = DownSender()
    assert samples(scrape(client), "gongyou_jobs_queued") == {(): 0} == samples(scrape(client), "gongyou_jobs_failed")
    make_application(client)
    make_application(client, phone="13800138022")
    if not QUEUED:  # inline the texts were tried in the request; nothing waits on a queue, the sweep retries them
        text = scrape(client)
        assert (value(text, "gongyou_jobs_queued"), value(text, "gongyou_jobs_failed")) == (0, 0)
        return
    text = scrape(client)
    assert (value(text, "gongyou_jobs_queued"), value(text, "gongyou_jobs_failed")) == (2, 0)
    with queued_app.app_context():
        jobs.work(burst=True)  # each text tried three times, then kept as failed
    text = scrape(client)
    assert (value(text, "gongyou_jobs_queued"), value(text, "gongyou_jobs_failed")) == (0, 2)
    assert "13800138022" not in text


def test_a_gauge_that_cannot_be_read_is_left_out_and_the_scrape_still_answers(make_app, monkeypatch, caplog):
    from server import metrics

    def broken():
        raise RuntimeError("database unreachable")
    monkeypatch.setitem(metrics._SCRAPED, "gongyou_broken", metrics.Scraped("gongyou_broken", "x", (), broken))
    client = make_app(METRICS_TOKEN=TOKEN).test_client()
    client.get("/healthz")
    text = scrape(client)
    assert "gongyou_broken" not in text and "gongyou_cases_overdue" in text
    assert value(text, "gongyou_http_requests_total", endpoint="/healthz", method="GET", status="200") >= 1
    assert "gongyou_broken could not be read" in caplog.text


def test_a_replayed_public_read_is_counted_and_logged_too(make_app, caplog):
    from server.cards.loader import load_content
    app = make_app(METRICS_TOKEN=TOKEN)
    with app.app_context():
        load_content(app)
    client = app.test_client()
    before = value(scrape(client), "gongyou_http_requests_total", endpoint="/api/v1/cards", method="GET",
                   status="200")
    caplog.set_level("INFO", logger="server.requests")
    ids = [client.get("/api/v1/cards").headers["X-Request-Id"] for _ in range(3)]
    assert len(set(ids)) == 3  # a kept answer does not keep its request id
    assert value(scrape(client), "gongyou_http_requests_total", endpoint="/api/v1/cards", method="GET",
                 status="200") == before + 3
    assert sum('"route": "/api/v1/cards"' in r.getMessage() for r in caplog.records) == 3


def test_under_gunicorn_one_scrape_adds_up_both_workers(tmp_path):
    folder = tmp_path / "prometheus"
    folder.mkdir()
    (folder / "counter_999999.db").write_bytes(b"stale")  # an earlier run's: emptied at start
    env = {"APP_ENV": "development", "WEB_CONCURRENCY": "2", "WEB_THREADS": "2", "METRICS_TOKEN": TOKEN,
           "PROMETHEUS_MULTIPROC_DIR": str(folder)}
    with Gunicorn(env, tmp_path, migrate=True) as server:
        assert server.code is None, server.err

        def get(path, headers=None):
            request = urllib.request.Request(f"http://127.0.0.1:{server.port}{path}", headers=headers or {})
            with urllib.request.urlopen(request, timeout=10) as resp:
                return resp.read().decode()

        sent = 0
        # Until both workers have answered some: on a loaded machine the second may take many seconds to boot.
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and len(_pids(folder)) < 2:
            threads = [threading.Thread(target=get, args=("/healthz",)) for _ in range(10)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            sent += 10
        assert len(_pids(folder)) == 2, _pids(folder)
        # Every /healthz answered, by the request log both workers write (the start-up checks included).
        lines = [json.loads(line) for line in server.err.splitlines() if line.startswith("{")]
        answered = sum(line["route"] == "/healthz" for line in lines)
        assert answered >= sent and answered == server.err.count('"route": "/healthz"')  # each one a line of JSON
        for _ in range(4):  # whichever worker answers the scrape, it counts every worker's requests
            text = get("/metrics", SCRAPE)
            assert value(text, "gongyou_http_requests_total", endpoint="/healthz", method="GET",
                         status="200") == answered
    assert not (folder / "counter_999999.db").exists()


def _pids(folder: Path) -> set[str]:
    return {m.group(1) for p in os.listdir(folder) if (m := re.fullmatch(r"counter_(\d+)\.db", p))}


def test_the_apps_own_files_go_without_a_request_id_their_log_lines_keep_one(make_app, tmp_path, caplog):
    """A worker's first visit fetches seventeen of the app's files on 2G: no id on them (nobody quotes one to
    support); the API's answers carry it."""
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "index-D6-26zTW.js").write_text("console.log(1)")
    (tmp_path / "index.html").write_text("<!doctype html><title>x</title>")
    client = make_app(PWA_DIST=str(tmp_path)).test_client()
    caplog.set_level("INFO", logger="server.requests")
    asset = client.get("/assets/index-D6-26zTW.js")
    assert asset.status_code == 200 and "immutable" in asset.headers["Cache-Control"]
    assert "X-Request-Id" not in asset.headers and "X-Request-Id" not in client.get("/").headers
    assert re.fullmatch(r"[0-9a-f]{16}", client.get("/api/v1/cards").headers["X-Request-Id"])
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "server.requests"]
    assert len(lines) == 3 and all(re.fullmatch(r"[0-9a-f]{16}", line["request_id"]) for line in lines)
