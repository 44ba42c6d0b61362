"""问一问 for the answerers, in the browser (issue 22): a worker's question routed by its site's district lands
in that district office's queue, where its staff (at a PC) see it with its age and urgent flag, claim it, and a
volunteer of the same office (on a phone) sees it claimed and is offered no answer form. The staff answer with
text, two cards found with the picker and a next step; the worker's thread (by code and phone) then holds the
answer with both cards, and the queue shows it as answered.
"""
import io
import re
from datetime import timedelta

from playwright.sync_api import expect

from server.aid.cases.clocks import today
from server.extensions import db

from .helpers import wait_for
from .questions_helpers import district_office, mic_browser, pick_two_cards, record_reply, seconds_of, tone
from .test_case_handling import PASSWORD, new_context, sign_in

PHONE = "13800002201"


def ask(client) -> dict:
    left = today() - timedelta(days=345)  # the one-year arbitration limitation ends within 30 days: urgent
    body = {"text": "老板欠我三个月工资不给，工地在锦江区。", "audio_id": None, "upload_ids": [], "case_type": "wages",
            "started_on": (left - timedelta(days=200)).isoformat(), "left_on": left.isoformat(), "injured_on": None,
            "city": "成都市", "district": "锦江区", "site_division": "510104", "site_code": "", "phone": PHONE,
            "consent_privacy": True, "consent_sensitive": True}
    resp = client.post("/api/v1/questions", json=body, headers={"Idempotency-Key": "e2e-office-question-1"})
    assert resp.status_code == 201, resp.get_json()
    return resp.get_json()


def test_staff_claim_a_question_a_volunteer_sees_it_claimed_and_the_answer_carries_two_cards(live, browser, make_user):
    client = live.app.test_client()
    office_id = district_office(live.app)
    for role, username, name in (("staff", "jj-staff", "锦江王老师"), ("volunteer", "jj-vol", "志愿者小李")):
        make_user(role, app=live.app, username=username, password=PASSWORD, display_name=name, office_id=office_id)
    asked = ask(client)
    pc, staff = new_context(browser, wide=True)
    phone, volunteer = new_context(browser, wide=False)
    try:
        sign_in(staff, live, "jj-staff", "锦江王老师")
        staff.goto(live.url + "/office/questions")
        table = staff.get_by_role("table", name="待回复的咨询")
        row = table.get_by_role("row").filter(has_text=asked["code_display"])
        expect(row).to_contain_text("老板欠我三个月工资")
        expect(row.locator("[data-age='on_time']")).to_contain_text("还剩")
        expect(row.locator("[data-urgent='limitation_soon']")).to_be_visible()
        row.get_by_role("link").click()
        staff.get_by_role("button", name="认领回复").click()
        expect(staff.get_by_test_id("claim-state")).to_contain_text("你已认领")

        sign_in(volunteer, live, "jj-vol", "志愿者小李")
        volunteer.goto(live.url + "/office/questions?tab=all")
        cells = volunteer.get_by_role("list", name="全部的咨询")
        expect(cells).to_contain_text("锦江王老师 认领")
        cells.get_by_role("link").filter(has_text="老板欠我三个月工资").click()
        expect(volunteer.get_by_test_id("claim-state")).to_contain_text("锦江王老师已认领")
        expect(volunteer.get_by_role("button", name="认领回复")).to_have_count(0)
        expect(volunteer.get_by_role("form", name="回复")).to_have_count(0)

        form = staff.get_by_role("form", name="回复")
        form.get_by_label("文字回复").fill("可以先打 12333 投诉，也可以申请劳动仲裁。仲裁时效快到了，请尽快。")
        pick_two_cards(form)
        form.get_by_label("下一步").select_option(label="申请劳动仲裁")
        form.get_by_role("button", name="发送回复").click()
        expect(staff.get_by_test_id("q-message").filter(has_text="可以先打 12333 投诉")).to_be_visible()
        expect(staff.get_by_test_id("q-message").last.get_by_role("link")).to_have_count(2)
        wait_for(staff, "document.readyState === 'complete'")
        assert not staff.errors and not volunteer.errors, (staff.errors, volunteer.errors)
    finally:
        pc.close()
        phone.close()
    thread = client.post("/api/v1/questions/track", json={"code": asked["code"], "phone": PHONE}).get_json()
    answers = [m for m in thread["messages"] if m["author"] == "answerer"]
    assert len(answers) == 1, thread
    assert len(answers[0]["cards"]) == 2 and answers[0]["next_step"] == "arbitration", answers
    assert thread["status"] == "answered"


def test_on_a_phone_staff_log_a_hotline_call_convert_it_mark_spam_and_see_an_overdue_question_in_red(
        live, browser, make_user, axe):
    from server.questions.models import Question, QuestionMessage

    client = live.app.test_client()
    office_id = district_office(live.app)
    make_user("staff", app=live.app, username="jj-staff", password=PASSWORD, display_name="锦江王老师",
              office_id=office_id)
    late = ask(client)
    spam = client.post("/api/v1/questions", headers={"Idempotency-Key": "e2e-office-question-spam"}, json={
        "text": "专业办证，加微信", "case_type": "other", "site_division": "510104", "phone": "13800002202",
        "consent_privacy": True, "consent_sensitive": True}).get_json()
    with live.app.app_context():
        db.session.get(Question, late["id"]).created_at -= timedelta(hours=30)
        for m in db.session.scalars(db.select(QuestionMessage).where(QuestionMessage.question_id == late["id"])):
            m.created_at -= timedelta(hours=30)  # the clock runs from the asker's message
        db.session.commit()
    ctx, page = new_context(browser, wide=False)
    try:
        sign_in(page, live, "jj-staff", "锦江王老师")
        page.goto(live.url + "/office/questions")
        cells = page.get_by_role("list", name="待回复的咨询")
        overdue = cells.get_by_role("listitem").filter(has_text=late["code_display"])
        expect(overdue.locator("[data-age='overdue']")).to_contain_text("超时 6 小时")
        assert not axe(page), axe(page)

        page.goto(live.url + f"/office/questions/{spam['id']}")
        page.get_by_role("button", name="标记（不是法律问题/骚扰/广告）").click()
        marking = page.get_by_role("form", name="标记这条咨询")
        marking.get_by_role("radio", name="广告").check()
        marking.get_by_label("原因").fill("办证广告，和劳动纠纷无关。")
        marking.get_by_role("button", name="确认标记").click()
        expect(page.get_by_text("已标记为「广告」：办证广告，和劳动纠纷无关。")).to_be_visible()

        page.goto(live.url + "/office/questions/new")
        form = page.get_by_role("form", name="咨询登记")
        form.get_by_role("radio", name="热线电话").click()
        form.get_by_label("类型").select_option(label="欠薪")
        form.get_by_label("问的问题").fill("电话里说包工头跑了，半年工资没拿到。")
        form.get_by_label("手机号（可不填）").fill("１３８０００２２２０３")
        form.get_by_label("离开（可不填）").fill((today() - timedelta(days=355)).isoformat())
        form.get_by_role("button", name="登记").click()
        expect(page.get_by_test_id("q-message").first).to_contain_text("包工头跑了")
        page.get_by_role("button", name="转为法律援助申请").click()
        checks = page.get_by_role("list", name="检查结果")
        expect(checks.locator(".tag-bad").first).to_be_visible()
        expect(page.get_by_test_id("convert-box")).to_contain_text("已发短信请工友确认")
        assert not axe(page), axe(page)
        wait_for(page, "document.readyState === 'complete'")
        assert not page.errors, page.errors
    finally:
        ctx.close()
    with live.app.app_context():
        logged = db.session.scalar(db.select(Question).where(Question.channel == "hotline"))
        assert logged.offer and logged.office_id == office_id and logged.phone_masked.endswith("2203")


def test_staff_listen_to_a_spoken_question_and_answer_by_voice(live, browser, make_user, auth, tmp_path):
    client = live.app.test_client()
    office_id = district_office(live.app)
    staff = make_user("staff", app=live.app, username="jj-staff", password=PASSWORD, display_name="锦江王老师",
                      office_id=office_id)
    key = "e2e-office-voice-question"
    clip = client.post("/api/v1/audio", content_type="multipart/form-data", data={
        "id": "e2e-voice-clip-1", "submission_id": key, "file": (io.BytesIO(tone(3.0)), "q.wav", "audio/wav")})
    assert clip.status_code == 201, clip.get_json()
    asked = client.post("/api/v1/questions", headers={"Idempotency-Key": key}, json={
        "text": "", "audio_id": "e2e-voice-clip-1", "case_type": "injury", "site_division": "510104",
        "phone": PHONE, "consent_privacy": True, "consent_sensitive": True})
    assert asked.status_code == 201, asked.get_json()
    asked = asked.get_json()
    reply = tmp_path / "reply.wav"
    reply.write_bytes(tone(6.0))
    mic = mic_browser(browser, reply)
    try:
        ctx, page = new_context(mic, wide=True)
        ctx.grant_permissions(["microphone"], origin=live.url)
        sign_in(page, live, "jj-staff", "锦江王老师")
        page.goto(live.url + f"/office/questions/{asked['id']}")
        page.get_by_role("button", name="认领回复").click()
        page.get_by_role("button", name="听语音（3 秒）").click()
        played = page.get_by_test_id("q-audio")
        expect(played).to_have_attribute("src", re.compile(r"^blob:"))
        # The server's AAC in MP4 plays in the browser: its length is what the worker said.
        wait_for(page, "Math.abs(document.querySelector('[data-testid=q-audio]').duration - 3) < 0.3")
        form = record_reply(page)
        form.get_by_label("文字回复").fill("受伤一年内可以申请工伤认定，听语音里说的步骤。")
        form.get_by_role("button", name="发送回复").click()
        answered = page.get_by_test_id("q-message").last
        expect(answered.get_by_role("button", name="听语音", exact=False)).to_be_visible()
        assert not page.errors, page.errors
    finally:
        mic.close()
    thread = client.post("/api/v1/questions/track", json={"code": asked["code"], "phone": PHONE}).get_json()
    voice = [m for m in thread["messages"] if m["author"] == "answerer"][0]
    assert voice["audio_id"] and 1500 <= voice["duration_ms"] <= 4500, voice
    heard = client.get(f"/api/v1/audio/{voice['audio_id']}", headers=auth(client, user=staff))
    assert heard.status_code == 200 and heard.mimetype == "audio/mp4", heard.status_code
    assert abs(seconds_of(heard.data) * 1000 - voice["duration_ms"]) < 300
