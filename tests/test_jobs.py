"""Background work leaves the request (server/jobs.py): texts to workers are jobs sent by id, once; a job that keeps
failing is retried with back-off and then listed for admins, who retry it; the sweeps run from one scheduler entry
point, once per period however many servers run it; Redis down at enqueue time loses no text.

With REDIS_URL set (CI's PostgreSQL tier) the jobs go to rq on that Redis (db 13, a queue of the test's own,
removed afterwards) and a real rq worker runs them in burst mode; without it they run inline, as `make run` does.
"""
import threading
import uuid
from datetime import timedelta

import pytest
from redis import Redis

from server import jobs
from server.aid.models import Notification
from server.clock import utcnow
from server.extensions import db
from tests.casework import CHECKLIST, act
from tests.fakes import SmsOutbox
from tests.test_cases_sms import DownSender

REDIS_URL = __import__("os").environ.get("REDIS_URL", "")
QUEUED = bool(REDIS_URL)


def _test_redis_url() -> str:
    """REDIS_URL's server, db 13: never the database the app's rate limits use."""
    base = REDIS_URL.split("?")[0].rstrip("/")
    head, _, tail = base.rpartition("/")
    return f"{head}/13" if tail.isdigit() else f"{base}/13"


@pytest.fixture
def jobs_app(make_app, tmp_path):
    """An app whose jobs go to a queue of its own on Redis (with REDIS_URL), else run inline."""
    name = f"test-{uuid.uuid4().hex}"
    extra = {"JOBS_URL": _test_redis_url(), "JOBS_QUEUE": name, "JOBS_RETRY_INTERVALS": [0, 0]} if QUEUED else {}
    app = make_app(SCHEDULE_STATE=str(tmp_path / "schedule.json"), **extra)
    yield app
    if QUEUED:
        _forget(Redis.from_url(_test_redis_url()), name)


def _forget(redis: Redis, name: str) -> None:
    """Remove what the queue `name` left in Redis: its jobs and their results, its workers, its registries."""
    for key in list(redis.scan_iter("rq:job:*")):
        if redis.hget(key, "origin") == name.encode():
            job_id = key.decode().removeprefix("rq:job:")
            redis.delete(key, f"rq:results:{job_id}")
    for key in list(redis.scan_iter("rq:worker:*")):
        if redis.hget(key, "queues") == name.encode():
            redis.delete(key)
            redis.srem("rq:workers", key)
    redis.srem("rq:queues", f"rq:queue:{name}")
    for key in list(redis.scan_iter(f"*{name}*")):
        redis.delete(key)


def drain(app) -> None:
    """Run every queued job with a real rq worker (burst mode, in this process); inline they ran already."""
    if QUEUED:
        with app.app_context():
            jobs.work(burst=True)


def _rows(app):
    with app.app_context():
        return [(n.kind, n.status, n.attempts)
                for n in db.session.scalars(db.select(Notification).order_by(Notification.id))]


def test_a_text_queued_by_a_case_move_is_sent_once(jobs_app, make_application, auth):
    outbox = jobs_app.extensions["sms_sender"] = SmsOutbox()
    client = jobs_app.test_client()
    staff = auth(client, "staff")
    sent = make_application(client)
    act(client, staff, sent["id"], "accept", checklist=CHECKLIST)
    if QUEUED:  # the request only queued them: the worker sends
        assert outbox == [] and _rows(jobs_app) == [("received", "pending", 0), ("accepted", "pending", 0)]
    drain(jobs_app)
    assert [m["phone"] for m in outbox] == ["13800138000"] * 2
    assert "已收到" in outbox[0]["text"] and "已受理" in outbox[1]["text"]
    assert _rows(jobs_app) == [("received", "sent", 1), ("accepted", "sent", 1)]
    # The same job again (a retry, a second enqueue) finds the row sent and sends nothing.
    with jobs_app.app_context():
        ids = list(db.session.scalars(db.select(Notification.id)))
        for notification_id in ids:
            jobs.enqueue("aid.send_text", notification_id)
    drain(jobs_app)
    assert len(outbox) == 2 and _rows(jobs_app) == [("received", "sent", 1), ("accepted", "sent", 1)]


@pytest.mark.skipif(not QUEUED, reason="inline, a failed text waits for the sweep (tests/test_cases_sms.py)")
def test_a_failing_text_is_retried_then_listed_and_an_admins_retry_sends_it(jobs_app, make_application, auth):
    jobs_app.extensions["sms_sender"] = DownSender()
    client = jobs_app.test_client()
    admin, staff = auth(client, "admin"), auth(client, "staff")
    make_application(client)
    drain(jobs_app)
    # Tried three times (the first and two retries), then in the failed list: by id, no phone, no text.
    assert _rows(jobs_app) == [("received", "failed", 3)]
    listed = client.get("/api/v1/jobs/failed", headers=admin)
    assert listed.status_code == 200
    [failed] = listed.get_json()["items"]
    with jobs_app.app_context():
        notification_id = db.session.scalars(db.select(Notification.id)).one()
    assert failed["name"] == "aid.send_text" and failed["args"] == [str(notification_id)]
    assert failed["attempts"] == 3 and "NotSent" in failed["error"] and "ConnectionError" in failed["error"]
    assert failed["failed_at"] and "13800138000" not in listed.get_data(as_text=True)
    assert failed["label"] == "给工友发短信"
    assert client.get("/api/v1/jobs/failed", headers=staff).status_code == 403
    assert client.post(f"/api/v1/jobs/{failed['id']}/retry", headers=staff).status_code == 403

    outbox = jobs_app.extensions["sms_sender"] = SmsOutbox()
    resp = client.post(f"/api/v1/jobs/{failed['id']}/retry", headers=admin)
    assert resp.status_code == 200 and resp.get_json() == {"id": failed["id"], "queued": True}
    # The retry is in the audit log: who, which job, in words on the admin's audit page.
    [entry] = client.get("/api/v1/audit?record_type=job", headers=admin).get_json()
    assert (entry["actor_id"], entry["action"], entry["record_id"], entry["detail"]) == (
        admin.user.id, "retry", failed["id"], {"job": "aid.send_text"})
    assert (entry["action_label"], entry["record_type_label"], entry["detail_lines"]) == (
        "重试失败的任务", "后台任务", ["任务：给工友发短信"])
    drain(jobs_app)
    assert len(outbox) == 1 and "已收到" in outbox[0]["text"]
    assert _rows(jobs_app) == [("received", "sent", 4)]
    assert client.get("/api/v1/jobs/failed", headers=admin).get_json() == {"items": [], "queued": True}
    assert client.post(f"/api/v1/jobs/{failed['id']}/retry", headers=admin).status_code == 404
    assert len(client.get("/api/v1/audit?record_type=job", headers=admin).get_json()) == 1


def test_a_retry_that_finds_no_failed_job_is_refused_and_leaves_no_audit_entry(jobs_app, auth):
    client = jobs_app.test_client()
    admin = auth(client, "admin")
    # Inline (no Redis) the list says so, and is empty: a failed job waits for the sweep.
    assert client.get("/api/v1/jobs/failed", headers=admin).get_json() == {"items": [], "queued": QUEUED}
    resp = client.post(f"/api/v1/jobs/{uuid.uuid4()}/retry", headers=admin)
    assert resp.status_code == 404 and resp.get_json()["error_code"] == "job_not_found"
    assert client.get("/api/v1/audit?record_type=job", headers=admin).get_json() == []


def test_two_schedulers_at_once_start_each_sweep_once_per_period(jobs_app):
    started: list[list[str]] = []
    ready = threading.Barrier(2)

    def scheduler():
        with jobs_app.app_context():
            ready.wait()
            started.append(jobs.run_due(now=1_000_000_000))

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(name for names in started for name in names) == ["aid.sweep", "sweep"]
    with jobs_app.app_context():
        if QUEUED:
            assert jobs.queue().count == 2
        assert jobs.run_due(now=1_000_000_000 + 60) == []  # the same period: nothing more
        assert jobs.run_due(now=1_000_000_000 + 3600) == ["aid.sweep"]  # the next hour: the hourly one
    drain(jobs_app)
    with jobs_app.app_context():
        assert not QUEUED or (jobs.queue().count == 0 and jobs.failed() == [])


def test_the_scheduler_command_says_what_it_started(jobs_app):
    runner = jobs_app.test_cli_runner()
    assert "已安排：aid.sweep、sweep" in runner.invoke(args=["schedule", "run-due"]).output
    assert "没有到期的定时任务" in runner.invoke(args=["schedule", "run-due"]).output
    drain(jobs_app)


def test_redis_down_at_enqueue_time_loses_no_text(make_app, make_application, auth):
    """Nothing listens on port 1: the move goes through, the row stays pending, and the next sweep sends it."""
    app = make_app(JOBS_URL="redis://127.0.0.1:1/0")
    outbox = app.extensions["sms_sender"] = SmsOutbox()
    client = app.test_client()
    staff = auth(client, "staff")
    sent = make_application(client)
    resp = act(client, staff, sent["id"], "accept", checklist=CHECKLIST)
    assert resp.status_code == 200 and resp.get_json()["stage"] == "accepted"
    assert outbox == [] and _rows(app) == [("received", "pending", 0), ("accepted", "pending", 0)]
    with app.app_context():  # the sweep leaves a young pending text to its own request: ten minutes later
        db.session.execute(db.update(Notification).values(created_at=utcnow() - timedelta(minutes=10)))
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["aid", "sweep"])
    assert "重发短信 2 条，发出 2 条" in result.output
    assert len(outbox) == 2 and _rows(app) == [("received", "sent", 1), ("accepted", "sent", 1)]


def test_a_sweep_that_runs_while_a_job_is_sending_does_not_text_twice(make_app, make_application):
    """The job claims the row (sending) before it sends: the sweep, run meanwhile, leaves it alone."""
    from server.aid.cases import notifications

    app = make_app()

    class SweepMidway(SmsOutbox):
        def send_text(self, phone, text):
            self.during = notifications.send(list(db.session.scalars(db.select(Notification.id))))
            super().send_text(phone, text)

    outbox = app.extensions["sms_sender"] = SweepMidway()
    make_application(app.test_client())
    assert outbox.during == 0 and len(outbox) == 1
    assert _rows(app) == [("received", "sent", 1)]


def test_a_county_admin_neither_sees_nor_retries_the_deployments_jobs(jobs_app, auth):
    """Jobs belong to the whole deployment (a text to any office's worker, the sweeps): only an admin of the root
    office (the province's) reads and retries them; a county admin is told so, plainly."""
    client = jobs_app.test_client()
    province = auth(client, "admin")
    county = client.post("/api/v1/offices", headers={**province, "Idempotency-Key": str(uuid.uuid4())},
                         json={"parent_id": province.user.office_id, "name": "锦江区法律援助中心", "kind": "legal_aid",
                               "division": "510104"}).get_json()["id"]
    admin = auth(client, "admin", office_id=county)
    for resp in (client.get("/api/v1/jobs/failed", headers=admin),
                 client.post(f"/api/v1/jobs/{uuid.uuid4()}/retry", headers=admin)):
        assert resp.status_code == 403, resp.get_json()
        assert resp.get_json()["error_code"] == "deployment_admins_only" and "最上级机构" in resp.get_json()["message"]
    assert client.get("/api/v1/jobs/failed", headers=province).status_code == 200
