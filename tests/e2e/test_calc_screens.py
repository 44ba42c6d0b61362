"""算一算's screens (issue 24): a worker walks the overtime calculator one question per screen — money
typed with full-width digits, questions left empty, no day log on the phone — to the big number and
the working, which are the engines' own worked example for the same inputs (vectors/overtime.json)."""
import re

from playwright.sync_api import expect

from .calc_helpers import answer, expect_working, vector

# One hour of each kind at 6000 a month, left on 2024-06-30 (law-facts LL-03's example).
OVERTIME = [
    ("一个月工资多少钱？", "６０００"),
    ("用记工本算吗？", None),  # no day log on this phone: the typed totals are asked next
    ("平时（工作日）下班后加班一共多少小时？", "1"),
    ("休息日（周末）加班一共多少小时？", "1"),
    ("法定节假日当天加班一共多少小时？", "1"),
    ("这些加班从哪天开始？", None),
    ("到哪天为止？", None),
    ("休息日加班后，单位给你安排补休了吗？", "不是"),
    ("已经拿到多少加班费？", None),
    ("哪天离开的？", "2024-06-30"),
]


def walk_overtime(page) -> None:
    expect(page.get_by_text("第 1 问")).to_be_visible()
    for ask, value in OVERTIME:
        if ask == "用记工本算吗？":
            expect(page.get_by_text("还没有记工。")).to_be_visible()
        answer(page, ask, value)


def test_a_worker_walks_overtime_to_the_working_the_engines_agree_on(live, page, axe):
    want = vector("overtime", "one hour of each kind")["expect"]
    page.goto(live.url + "/calc")
    expect(page.get_by_role("heading", name="算一算")).to_be_visible()
    page.get_by_role("link", name=re.compile("加班费")).click()

    # A wrong amount is said plainly and kept on its screen.
    page.get_by_label("一个月工资多少钱？").fill("六千")
    page.get_by_role("button", name="下一步").click()
    expect(page.get_by_text("请填一个钱数")).to_be_visible()
    walk_overtime(page)

    expect_working(page, want)
    # Left in June 2024: every part is past its one-year limit, and says so, highlighted.
    expect(page.locator(".calc-expiry.hot")).to_have_count(len(want["lines"]))
    expect(page.locator(".calc-expiry").first).to_contain_text("已经过了时效")
    expect(page.get_by_text("这是估算，12348 或律师可以帮你核对。")).to_be_visible()
    assert axe(page) == []

    # 改一改 goes back to the last question asked, with its answer.
    page.get_by_role("button", name="改一改").click()
    expect(page.get_by_label("哪天离开的？")).to_have_value("2024-06-30")
    page.get_by_role("button", name="上一步").click()
    expect(page.get_by_label("已经拿到多少加班费？")).to_be_visible()
