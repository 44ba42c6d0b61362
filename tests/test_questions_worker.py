"""问一问, the worker's side: a worker with no account asks (exactly once), is throttled after the day's limit with a
plain refusal, follows the thread by code and phone (a wrong phone and a wrong code answer alike), asks again in the
same thread; 我的咨询 for a worker signed in by phone; hostile input gets a 4xx in the one error format."""
import json
import uuid

from server.extensions import db
from server.questions.models import Question, QuestionMessage
from tests.questions import ASKER, ask, tree  # noqa: F401  (tree: a fixture)
from tests.test_errors import assert_error


def test_a_worker_asks_once_and_follows_by_code_and_phone(app, client, tree):  # noqa: F811
    sent = ask(client)
    assert sent["status"] == "open" and len(sent["code"]) == 8 and sent["code_display"][4] == "-"
    again = client.post("/api/v1/questions", json=sent["body"], headers={"Idempotency-Key": sent["key"]})
    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json()["id"] == sent["id"]
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Question)) == 1
        question = db.session.get(Question, sent["id"])
        assert question.office_id == tree["offices"]["jinjiang"]  # routed by the site, like an application
        assert question.channel == "app_text" and ASKER not in question.phone_enc
        assert "老板" not in question.text_enc  # the words are encrypted at rest
    tracked = client.post("/api/v1/questions/track", json={"code": sent["code_display"].lower(), "phone": ASKER})
    assert tracked.status_code == 200, tracked.get_json()
    thread = tracked.get_json()
    assert thread["messages"][0]["author"] == "asker" and "欠了我两个月" in thread["messages"][0]["text"]
    assert thread["offer"] is None and thread["application_code"] is None
    wrong_phone = client.post("/api/v1/questions/track", json={"code": sent["code"], "phone": "13900000000"})
    wrong_code = client.post("/api/v1/questions/track", json={"code": "ACDE3467", "phone": ASKER})
    assert_error(wrong_phone, 404)
    assert wrong_phone.get_json()["message"] == wrong_code.get_json()["message"]


def test_a_question_needs_words_or_voice_and_a_key(client, tree):  # noqa: F811
    assert_error(client.post("/api/v1/questions", json={}), 428)
    empty = ask(client, text="   ", expect=422)
    assert empty["code"] == 422 and empty["error_code"] == "question_empty"
    unknown_clip = ask(client, text="", audio_id="clip-that-was-never-sent", expect=422)
    assert unknown_clip["error_code"] == "audio_unknown"


def test_a_flooding_phone_gets_a_plain_refusal(make_app):
    app = make_app(QUESTION_PHONE_LIMIT=3)
    client = app.test_client()
    for n in range(3):
        ask(client, text=f"第 {n} 个问题")
    refused = ask(client, text="第 4 个问题", expect=429)
    assert refused["error_code"] == "question_throttled" and "12348" in refused["message"]
    assert ASKER not in refused["message"]
    ask(client, text="别的工友的问题", phone="13800138333")  # another phone is not held back


def test_a_follow_up_goes_back_to_the_queue(app, client, tree):  # noqa: F811
    sent = ask(client)
    key = str(uuid.uuid4())
    body = {"code": sent["code"], "phone": ASKER, "text": "补充一下：包工头姓王。", "audio_id": None}
    first = client.post("/api/v1/questions/track/messages", json=body, headers={"Idempotency-Key": key})
    assert first.status_code == 201, first.get_json()
    replay = client.post("/api/v1/questions/track/messages", json=body, headers={"Idempotency-Key": key})
    assert replay.status_code == 201 and replay.get_json()["id"] == first.get_json()["id"]
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(QuestionMessage)) == 2
    wrong = client.post("/api/v1/questions/track/messages", json={**body, "phone": "13900000000"},
                        headers={"Idempotency-Key": str(uuid.uuid4())})
    assert_error(wrong, 404)
    clip = client.post("/api/v1/questions/track/audio", json={"code": sent["code"], "phone": ASKER,
                                                               "audio_id": "not-in-this-thread"})
    assert_error(clip, 404)


def test_my_questions_for_a_worker_signed_in_by_phone(client, auth, tree):  # noqa: F811
    ask(client)
    ask(client, text="另一个人的问题", phone="13800138444")
    me = auth(client, "worker", phone=ASKER)
    resp = client.get("/api/v1/me/questions", headers=me)
    assert resp.status_code == 200, resp.get_json()
    rows = resp.get_json()
    assert len(rows) == 1 and rows[0]["first_words"].startswith("老板欠了我")
    assert "X-Pagination" in resp.headers
    assert_error(client.get("/api/v1/me/questions", headers=tree["people"]["jinjiang_staff"]), 403)


def test_hostile_input_gets_a_4xx(client, tree):  # noqa: F811
    for fields in ({"text": "a\x00b"}, {"text": "\ud800"}, {"text": "字" * 100_000}, {"phone": "１３８"},
                   {"upload_ids": ["x"] * 4}, {"case_type": "nope"}, {"consent_sensitive": False},
                   {"site_division": "999999"}, {"left_on": "2026-13-40"}, {"audio_id": "../../etc/passwd"},
                   {"upload_ids": ["photo-never-sent"]}, {"text": ["列表"]}):
        payload = {"text": "问题", "case_type": "wages", "phone": ASKER, "consent_privacy": True,
                   "consent_sensitive": True, **fields}
        resp = client.post("/api/v1/questions", data=json.dumps(payload), content_type="application/json",
                           headers={"Idempotency-Key": str(uuid.uuid4())})  # \ud800 escaped, as a client may send
        assert 400 <= resp.status_code < 500, (str(fields)[:80], resp.status_code)
        assert_error(resp, resp.status_code)
    deep: dict = {}
    for _ in range(200):
        deep = {"a": deep}
    resp = client.post("/api/v1/questions/track", json={"code": deep, "phone": ASKER})
    assert 400 <= resp.status_code < 500
    full_width = ask(client, phone="１３８００１３８２２２")  # full-width digits are the same phone
    assert client.post("/api/v1/questions/track", json={"code": full_width["code"], "phone": ASKER}).status_code == 200
