"""The prize quiz at events: staff set it, an attendee answers after check-in (sent once, scored by the server,
one result per attendance), and the volunteer marks the prize once, even from two devices."""
import json
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from server.events.models import QuizResult
from server.extensions import db

START = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)
QUIZ = {"question_count": 2, "pass_mark": 1, "topics": []}
RIGHT = {"q-double-pay": "二倍", "q-injury": "30 天"}


@pytest.fixture
def site(client, loaded, make_event, staff, volunteer):
    event = make_event(signups=3, volunteers=[volunteer.user], quiz=QUIZ)
    roster = client.get(f"/api/v1/events/{event['id']}/roster", headers=volunteer).get_json()["attendees"]
    return {"event": event, "roster": roster, "volunteer": volunteer, "staff": staff}


def op(kind, event_id, minute=0, **fields):
    return {"id": str(uuid.uuid4()), "type": kind, "event_id": event_id,
            "device_time": (START + timedelta(minutes=minute)).isoformat(), **fields}


def sync(client, headers, ops, device="phone-A"):
    resp = client.post("/api/v1/sync", json={"device_id": device, "operations": ops}, headers=headers)
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()["results"]


def hand_in(client, token, answers, key=None):
    return client.post("/api/v1/quiz/answers", headers={"Idempotency-Key": key or str(uuid.uuid4())},
                       json={"qr_token": token, "answers": [{"id": k, "answer": v} for k, v in answers.items()],
                             "answered_at": START.isoformat()})


def test_the_event_carries_its_questions_without_their_answers(client, site):
    quiz = client.get(f"/api/v1/events/{site['event']['id']}").get_json()["quiz"]
    assert quiz["question_count"] == 2 and quiz["pass_mark"] == 1
    assert sorted(q["id"] for q in quiz["questions"]) == sorted(RIGHT)
    assert all("answer" not in q and "explanation" not in q for q in quiz["questions"])
    again = client.get(f"/api/v1/events/{site['event']['id']}").get_json()["quiz"]
    assert again == quiz  # the same questions, options in the same order, for everyone


def test_staff_cannot_set_a_pass_mark_above_the_questions_or_more_questions_than_the_topics_hold(client, site):
    eid, staff = site["event"]["id"], site["staff"]
    too_high = client.patch(f"/api/v1/events/{eid}", headers=staff,
                            json={"quiz": {"question_count": 1, "pass_mark": 2}})
    assert too_high.status_code == 422
    too_many = client.patch(f"/api/v1/events/{eid}", headers=staff,
                            json={"quiz": {"question_count": 2, "pass_mark": 1, "topics": ["injury"]}})
    assert too_many.status_code == 422 and too_many.get_json()["error_code"] == "bad_quiz"
    unknown = client.patch(f"/api/v1/events/{eid}", headers=staff,
                           json={"quiz": {"question_count": 1, "pass_mark": 1, "topics": ["没有"]}})
    assert unknown.status_code == 422
    one = client.patch(f"/api/v1/events/{eid}", headers=staff,
                       json={"quiz": {"question_count": 1, "pass_mark": 1, "topics": ["injury"]}}).get_json()
    assert [q["id"] for q in one["quiz"]["questions"]] == ["q-injury"]
    off = client.patch(f"/api/v1/events/{eid}", headers=staff, json={"quiz": None}).get_json()
    assert off["quiz"] is None


def test_answers_wait_for_the_check_in_then_count_once(client, app, site):
    eid, token = site["event"]["id"], site["roster"][0]["qr_token"]
    key = str(uuid.uuid4())
    early = hand_in(client, token, RIGHT, key)
    assert early.status_code == 409 and early.get_json()["error_code"] == "not_checked_in"
    sync(client, site["volunteer"], [op("checkin", eid, qr_token=token)])
    first = hand_in(client, token, RIGHT, key)  # the outbox sends the same entry again
    assert first.status_code == 201
    body = first.get_json()
    assert body | {"score": 2, "total": 2, "passed": True, "prize_given": False} == body
    assert all(q["right"] for q in body["questions"])
    retry = hand_in(client, token, RIGHT, key)
    assert retry.status_code == 201 and retry.get_json()["score"] == 2
    other_phone = hand_in(client, token, {"q-injury": "90 天"})  # no retakes: the first one stands
    assert other_phone.status_code == 200 and other_phone.get_json()["score"] == 2
    with app.app_context():
        assert db.session.query(QuizResult).count() == 1


def test_the_server_scores_what_was_chosen(client, site):
    eid, token = site["event"]["id"], site["roster"][1]["qr_token"]
    sync(client, site["volunteer"], [op("checkin", eid, qr_token=token)])
    body = hand_in(client, token, {"q-injury": "90 天", "q-double-pay": "三倍", "not-asked": "x"}).get_json()
    assert body["score"] == 0 and body["passed"] is False
    unknown = hand_in(client, "no-such-token", RIGHT)
    assert unknown.status_code == 404


def test_the_prize_is_marked_once_from_two_devices(client, app, site):
    eid, people = site["event"]["id"], site["roster"]
    sync(client, site["volunteer"], [op("checkin", eid, qr_token=a["qr_token"]) for a in people])
    waiting = sync(client, site["volunteer"], [op("prize", eid, attendee_id=people[0]["id"])])[0]
    assert waiting["status"] == "rejected" and waiting["code"] == "quiz_not_in" and waiting["retryable"]
    hand_in(client, people[0]["qr_token"], RIGHT)
    hand_in(client, people[1]["qr_token"], {})
    failed = sync(client, site["volunteer"], [op("prize", eid, attendee_id=people[1]["id"])])[0]
    assert failed["status"] == "rejected" and failed["code"] == "quiz_not_passed"
    phone_a = sync(client, site["volunteer"], [op("prize", eid, 30, attendee_id=people[0]["id"])], "phone-A")[0]
    phone_b = sync(client, site["staff"], [op("prize", eid, 20, qr_token=people[0]["qr_token"])], "phone-B")[0]
    assert phone_a["status"] == "applied"
    assert phone_b["status"] == "duplicate" and "已经领过" in phone_b["message"]
    with app.app_context():
        result = db.session.scalar(db.select(QuizResult).where(QuizResult.attendee_id == people[0]["id"]))
        assert result.prize_device_id == "phone-B"  # the earliest device time is kept, as for a check-in
    roster = {a["id"]: a for a in client.get(f"/api/v1/events/{eid}/roster",
                                             headers=site["volunteer"]).get_json()["attendees"]}
    assert roster[people[0]["id"]] | {"quiz_score": 2, "quiz_passed": True} == roster[people[0]["id"]]
    assert roster[people[0]["id"]]["prize_at"] is not None
    assert roster[people[1]["id"]]["quiz_passed"] is False and roster[people[2]["id"]]["quiz_score"] is None


def test_hostile_answers_get_a_clean_refusal(client, site):
    token = site["roster"][0]["qr_token"]
    for body in ({"qr_token": token, "answers": [{"id": "x" * 10000, "answer": "二倍"}]},
                 {"qr_token": "a\x00b", "answers": []},
                 {"qr_token": token, "answers": [{"id": "q-injury", "answer": "\ud800"}]},
                 {"qr_token": token, "answers": [{"id": "q", "answer": "a"}] * 500},
                 {"qr_token": token, "answers": "二倍"}):
        resp = client.post("/api/v1/quiz/answers", data=json.dumps(body), content_type="application/json",
                           headers={"Idempotency-Key": str(uuid.uuid4())})
        assert resp.status_code == 422, (body, resp.get_json())
        assert resp.get_json()["message"]


def test_no_prize_at_an_event_without_a_quiz(client, make_event, volunteer):
    event = make_event(signups=1, volunteers=[volunteer.user])
    person = client.get(f"/api/v1/events/{event['id']}/roster", headers=volunteer).get_json()["attendees"][0]
    sync(client, volunteer, [op("checkin", event["id"], attendee_id=person["id"])])
    refused = sync(client, volunteer, [op("prize", event["id"], attendee_id=person["id"])])[0]
    assert refused["status"] == "rejected" and refused["code"] == "no_quiz"
    assert client.get(f"/api/v1/events/{event['id']}").get_json()["quiz"] is None
