"""A lawyer on a phone records a hearing, downloads it for the calendar, and the worker reads the next date (issue 21).

The lawyer opens their case, records a 调解 with its place in Beijing time, taps 加到日历 and gets an .ics (the
download read back: RFC 5545, the time in UTC, no phone or tracking code); it shows in 我的日程; the worker's
tracking page says "下一次调解：…上午 9:30，在…".
"""
from datetime import datetime

from playwright.sync_api import expect

from server.clock import CHINA
from tests.test_cases_hearings import parse_ics

from .helpers import wait_for
from .test_case_handling import PASSWORD, new_context, sign_in
from .test_case_lawyers import assign

PLACE = "武侯区劳动人事争议仲裁院第三调解室"


def test_a_lawyer_records_a_hearing_downloads_its_ics_and_the_worker_sees_the_next_date(
        live, browser, make_user, make_application, auth):
    client = live.app.test_client()
    staff = auth(client, "staff")
    lawyer = make_user("lawyer", app=live.app, username="lawyer-sun", password=PASSWORD, display_name="孙律师")
    sent = make_application(client, applicant_name="张建国", phone="13800132222")
    assign(client, staff, sent["id"], lawyer.id)
    year = datetime.now(CHINA).year + 1
    ctx, page = new_context(browser, wide=False)
    try:
        sign_in(page, live, "lawyer-sun", "孙律师")
        page.goto(live.url + f"/cases/{sent['id']}")
        box = page.get_by_role("region", name="开庭和调解")
        box.get_by_label("类型").select_option("mediation")
        box.get_by_label("时间（北京时间）").fill(f"{year}-12-31T09:30")
        box.get_by_label("地点").fill(PLACE)
        box.get_by_role("button", name="记下这个日子").click()
        listed = box.get_by_role("list", name="开庭和调解")
        expect(listed).to_contain_text("调解：张建国欠薪案")
        expect(listed).to_contain_text(PLACE)
        with page.expect_download() as got:
            listed.get_by_role("button", name="加到日历").click()
        download = got.value
        assert download.suggested_filename.endswith(".ics")
        with open(download.path(), "rb") as f:
            [event] = parse_ics(f.read())
        assert event["SUMMARY"] == "调解：张建国欠薪案" and event["LOCATION"] == PLACE
        assert event["DTSTART"] == f"{year}1231T013000Z"  # 09:30 in Beijing
        assert "13800132222" not in str(event) and sent["code"] not in str(event)

        page.goto(live.url + "/schedule")
        expect(page.get_by_role("list", name="我的日程")).to_contain_text("调解：张建国欠薪案")
        wait_for(page, "document.readyState === 'complete'")
        assert not page.errors, page.errors
    finally:
        ctx.close()

    ctx, page = new_context(browser, wide=False)
    try:
        page.goto(live.url + f"/aid/track?code={sent['code']}")
        page.get_by_label("申请时填的手机号").fill(sent["phone"])
        page.get_by_role("button", name="查进度").click()
        expect(page.get_by_test_id("track-hearing")).to_have_text(f"下一次调解：12月31日上午 9:30，在{PLACE}")
    finally:
        ctx.close()
