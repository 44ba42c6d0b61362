"""Links shared in a WeChat group open cold; tabs, text size, read-aloud, new versions."""
import re

import pytest
from playwright.sync_api import expect

from .helpers import wait_for, wait_until_offline_ready

CARD = "wage-arrears-first-step"

FAKE_CHINESE_VOICE = """
(() => {
  const voice = {name: 'Test 普通话', lang: 'zh-CN', default: true, localService: true, voiceURI: 'test-zh'};
  window.__spoken = [];
  window.__cancelled = 0;
  const synth = {
    speaking: false, pending: false, paused: false,
    getVoices: () => [voice],
    speak: (u) => window.__spoken.push(u.text),
    cancel: () => { window.__cancelled += 1; },
    pause() {}, resume() {}, addEventListener() {}, removeEventListener() {},
  };
  Object.defineProperty(window, 'speechSynthesis', {value: synth, configurable: true});
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
})();
"""


@pytest.mark.reads_only
def test_shared_links_open_the_right_page_cold(live, context, page):
    question = live.app.test_client().get(f"/api/v1/cards/{CARD}").get_json()["question"]
    page.goto(live.url + f"/cards/{CARD}")
    expect(page.get_by_role("heading", level=1, name=question)).to_be_visible()
    expect(page).to_have_title(re.compile(re.escape(question)))
    expect(page.get_by_role("heading", name="下一步怎么办")).to_be_visible()

    page.goto(live.url + "/topics/wages")
    expect(page.get_by_role("heading", name="工资与欠薪")).to_be_visible()
    expect(page.locator(f'a[href="/cards/{CARD}"]')).to_be_visible()

    page.goto(live.url + "/search?q=%E5%B7%A5%E4%BC%A4")  # 工伤
    expect(page.locator("a.card-item").first).to_be_visible()

    page.goto(live.url + "/quiz")
    expect(page.get_by_role("button", name="开始答题")).to_be_visible()

    page.goto(live.url + "/cards/no-such-card")
    expect(page.get_by_text("没有找到这张卡片")).to_be_visible()
    page.goto(live.url + "/no/such/page")
    expect(page.get_by_role("heading", name="找不到这个页面")).to_be_visible()


@pytest.mark.reads_only
def test_tab_bar_and_coming_tabs_show_no_made_up_data(live, page):
    page.goto(live.url + "/")
    tabs = page.get_by_role("navigation", name="主菜单").get_by_role("link")
    expect(tabs).to_have_text(["首页", "普法", "活动", "援助", "我的"])
    expect(tabs.first).to_have_attribute("aria-current", "page")
    tabs.filter(has_text="援助").click()  # legal aid is here now: the way to apply, and no made-up applications
    expect(page).to_have_url(live.url + "/aid")
    expect(page.get_by_role("link", name="申请法律援助", exact=True)).to_be_visible()
    expect(page.get_by_text("这台手机提交的申请")).to_have_count(0)
    tabs.filter(has_text="我的").click()
    expect(page).to_have_url(live.url + "/me")
    expect(page.get_by_text("即将上线")).to_have_count(0)
    tabs.filter(has_text="活动").click()  # events are here now: none published, none made up
    expect(page.get_by_text("最近还没有活动。有了会在这里公布。")).to_be_visible()
    boxes = [tabs.nth(i).bounding_box() for i in range(5)]
    assert all(b["height"] >= 44 and b["width"] >= 44 for b in boxes), boxes


@pytest.mark.reads_only
def test_text_size_setting_is_kept(live, page):
    page.goto(live.url + "/me")
    page.get_by_role("radio", name="特大").click()
    page.reload()
    expect(page.get_by_role("radio", name="特大")).to_have_attribute("aria-checked", "true")
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "23px"
    page.goto(live.url + f"/cards/{CARD}")
    page.get_by_role("button", name="字小点").click()
    page.reload()
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "20px"


@pytest.mark.reads_only
def test_read_aloud_says_why_it_is_missing_and_speaks_clean_text(live, context, page):
    page.goto(live.url + f"/cards/{CARD}")
    expect(page.locator("h1.card-title")).to_be_visible()
    # Headless Chromium has no voice: no button, but a line that says why and what to do.
    expect(page.get_by_role("button", name=re.compile("朗读"))).to_have_count(0)
    expect(page.get_by_text("这台手机没有中文朗读，可以在系统设置里装中文语音")).to_be_visible()

    context.add_init_script(FAKE_CHINESE_VOICE)
    page.reload()
    question = page.locator("h1.card-title").inner_text()
    play = page.get_by_role("button", name="▶ 朗读")
    play.click()
    spoken = page.evaluate("window.__spoken")
    assert spoken and spoken[0].startswith(question[:10]), spoken
    assert all(len(part) <= 80 for part in spoken)
    said = "".join(spoken)
    assert not re.search(r"[。！？；，：][。！？；，]", said), said
    assert not [p for p in spoken if not re.search(r"\w", p)], spoken  # no lone "。"
    expect(page.get_by_text("这台手机没有中文朗读")).to_have_count(0)
    stop = page.get_by_role("button", name="■ 停止朗读")
    expect(stop).to_have_attribute("aria-pressed", "true")
    stop.click()
    expect(page.get_by_role("button", name="▶ 朗读")).to_be_visible()
    assert page.evaluate("window.__cancelled") >= 1


def test_a_new_version_is_offered_and_only_applied_when_asked(live, page, dist_dir):
    page.goto(live.url + "/quiz")
    wait_until_offline_ready(page)
    page.evaluate("window.__stillTheSamePage = true")

    sw = dist_dir / "sw.js"
    sw.write_text(sw.read_text(encoding="utf-8") + "\n// a new release\n", encoding="utf-8")
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    expect(page.get_by_text("有新版本")).to_be_visible()
    page.wait_for_timeout(500)
    assert page.evaluate("window.__stillTheSamePage === true"), "the page reloaded without being asked"

    with page.expect_navigation():
        page.get_by_role("button", name="更新").click()
    expect(page.get_by_role("button", name="开始答题")).to_be_visible()
    assert page.evaluate("window.__stillTheSamePage === undefined")
    expect(page.get_by_text("有新版本")).to_have_count(0)


@pytest.mark.reads_only
def test_back_returns_to_the_same_place_in_a_list(live, page):
    page.goto(live.url + "/topics/wages")
    last = page.locator("a.card-item").last
    last.scroll_into_view_if_needed()
    y = page.evaluate("scrollY")
    assert y > 100, "the list should be longer than the screen"
    last.click()
    expect(page.locator("h1.card-title")).to_be_visible()
    assert page.evaluate("scrollY") == 0
    page.go_back()
    expect(page.get_by_role("heading", name="工资与欠薪")).to_be_visible()
    wait_for(page, f"Math.abs(scrollY - {y}) < 5")
