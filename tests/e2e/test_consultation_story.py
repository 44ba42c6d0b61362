"""问一问 from end to end in the browser (issue 22's first Done-when line), every step through the real screens.

A worker on a phone whose microphone plays a WAV this test writes records a question with no signal (a voice, a few
words, the kind of case, two dates and the site's district), reloads, the signal comes back and it is sent once; the
question is routed by its district to 锦江区's office, whose staff member (at a PC, with a microphone of their own)
claims it, listens (the file the server serves decodes with PyAV as AAC and lasts what the worker recorded), answers
by voice and text with two cards and the offer to apply; a sibling office (武侯区) never sees it. The worker opens the
link of the SMS on the phone, plays the answer, opens a linked card with no signal, taps 申请法律援助, adds the ID
number and consent and submits: one application, linked to the question, with the question's dates and its voice on
the case."""
import re

from playwright.sync_api import expect

from server.extensions import db
from tests.fakes import SmsOutbox

from .events_helpers import read_store
from .helpers import cut_network, restore_network, wait_for
from .questions_helpers import (
    complete_apply_from_offer,
    district_office,
    mic_browser,
    open_ask_offline,
    phone_context,
    pick_two_cards,
    record,
    record_reply,
    seconds_of,
    send_offline_reload_and_come_online,
    tone,
    wait_until_draft_kept,
)
from .test_case_handling import PASSWORD, new_context, sign_in

PHONE = "13800002299"
WORDS = "包工头欠了我四个月工资，工地在锦江区。"
STARTED, LEFT = "2026-03-02", "2026-10-30"


def ask_by_voice_offline(live, mic):
    """The worker's question, recorded and written with no signal, sent once after a reload: its code and clip."""
    ctx = phone_context(mic, live)
    page = ctx.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    open_ask_offline(page, live, ctx, seen_online=True)
    record(page, 3000)
    [clip] = read_store(page, "questionClips")
    page.get_by_role("textbox", name="或者写下来").fill(WORDS)
    page.get_by_role("radio", name="欠薪").click()
    page.get_by_label("哪天开始干活").fill(STARTED)
    page.get_by_label("哪天离开（或被辞退）").fill(LEFT)
    page.get_by_label("城市").fill("成都市")
    page.get_by_label("区县", exact=True).fill("锦江区")
    page.get_by_label("在哪个区县干的活").select_option("510104")
    page.get_by_label("手机号").fill(PHONE)
    page.get_by_label("同意上面的隐私说明").check()
    page.get_by_label("我单独同意提供录音和经过").check()
    wait_until_draft_kept(page, phone=PHONE, site_division="510104", consent_privacy=True, consent_sensitive=True)
    page.reload()  # the recording and the words are on the phone, not in the page
    expect(page.get_by_test_id("voice-kept")).to_be_visible()
    expect(page.get_by_label("手机号")).to_have_value(PHONE)  # the draft is back from IndexedDB before 发送
    expect(page.get_by_label("在哪个区县干的活")).to_have_value("510104")
    expect(page.get_by_label("我单独同意提供录音和经过")).to_be_checked()
    code = send_offline_reload_and_come_online(page, live, ctx)
    assert read_store(page, "questionClips") == [], "the recording leaves the phone once the server has it"
    return code, clip, ctx, page


def claim_listen_and_answer(live, mic, code, recorded_ms) -> list[str]:
    """The office's staff member finds the question in the queue, claims it, hears it and answers by voice and
    text with two cards, the next step and the offer to apply. The slugs of the two cards."""
    ctx, page = new_context(mic, wide=True)
    ctx.grant_permissions(["microphone"], origin=live.url)
    try:
        sign_in(page, live, "jj-staff", "锦江王老师")
        page.goto(live.url + "/office/questions")
        row = page.get_by_role("table", name="待回复的咨询").get_by_role("row").filter(has_text=code)
        expect(row).to_contain_text("包工头欠了我四个月工资")
        row.get_by_role("link").click()
        page.get_by_role("button", name="认领回复").click()
        expect(page.get_by_test_id("claim-state")).to_contain_text("你已认领")
        with page.expect_response(re.compile(r"/api/v1/audio/[^/?]+$")) as served:
            page.get_by_role("button", name=re.compile("^听语音")).first.click()
        assert served.value.status == 200 and served.value.headers["content-type"] == "audio/mp4"
        heard = seconds_of(served.value.body())  # AAC, as long as what the worker said
        assert abs(heard * 1000 - recorded_ms) <= 700, (heard, recorded_ms)
        played = page.get_by_test_id("q-audio")
        expect(played).to_have_attribute("src", re.compile(r"^blob:"))
        wait_for(page, f"Math.abs(document.querySelector('[data-testid=q-audio]').duration - {heard}) < 0.3")

        form = record_reply(page)
        form.get_by_label("文字回复").fill("欠薪可以申请法律援助，先把考勤和欠条收好，听语音里说的步骤。")
        pick_two_cards(form)
        form.get_by_label("下一步").select_option(label="申请法律援助")
        form.get_by_label("可以申请法律援助", exact=False).check()
        form.get_by_role("button", name="发送回复").click()
        answered = page.get_by_test_id("q-message").last
        expect(answered).to_contain_text("欠薪可以申请法律援助")
        expect(answered.get_by_role("button", name="听语音", exact=False)).to_be_visible()
        links = answered.get_by_role("link")
        expect(links).to_have_count(2)
        expect(page.get_by_test_id("convert-box")).to_contain_text("已发短信请工友确认")
        slugs = links.evaluate_all("els => els.map(e => e.getAttribute('href').replace(/^.*\\/cards\\//, ''))")
        wait_for(page, "document.readyState === 'complete'")
        assert not page.errors, page.errors
        return slugs
    finally:
        ctx.close()


def a_sibling_office_does_not_see_it(live, auth, make_user, sibling_id, question_id, code):
    """武侯区's staff see their own district's question in their queue, never the worker's (锦江区)."""
    from tests.questions import ask
    client = live.app.test_client()
    theirs = ask(client, site_division="510107", district="武侯区", phone="13800002298")
    other = auth(client, user=make_user("staff", app=live.app, username="wh-staff", office_id=sibling_id))
    assert client.get(f"/api/v1/questions/{question_id}", headers=other).status_code == 404
    listed = client.get("/api/v1/questions?status=open", headers=other).get_json()
    assert [q["code_display"] for q in listed] == [theirs["code_display"]], listed
    assert client.post(f"/api/v1/questions/{question_id}/claim", headers=other).status_code == 404


def hear_the_answer_read_a_card_offline_and_apply(live, ctx, page, link, slugs, reply_ms):
    page.goto(live.url + link)  # the SMS's link, on the worker's phone
    code = link.rsplit("/", 1)[1]
    expect(page.get_by_label("查询码")).to_have_value(code)
    page.get_by_label("发问题时填的手机号").fill(PHONE)
    page.get_by_role("button", name="看回复").click()
    reply = page.get_by_test_id("answer")
    expect(reply).to_contain_text("欠薪可以申请法律援助")
    reply.get_by_role("button", name=re.compile("听录音")).click()
    expect(page.get_by_test_id("answer-audio")).to_have_attribute("src", re.compile("^blob:"))
    duration = "(a => a.duration > 0 && a.duration)(document.querySelector('[data-testid=answer-audio]'))"
    seconds = wait_for(page, duration)
    assert abs(seconds * 1000 - reply_ms) <= 300, (seconds, reply_ms)
    cards = reply.locator("a[href^='/cards/']")
    expect(cards).to_have_count(2)
    cut_network(live, ctx)
    cards.nth(1).click()  # the cards are on the phone: they open with no signal
    expect(page.locator("h1.card-title")).to_be_visible()
    assert page.evaluate("location.pathname") == f"/cards/{slugs[1]}"
    restore_network(live, ctx)
    page.go_back()
    expect(page.get_by_label("查询码")).to_have_value(code)
    page.get_by_label("发问题时填的手机号").fill(PHONE)
    page.get_by_role("button", name="看回复").click()
    page.get_by_test_id("offer").get_by_role("button", name="申请法律援助").click()
    complete_apply_from_offer(page, words="包工头欠了我四个月工资", dates=(STARTED, LEFT), phone=PHONE)
    assert read_store(page, "outbox") == []


def test_a_spoken_question_asked_offline_is_answered_by_its_office_and_becomes_one_application(
        live, browser, make_user, auth, tmp_path):
    from server.aid.models import Application
    from server.media.audio_service import get_clip
    from server.questions.models import Question, QuestionMessage

    office_id = district_office(live.app)
    sibling_id = district_office(live.app, "510107", "武侯区法律援助中心")
    staff = make_user("staff", app=live.app, username="jj-staff", password=PASSWORD, display_name="锦江王老师",
                      office_id=office_id)
    (tmp_path / "question.wav").write_bytes(tone(6.0))
    (tmp_path / "reply.wav").write_bytes(tone(6.0))
    worker_mic = mic_browser(browser, tmp_path / "question.wav")
    staff_mic = mic_browser(browser, tmp_path / "reply.wav")
    try:
        code, clip, phone, page = ask_by_voice_offline(live, worker_mic)
        with live.app.app_context():
            [question] = db.session.scalars(db.select(Question)).all()
            assert question.code == code.replace("-", "") and question.channel == "app_voice"
            assert (question.office_id, question.site_division) == (office_id, "510104")
            assert (question.started_on.isoformat(), question.left_on.isoformat()) == (STARTED, LEFT)
            assert get_clip(clip["id"]).owner_kind == "question_message"
            question_id = question.id
        a_sibling_office_does_not_see_it(live, auth, make_user, sibling_id, question_id, code)

        sms = live.app.extensions["sms_sender"] = SmsOutbox()
        slugs = claim_listen_and_answer(live, staff_mic, code, clip["durationMs"])
        client = live.app.test_client()
        thread = client.post("/api/v1/questions/track", json={"code": code, "phone": PHONE}).get_json()
        [answer] = [m for m in thread["messages"] if m["author"] == "answerer"]
        assert answer["audio_id"] and answer["next_step"] == "apply_aid"
        assert [c["slug"] for c in answer["cards"]] == slugs
        [text] = [m["text"] for m in sms if m.get("phone") == PHONE and "text" in m]
        link = re.search(r"/q/[A-Z0-9]+", text).group(0)

        hear_the_answer_read_a_card_offline_and_apply(live, phone, page, link, slugs, answer["duration_ms"])
        assert not page.errors, page.errors
    finally:
        worker_mic.close()
        staff_mic.close()
    with live.app.app_context():
        [application] = db.session.scalars(db.select(Application)).all()
        question = db.session.get(Question, question_id)
        assert question.application_id == application.id and question.status == "closed"
        assert (application.started_on.isoformat(), application.left_on.isoformat()) == (STARTED, LEFT)
        asked_clip = get_clip(clip["id"])
        asker_message = db.session.scalar(db.select(QuestionMessage).where(QuestionMessage.author == "asker"))
        assert asked_clip.owner_id == asker_message.id
        application_id = application.id
    client = live.app.test_client()
    case = client.get(f"/api/v1/cases/{application_id}", headers=auth(client, user=staff))
    assert case.status_code == 200, case.get_json()
    assert [a["id"] for a in case.get_json()["question_audio"]] == [clip["id"]]
