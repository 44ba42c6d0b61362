"""`Idempotency-Key`: a retry finds the first answer or finds nothing, whatever failed in between."""
import json
import sqlite3
import threading
import uuid

import pytest
import sqlalchemy as sa

from server.events.models import Attendee
from server.extensions import db
from server.idempotency import IdempotencyKey
from tests.conftest import ON_POSTGRES


def post_signup(client, event_id, body: bytes, key: str):
    return client.post(f"/api/v1/events/{event_id}/signups", data=body,
                       headers={"Idempotency-Key": key, "Content-Type": "application/json"})


@pytest.fixture
def failing_answer_store(app):
    """The database refuses to record a key's answer (as a full disk or a dropped backend would,
    between the work and the answer); `heal()` ends the fault."""
    if ON_POSTGRES:
        create = ["CREATE FUNCTION refuse_answer() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$ "
                  "LANGUAGE plpgsql",
                  "CREATE TRIGGER refuse_answer BEFORE INSERT OR UPDATE ON idempotency_keys FOR EACH ROW "
                  "WHEN (NEW.state = 'done') EXECUTE FUNCTION refuse_answer()"]
        drop = ["DROP TRIGGER IF EXISTS refuse_answer ON idempotency_keys", "DROP FUNCTION IF EXISTS refuse_answer()"]
    else:
        create = [f"CREATE TRIGGER refuse_answer_{when} BEFORE {when} ON idempotency_keys WHEN NEW.state = 'done' "
                  "BEGIN SELECT RAISE(ABORT, 'disk full'); END" for when in ("INSERT", "UPDATE")]
        drop = [f"DROP TRIGGER IF EXISTS refuse_answer_{when}" for when in ("INSERT", "UPDATE")]

    def run(statements):
        with app.app_context(), db.engine.begin() as conn:
            for sql in statements:
                conn.execute(sa.text(sql))

    run(create)

    class Fault:
        heal = staticmethod(lambda: run(drop))

    yield Fault
    run(drop)


def test_after_a_database_fault_the_retry_signs_up_once(client, app, make_event, failing_answer_store):
    event = make_event()
    body, key = json.dumps({"name": "张三", "phone": "13800138000"}).encode(), str(uuid.uuid4())
    first = post_signup(client, event["id"], body, key)
    assert first.status_code >= 500  # the answer could not be recorded: nothing may stay half done
    failing_answer_store.heal()
    retry = post_signup(client, event["id"], body, key)
    assert retry.status_code == 201, retry.get_json()  # not 409 "still running" for a minute
    again = post_signup(client, event["id"], body, key)
    assert again.headers.get("Idempotent-Replayed") == "true" and again.get_json() == retry.get_json()
    with app.app_context():
        assert db.session.query(Attendee).count() == 1
        assert [k.state for k in db.session.query(IdempotencyKey)] == ["done"]


def test_the_same_body_written_with_other_whitespace_is_the_same_request(client, make_event):
    event = make_event()
    key = str(uuid.uuid4())
    first = post_signup(client, event["id"], b'{"name": "\\u5f20\\u4e09", "phone": "13800138000"}', key)
    retry = post_signup(client, event["id"], '{\n  "phone":"13800138000",\n  "name":"张三"\n}'.encode(), key)
    assert first.status_code == 201
    assert retry.status_code == 201 and retry.headers["Idempotent-Replayed"] == "true"
    assert retry.get_json() == first.get_json()


def test_two_retries_at_once_make_one_sign_up(client, app, make_event):
    event = make_event()
    body, key = json.dumps({"name": "张三", "phone": "13800138000"}).encode(), str(uuid.uuid4())
    start, answers = threading.Barrier(4), []

    def send():
        own = app.test_client()
        start.wait()
        answers.append(post_signup(own, event["id"], body, key))

    threads = [threading.Thread(target=send) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(a.status_code in (201, 409) for a in answers), [a.get_json() for a in answers]
    assert len({a.get_json()["attendee_id"] for a in answers if a.status_code == 201}) == 1
    with app.app_context():
        assert db.session.query(Attendee).count() == 1


@pytest.mark.skipif(ON_POSTGRES, reason="SQLite's single writer")
def test_a_write_locked_database_answers_503_with_retry_after(client, app, make_event, db_url, volunteer):
    event = make_event(signups=1, volunteers=[volunteer.user])
    token = client.get(f"/api/v1/events/{event['id']}/roster", headers=volunteer).get_json()["attendees"][0]["qr_token"]
    holder = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process writing for longer than the busy timeout
    try:
        signup = client.post(f"/api/v1/events/{event['id']}/signups", json={"name": "李四", "phone": "13900139000"},
                             headers={"Idempotency-Key": str(uuid.uuid4())})
        sync = client.post("/api/v1/sync", headers=volunteer, json={"device_id": "gate", "operations": [{
            "id": str(uuid.uuid4()), "type": "checkin", "event_id": event["id"], "qr_token": token,
            "device_time": "2026-11-20T09:00:00+08:00"}]})
    finally:
        holder.rollback()
        holder.close()
    for resp in (signup, sync):
        assert resp.status_code == 503, resp.get_json()
        assert int(resp.headers["Retry-After"]) > 0
        assert resp.get_json()["error_code"] == "database_busy" and "稍后" in resp.get_json()["message"]
    again = client.post("/api/v1/events/%d/signups" % event["id"], json={"name": "李四", "phone": "13900139000"})
    assert again.status_code == 201


def test_the_sync_answer_is_never_cached(client, make_event, volunteer):
    event = make_event(volunteers=[volunteer.user])
    resp = client.post("/api/v1/sync", headers=volunteer, json={"device_id": "gate", "operations": [{
        "id": str(uuid.uuid4()), "type": "walkin", "event_id": event["id"], "name": "王五", "phone": "13700137000",
        "device_time": "2026-11-20T09:00:00+08:00"}]})
    assert resp.status_code == 200
    assert resp.headers["Cache-Control"] == "no-store"
