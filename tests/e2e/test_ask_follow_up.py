"""问一问's 再问一句 works with no signal, like every other write of the worker: a follow-up typed (and recorded, with
Chromium's fake microphone playing the test's WAV) on the thread page while offline waits in the outbox, the page
says so, and it is sent exactly once when the signal comes back; the recording leaves the phone then."""
import re
import uuid

from playwright.sync_api import expect

from server.extensions import db

from .events_helpers import read_store
from .helpers import cut_network, restore_network, wait_until_later_kept, wait_until_offline_ready
from .test_ask import PHONE, mic_context, record  # noqa: F401  (mic_context: a fixture)

FOLLOW_UP = "老板说下个月再给，我还要等吗？"


def answered_question(live, auth) -> str:
    from tests.questions import ask
    client = live.app.test_client()
    sent = ask(client, phone=PHONE)
    staff = auth(client, "staff")
    body = {"text": "先把欠条、考勤记录收好。", "audio_id": None, "card_slugs": [], "next_step": "collect_evidence",
            "offer_application": False}
    resp = client.post(f"/api/v1/questions/{sent['id']}/answer", json=body,
                       headers={**staff, "Idempotency-Key": str(uuid.uuid4())})
    assert resp.status_code == 201, resp.get_json()
    return sent["code"]


def asker_messages(live):
    from server.pii import decrypt
    from server.questions.models import QuestionMessage
    with live.app.app_context():
        return [(decrypt(m.text_enc), m.audio_id) for m in db.session.scalars(
            db.select(QuestionMessage).where(QuestionMessage.author == "asker").order_by(QuestionMessage.id))]


def test_a_follow_up_typed_and_recorded_offline_is_sent_once_when_back_online(live, mic_context, auth):  # noqa: F811
    code = answered_question(live, auth)
    page = mic_context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(live.url + "/")
    wait_until_offline_ready(page)
    wait_until_later_kept(page, live)  # the recorder among them
    page.goto(live.url + f"/q/{code}")
    page.get_by_label("发问题时填的手机号").fill(PHONE)
    page.get_by_role("button", name="看回复").click()
    expect(page.get_by_test_id("thread")).to_contain_text("先把欠条")
    cut_network(live, mic_context)
    page.get_by_role("button", name="按住说话").scroll_into_view_if_needed()  # below the thread
    record(page)
    [clip] = read_store(page, "questionClips")
    page.get_by_role("textbox", name="或者写下来").fill(FOLLOW_UP)
    page.get_by_role("button", name="发送", exact=True).click()
    waiting = page.get_by_test_id("follow-ups-waiting")
    expect(waiting).to_contain_text("等待发送")
    expect(waiting).to_contain_text(FOLLOW_UP)
    [entry] = read_store(page, "outbox")
    assert entry["kind"] == "question" and entry["payload"]["clip"]["id"] == clip["id"]
    assert re.fullmatch(r"[0-9a-f-]{36}", entry["id"]), entry["id"]  # the Idempotency-Key, made at 发送
    [kept] = read_store(page, "questionClips")
    assert kept["id"] == clip["id"] and kept["ownerId"] == entry["id"], "the recording waits with the follow-up"
    expect(page.get_by_role("textbox", name="或者写下来")).to_have_value("")  # the form is free for the next one
    assert len(asker_messages(live)) == 1  # nothing went
    restore_network(live, mic_context)
    expect(waiting).to_have_count(0, timeout=30000)
    expect(page.get_by_test_id("thread")).to_contain_text(FOLLOW_UP)  # read again once it went
    assert read_store(page, "outbox") == [] and read_store(page, "questionClips") == []
    page.get_by_role("button", name="发送", exact=True).click()  # an empty form sends nothing
    page.wait_for_timeout(1500)
    messages = asker_messages(live)
    assert [m[0] for m in messages][1:] == [FOLLOW_UP] and messages[1][1] == clip["id"], messages
    from server.media.audio_service import get_clip
    with live.app.app_context():
        assert get_clip(clip["id"]).owner_kind == "question_message"
    assert not errors, errors
