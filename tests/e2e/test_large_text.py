"""A worker who needs big text sets 大 or 特大 on a small phone: every page still fits the screen,
搜索 and the tab bar stay in sight, the search hint is whole, and a typed phone number shows all
11 digits beside 获取验证码."""
import pytest
from playwright.sync_api import expect

SIZES = {"normal": "标准", "large": "大", "xlarge": "特大"}
WIDTHS = [320, 360]
PAGES = ["/", "/topics", "/search?q=%E5%B7%A5%E8%B5%84", "/me"]


# Every test here only reads: one server for the module, the content loaded once.
pytestmark = pytest.mark.reads_only

# Width of the text an input shows (its value, else its placeholder) against the room it has.
TEXT_FITS = """(el) => {
  const cs = getComputedStyle(el);
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
  const text = el.value || el.placeholder;
  const room = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  return {text, need: Math.ceil(ctx.measureText(text).width), room};
}"""


@pytest.fixture
def phone_at(browser, live):
    """A fresh phone of the given width with the text size already chosen in 我的."""
    opened = []

    def open_(width: int, size: str):
        ctx = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 740},
                                  device_scale_factor=2, is_mobile=True, has_touch=True)
        ctx.set_default_timeout(15000)
        ctx.add_init_script(f"localStorage.setItem('gyfy.textSize', '{size}')")
        opened.append(ctx)
        return ctx.new_page()

    yield open_
    for ctx in opened:
        ctx.close()


def assert_fits(page, width: int, where: str):
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{where}: the page is {scroll} px wide on a {width} px screen"
    bar = page.get_by_role("navigation", name="主菜单")
    expect(bar).to_be_in_viewport()
    box = bar.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, f"{where}: tab bar {box}"
    assert box["y"] + box["height"] <= 740 + 0.5, f"{where}: tab bar below the screen {box}"
    for tab in ("首页", "普法", "活动", "援助", "我的"):
        expect(bar.get_by_role("link", name=tab)).to_be_in_viewport()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("size", list(SIZES))
def test_pages_fit_the_screen_at_every_text_size(live, phone_at, width, size):
    page = phone_at(width, size)
    for path in PAGES:
        page.goto(live.url + path)
        expect(page.locator("h1")).to_be_visible()
        expect(page.locator(".loading")).to_have_count(0)
        where = f"{path} at {SIZES[size]}, {width} px"
        assert_fits(page, width, where)
        search = page.get_by_role("button", name="搜索", exact=True)
        if search.count():
            expect(search).to_be_in_viewport(ratio=1)
            b = search.bounding_box()
            assert b["x"] + b["width"] <= width - 4, f"{where}: 搜索 touches the edge ({b})"
            fit = page.get_by_role("searchbox", name="搜索问题").evaluate(TEXT_FITS)
            if not page.get_by_role("searchbox", name="搜索问题").input_value():
                assert fit["need"] <= fit["room"], f"{where}: the hint is cut: {fit}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("size", list(SIZES))
def test_the_whole_phone_number_shows_beside_the_code_button(live, phone_at, width, size):
    page = phone_at(width, size)
    page.goto(live.url + "/me")
    field = page.get_by_label("手机号")
    field.fill("13812345678")
    fit = field.evaluate(TEXT_FITS)
    assert fit["need"] <= fit["room"], f"{SIZES[size]}, {width} px: the number is cut: {fit}"
    f, b = field.bounding_box(), page.get_by_role("button", name="获取验证码").bounding_box()
    overlap = not (f["x"] + f["width"] <= b["x"] or b["x"] + b["width"] <= f["x"]
                   or f["y"] + f["height"] <= b["y"] or b["y"] + b["height"] <= f["y"])
    assert not overlap, f"the button covers the number: {f} {b}"
    assert f["x"] >= 0 and f["x"] + f["width"] <= width and b["x"] + b["width"] <= width
    assert_fits(page, width, f"/me at {SIZES[size]}, {width} px")
