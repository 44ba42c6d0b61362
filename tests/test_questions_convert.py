"""转为法律援助申请: the answerer's 「转为法律援助申请」 makes a draft from the question with the limitation and
《法律援助法》第四十四条 checks run on its dates and texts the worker the link; the worker's application naming the
question (the same phone) lands once, is linked, and takes the question's photos as its evidence."""
import uuid
from datetime import date, timedelta

from server.extensions import db
from server.media.models import Upload
from server.questions.models import Question
from tests import photos
from tests.questions import ASKER, ask, tree  # noqa: F401  (tree: a fixture)
from tests.test_errors import assert_error


def _photo(client, key):
    upload_id = str(uuid.uuid4())
    resp = photos.post_photo(client, photos.jpeg(800, 600), upload_id=upload_id, submission_id=key, label="欠条")
    assert resp.status_code == 201, resp.get_json()
    return upload_id


def test_convert_makes_an_offer_with_checks_and_the_application_lands_once(app, client, tree, sms,  # noqa: F811
                                                                           make_application):
    key = str(uuid.uuid4())
    photo = _photo(client, key)
    left = date.today() - timedelta(days=365 - 5)  # 5 days left: Art. 44, aid first
    sent = ask(client, key=key, left_on=left.isoformat(), upload_ids=[photo])
    staff = tree["people"]["jinjiang_staff"]
    resp = client.post(f"/api/v1/questions/{sent['id']}/convert", headers=staff)
    assert resp.status_code == 200, resp.get_json()
    offer = resp.get_json()["offer"]
    assert offer["case_type"] == "wages" and offer["left_on"] == left.isoformat()
    assert offer["site_division"] == "510104" and "欠了我两个月" in offer["account"]
    kinds = {c["kind"]: c for c in offer["checks"]}
    assert kinds["limitation"]["severity"] == "urgent" and "第二十七条" in kinds["limitation"]["label"]
    assert "第四十四条" in kinds["first_aid"]["label"]
    assert "第四十二条" in kinds["means_test"]["label"]
    assert any(f"/q/{sent['code']}" in m.get("text", "") for m in sms)
    thread = client.post("/api/v1/questions/track", json={"code": sent["code"], "phone": ASKER}).get_json()
    assert thread["offer"]["checks"] == offer["checks"]

    dates = {"started_on": (left - timedelta(days=200)).isoformat(), "last_paid_on": None, "left_on": left.isoformat(),
             "site_division": "510104"}
    wrong = make_application(client, phone="13800138999", question_code=sent["code"], expect=422, **dates)
    assert wrong["error_code"] == "question_not_found"
    application = make_application(client, phone=ASKER, question_code=sent["code_display"], **dates)
    replay = client.post("/api/v1/applications", json=application["body"],
                         headers={"Idempotency-Key": application["key"]})
    assert replay.status_code == 201 and replay.get_json()["id"] == application["id"]
    with app.app_context():
        question = db.session.get(Question, sent["id"])
        assert question.application_id == application["id"] and question.status == "closed"
        assert db.session.get(Upload, photo).application_id == application["id"]
    again = make_application(client, phone=ASKER, question_code=sent["code"], expect=409, **dates)
    assert again["error_code"] == "question_converted"
    thread = client.post("/api/v1/questions/track", json={"code": sent["code"], "phone": ASKER}).get_json()
    assert thread["application_code"] == application["code_display"] and thread["status"] == "closed"
    case = client.get(f"/api/v1/cases/{application['id']}", headers=staff).get_json()
    assert [e["id"] for e in case["evidence"]] == [photo] and case["question_audio"] == []
    assert_error(client.post(f"/api/v1/questions/{sent['id']}/convert", headers=staff), 409)


def test_an_answer_may_offer_an_application(client, tree, sms):  # noqa: F811
    sent = ask(client, case_type="injury", injured_on=(date.today() - timedelta(days=100)).isoformat())
    staff = tree["people"]["jinjiang_staff"]
    resp = client.post(f"/api/v1/questions/{sent['id']}/answer", headers={**staff, "Idempotency-Key": "answer-00001"},
                       json={"text": "可以申请工伤认定和法律援助。", "card_slugs": [], "next_step": "apply_aid",
                             "offer_application": True})
    assert resp.status_code == 201, resp.get_json()
    thread = client.post("/api/v1/questions/track", json={"code": sent["code"], "phone": ASKER}).get_json()
    kinds = {c["kind"]: c["severity"] for c in thread["offer"]["checks"]}
    assert kinds["injury_recognition"] == "ok" and "first_aid" not in kinds
    assert "可以申请法律援助" in sms[-1]["text"]
