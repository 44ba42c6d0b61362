"""Hostile and unlucky input to `/sync`: each odd operation is refused alone, never the batch.

The outbox retries a 5xx forever, so an answer other than 200 for content a device holds would
block everything queued behind it. Bodies are sent as ASCII JSON (lone surrogates as escapes),
as an attacker or a broken phone would send them.
"""
import json
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from server.events.models import Attendee, CheckIn
from server.extensions import db
from server.sync.models import SyncOperation

START = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def site(client, make_event, staff, volunteer):
    event = make_event(title="法律进工地", signups=10, volunteers=[volunteer.user])
    roster = client.get(f"/api/v1/events/{event['id']}/roster", headers=volunteer).get_json()["attendees"]
    return {"event": event, "staff": staff, "volunteer": volunteer, "roster": roster}


def op(kind, event_id, minute=0, **fields):
    return {"id": str(uuid.uuid4()), "type": kind, "event_id": event_id,
            "device_time": (START + timedelta(minutes=minute)).isoformat(), **fields}


def send(client, headers, ops, device="phone-A"):
    body = json.dumps({"device_id": device, "operations": ops})  # ensure_ascii: surrogates as \\ud83d
    return client.post("/api/v1/sync", data=body, headers={**headers, "Content-Type": "application/json"})


def count(app, model):
    with app.app_context():
        return db.session.query(model).count()


def test_odd_operations_are_refused_one_by_one_and_the_good_ones_beside_them_land(client, app, site):
    eid, people = site["event"]["id"], site["roster"]
    odd = [
        op("walkin", eid, name="王\u0000五", phone="13900000001"),
        op("walkin", eid, name="王五", phone="13900000002", employer="某\u0000劳务"),
        op("walkin", eid, name="王\ud83d", phone="13900000003"),
        op("walkin", eid, name="王\u0007五", phone="13900000004"),
        op("walkin", eid, name="赵六", phone="13900000005", site="\udfff工地"),
        op("checkin", eid, qr_token=people[0]["qr_token"] + "\u0000"),
        op("checkin", eid, qr_token="\ud83d"),
        op("checkin", eid, qr_token=people[1]["qr_token"]) | {"device_time": "0001-01-01T00:00:00+14:00"},
        op("checkin", eid, qr_token=people[1]["qr_token"]) | {"device_time": "9999-12-31T23:59:59-14:00"},
        op("checkin", eid, qr_token=people[1]["qr_token"]) | {"device_time": "0001-01-01T00:00:00"},
        None, "checkin", [op("checkin", eid, qr_token=people[1]["qr_token"])], 42,
        op("checkin", eid, qr_token=people[1]["qr_token"]) | {"id": "\ud83d"},
        op("checkin", eid, qr_token=people[1]["qr_token"]) | {"id": "x" * 100_000},
        op("checkin", eid, qr_token=people[1]["qr_token"]) | {"\ud83d" * 5: 1, "y" * 100_000: 2},
        op("checkin", eid, qr_token=people[1]["qr_token"]) | {"type": "check\u0000in"},
    ]
    good = [op("checkin", eid, 1, qr_token=people[2]["qr_token"]),
            op("walkin", eid, 2, name="钱七", phone="13900000009", employer="城南劳务")]
    ops = good[:1] + odd + good[1:]
    resp = send(client, site["volunteer"], ops)
    assert resp.status_code == 200, resp.get_data(as_text=True)[:500]
    results = resp.get_json()["results"]
    assert len(results) == len(ops)
    assert [r["status"] for r in results] == ["applied"] + ["rejected"] * len(odd) + ["applied"]
    assert all(r["code"] == "invalid" and r["reason"] for r in results[1:-1])
    assert len(resp.get_data()) < 40_000  # nothing sent is echoed back in full
    assert all(len(r["id"]) <= 64 for r in results)
    assert count(app, CheckIn) == 2
    with app.app_context():
        assert db.session.query(Attendee).filter(Attendee.source == "walkin").count() == 1
        assert db.session.query(SyncOperation).count() == 2


def test_a_non_object_operation_is_refused_alone(client, app, site):
    good = op("checkin", site["event"]["id"], qr_token=site["roster"][0]["qr_token"])
    resp = send(client, site["volunteer"], [None, good, "x", [1]])
    assert resp.status_code == 200, resp.get_json()
    assert [r["status"] for r in resp.get_json()["results"]] == ["rejected", "applied", "rejected", "rejected"]
    assert count(app, CheckIn) == 1


def test_an_id_with_a_lone_surrogate_still_gets_an_answer(client, app, site):
    ops = [op("checkin", site["event"]["id"], qr_token=site["roster"][0]["qr_token"]) | {"id": "a\ud83db"}]
    resp = send(client, site["volunteer"], ops)
    assert resp.status_code == 200
    result = resp.get_json()["results"][0]
    assert result["status"] == "rejected" and "\ud83d" not in result["id"]


def test_two_devices_with_the_same_people_in_opposite_orders_both_land(client, app, make_event, staff, auth):
    """The same 200 people checked in by two gates at once, in opposite orders, with the same
    walk-ins after every tenth: no 5xx (PostgreSQL deadlocked here), every person counted once."""
    import threading
    gate_a, gate_b = auth(client, "volunteer"), auth(client, "volunteer")
    for round_no in range(2):
        event = make_event(title=f"大型讲座{round_no}", signups=200, volunteers=[gate_a.user, gate_b.user])
        eid = event["id"]
        people = client.get(f"/api/v1/events/{eid}/roster", headers=gate_a).get_json()["attendees"]
        queue = []
        for i, person in enumerate(people):
            queue.append(op("checkin", eid, i, qr_token=person["qr_token"]))
            if i % 10 == 9:
                queue.append(op("walkin", eid, i, name=f"现场{i}", phone=f"139{round_no:02d}{i:06d}"))
        batches = {"gate-A": (gate_a, queue),
                   "gate-B": (gate_b, [o | {"id": str(uuid.uuid4())} for o in reversed(queue)])}
        start, answers = threading.Barrier(2), {}

        def gate(device, batches=batches, start=start, answers=answers):
            headers, ops = batches[device]
            own = app.test_client()
            start.wait()
            answers[device] = send(own, headers, ops, device)

        threads = [threading.Thread(target=gate, args=(d,)) for d in batches]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert {d: r.status_code for d, r in answers.items()} == {"gate-A": 200, "gate-B": 200}, \
            {d: r.get_json() for d, r in answers.items()}
        for resp in answers.values():
            assert set(resp.get_json()["counts"]) <= {"applied", "duplicate"}
        with app.app_context():
            assert db.session.query(CheckIn).filter(CheckIn.event_id == eid).count() == 220
            walkins = db.session.query(Attendee).filter(Attendee.event_id == eid, Attendee.source == "walkin")
            assert walkins.count() == 20
