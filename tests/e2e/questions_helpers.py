"""Steps the 问一问 browser tests share (tests/e2e/test_ask.py, test_office_questions.py, test_consultation_story.py):
a WAV for Chromium's fake microphone, a Chromium of a test's own that plays it, holding 按住说话, asking with no signal
and coming back online, the district office questions are routed to, and reading a served clip with PyAV."""
import io
import json
import re

import av
from playwright.sync_api import expect

from server.extensions import db
from server.offices.models import Office
from server.offices.scope import default_office_id
from tests import audio_files

from .conftest import CHROMIUM, CHROMIUM_ARGS
from .events_helpers import read_store
from .helpers import cut_network, restore_network, wait_for, wait_until_later_kept, wait_until_offline_ready


def tone(seconds: float) -> bytes:
    """A WAV of a sine tone at 48 kHz (as Chromium's fake microphone plays it), loud enough not to count as silence."""
    return audio_files.wav(seconds, rate=48000)


def mic_browser(browser, wav_path):
    """A Chromium of the test's own (the flags change every page), started by the session's Playwright, whose
    microphone plays the WAV at `wav_path`."""
    return browser.browser_type.launch(executable_path=CHROMIUM, args=[
        *CHROMIUM_ARGS, "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={wav_path}"])


def phone_context(mic, live):
    """A phone (360 × 740, touch, service workers) in `mic`, allowed the microphone."""
    ctx = mic.new_context(locale="zh-CN", viewport={"width": 360, "height": 740}, device_scale_factor=2,
                          is_mobile=True, has_touch=True, service_workers="allow")
    ctx.grant_permissions(["microphone"], origin=live.url)
    ctx.set_default_timeout(15000)
    return ctx


def open_ask_offline(page, live, context, *, seen_online=False):
    """The first visit, online: the app and its 'later' screens (/ask among them) are kept; then no signal. With
    `seen_online`, /ask is opened once online first (its list of districts is kept on the phone, as a worker who
    had looked at it would have it)."""
    page.goto(live.url + "/")
    wait_until_offline_ready(page)
    wait_until_later_kept(page, live)
    if seen_online:
        page.goto(live.url + "/ask")
        expect(page.get_by_label("在哪个区县干的活")).to_be_visible()
    cut_network(live, context)
    page.goto(live.url + "/ask")
    expect(page.get_by_role("heading", name="问一问")).to_be_visible()


def wait_until_draft_kept(page, **asked):
    """/ask writes the question to IndexedDB at every key, one write after the other: a reload before the last one is
    in loses it (CI's browser tier: a consent ticked just before the reload came back unticked)."""
    same = " && ".join(f"a[{json.dumps(k)}] === {json.dumps(v)}" for k, v in asked.items())
    wait_for(page, """new Promise((ok) => {
      const open = indexedDB.open('gongyou-fayuan');
      open.onsuccess = () => {
        const req = open.result.transaction('kv').objectStore('kv').get('question-draft');
        req.onsuccess = () => { open.result.close(); const a = req.result && req.result.value.asked; ok(!!a && %s); };
      };
    })""" % same)


def record(page, ms=2500):
    """Hold 按住说话 for `ms`, as a finger would."""
    hold = page.get_by_role("button", name="按住说话")
    box = hold.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    expect(page.get_by_test_id("voice-status")).to_contain_text("正在录音")
    page.wait_for_timeout(ms)
    page.mouse.up()
    expect(page.get_by_test_id("voice-kept")).to_contain_text("已录好一段话")


def send_offline_reload_and_come_online(page, live, context):
    """发送 with no signal: it waits on the phone, through a reload; the signal comes back and it goes, once."""
    page.get_by_role("button", name="发送问题").click()
    try:
        expect(page.get_by_text("问题已存在手机上，等待发送。")).to_be_visible()
    except AssertionError as e:  # what the phone showed instead: a flake seen under load (/ask blank, outbox empty)
        shown = page.evaluate("location.pathname"), page.inner_text("body")[:300], read_store(page, "outbox")
        raise AssertionError(f"not queued after 发送问题: {shown}") from e
    assert [e["kind"] for e in read_store(page, "outbox")] == ["question"]
    page.reload()
    expect(page.get_by_text("问题已存在手机上，等待发送。")).to_be_visible()
    restore_network(live, context)
    code = page.get_by_test_id("question-code")
    expect(code).to_be_visible(timeout=30000)
    expect(code).to_have_text(re.compile(r"^[A-Z0-9]{4}-[A-Z0-9]{4}$"))
    assert read_store(page, "outbox") == []
    return code.inner_text()


def district_office(app, division="510104", name="锦江区法律援助中心") -> int:
    """A district office (成都市锦江区 unless told) under the root office: its district's questions go to it."""
    with app.app_context():
        root = db.session.get(Office, default_office_id())
        office = Office(name=name, kind="legal_aid", division=division, parent_id=root.id, phone="028-12348")
        db.session.add(office)
        db.session.flush()
        office.path = f"{root.path}{office.id}/"
        db.session.commit()
        return office.id


def seconds_of(mp4: bytes) -> float:
    """How long the served clip lasts, read with PyAV, which must find AAC in it."""
    with av.open(io.BytesIO(mp4)) as f:
        stream = f.streams.audio[0]
        assert stream.codec_context.name == "aac", stream.codec_context.name
        return float(stream.duration * stream.time_base)


def complete_apply_from_offer(page, *, words, dates, phone):
    """The apply form opened from 申请法律援助 on the thread has the question's kind (欠薪), its words, its dates
    (started, left) and phone; the worker adds who they are, the ID number and the consents, and submits."""
    from .test_aid_apply import ID_NUMBER, expect_step, next_step
    expect_step(page, 1, "是什么事？")
    expect(page.get_by_role("radio", name=re.compile("欠薪"))).to_have_attribute("aria-checked", "true")
    next_step(page)
    expect(page.get_by_label("发生了什么")).to_have_value(re.compile(words))
    next_step(page)
    page.get_by_label("老板、包工头或单位的名字").fill("李老板")
    next_step(page)
    next_step(page)
    expect(page.get_by_label("哪天开始干活")).to_have_value(dates[0])
    expect(page.get_by_label("哪天离开（或被辞退）")).to_have_value(dates[1])
    for _ in range(4):  # the dates, the amount, the co-workers, the photos
        next_step(page)
    expect_step(page, 9, "申请人是谁？")
    expect(page.get_by_label("手机号")).to_have_value(phone)
    page.get_by_label("姓名").fill("张三")
    page.get_by_label("身份证号").fill(ID_NUMBER)
    next_step(page)
    page.get_by_label("同意上面的隐私说明").check()
    page.get_by_label("我单独同意提供身份证号").check()
    next_step(page)
    page.get_by_role("button", name="提交申请").click()
    expect(page.get_by_test_id("tracking-code")).to_be_visible(timeout=30000)


def pick_two_cards(form, query="工资"):
    """The answer form's card picker: search, take the first two found."""
    form.get_by_label("附上问答卡").fill(query)
    form.get_by_role("button", name="找卡片").click()
    found = form.get_by_role("list", name="找到的问答卡")
    expect(found.get_by_role("button").first).to_be_visible()
    found.get_by_role("button").nth(0).click()
    found.get_by_role("button").nth(1).click()
    expect(form.get_by_test_id("chosen-cards").get_by_role("listitem")).to_have_count(2)


def record_reply(page, ms=2500):
    """录音回复 on the question page for `ms`, then 停止录音: the reply is kept in the form, which is returned."""
    page.get_by_role("button", name="录音回复").click()
    page.wait_for_timeout(ms)
    page.get_by_role("button", name="停止录音", exact=False).click()
    expect(page.get_by_test_id("reply-audio")).to_be_visible()
    return page.get_by_role("form", name="回复")
