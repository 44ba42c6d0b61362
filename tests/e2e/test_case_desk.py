"""Find any case, call the worker, keep a private note, ask for materials, in the browser (issue 21).

Staff at the office PC find a case by the tail of the phone a worker reads out, and by a code typed without its
dash; a lawyer on a phone finds only their own cases, taps 打电话 and the page goes to a tel: link (intercepted
here) with the call in the audit log, and keeps a note the worker never sees.
"""
import re

from playwright.sync_api import expect

from server.accounts.models import AuditEntry
from server.aid.models import TimelineEntry
from server.extensions import db
from tests.photos import id_number

from .helpers import wait_for
from .test_case_handling import PASSWORD, act, expect_stage, new_context, sign_in, tracked
from .test_case_lawyers import assign

# Every tap on a tel: link is kept and stopped: a test browser has no dialler to open.
CATCH_TEL = """
window.__dialed = [];
document.addEventListener('click', (e) => {
  const a = e.target instanceof Element ? e.target.closest('a[href^="tel:"]') : null;
  if (a) { window.__dialed.push(a.getAttribute('href')); e.preventDefault(); }
}, true);
"""


def audit(app, action) -> list[AuditEntry]:
    with app.app_context():
        return list(db.session.scalars(db.select(AuditEntry).where(AuditEntry.action == action)
                                       .order_by(AuditEntry.id)))


def search(page, q):
    page.get_by_role("searchbox", name="找案件").fill(q)
    page.get_by_role("button", name="找案件").click()
    return page.get_by_test_id("case-found")


def test_staff_find_a_case_by_a_phone_tail_and_by_a_code_typed_without_the_dash(live, browser, make_user,
                                                                                  make_application):
    make_user("staff", app=live.app, username="laowang", password=PASSWORD, display_name="工作人员老王")
    client = live.app.test_client()
    zhang = make_application(client, applicant_name="张建国", phone="13800132222", site="天府新区一号工地",
                             id_number=id_number(region="510104", serial="417"))
    li = make_application(client, applicant_name="李四", phone="13900135555", site="高新区软件园工地",
                          id_number=id_number(region="511602", serial="538"))
    ctx, page = new_context(browser, wide=True)
    try:
        sign_in(page, live, "laowang", "工作人员老王")
        page.goto(live.url + "/office/cases")
        expect(page.get_by_role("table", name="全部案件").get_by_role("row")).to_have_count(3)  # a header and two
        found = search(page, "2222")
        expect(found.get_by_role("status")).to_have_text("找到 1 件")
        rows = found.get_by_role("table", name="找到的案件")
        expect(rows).to_contain_text("张建国")
        expect(rows).to_contain_text("*******2222")
        expect(rows).not_to_contain_text("李四")
        expect(rows).not_to_contain_text("13800132222")
        assert "2222" not in page.url and "q=" not in page.url  # the box's words stay out of the address

        found = search(page, li["code"].lower())  # no dash, lower case, as a worker might spell it out
        expect(found.get_by_role("status")).to_have_text("找到 1 件")
        expect(found).to_contain_text("李四")
        expect(found).not_to_contain_text("张建国")
        page.get_by_role("button", name="清除").click()
        expect(page.get_by_role("navigation", name="筛选")).to_be_visible()
        search(page, li["code"]).get_by_role("link", name="李四").click()
        expect(page).to_have_url(re.compile(rf"/office/cases/{li['id']}$"))
        expect(page.locator(".sec-facts")).to_contain_text("*******5555")
        wait_for(page, "document.readyState === 'complete'")
        assert not page.errors, page.errors
    finally:
        ctx.close()
    kinds = [(e.detail["search"], e.detail["q"], e.detail["found"]) for e in audit(live.app, "search")]
    assert kinds == [("tail", "2222", 1), ("code", "", 1), ("code", "", 1)]
    assert zhang["code"] != li["code"]


def test_a_lawyer_on_a_phone_finds_only_their_cases_calls_the_worker_and_keeps_a_note(
        live, browser, make_user, make_application, auth):
    client = live.app.test_client()
    staff = auth(client, "staff")
    lawyer = make_user("lawyer", app=live.app, username="lawyer-zhou", password=PASSWORD, display_name="周律师")
    other = make_user("lawyer", app=live.app, display_name="吴律师")
    mine = make_application(client, applicant_name="张建国", phone="13800132222",
                            id_number=id_number(region="510104", serial="417"))
    theirs = make_application(client, applicant_name="张小兵", phone="13900132222",
                              id_number=id_number(region="511602", serial="538"))
    assign(client, staff, mine["id"], lawyer.id)
    assign(client, staff, theirs["id"], other.id)
    ctx, page = new_context(browser, wide=False)
    page.add_init_script(CATCH_TEL)
    try:
        sign_in(page, live, "lawyer-zhou", "周律师")
        page.goto(live.url + "/cases")
        for q in ("张", "2222", theirs["code"]):
            found = search(page, q)
            expect(found).not_to_contain_text("张小兵")
        expect(search(page, "2222")).to_contain_text("张建国")
        found.page.get_by_test_id("case-found").get_by_role("link", name=re.compile("张建国")).click()
        expect(page).to_have_url(re.compile(rf"/cases/{mine['id']}$"))

        facts = page.locator(".sec-facts")
        expect(facts).to_contain_text("*******2222")
        expect(facts).not_to_contain_text("13800132222")
        assert audit(live.app, "call") == []
        facts.get_by_role("button", name="打电话").click()
        wait_for(page, "window.__dialed.length === 1")
        assert page.evaluate("window.__dialed") == ["tel:13800132222"]
        expect(facts.get_by_test_id("dial")).to_have_text("拨打 13800132222")
        calls = audit(live.app, "call")
        assert [(e.actor_id, e.record_id, e.detail["why"]) for e in calls] == [
            (lawyer.id, str(mine["id"]), "assigned_lawyer")]

        notes = page.get_by_role("region", name="私人备注")
        notes.get_by_label("写一条备注").fill("工友说包工头下周回老家，要抓紧申请仲裁。")
        notes.get_by_role("button", name="保存备注").click()
        expect(notes.get_by_role("list", name="私人备注")).to_contain_text("工友说包工头下周回老家")
        expect(notes.get_by_role("list", name="私人备注")).to_contain_text("周律师（援助律师）")

        # On the same phone: the lawyer takes the case and asks the worker for the attendance sheet.
        act(page, "接受指派").get_by_role("button", name="确认接受指派").click()
        expect_stage(page, "律师已接案")
        form = act(page, "请工友补充材料")
        form.get_by_label("需要补充什么（工友会看到）").fill("请拍一下考勤表，或者工友群里记工的截图。")
        form.get_by_role("button", name="确认请工友补充材料").click()
        expect_stage(page, "待补充材料")
        wait_for(page, "document.readyState === 'complete'")
        assert not page.errors, page.errors
    finally:
        ctx.close()
    view = tracked(client, mine)
    assert "包工头下周回老家" not in str(view)
    assert view["stage_label"] == "待补充材料", view
    assert view["materials_request"]["asked"] == "请拍一下考勤表，或者工友群里记工的截图。", view
    with live.app.app_context():
        asked = db.session.scalars(db.select(TimelineEntry).where(TimelineEntry.action == "request_materials")).all()
        assert [(e.application_id, e.actor_id) for e in asked] == [(mine["id"], lawyer.id)]
