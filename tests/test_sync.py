"""Volunteers check people in offline for hours; every operation reaches the server exactly once."""
import threading
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from server.events.models import Attendee, CheckIn
from server.extensions import db
from server.sync.models import SyncOperation

START = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def site(client, make_event, staff, volunteer):
    """A published event with 40 signed-up workers, a volunteer assigned, and the roster."""
    event = make_event(title="法律进工地", kind="consultation_day", place="城南工地", signups=40,
                       volunteers=[volunteer.user])
    roster = client.get(f"/api/v1/events/{event['id']}/roster", headers=volunteer).get_json()
    return {"event": event, "staff": staff, "volunteer": volunteer, "roster": roster["attendees"]}


def op(kind, event_id, minute=0, **fields):
    return {"id": str(uuid.uuid4()), "type": kind, "event_id": event_id,
            "device_time": (START + timedelta(minutes=minute)).isoformat(), **fields}


def sync(client, headers, ops, device="phone-A"):
    resp = client.post("/api/v1/sync", json={"device_id": device, "operations": ops}, headers=headers)
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def checkins(app):
    with app.app_context():
        return db.session.query(CheckIn).count()


def test_volunteer_checks_in_offline_and_syncs_once(client, app, site):
    eid = site["event"]["id"]
    queue = [op("checkin", eid, i, qr_token=a["qr_token"]) for i, a in enumerate(site["roster"][:30])]
    queue += [op("walkin", eid, 40 + i, name=f"现场{i}", phone=f"139{i:08d}", employer="某班组") for i in range(5)]
    first = sync(client, site["volunteer"], queue)
    assert first["counts"] == {"applied": 35}
    assert checkins(app) == 35
    again = sync(client, site["volunteer"], queue)  # the connection dropped before the answer arrived
    assert checkins(app) == 35
    assert all(r["replayed"] for r in again["results"])
    assert [r["attendee_id"] for r in again["results"]] == [r["attendee_id"] for r in first["results"]]
    head = client.get(f"/api/v1/events/{eid}/headcount", headers=site["volunteer"]).get_json()
    assert head == head | {"registered": 45, "checked_in": 35, "walk_ins": 5}


def test_two_devices_with_overlapping_people_end_with_the_union(client, app, site):
    eid, people = site["event"]["id"], site["roster"]
    device_a = [op("checkin", eid, 10, qr_token=a["qr_token"]) for a in people[:20]]
    device_b = [op("checkin", eid, 5, attendee_id=a["id"]) for a in people[10:30]]  # by search, earlier
    result_a = sync(client, site["volunteer"], device_a, "phone-A")
    result_b = sync(client, site["staff"], device_b, "phone-B")
    assert result_a["counts"] == {"applied": 20}
    assert result_b["counts"] == {"applied": 10, "duplicate": 10}
    assert checkins(app) == 30
    with app.app_context():
        overlap = db.session.scalar(db.select(CheckIn).join(Attendee).where(Attendee.id == people[15]["id"]))
        assert overlap.device_id == "phone-B"  # the earliest device time wins
        assert overlap.device_time.replace(tzinfo=timezone.utc) == START + timedelta(minutes=5)


def test_two_devices_syncing_at_the_same_moment_make_no_doubles(client, app, site):
    eid, people = site["event"]["id"], site["roster"]
    batches = {
        "phone-A": [op("checkin", eid, 1, qr_token=a["qr_token"]) for a in people[:30]]
        + [op("walkin", eid, 2, name="老王", phone="13912345678")],
        "phone-B": [op("checkin", eid, 3, attendee_id=a["id"]) for a in people[10:40]]
        + [op("walkin", eid, 4, name="王师傅", phone="139 1234 5678")],
    }
    errors = []

    def send(device):
        try:
            sync(app.test_client(), site["volunteer"], batches[device], device)
        except AssertionError as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=send, args=(d,)) for d in batches]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert checkins(app) == 41  # 40 on the roster, and the one walk-in both devices registered
    with app.app_context():
        assert db.session.query(Attendee).filter(Attendee.source == "walkin").count() == 1


def test_an_id_replayed_with_other_content_is_a_conflict(client, app, site):
    eid, people = site["event"]["id"], site["roster"]
    original = op("checkin", eid, 1, qr_token=people[0]["qr_token"])
    sync(client, site["volunteer"], [original])
    tampered = dict(original, qr_token=people[1]["qr_token"])
    result = sync(client, site["volunteer"], [tampered])["results"][0]
    assert result["status"] == "conflict" and result["code"] == "id_reused"
    assert "不同" in result["reason"]
    assert checkins(app) == 1


def test_rejections_say_what_the_volunteer_can_do(client, app, site, auth):
    eid = site["event"]["id"]
    other = client.post("/api/v1/events", headers=site["staff"], json={
        "title": "另一场", "kind": "lecture", "place": "北区", "status": "published",
        "starts_at": (datetime.now(timezone.utc) + timedelta(days=2)).isoformat()}).get_json()
    stranger = client.post(f"/api/v1/events/{other['id']}/signups", json={"name": "赵六", "phone": "13700000000"})
    ops = [op("checkin", eid, qr_token="not-a-token"),
           op("checkin", eid, qr_token=stranger.get_json()["qr_token"]),
           op("checkin", other["id"], qr_token=stranger.get_json()["qr_token"]),
           op("walkin", eid, name="没电话"),
           {"id": "not-a-uuid", "type": "checkin", "event_id": eid},
           op("walkin", eid, name="钱七", phone="12345")]
    results = sync(client, site["volunteer"], ops)["results"]
    assert [r["status"] for r in results] == ["rejected"] * 6
    assert [r["code"] for r in results] == ["unknown_token", "other_event", "not_your_event", "invalid", "invalid",
                                            "bad_phone"]
    assert all(r["reason"] for r in results)
    assert "现场登记" in results[0]["reason"]
    assert checkins(app) == 0


def test_a_bad_operation_does_not_hold_back_the_rest(client, app, site):
    eid, people = site["event"]["id"], site["roster"]
    ops = [op("checkin", eid, qr_token=people[0]["qr_token"]), {"type": "checkin"},
           op("checkin", eid, qr_token=people[1]["qr_token"])]
    results = sync(client, site["volunteer"], ops)["results"]
    assert [r["status"] for r in results] == ["applied", "rejected", "applied"]


def test_a_batch_of_a_thousand_operations_is_one_request(client, app, site):
    eid, people = site["event"]["id"], site["roster"]
    ops = [op("checkin", eid, i % 60, qr_token=people[i % 40]["qr_token"]) for i in range(1000)]
    result = sync(client, site["volunteer"], ops)
    assert result["counts"] == {"applied": 40, "duplicate": 960}
    assert checkins(app) == 40
    with app.app_context():
        assert db.session.query(SyncOperation).count() == 1000


def test_sync_needs_a_signed_in_volunteer(client, site, auth):
    body = {"device_id": "x", "operations": [op("checkin", site["event"]["id"], qr_token="t")]}
    assert client.post("/api/v1/sync", json=body).status_code == 401
    assert client.post("/api/v1/sync", json=body, headers=auth(client, "worker")).status_code == 403


def test_a_volunteer_back_online_after_hours_refreshes_then_syncs(client, app, site):
    eid, people = site["event"]["id"], site["roster"]
    refreshed = client.post("/api/v1/auth/refresh", json={"token_delivery": "header"},
                            headers=site["volunteer"].refresh)
    assert refreshed.status_code == 200, refreshed.get_json()
    token = refreshed.get_json()["access_token"]
    result = sync(client, {"Authorization": f"Bearer {token}"}, [op("checkin", eid, qr_token=people[0]["qr_token"])])
    assert result["counts"] == {"applied": 1}


def test_a_refusal_while_the_event_is_set_back_to_draft_is_not_the_final_answer(client, app, site):
    eid, people = site["event"]["id"], site["roster"]
    queue = [op("checkin", eid, 1, qr_token=people[0]["qr_token"]),
             op("walkin", eid, 2, name="现场一", phone="13900000001")]
    client.patch(f"/api/v1/events/{eid}", json={"status": "draft"}, headers=site["staff"])
    refused = sync(client, site["volunteer"], queue)["results"]
    assert [r["code"] for r in refused] == ["event_closed", "event_closed"]
    assert all(r["retryable"] for r in refused)
    client.patch(f"/api/v1/events/{eid}", json={"status": "published"}, headers=site["staff"])
    again = sync(client, site["volunteer"], queue)  # the volunteer sends them again
    assert again["counts"] == {"applied": 2}
    assert checkins(app) == 2


def test_a_volunteer_assigned_after_a_refusal_can_send_again(client, app, site, auth):
    eid, people = site["event"]["id"], site["roster"]
    late = auth(client, "volunteer")
    queue = [op("checkin", eid, 1, qr_token=people[0]["qr_token"])]
    assert sync(client, late, queue)["results"][0]["code"] == "not_your_event"
    ids = [site["volunteer"].user.id, late.user.id]
    client.put(f"/api/v1/events/{eid}/volunteers", json={"user_ids": ids}, headers=site["staff"])
    assert sync(client, late, queue)["counts"] == {"applied": 1}


def test_a_final_refusal_is_kept_for_the_replay(client, app, site):
    queue = [op("checkin", site["event"]["id"], 1, qr_token="no-such-token")]
    first = sync(client, site["volunteer"], queue)["results"][0]
    assert first["code"] == "unknown_token" and not first.get("retryable")
    assert sync(client, site["volunteer"], queue)["results"][0]["replayed"] is True


def test_the_same_walk_in_twice_in_one_batch_is_one_person(client, app, site):
    eid = site["event"]["id"]
    queue = [op("walkin", eid, 1, name="老王", phone="13912345678"),
             op("checkin", eid, 2, qr_token=site["roster"][0]["qr_token"]),
             op("walkin", eid, 3, name="王师傅", phone="139 1234 5678"),
             op("walkin", eid, 4, name="工友5", phone="13800000005")]  # signed up online, came without the QR
    results = sync(client, site["volunteer"], queue)["results"]
    assert [r["status"] for r in results] == ["applied", "applied", "duplicate", "applied"]
    assert results[0]["attendee_id"] and results[0]["attendee_id"] == results[2]["attendee_id"]
    assert results[3]["attendee_id"] == next(a["id"] for a in site["roster"] if a["name"] == "工友5")
    replayed = sync(client, site["volunteer"], queue)["results"]
    assert [r["attendee_id"] for r in replayed] == [r["attendee_id"] for r in results]
    assert checkins(app) == 3
    with app.app_context():
        assert db.session.query(Attendee).count() == 41


def test_an_operation_sent_twice_in_one_batch_answers_the_same_twice(client, app, site):
    walk_in = op("walkin", site["event"]["id"], 1, name="老王", phone="13912345678")
    first, again = sync(client, site["volunteer"], [walk_in, walk_in])["results"]
    assert first["status"] == "applied" and again["replayed"] is True
    assert again["attendee_id"] == first["attendee_id"] and first["attendee_id"]
    assert checkins(app) == 1


def test_a_hundred_walk_ins_are_written_in_a_handful_of_statements(client, app, site):
    """The batch looks all its phones up in one query and writes its new people in one insert:
    not a look-up, an insert and a read-back for each walk-in (not a timing: a count of statements)."""
    from sqlalchemy import event as sa_event
    eid = site["event"]["id"]
    queue = [op("walkin", eid, i % 60, name=f"现场{i}", phone=f"1391111{i:04d}") for i in range(100)]
    queue += [op("checkin", eid, 1, qr_token=p["qr_token"]) for p in site["roster"]]
    statements = []
    with app.app_context():
        engine = db.engine

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)
    sa_event.listen(engine, "before_cursor_execute", count)
    try:
        result = sync(client, site["volunteer"], queue)
    finally:
        sa_event.remove(engine, "before_cursor_execute", count)
    assert result["counts"] == {"applied": 140}
    assert sum(s.lstrip().upper().startswith("INSERT INTO ATTENDEES") for s in statements) == 1
    assert len(statements) < 25, statements
    assert len({r["attendee_id"] for r in result["results"]}) == 140
    with app.app_context():
        assert db.session.query(Attendee).count() == 140 and checkins(app) == 140


def test_a_walk_in_signed_up_online_while_the_batch_runs_is_still_one_person(client, app, site, monkeypatch):
    """Someone signs up online between the batch's look-up and its insert: the insert meets the
    (event, phone) key, the batch runs again and checks in the person who just signed up."""
    from server.events import offline, signups
    from server.events.models import Event
    eid = site["event"]["id"]
    looked_up = offline.lock_attendees
    raced = []

    def lock_then_sign_up_elsewhere(ops, batch):
        looked_up(ops, batch)
        if not raced:  # the first attempt only: another request, its own transaction, committed
            with app.app_context():
                other = signups.register(db.session.get(Event, eid), "王师傅", "13912345678")[0]
                db.session.commit()
                raced.append(other.id)
    import dataclasses

    from server.sync import registry
    monkeypatch.setitem(registry.HANDLERS, "walkin",
                        dataclasses.replace(registry.HANDLERS["walkin"], prepare=lock_then_sign_up_elsewhere))
    results = sync(client, site["volunteer"], [op("walkin", eid, 1, name="老王", phone="139 1234 5678")])["results"]
    assert raced and results[0]["status"] == "applied" and results[0]["attendee_id"] == raced[0]
    with app.app_context():
        person = db.session.get(Attendee, raced[0])
        assert db.session.query(Attendee).filter_by(event_id=eid, phone_hash=person.phone_hash).count() == 1
        assert person.checkin is not None and person.checkin.method == "walkin"
