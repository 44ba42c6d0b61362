"""问一问: a follow-up from the worker restarts the 24-hour clock. The queue's due_at and age_state count from the
first asker message after the last answer (the follow-up), not from the first question."""
import uuid
from datetime import datetime, timedelta

from server import clock
from server.extensions import db
from server.questions.models import Question, QuestionMessage
from tests.questions import answer, ask, tree  # noqa: F401  (tree: a fixture)


def _rows(client, headers, **args):
    resp = client.get("/api/v1/questions", query_string=args, headers=headers)
    assert resp.status_code == 200, resp.get_json()
    return {r["id"]: r for r in resp.get_json()}


def _shift(app, question_id: int, hours: float, *, asker_after: int | None = None) -> None:
    """Move the question and its messages `hours` into the past (or only the asker's messages after an id)."""
    with app.app_context():
        back = timedelta(hours=hours)
        if asker_after is None:
            question = db.session.get(Question, question_id)
            question.created_at = clock.aware(question.created_at) - back
            if question.answered_at:
                question.answered_at = clock.aware(question.answered_at) - back
        for m in db.session.scalars(db.select(QuestionMessage).where(QuestionMessage.question_id == question_id)):
            if asker_after is None or (m.author == "asker" and m.id > asker_after):
                m.created_at = clock.aware(m.created_at) - back
        db.session.commit()


def test_a_follow_up_restarts_the_24_hour_clock(app, client, tree):  # noqa: F811
    staff = tree["people"]["jinjiang_staff"]
    sent = ask(client)
    answered = answer(client, staff, sent["id"])
    _shift(app, sent["id"], 50)  # asked 50 hours ago, answered then too
    assert _rows(client, staff)[sent["id"]]["age_state"] == "on_time"
    body = {"code": sent["code"], "phone": sent["phone"], "text": "老板还是不给，怎么办？", "audio_id": None}
    resp = client.post("/api/v1/questions/track/messages", json=body, headers={"Idempotency-Key": str(uuid.uuid4())})
    assert resp.status_code == 201, resp.get_json()
    row = _rows(client, staff)[sent["id"]]
    assert row["status"] == "open" and row["age_state"] == "on_time"  # 50 h after the question, just asked again
    assert datetime.fromisoformat(row["due_at"]) > clock.utcnow() + timedelta(hours=23)
    assert sent["id"] not in _rows(client, staff, age="overdue")
    assert sent["id"] in _rows(client, staff, age="on_time")
    _shift(app, sent["id"], 25, asker_after=answered["id"])  # the follow-up is now 25 hours old
    row = _rows(client, staff)[sent["id"]]
    assert row["age_state"] == "overdue"
    assert sent["id"] in _rows(client, staff, age="overdue")
    assert sent["id"] not in _rows(client, staff, age="on_time")
    again = answer(client, staff, sent["id"])
    assert again["id"] > answered["id"]
    assert _rows(client, staff)[sent["id"]]["age_state"] == "overdue"  # answered, but late: stays marked
