"""办公室 → 统计, as staff at a PC: the work-report figures for a period, each with its definition beside it; a
wider period picked with the form counts what the narrower one left out; the months of the period as bars with
their numbers in words and in a table (issue 25)."""
from datetime import datetime

from playwright.sync_api import expect

from server.aid.models import Application
from server.clock import CHINA
from server.extensions import db
from tests.e2e.test_office_jobs import sign_in

PASSWORD = "office-admin-2026"
# two in March (the second 30 minutes before China's midnight), one in May (30 minutes after it)
MONTHS_RECEIVED = (datetime(2026, 3, 2, 10, tzinfo=CHINA), datetime(2026, 3, 31, 23, 30, tzinfo=CHINA),
                   datetime(2026, 5, 1, 0, 30, tzinfo=CHINA))


def test_staff_read_the_figures_with_their_definitions_and_pick_a_period(live, browser, make_user,
                                                                        make_application, axe):
    make_user("staff", app=live.app, username="root", password=PASSWORD)
    sent = [make_application(live.app.test_client(), phone=phone)["id"] for phone in ("13800138031", "13800138032")]
    with live.app.app_context():
        for case_id, received in zip(sent, (datetime(2026, 3, 2, 10, tzinfo=CHINA),
                                            datetime(2026, 8, 1, 10, tzinfo=CHINA)), strict=True):
            db.session.get(Application, case_id).created_at = received
        db.session.commit()
    page = sign_in(browser, live.url)
    page.goto(live.url + "/office/stats?from=2026-01-01&to=2026-06-30")
    expect(page.get_by_role("heading", name="工作统计")).to_be_visible()
    expect(page.get_by_role("link", name="统计")).to_be_visible()
    received = page.locator('tr[data-figure="aid.received"]')
    expect(received.locator("td.stats-value")).to_have_text("1")
    expect(received).to_contain_text("收到申请：本期内收到（提交）的法律援助申请件数")
    expect(page.locator('tr[data-figure="aid.recovered_fen"] td.stats-value')).to_have_text("0.00 元")
    expect(page.locator('tr[data-figure="aid.satisfaction"] td.stats-value')).to_have_text("—")
    # every area under its heading, the consultations first: none asked, no board printed
    areas = ["法律咨询", "法律援助", "普法活动", "工地公示牌", "服务的工友"]
    expect(page.locator("tr.stats-area th")).to_have_text(areas)
    expect(page.locator('tr[data-figure="consult.total"] td.stats-value')).to_have_text("0")
    expect(page.locator('tr[data-figure="sites.boards_printed"] td.stats-value')).to_have_text("0")
    page.get_by_label("到", exact=True).fill("2026-12-31")
    page.get_by_role("button", name="看这段时间").click()
    expect(received.locator("td.stats-value")).to_have_text("2")
    assert "to=2026-12-31" in page.url
    assert axe(page) == []


def test_the_months_of_the_period_as_bars_with_their_numbers(live, browser, make_user, make_application, axe):
    """Two applications received in March and one in May: the chart's label and its table say so, month by month;
    a period of two months shows two."""
    make_user("staff", app=live.app, username="root", password=PASSWORD)
    client = live.app.test_client()
    sent = [make_application(client, phone=phone)["id"] for phone in ("13800138041", "13800138042", "13800138043")]
    with live.app.app_context():
        for case_id, received in zip(sent, MONTHS_RECEIVED, strict=True):
            db.session.get(Application, case_id).created_at = received
        db.session.commit()
    page = sign_in(browser, live.url)
    page.goto(live.url + "/office/stats?from=2026-01-01&to=2026-06-30")
    chart = page.get_by_role("img", name="按月：", exact=False)
    expect(chart).to_have_attribute("aria-label", "按月：" + "；".join(
        f"2026-0{m} 收到申请 {n} 件、结案 0 件" for m, n in ((1, 0), (2, 0), (3, 2), (4, 0), (5, 1), (6, 0))))
    expect(chart.locator("rect")).to_have_count(12)
    page.get_by_text("按月数字").click()
    expect(page.locator('tr[data-month="2026-03"]')).to_have_text("2026-0320")
    expect(page.locator('tr[data-month="2026-05"] td').nth(1)).to_have_text("1")
    assert axe(page) == []
    page.goto(live.url + "/office/stats?from=2026-03-15&to=2026-04-30")
    expect(page.get_by_role("img", name="按月：", exact=False)).to_have_attribute(
        "aria-label", "按月：2026-03 收到申请 1 件、结案 0 件；2026-04 收到申请 0 件、结案 0 件")
