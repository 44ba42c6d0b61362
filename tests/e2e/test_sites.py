"""Issue 23: staff make a site and print its board (A4 and A3: the QR read back, the text checked); the QR's URL
opens the site's page on a 150 kbit/s link with the board's facts painted and never the home page on the way;
「工资没拿到？」 opens the application with the firms and the site filled; once sent, the case is under that site
in the office's inbox."""
import io
import re
from urllib.parse import urlsplit

import zxingcpp
from PIL import Image
from playwright.sync_api import expect
from pypdf import PdfReader

from tests import photos

from .events_helpers import PASSWORD
from .test_cold_apply_link import WATCH, throttle
from .test_office_events import office_pc, sign_in

# As the cold apply link's watch, the home page told by its hero alone: the site page has hotlines and a wage entry too.
SITE_WATCH = WATCH.replace(".hero, .wage-entry, a[href=\"tel:12348\"]", ".hero")
SITE = {"工程名称": "锦江区幸福里二期住宅项目", "区县代码": "510104", "建设单位": "成都幸福里置业有限公司",
        "施工总承包单位": "四川某某建设集团有限公司", "劳务分包单位（没有可不填）": "成都某某劳务有限公司",
        "劳资专管员": "王建国", "劳资专管员的工作电话": "13800001234", "工资支付日期": "每月15日"}


def _saved(page, button):
    with page.expect_download() as got:
        page.get_by_role("button", name=button).click()
    return got.value.path().read_bytes()


def _make_site_and_print(live, browser, make_user):
    make_user("staff", app=live.app, username="zhou", password=PASSWORD, display_name="周干事")
    ctx = office_pc(browser)
    page = ctx.new_page()
    sign_in(page, live, "zhou", "工作人员")
    page.goto(live.url + "/office/sites")
    page.get_by_role("link", name="新建").click()
    for label, value in SITE.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_role("button", name="保存").click()
    expect(page).to_have_url(re.compile(r"/office/sites/[3-9A-Y]{8}$"))
    code = page.url.rsplit("/", 1)[1]
    for size in ("A4", "A3"):
        text = PdfReader(io.BytesIO(_saved(page, f"打印告示牌 {size}（PDF）"))).pages[0].extract_text()
        for fact in ("维权信息告示牌", *SITE.values()):
            if fact != "510104":
                assert fact in text.replace(" ", "").replace("\n", ""), (size, fact)
    board = Image.open(io.BytesIO(_saved(page, "A4 图片")))
    assert board.size == (2480, 3508)
    urls = [d.text for d in zxingcpp.read_barcodes(board)]
    assert urls == [f"{live.app.config['PUBLIC_URL']}/s/{code}"]
    expect(page.get_by_text("告示牌打印于")).to_be_visible()
    return ctx, page, code, urlsplit(urls[0]).path


def _apply_from_the_site(page):
    page.get_by_role("link", name=re.compile("工资没拿到？")).click()
    expect(page.get_by_test_id("progress")).to_have_text("第 1 步，共 11 步")
    page.get_by_role("radio", name=re.compile("欠薪")).click()
    page.get_by_role("button", name="下一步").click()
    page.get_by_role("button", name="下一步").click()  # 发生了什么: may be left empty
    expect(page.get_by_label("老板、包工头或单位的名字")).to_have_value("成都某某劳务有限公司")
    expect(page.get_by_label("总包单位（工地大门的告示牌上有）")).to_have_value("四川某某建设集团有限公司")
    page.get_by_role("button", name="下一步").click()
    expect(page.get_by_label("工地名称")).to_have_value("锦江区幸福里二期住宅项目")
    expect(page.get_by_label("区县")).to_have_value("成都市锦江区")
    page.get_by_role("button", name="下一步").click()
    page.get_by_label("哪天开始干活").fill("2026-09-01")
    for _ in range(4):  # dates, amount, co-workers, photos
        page.get_by_role("button", name="下一步").click()
    page.get_by_label("姓名").fill("赵六")
    page.get_by_label("手机号").fill("13800138066")
    page.get_by_label("身份证号").fill(photos.id_number())
    page.get_by_role("button", name="下一步").click()
    page.get_by_label("同意上面的隐私说明").check()
    page.get_by_label("我单独同意提供身份证号").check()
    page.get_by_role("button", name="下一步").click()
    review = page.get_by_test_id("review")
    for shown in ("成都某某劳务有限公司", "四川某某建设集团有限公司", "成都幸福里置业有限公司",
                  "锦江区幸福里二期住宅项目"):
        expect(review).to_contain_text(shown)
    page.get_by_role("button", name="提交申请").click()
    expect(page.get_by_role("heading", name="申请已送到")).to_be_visible(timeout=30000)


def test_a_site_board_qr_opens_the_site_page_and_an_application_lands_under_the_site(live, browser, make_user):
    office, staff_page, code, path = _make_site_and_print(live, browser, make_user)
    # The board's facts and numbers are in the page's first HTML: they show with no script at all.
    bare = browser.new_context(locale="zh-CN", viewport={"width": 360, "height": 740}, java_script_enabled=False)
    cold = bare.new_page()
    cold.goto(live.url + path)
    expect(cold.get_by_test_id("site-facts")).to_contain_text("四川某某建设集团有限公司")
    expect(cold.locator('a[href="tel:13800001234"]')).to_be_visible()
    assert cold.evaluate("document.documentElement.scrollWidth") <= 360
    bare.close()
    worker = browser.new_context(locale="zh-CN", viewport={"width": 360, "height": 740}, is_mobile=True)
    page = worker.new_page()
    assert SITE_WATCH != WATCH
    page.add_init_script(SITE_WATCH)
    cdp = throttle(page)
    page.goto(live.url + path, wait_until="commit")
    facts = page.get_by_test_id("site-facts")
    expect(facts).to_contain_text("四川某某建设集团有限公司", timeout=60000)
    for shown in ("成都幸福里置业有限公司", "成都某某劳务有限公司", "王建国", "每月15日"):
        expect(facts).to_contain_text(shown)
    shown = page.evaluate("window.__shown")
    assert "home" not in shown, shown
    assert [s for s in shown if s][0] == "工地信息"  # the page's own first screen from the first paint
    expect(page.locator('a[href="tel:13800001234"]')).to_be_visible()
    expect(page.locator('a[href="tel:12333"]')).to_be_visible()
    expect(page.locator(f'a[href="/s/{code}/log"]')).to_be_visible()
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 0, "downloadThroughput": -1,
                                                  "uploadThroughput": -1})
    _apply_from_the_site(page)
    worker.close()

    staff_page.goto(live.url + "/office/cases")
    staff_page.get_by_role("link", name="锦江区幸福里二期住宅项目（1）").click()
    expect(staff_page).to_have_url(re.compile(rf"/office/cases\?site={code}$"))
    expect(staff_page.get_by_text("赵六")).to_be_visible()
    staff_page.get_by_text("赵六").first.click()
    expect(staff_page.get_by_test_id("case-site")).to_contain_text("锦江区幸福里二期住宅项目")
    office.close()
