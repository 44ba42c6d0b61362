"""记工 (issue 23): a worker keeps their own day log offline and applies with it.

The phone opened the log once with a signal (its screen is kept by the service worker's 'later' tier, fetched
after 已可离线使用). Then, with no signal at all: ten days of March 2026 (one a half day, two hours of overtime),
two 借支 from 李老板, a photo of the attendance sheet, the rate (300 元 a day); the month view says 9.5 days,
2,850 元 agreed, 800 received, 2,050 owed. 「用记工申请」 opens the form with the log attached, the first day and
the amount filled in, the photo among the photos; the worker ticks 「这是我自己记的」 and submits, still offline.
When the signal is back: one application, the period and the amount from the log, the log (encrypted) with its
photo; the case page shows it as a table and the 劳动仲裁申请书 states the days and the amount.

The log here has no site (`/log`). The same walk from a site's board QR, its page and its 「记工」, with the site's
firms in the form: test_site_daylog.py (with these steps)."""
import re

import pytest
from playwright.sync_api import expect

from server.aid.models import Application
from server.daylogs.models import DayLog
from server.extensions import db
from server.media.models import Upload
from tests import photos
from tests.test_aid_documents import docx_text, squeezed

from .events_helpers import read_store
from .helpers import cut_network, restore_network, wait_until_later_kept, wait_until_offline_ready
from .test_aid_apply import jpeg_file, next_step
from .test_case_handling import PASSWORD, new_context, sign_in

# Where the walk starts: the log with no site (a site's log: test_site_daylog.py).
LOG_PATHS = ["/log"]
DAYS = ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06",
        "2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12", "2026-03-13"]
RECEIVED = {"2026-03-06": ("500", "李老板（借支）"), "2026-03-13": ("300", "李老板（生活费）")}


def log_days(page):
    for day in DAYS:
        page.get_by_label("哪一天").fill(day)
        if day == "2026-03-13":
            page.get_by_role("radio", name="半天").click()
        if day == "2026-03-10":
            page.get_by_label("加班几小时").fill("2")
        page.get_by_label("干了什么").fill("砌墙")
        if day in RECEIVED:
            page.get_by_label("今天收到的钱").fill(RECEIVED[day][0])
            page.get_by_label("谁给的").fill(RECEIVED[day][1])
        page.get_by_role("button", name="记上这一天").click()
        expect(page.get_by_role("status").filter(has_text=f"已记上 {day}。")).to_be_visible()
    # The attendance sheet, on the last day.
    page.get_by_label("拍照或选照片").set_input_files([jpeg_file("sheet.jpg", photos.jpeg(3000, 2000))])
    expect(page.get_by_role("img", name="2026-03-13 的照片")).to_be_visible()
    page.get_by_role("radio", name="按天").click()
    page.get_by_label("一天多少钱（元）").fill("300")
    page.get_by_role("button", name="记下工钱").click()
    expect(page.get_by_test_id("daylog-total")).to_contain_text(
        "2026-03-02 到 2026-03-13，一共出工 9.5 天，加班 2 小时")
    expect(page.get_by_test_id("daylog-total")).to_contain_text("应得 2850 元，收到 800 元，还欠 2050 元。")
    expect(page.get_by_test_id("daylog-months")).to_contain_text("2026-03")


def expect_filled(page, values):
    for label, value in values.items():
        expect(page.get_by_label(label)).to_have_value(value)


def apply_with_the_log(page, live, site=None):
    """From the log to a sent (queued) application. `site`: the log of a site, whose firms ({label: value} of the
    form's employer step) and place (of its 工地 step) the form must have filled; without one, the worker types
    the boss's name."""
    page.get_by_role("link", name="用记工申请法律援助").click()
    expect(page).to_have_url(re.compile(r"/aid/apply\?(site=\w+&)?log=1$"))
    attached = page.get_by_test_id("daylog-attached")
    expect(attached).to_contain_text("出工 9.5 天，收到 800 元，还欠 2050 元，照片 1 张")
    expect(attached).to_contain_text("不勾选这一项，记工表不会随申请发出。")
    attached.get_by_label("这是我自己记的").check()
    expect(page.get_by_role("radio", name=re.compile("欠薪"))).to_have_attribute("aria-checked", "true")
    next_step(page)  # 发生了什么
    next_step(page)
    if site is None:
        page.get_by_label("老板、包工头或单位的名字").fill("李老板")
    else:
        expect_filled(page, site["firms"])
    next_step(page)
    if site is not None:
        expect_filled(page, site["place"])
    next_step(page)  # 在哪里干的活
    expect(page.get_by_label("哪天开始干活")).to_have_value("2026-03-02")
    next_step(page)
    expect(page.get_by_label("欠多少钱（元）")).to_have_value("2050")
    next_step(page)
    next_step(page)  # 工友
    expect(page.get_by_test_id("photo-count")).to_have_text("已有 1 张照片")
    expect(page.get_by_label("照片 1 是什么")).to_have_value("记工照片 2026-03-13")
    next_step(page)
    page.get_by_label("姓名").fill("张三")
    page.get_by_label("手机号").fill("13800138000")
    page.get_by_label("身份证号").fill(photos.id_number())
    next_step(page)
    page.get_by_label("同意上面的隐私说明").check()
    page.get_by_label("我单独同意提供身份证号").check()
    next_step(page)
    page.get_by_role("button", name="提交申请").click()
    expect(page).to_have_url(re.compile(r"/aid/sent/"))
    expect(page.get_by_text("申请已存在手机上，等待发送。")).to_be_visible()


@pytest.mark.parametrize("log_path", LOG_PATHS)
def test_a_worker_logs_ten_days_offline_and_applies_with_the_log(live, browser, context, page, make_user, axe,
                                                                 log_path):
    page.goto(live.url + log_path)
    wait_until_offline_ready(page)
    # The log's screen comes into the 'later' cache after the worker's first visit is done.
    wait_until_later_kept(page, live)

    cut_network(live, context)
    page.reload()
    expect(page.get_by_role("heading", level=1, name="记工")).to_be_visible()
    log_days(page)
    assert axe(page) == []
    page.reload()  # kept on the phone
    expect(page.get_by_test_id("daylog-total")).to_contain_text("还欠 2050 元。")
    apply_with_the_log(page, live)
    case_id = sent_when_online(page, live, context).id
    the_office_sees_the_log(live, browser, make_user, case_id)


def sent_when_online(page, live, context):
    """The signal is back: the one application, with the period and the amount from the log, the log (encrypted)
    and its photo; the log stays on the phone. Returns the application (detached)."""
    assert [e["kind"] for e in read_store(page, "outbox")] == ["aid"]
    with live.app.app_context():
        assert db.session.query(Application).count() == 0
    page.goto(live.url + "/outbox")
    restore_network(live, context)
    expect(page.get_by_text("没有等待发送的记录")).to_be_visible(timeout=30000)
    for _ in range(150):  # the outbox may read empty while its last answer is still on the way (a loaded machine)
        with live.app.app_context():
            if db.session.query(Application).count():
                break
        page.wait_for_timeout(200)
    with live.app.app_context():
        (application,) = db.session.query(Application).all()
        assert application.amount_owed_fen == 205_000 and str(application.started_on) == "2026-03-02"
        (log,) = db.session.query(DayLog).all()
        assert log.application_id == application.id and "李老板" not in log.data_enc
        (upload,) = db.session.query(Upload).all()
        assert upload.application_id == application.id and upload.label == "记工照片 2026-03-13"
        db.session.expunge(application)
    assert len(read_store(page, "dayLogs")[0]["entries"]) == 10  # the log stays on the phone
    return application


def the_office_sees_the_log(live, browser, make_user, case_id) -> str:
    """The office: the log as a table on the case page, and in the 劳动仲裁申请书's facts (its text, returned)."""
    make_user("staff", app=live.app, username="staff-daylog", password=PASSWORD, display_name="王工作人员")
    ctx, office = new_context(browser, wide=True)
    try:
        sign_in(office, live, "staff-daylog", "王工作人员")
        office.goto(live.url + f"/office/cases/{case_id}")
        table = office.get_by_test_id("case-daylog")
        expect(table).to_contain_text("2026-03-02 至 2026-03-13，出工 9.5 天，加班 2 小时")
        expect(table).to_contain_text("还欠 2,050 元")
        expect(table.get_by_role("row")).to_have_count(11)
        expect(table.get_by_role("row", name=re.compile("2026-03-06"))).to_contain_text("李老板（借支）")
        docx = office.request.get(live.url + f"/api/v1/cases/{case_id}/documents/arbitration_claim.docx")
        assert docx.ok
        text = squeezed(docx_text(docx.body()))
        assert "申请人于2026年3月2日至2026年3月13日期间出工9.5天" in text
        assert "尚欠人民币2,050.00元" in text and "记工表（2026年3月2日至2026年3月13日，10天，附照片1张）" in text
        return text
    finally:
        ctx.close()
