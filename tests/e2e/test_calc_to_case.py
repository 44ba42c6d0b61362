"""From the day log to the case (issue 24's Done-when), with no signal at all: a worker keeps a day log, works out
the unpaid wages and the overtime from it, and taps 「用这个数申请法律援助」 under each; the application goes with both,
and once the signal is back the case holds them, recomputed by the server, each part with its working and the day
its money may be lost; the draft 劳动仲裁申请书 asks for each amount.

The log: test_daylog's ten days of March 2026 at 300 元 a day (2 hours' overtime on Tuesday the 10th, 800 元
received), then Saturday 7 March worked with 2 hours over, and Wednesday 1 April with 3 hours over and 100 元
received. Left on 2026-04-30, so every part may be lost after 2027-04-30 (调解仲裁法第二十七条).
- wages at 300 a day: March 10.5 days = 3,150 − 800 = 2,350; April 1 day = 300 − 100 = 200; 2,550 in all.
- overtime at 6,525 a month (÷ 21.75 ÷ 8 = 37.50 an hour): March weekday 2 h × 150 % = 112.50, the Saturday
  8 + 2 h × 200 % = 750.00; April weekday 3 h × 150 % = 168.75; 1,031.25 in all (《劳动法》第四十四条)."""
import re

from playwright.sync_api import expect

from server.aid.models import Application
from server.extensions import db
from tests.test_aid_documents import docx_text

from .calc_helpers import answer
from .helpers import cut_network, wait_until_later_kept, wait_until_offline_ready
from .test_aid_claims_offline import fill, submit_offline_then_send
from .test_case_handling import PASSWORD, new_context, sign_in
from .test_daylog import log_days

MORE_DAYS = [("2026-03-07", "2", ""), ("2026-04-01", "3", "100")]  # the day, overtime hours, money received
LEFT_ON = "2026-04-30"
WAGES = [("工钱是怎么算的？", "按天算（点工）"), ("一天多少钱？", "300"), ("用记工本算吗？", "我自己的记工"),
         ("这些活已经拿到多少钱？", None), ("哪天开始干的？", None), ("哪天离开的？", LEFT_ON)]
OVERTIME = [("一个月工资多少钱？", "6525"), ("用记工本算吗？", "我自己的记工"),
            ("休息日加班后，单位给你安排补休了吗？", "不是"), ("已经拿到多少加班费？", None), ("哪天离开的？", LEFT_ON)]
# Each claim's lines as the server keeps them: kind, amount, the period's first day, the day it may be lost.
WAGE_LINES = [("month", 235000, "2026-03-02", "2027-04-30"), ("month", 20000, "2026-04-01", "2027-04-30")]
OVERTIME_LINES = [("weekday", 11250, "2026-03-10", "2027-04-30"), ("restday", 75000, "2026-03-07", "2027-04-30"),
                  ("weekday", 16875, "2026-04-01", "2027-04-30")]


def log_more_days(page):
    for day, overtime, received in MORE_DAYS:
        page.get_by_label("哪一天").fill(day)
        page.get_by_role("radio", name="全天").click()
        page.get_by_label("加班几小时").fill(overtime)
        page.get_by_label("今天收到的钱").fill(received)
        page.get_by_role("button", name="记上这一天").click()
        expect(page.get_by_role("status").filter(has_text=f"已记上 {day}。")).to_be_visible()
    expect(page.get_by_test_id("daylog-total")).to_contain_text("还欠 2550 元。")


def compute_and_apply(page, live, calc: str, walk: list, total: str):
    page.goto(live.url + f"/calc/{calc}")
    for ask, value in walk:
        if ask == "用记工本算吗？":
            expect(page.get_by_text("用这份记工里的 12 天：2026-03-02 到 2026-04-01。")).to_be_visible()
        answer(page, ask, value)
    expect(page.locator(".calc-total strong")).to_have_text(total)
    expect(page.locator(".calc-expiry").first).to_contain_text("2027-04-30 后可能拿不回来")
    page.get_by_role("button", name="用这个数申请法律援助").click()
    expect(page).to_have_url(live.url + "/aid/apply")


def test_a_worker_computes_wages_and_overtime_from_the_day_log_offline_and_the_case_holds_both(
        live, browser, context, page, make_user, axe):
    page.goto(live.url + "/")
    wait_until_offline_ready(page)
    wait_until_later_kept(page, live)

    cut_network(live, context)
    page.goto(live.url + "/log")
    log_days(page)
    log_more_days(page)
    compute_and_apply(page, live, "wages", WAGES, "2550.00")
    compute_and_apply(page, live, "overtime", OVERTIME, "1031.25")
    assert axe(page) == []
    page.get_by_role("radio", name=re.compile("欠薪")).click()
    fill(page)
    rows = page.get_by_test_id("review-claim")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("算一算：欠薪")
    expect(rows.nth(1)).to_contain_text("算一算：加班费")
    submit_offline_then_send(page, live, context)
    with live.app.app_context():
        [application] = db.session.query(Application).all()
        wages, overtime = application.claims
        case_id = application.id
    for claim, calc, want in ((wages, "wages", WAGE_LINES), (overtime, "overtime", OVERTIME_LINES)):
        assert claim["calc"] == calc and not claim["mismatch"]
        assert len(claim["inputs"]["days"]) == 12 and claim["inputs"]["left_on"] == LEFT_ON
        got = [(x["kind"], x["amount_fen"], x["period_from"], x["expires_on"]) for x in claim["result"]["lines"]]
        assert got == want, calc
        assert all(x["text"] and x["basis"] for x in claim["result"]["lines"])
    assert "10 小时 × 每小时 37.50 元 × 200% = 750.00 元" in overtime["result"]["lines"][1]["text"]

    make_user("staff", app=live.app, username="staff-calc", password=PASSWORD, display_name="李干事")
    ctx, office = new_context(browser, wide=True)
    try:
        sign_in(office, live, "staff-calc", "李干事")
        office.goto(live.url + f"/cases/{case_id}")
        box = office.get_by_role("region", name=re.compile("算一算带来的钱"))
        expect(box.get_by_test_id("claim")).to_have_count(2)
        expect(box).to_contain_text("欠薪：2,550 元")
        expect(box).to_contain_text("加班费：1,031.25 元")
        expect(box).to_contain_text("2027-04-30 前申请仲裁")
        expect(box.get_by_test_id("claim-mismatch")).to_have_count(0)
        docx = office.request.get(live.url + f"/api/v1/cases/{case_id}/documents/arbitration_claim.docx")
        assert docx.ok
        text = docx_text(docx.body())
        # 仲裁请求: the wages over both months, the overtime once per kind (112.50 + 168.75 on working days)
        assert "1. 裁决被申请人支付申请人2026年3月至4月欠薪人民币2,550.00元（《劳动合同法》第三十条" in text
        assert "2. 裁决被申请人支付申请人2026年3月至4月工作日延长工作时间的加班费人民币281.25元（《劳动法》" in text
        assert "3. 裁决被申请人支付申请人2026年3月休息日加班费人民币750.00元（《劳动法》第四十四条" in text
        assert "4. 以上共计人民币3,581.25元" in text
    finally:
        ctx.close()
