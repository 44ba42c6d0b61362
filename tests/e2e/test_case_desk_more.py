"""More of the desk in the browser (issue 21): the office's deadline for accepting an assignment, a hearing moved and
another cancelled, a file attached by mistake removed.

The office's admin at a PC gives the office's lawyers 1 day to accept (typed with a full-width digit); a case
assigned two days ago (its assignment moved back in the database, as other tests shift a clock) shows to staff as
「律师超过1天未接受指派」 in the inbox's own filter and on the case. A lawyer on a phone moves a 调解 to another day and
place and cancels an 开庭 (after a confirm): the cancelled one stays struck through, and only the moved one is left in
我的日程. Staff remove a PDF attached to the wrong case (after a confirm); it is gone after a reload too.
"""
import re
from datetime import datetime, timedelta, timezone

from playwright.sync_api import expect

from server.aid.models import TimelineEntry
from server.clock import CHINA
from server.extensions import db
from tests import pdfs
from tests.test_case_files import attach

from .helpers import wait_for
from .test_case_handling import PASSWORD, new_context, sign_in
from .test_case_lawyers import assign


def _assigned_days_ago(app, case_id: int, days: int) -> None:
    with app.app_context():
        entry = db.session.scalars(db.select(TimelineEntry).where(
            TimelineEntry.application_id == case_id, TimelineEntry.action == "assign")).one()
        entry.at = datetime.now(timezone.utc) - timedelta(days=days)
        db.session.commit()


def test_an_office_sets_its_accept_days_and_a_late_acceptance_shows_to_staff(live, browser, make_user,
                                                                            make_application, auth, axe):
    make_user("admin", app=live.app, username="admin-li", password=PASSWORD, display_name="李管理员")
    make_user("staff", app=live.app, username="staff-wang", password=PASSWORD, display_name="王干事")
    lawyer = make_user("lawyer", app=live.app, username="lawyer-sun", password=PASSWORD, display_name="孙律师")
    client = live.app.test_client()
    late = make_application(client, applicant_name="张建国", phone="13800132201")
    fresh = make_application(client, applicant_name="李四", phone="13800132202", employer_name="乙公司", site="乙工地")
    staff = auth(client, "staff")
    for sent in (late, fresh):
        assign(client, staff, sent["id"], lawyer.id)
    _assigned_days_ago(live.app, late["id"], 2)

    ctx, page = new_context(browser, wide=True)
    try:
        sign_in(page, live, "admin-li", "李管理员")
        page.goto(live.url + "/office/offices")
        page.get_by_role("button", name=re.compile("^修改：")).first.click()
        form = page.get_by_role("region", name=re.compile("^修改机构"))
        days = form.get_by_label(re.compile("^律师接受指派的期限"))
        expect(days).to_have_value("3")
        days.fill("０")
        form.get_by_role("button", name="保存").click()
        expect(form.get_by_text("请填 1 到 30 之间的整数（天）。")).to_be_visible()
        days.fill("１")  # a full-width 1, as a Chinese keyboard types it
        form.get_by_role("button", name="保存").click()
        expect(page.get_by_role("table", name="机构")).to_contain_text("1 天")
        assert axe(page) == []
        assert not page.errors, page.errors
    finally:
        ctx.close()

    ctx, page = new_context(browser, wide=True)
    try:
        sign_in(page, live, "staff-wang", "王干事")
        page.goto(live.url + "/office/cases?filter=accept_overdue")
        table = page.get_by_role("table", name="律师超期未接受案件")
        expect(table.get_by_role("row")).to_have_count(2)  # the header and the one late case
        expect(table).to_contain_text("张建国")
        expect(table).to_contain_text("律师超过1天未接受指派")
        expect(page.get_by_role("link", name=re.compile("律师超期未接受"))).to_contain_text("1")
        table.get_by_role("link", name="张建国").click()
        expect(page.get_by_test_id("staff-alert")).to_contain_text("律师超过1天未接受指派")
        assert not page.errors, page.errors
    finally:
        ctx.close()


def test_a_lawyer_moves_one_hearing_and_cancels_another_and_staff_remove_a_wrong_file(
        live, browser, make_user, make_application, auth):
    make_user("staff", app=live.app, username="staff-wang", password=PASSWORD, display_name="王干事")
    lawyer = make_user("lawyer", app=live.app, username="lawyer-sun", password=PASSWORD, display_name="孙律师")
    client = live.app.test_client()
    staff = auth(client, "staff")
    sent = make_application(client, applicant_name="张建国", phone="13800132222")
    assign(client, staff, sent["id"], lawyer.id)
    year = datetime.now(CHINA).year + 1
    for kind, when, place in (("mediation", f"{year}-03-02T09:30", "武侯区仲裁院第三调解室"),
                              ("hearing", f"{year}-04-10T14:00", "武侯区人民法院第二法庭")):
        resp = client.post(f"/api/v1/cases/{sent['id']}/hearings", json={"kind": kind, "starts_at": when,
                                                                           "place": place},
                           headers={**staff, "Idempotency-Key": f"hearing-{kind}-e2e"})
        assert resp.status_code == 201, resp.get_json()
    wrong = attach(client, staff, sent["id"], pdfs.plain(), kind="judgment", label="别人的判决书（传错了）")
    assert wrong.status_code == 201, wrong.get_json()

    ctx, page = new_context(browser, wide=False)
    page.on("dialog", lambda dialog: dialog.accept())  # 确定取消这次开庭吗？
    try:
        sign_in(page, live, "lawyer-sun", "孙律师")
        page.goto(live.url + f"/cases/{sent['id']}")
        listed = page.get_by_role("list", name="开庭和调解")
        listed.get_by_role("button", name="改期：调解：张建国欠薪案").click()
        moved = page.get_by_role("form", name="改期：调解：张建国欠薪案")
        moved.get_by_label("新的时间（北京时间）").fill(f"{year}-03-09T10:00")
        moved.get_by_label("地点").fill("武侯区仲裁院第一调解室")
        moved.get_by_role("button", name="保存改期").click()
        expect(listed).to_contain_text("武侯区仲裁院第一调解室")
        expect(listed).to_contain_text("10:00")
        listed.get_by_role("button", name="取消：开庭：张建国欠薪案").click()
        expect(listed).to_contain_text("已取消（孙律师（援助律师）")
        expect(listed.locator("s").first).to_contain_text("开庭：张建国欠薪案")
        expect(listed.get_by_role("button", name="取消：开庭：张建国欠薪案")).to_have_count(0)

        page.goto(live.url + "/schedule")
        schedule = page.get_by_role("list", name="我的日程")
        expect(schedule).to_contain_text("武侯区仲裁院第一调解室")
        expect(schedule).not_to_contain_text("开庭：张建国欠薪案")
        wait_for(page, "document.readyState === 'complete'")
        assert not page.errors, page.errors
    finally:
        ctx.close()

    ctx, page = new_context(browser, wide=True)
    page.on("dialog", lambda dialog: dialog.accept())  # 确定删除这份材料吗？
    try:
        sign_in(page, live, "staff-wang", "王干事")
        page.goto(live.url + f"/office/cases/{sent['id']}")
        files = page.get_by_test_id("office-files")
        expect(files.get_by_test_id("office-file")).to_have_count(1)
        files.get_by_role("button", name="删除：别人的判决书（传错了）").click()
        expect(files.get_by_test_id("office-file")).to_have_count(0)
        expect(files).to_contain_text("附加的材料（0 份）")
        page.reload()
        expect(page.get_by_test_id("office-files")).to_contain_text("还没有附加材料。")
        expect(page.get_by_test_id("evidence-list")).to_be_visible()  # the worker's evidence untouched
        assert not page.errors, page.errors
    finally:
        ctx.close()
