"""问一问, the answerers: the queue of the routed office (a sibling office neither lists nor opens it), one answerer
at a time with a claim that lapses, the 24-hour age, urgent flags from the dates, an answer with two cards texted to
the asker with the /q/ link, moderation audited, and 咨询登记 of a hotline call and a walk-in."""
from datetime import date, timedelta

from server import clock
from server.accounts.models import AuditEntry
from server.extensions import db
from server.questions.models import Question, QuestionMessage
from tests.questions import ASKER, answer, ask, tree  # noqa: F401  (tree: a fixture)
from tests.test_errors import assert_error


def _queue(client, headers, **args):
    resp = client.get("/api/v1/questions", query_string=args, headers=headers)
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def test_the_routed_office_lists_and_claims_and_a_sibling_office_sees_nothing(client, tree):  # noqa: F811
    people = tree["people"]
    sent = ask(client)
    rows = _queue(client, people["jinjiang_volunteer"])
    assert [r["id"] for r in rows] == [sent["id"]]
    assert rows[0]["phone_masked"].endswith("8222") and ASKER not in str(rows)
    assert rows[0]["office_name"] == "锦江区法律援助中心" and rows[0]["age_state"] == "on_time"
    assert _queue(client, people["city_staff"])[0]["id"] == sent["id"]  # the office above sees it too
    sibling = people["qingyang_volunteer"]
    assert _queue(client, sibling) == []
    for path in ("", "/claim", "/release", "/convert"):
        call = client.get if not path else client.post
        assert_error(call(f"/api/v1/questions/{sent['id']}{path}", headers=sibling), 404)
    assert_error(client.post(f"/api/v1/questions/{sent['id']}/moderate", headers=sibling,
                             json={"verdict": "spam", "reason": "广告"}), 404)
    answer(client, sibling, sent["id"], expect=404)
    assert_error(client.get("/api/v1/questions", headers={}), 401)


def test_one_answerer_at_a_time_and_a_lapsed_claim_is_back_in_the_queue(app, client, tree, monkeypatch):  # noqa: F811
    people = tree["people"]
    sent = ask(client)
    first, second = people["jinjiang_volunteer"], people["jinjiang_lawyer"]
    claimed = client.post(f"/api/v1/questions/{sent['id']}/claim", headers=first)
    assert claimed.status_code == 200, claimed.get_json()
    assert claimed.get_json()["status"] == "claimed"
    assert claimed.get_json()["claimed_by_name"] == first.user.display_name
    refused = client.post(f"/api/v1/questions/{sent['id']}/claim", headers=second)
    assert_error(refused, 409)
    assert refused.get_json()["error_code"] == "question_claimed"
    answer(client, second, sent["id"], expect=409)  # only the one holding it answers
    assert _queue(client, second, status="open") == []
    assert [r["id"] for r in _queue(client, first, status="mine")] == [sent["id"]]
    later = clock.utcnow() + timedelta(minutes=31)
    monkeypatch.setattr(clock, "utcnow", lambda: later)  # the claim (30 minutes) has lapsed
    rows = _queue(client, second, status="open")
    assert [r["id"] for r in rows] == [sent["id"]] and rows[0]["status"] == "open"
    assert rows[0]["claimed_by_name"] is None
    again = client.post(f"/api/v1/questions/{sent['id']}/claim", headers=second)
    assert again.status_code == 200 and again.get_json()["claimed_by_name"] == second.user.display_name
    released = client.post(f"/api/v1/questions/{sent['id']}/release", headers=second)
    assert released.get_json()["status"] == "open"


def test_an_old_question_is_overdue_and_dates_make_it_urgent(app, client, tree):  # noqa: F811
    people = tree["people"]
    old = ask(client, text="一天多以前问的")
    today = date.today()
    left = (today - timedelta(days=365 - 20)).isoformat()  # the 1-year limitation ends in about 20 days
    hurt = (today - timedelta(days=365 - 10)).isoformat()
    urgent = ask(client, text="快一年了", left_on=left)
    injured = ask(client, text="受伤快一年了", case_type="injury", injured_on=hurt, phone="13800138555")
    calm = ask(client, text="刚离开工地", left_on=(today - timedelta(days=30)).isoformat(), phone="13800138666")
    with app.app_context():
        db.session.get(Question, old["id"]).created_at = clock.utcnow() - timedelta(hours=25)
        for m in db.session.scalars(db.select(QuestionMessage).where(QuestionMessage.question_id == old["id"])):
            m.created_at = clock.utcnow() - timedelta(hours=25)  # the clock runs from the asker's message
        db.session.commit()
    rows = {r["id"]: r for r in _queue(client, people["jinjiang_staff"])}
    assert rows[old["id"]]["age_state"] == "overdue" and rows[calm["id"]]["age_state"] == "on_time"
    assert [f["kind"] for f in rows[urgent["id"]]["urgent"]] == ["limitation_soon"]
    assert "injury_deadline" in [f["kind"] for f in rows[injured["id"]]["urgent"]]
    assert rows[calm["id"]]["urgent"] == [] and rows[old["id"]]["urgent"] == []
    order = [r["id"] for r in _queue(client, people["jinjiang_staff"])]
    assert set(order[:2]) == {urgent["id"], injured["id"]} and order[2] == old["id"]  # urgent first, then oldest
    assert [r["id"] for r in _queue(client, people["jinjiang_staff"], age="overdue")] == [old["id"]]
    assert {r["id"] for r in _queue(client, people["jinjiang_staff"], urgent="true")} == {urgent["id"], injured["id"]}
    assert [r["id"] for r in _queue(client, people["jinjiang_staff"], q=old["code_display"])] == [old["id"]]


def test_an_answer_with_two_cards_texts_the_asker_the_link(app, client, tree, loaded, sms):  # noqa: F811
    people = tree["people"]
    sent = ask(client)
    volunteer = people["jinjiang_volunteer"]
    assert client.post(f"/api/v1/questions/{sent['id']}/claim", headers=volunteer).status_code == 200
    unknown = answer(client, volunteer, sent["id"], expect=422, card_slugs=["no-such-card"])
    assert unknown["error_code"] == "card_unknown"
    message = answer(client, volunteer, sent["id"], card_slugs=["wage-arrears", "no-contract-double-pay"])
    assert [c["slug"] for c in message["cards"]] == ["wage-arrears", "no-contract-double-pay"]
    assert all(c["title"] for c in message["cards"]) and message["next_step_label"] == "申请法律援助"
    texts = [m for m in sms if m.get("text")]
    assert len(texts) == 1 and texts[0]["phone"] == ASKER
    assert f"/q/{sent['code']}" in texts[0]["text"] and sent["code_display"] in texts[0]["text"]
    thread = client.post("/api/v1/questions/track", json={"code": sent["code"], "phone": ASKER}).get_json()
    assert thread["status"] == "answered" and thread["answered_at"]
    assert [m["author"] for m in thread["messages"]] == ["asker", "answerer"]
    assert thread["messages"][1]["cards"][0]["slug"] == "wage-arrears"
    rows = _queue(client, volunteer, status="answered")
    assert rows[0]["id"] == sent["id"] and rows[0]["claimed_by_name"] is None


def test_moderation_is_audited_and_deletes_nothing(app, client, tree):  # noqa: F811
    staff = tree["people"]["jinjiang_staff"]
    sent = ask(client, text="加微信领红包")
    resp = client.post(f"/api/v1/questions/{sent['id']}/moderate", headers=staff,
                       json={"verdict": "spam", "reason": "广告"})
    assert resp.status_code == 200 and resp.get_json()["status"] == "moderated"
    assert resp.get_json()["verdict"] == "spam" and "加微信" in resp.get_json()["text"]
    with app.app_context():
        entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "moderate"))
        assert entry.record_type == "question" and entry.record_id == str(sent["id"])
        assert db.session.get(Question, sent["id"]) is not None
    assert_error(client.post(f"/api/v1/questions/{sent['id']}/moderate", headers=staff,
                             json={"verdict": "rude", "reason": ""}), 422)
    follow = client.post("/api/v1/questions/track/messages", headers={"Idempotency-Key": "follow-up-0001"},
                         json={"code": sent["code"], "phone": ASKER, "text": "再问", "audio_id": None})
    assert_error(follow, 409)


def test_a_hotline_call_and_a_walk_in_are_logged_and_counted_by_channel(app, client, tree):  # noqa: F811
    staff = tree["people"]["jinjiang_staff"]
    hotline = client.post("/api/v1/questions/logged", headers={**staff, "Idempotency-Key": "logged-call-0001"}, json={
        "channel": "hotline", "case_type": "wages", "text": "来电：工地欠薪三个月", "phone": "13800138777",
        "answered": True, "answer_text": "告知申请法律援助和劳动仲裁的途径"})
    assert hotline.status_code == 201, hotline.get_json()
    walk_in = client.post("/api/v1/questions/logged", headers={**staff, "Idempotency-Key": "logged-walk-0001"}, json={
        "channel": "walk_in", "case_type": "injury", "text": "来访：脚被砸伤", "answered": False})
    assert walk_in.status_code == 201, walk_in.get_json()
    assert_error(client.post("/api/v1/questions/logged", headers={**staff, "Idempotency-Key": "logged-bad-0001"},
                             json={"channel": "app_text", "case_type": "wages", "text": "x"}), 422)
    assert_error(client.post("/api/v1/questions/logged", headers={**staff, "Idempotency-Key": "logged-bad-0002"},
                             json={"channel": "event", "case_type": "wages", "text": "x", "event_id": 999}), 422)
    with app.app_context():
        rows = dict(db.session.execute(db.select(Question.channel, Question.status)).all())
        assert rows == {"hotline": "answered", "walk_in": "open"}
        logged = db.session.get(Question, hotline.get_json()["id"])
        assert logged.logged_by_id == staff.user.id and logged.answered_at is not None
        assert logged.office_id == tree["offices"]["jinjiang"]
    assert {r["channel"] for r in _queue(client, staff)} == {"hotline", "walk_in"}
    assert [r["channel"] for r in _queue(client, staff, channel="hotline")] == ["hotline"]


def test_an_answer_text_that_failed_is_sent_by_the_sweep(app, client, tree):  # noqa: F811
    from server.aid.cases import notifications
    from server.aid.models import Notification
    from tests.fakes import SmsOutbox

    class Down:
        def send_text(self, phone, text):
            raise ConnectionError("the SMS service is down")

    app.extensions["sms_sender"] = Down()
    sent = ask(client)
    answer(client, tree["people"]["jinjiang_staff"], sent["id"])  # staff answer without a claim; the answer stands
    with app.app_context():
        row = db.session.scalar(db.select(Notification).where(Notification.question_id == sent["id"]))
        assert row.status == "failed" and row.application_id is None
    outbox = app.extensions["sms_sender"] = SmsOutbox()
    with app.app_context():
        assert notifications.retry_failed() == (1, 1)
    assert outbox[0]["phone"] == ASKER and f"/q/{sent['code']}" in outbox[0]["text"]
