"""A worker reached by text: the link in the SMS opens 查进度 with the code filled in (and out of the
address bar); 忘了查询码 texts the codes to the phone that applied; the tracking page and the sent page
read themselves aloud."""
import re
import time

from playwright.sync_api import expect

from tests.fakes import SmsOutbox

from .test_aid_apply import CARD, fill_to_review
from .test_app_pages import FAKE_CHINESE_VOICE

PHONE = "13800138000"


def _path_in(text):
    return re.search(r"/t/[A-Z0-9]{8}", text).group()


def _texts_to(sms, phone, n, timeout=10):
    """The texts sent to `phone`, once there are `n` (a text goes after its answer has gone out)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        texts = [m["text"] for m in sms if m["phone"] == phone and "text" in m]
        if len(texts) >= n:
            return texts
        time.sleep(0.1)
    raise AssertionError(f"expected {n} texts to {phone}, got {[m for m in sms]}")


def test_the_link_in_a_text_opens_tracking_with_the_code_filled_and_out_of_the_address_bar(live, context, page, axe,
                                                                                         make_application):
    sms = live.app.extensions["sms_sender"] = SmsOutbox()
    sent = make_application(live.app.test_client())
    path = _path_in(_texts_to(sms, PHONE, 1)[0])
    assert path == f"/t/{sent['code']}"

    context.add_init_script(FAKE_CHINESE_VOICE)
    page.goto(live.url + path)
    expect(page).to_have_url(live.url + "/aid/track")  # the code is in the history entry's state only
    expect(page.get_by_label("查询码")).to_have_value(sent["code"])
    expect(page.get_by_label("申请时填的手机号")).to_have_value("")  # the phone is still asked
    page.get_by_label("申请时填的手机号").fill(PHONE)
    page.get_by_role("button", name="查进度", exact=True).click()
    track = page.get_by_test_id("track")
    expect(track).to_contain_text(f"查询码 {sent['code_display']}")
    expect(track).to_contain_text("现在：收到申请")
    text = track.inner_text()
    assert "照片 0 张" not in text and "。。" not in text, text
    assert sent["code"] not in page.url and sent["code"] not in page.evaluate("document.referrer")
    assert axe(page) == []

    # Read aloud: the page as it is, the code letter by letter.
    page.get_by_role("button", name="▶ 朗读").click()
    said = "".join(page.evaluate("window.__spoken"))
    code = sent["code"]
    assert "现在：收到申请" in said and " ".join(code[:4]) in said and " ".join(code[4:]) in said, said
    assert not re.search(r"[。！？；，：][。！？；，]", said), said

    # Reloading keeps the code (the history entry holds it), still not in the address bar.
    page.reload()
    expect(page.get_by_label("查询码")).to_have_value(sent["code"])
    expect(page).to_have_url(live.url + "/aid/track")


def test_a_worker_who_forgot_the_code_gets_it_by_text_and_nobody_learns_whose_phone_applied(live, page, axe,
                                                                                          make_application):
    first = make_application(live.app.test_client())
    second = make_application(live.app.test_client(), case_type="injury", injured_on="2026-10-01")
    sms = live.app.extensions["sms_sender"] = SmsOutbox()
    page.goto(live.url + "/aid/track")
    page.get_by_test_id("forgot-link").click()
    expect(page).to_have_url(live.url + "/aid/forgot")
    expect(page.get_by_role("heading", name="忘了查询码")).to_be_visible()
    page.get_by_role("button", name="把查询码发到这个手机").click()
    expect(page.get_by_text("请填写 11 位手机号码")).to_be_visible()
    page.get_by_label("申请时填的手机号").fill("138 0013 8000")
    page.get_by_role("button", name="把查询码发到这个手机").click()
    answer = page.get_by_test_id("forgot-sent")
    expect(answer).to_contain_text("查询码会用短信发到这个手机上")
    shown = answer.locator("p").inner_text()
    assert first["code_display"] not in shown and second["code_display"] not in shown
    assert axe(page) == []
    text = _texts_to(sms, PHONE, 1)[0]
    assert first["code_display"] in text and second["code_display"] in text

    # A phone that never applied gets the very same answer, and no text.
    page.goto(live.url + "/aid/forgot")
    page.get_by_label("申请时填的手机号").fill("13700137000")
    page.get_by_role("button", name="把查询码发到这个手机").click()
    expect(page.get_by_test_id("forgot-sent").locator("p")).to_have_text(shown)
    time.sleep(0.5)
    assert not [m for m in sms if m["phone"] == "13700137000"]

    # The first link in the text (the newest application) fills its code in 查进度.
    page.goto(live.url + _path_in(text))
    expect(page.get_by_label("查询码")).to_have_value(second["code"])


def test_the_sent_page_reads_the_code_aloud(live, context, page, axe):
    context.add_init_script(FAKE_CHINESE_VOICE)
    page.goto(live.url + f"/cards/{CARD}")
    page.get_by_role("link", name=re.compile("怎么申请")).click()
    fill_to_review(page, axe)
    page.get_by_role("button", name="提交申请").click()
    code = page.get_by_test_id("tracking-code")
    expect(code).to_have_text(re.compile(r"^[A-Z0-9]{4}-[A-Z0-9]{4}$"))
    shown = code.inner_text().replace("-", "")
    page.get_by_role("button", name="▶ 朗读").click()
    said = "".join(page.evaluate("window.__spoken"))
    assert " ".join(shown[:4]) in said and " ".join(shown[4:]) in said, said
    assert "抄在纸上" in said and "7 日内" in said, said
    assert not re.search(r"[。！？；，：][。！？；，]", said), said
    assert axe(page) == []
