"""A legal-aid case from the office's inbox to the follow-up call, in the browser (issue 13).

Staff on an office PC open 案件, see a new green-channel wage claim, accept it with the first-interview
checklist, approve it and assign a lawyer; the lawyer, on a phone, accepts and records a mediation;
staff close it with the money recovered and record the follow-up. After each stage the worker's
tracking view (by code and phone) says so. A lawyer who changes the id in the address to another
lawyer's case is refused plainly, and nothing of that case shows. Staff on a phone work a group claim,
a likely duplicate and a contractors' dispute; a lawyer downloads the case's documents (Word, PDF).
"""
import re
from datetime import datetime, timedelta, timezone

import pytest
from docx import Document
from playwright.sync_api import expect

from server.accounts.models import User
from server.extensions import db
from tests.fakes import SmsOutbox

from .events_helpers import read_store
from .helpers import wait_for

PASSWORD = "case-desk-2026"
CHINA = timezone(timedelta(hours=8))
CASE_STAGES = ["收到申请", "已受理", "已决定给予法律援助", "已指派律师", "律师已接案", "办理中", "已结案", "已回访"]


def new_context(browser, *, wide: bool):
    size = {"width": 1280, "height": 900} if wide else {"width": 360, "height": 740}
    ctx = browser.new_context(locale="zh-CN", viewport=size, is_mobile=not wide, has_touch=not wide,
                              device_scale_factor=1 if wide else 2)
    ctx.set_default_timeout(15000)
    page = ctx.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    return ctx, page


def sign_in(page, live, username, display_name):
    page.goto(live.url + "/me")
    page.get_by_role("radio", name="志愿者、律师、工作人员").click()
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录", exact=True).click()
    expect(page.get_by_test_id("signed-in-name")).to_have_text(display_name)


def tracked(client, application) -> dict:
    """What the worker's tracking page reads, by code and phone (the worker's own request)."""
    resp = client.post("/api/v1/applications/track", json={"code": application["code"], "phone": application["phone"]})
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def expect_tracking(client, application, stage_label: str):
    view = tracked(client, application)
    assert view["stage_label"] == stage_label, view
    assert stage_label in [t["label"] for t in view["timeline"]], view["timeline"]
    return view


def worker_sees(page, live, application, stage_label: str):
    """The worker, on their phone, opens 查进度 with the code and phone and reads the stage shown."""
    page.goto(live.url + f"/aid/track?code={application['code']}")
    page.get_by_label("申请时填的手机号").fill(application["phone"])
    page.get_by_role("button", name="查进度").click()
    track = page.get_by_test_id("track")
    expect(track.get_by_test_id("track-stage")).to_have_text(f"现在：{stage_label}")
    expect(track.get_by_role("list", name="办理经过")).to_contain_text(stage_label)
    return track


def act(page, button: str):
    page.get_by_role("group", name="可以做的操作").get_by_role("button", name=button, exact=True).click()
    return page.get_by_role("form", name=button)


def expect_stage(page, label: str):
    expect(page.locator(".case-stage .tag")).to_have_text(label)


def test_a_green_channel_wage_claim_goes_from_the_inbox_to_the_follow_up(live, browser, make_user,
                                                                         make_application, axe):
    make_user("staff", app=live.app, username="laowang", password=PASSWORD, display_name="工作人员老王")
    lawyer = make_user("lawyer", app=live.app, username="lawyer-chen", password=PASSWORD, display_name="陈律师")
    with live.app.app_context():
        db.session.get(User, lawyer.id).office_phone = "028-8765 4321"
        db.session.commit()
    live.app.config["RATELIMIT_TRACK"] = "100 per minute"  # the test asks after every stage
    texts = live.app.extensions["sms_sender"] = SmsOutbox()
    client = live.app.test_client()
    application = make_application(client, photos=1)
    expect_tracking(client, application, "收到申请")

    office_ctx, office = new_context(browser, wide=True)
    lawyer_ctx, phone = new_context(browser, wide=False)
    worker_ctx, worker = new_context(browser, wide=False)
    try:
        worker_sees(worker, live, application, "收到申请")
        # Staff on the office PC: the inbox, its counts, the green channel.
        sign_in(office, live, "laowang", "工作人员老王")
        office.get_by_role("link", name=re.compile("^案件")).click()
        filters = office.get_by_role("navigation", name="筛选")
        expect(filters.get_by_role("link", name="新申请 1")).to_be_visible()
        filters.get_by_role("link", name="绿色通道 1").click()
        table = office.get_by_role("table", name="绿色通道案件")
        row = table.get_by_role("row").filter(has_text="*******8000")
        expect(row).to_contain_text("绿色通道")
        expect(row).to_contain_text("24,000 元")
        expect(row).not_to_contain_text("13800138000")  # masked, as the server sends it
        assert axe(office) == []
        assert office.evaluate("document.querySelector('.page').getBoundingClientRect().width") > 1100  # fills the PC
        row.get_by_role("link", name="张三").click()

        # The case: full facts, the photo (fetched with the sign-in), clocks with how they were computed.
        expect_stage(office, "收到申请")
        columns = office.locator(".case-main, .case-side").evaluate_all(
            "els => els.map(e => Math.round(e.getBoundingClientRect().left))")
        assert columns[0] < columns[1], columns  # facts on the left, the moves beside them
        expect(office.get_by_test_id("next-actor")).to_contain_text("等工作人员受理")
        facts = office.locator(".sec-facts")
        expect(facts).to_contain_text("*******8000")  # the whole number only on a tap of 打电话 (test_case_desk.py)
        expect(facts).not_to_contain_text("13800138000")
        expect(facts).to_contain_text("李老板")
        expect(office.locator(".clocks")).to_contain_text("第四十三条")
        thumb = office.get_by_role("button", name="看大图：证据1")
        expect(thumb.locator("img")).to_have_attribute("src", re.compile(r"^blob:"))
        thumb.click()
        photo = office.get_by_role("dialog", name="证据1")
        expect(photo.locator("img")).to_have_attribute("src", re.compile(r"^blob:"))
        assert photo.locator("img").evaluate("img => img.naturalWidth") > 0
        photo.get_by_role("button", name="关闭").click()

        # 受理: the checklist must be complete.
        form = act(office, "受理")
        form.get_by_label("已核实干活的事实（在哪个工地、给谁干、干了多久）").check()
        form.get_by_label("已核对欠薪的期间和金额").check()
        form.get_by_role("button", name="确认受理").click()
        expect(form.get_by_text("受理前要确认这一项。")).to_be_visible()
        assert axe(office) == []
        form.get_by_label("已查明用人单位（包工头、分包、总包）").check()
        form.get_by_role("button", name="确认受理").click()
        expect_stage(office, "已受理")
        expect_tracking(client, application, "已受理")
        worker_sees(worker, live, application, "已受理")

        act(office, "决定给予法律援助").get_by_role("button", name="确认决定给予法律援助").click()
        expect_stage(office, "已决定给予法律援助")
        expect_tracking(client, application, "已决定给予法律援助")
        worker_sees(worker, live, application, "已决定给予法律援助")

        form = act(office, "指派律师")
        form.get_by_label("承办律师").select_option(label="陈律师（在办 0 件）")
        form.get_by_role("button", name="确认指派律师").click()
        expect_stage(office, "已指派律师")
        expect(office.get_by_role("region", name="承办律师")).to_contain_text("陈律师 · 办公电话 028-8765 4321")
        view = expect_tracking(client, application, "已指派律师")
        assert view["lawyer_office_phone"] == "028-8765 4321"
        track = worker_sees(worker, live, application, "已指派律师")
        expect(track.get_by_test_id("lawyer-phone")).to_have_attribute("href", "tel:02887654321")
        expect(track.get_by_test_id("lawyer-phone")).to_have_text("028-8765 4321")
        # On a 360 px phone the number stays on one line (it once broke as "028-" / "8765 4321").
        box = track.get_by_test_id("lawyer-phone").evaluate("e => e.getClientRects().length")
        assert box == 1, box
        assert axe(worker) == []

        # The lawyer, on a phone: 我的 → 我的案件 → the case; accept, record a mediation.
        sign_in(phone, live, "lawyer-chen", "陈律师")
        phone.get_by_role("link", name=re.compile("^我的案件")).click()
        phone.get_by_role("list", name="我的案件").get_by_role("link", name=re.compile("张三")).click()
        expect_stage(phone, "已指派律师")
        act(phone, "接受指派").get_by_role("button", name="确认接受指派").click()
        expect_stage(phone, "律师已接案")
        expect_tracking(client, application, "律师已接案")
        worker_sees(worker, live, application, "律师已接案")

        form = act(phone, "记录办理进展")
        form.get_by_role("radio", name="调解").click()
        form.get_by_label("进展情况").fill("在街道调解室和李老板调解，同意月底前付清。")
        form.get_by_role("button", name="确认记录办理进展").click()
        expect_stage(phone, "办理中")
        expect(phone.get_by_role("region", name="办案进展")).to_contain_text("调解")
        expect(phone.get_by_role("region", name="办案进展")).to_contain_text("同意月底前付清")
        expect_tracking(client, application, "办理中")
        expect(worker_sees(worker, live, application, "办理中")).to_contain_text("案子有新进展：调解")
        assert not (phone.locator(".case-table").count()), "a phone shows cards, not a table"
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360

        # Staff close with the money recovered (a date in the future is refused beside its field).
        office.reload()
        expect_stage(office, "办理中")
        form = act(office, "结案")
        form.get_by_label("结案方式").select_option(label="调解结案")
        form.get_by_label("追回金额（元）").fill("24,000")
        tomorrow = (datetime.now(CHINA) + timedelta(days=2)).date().isoformat()
        form.get_by_label("结案日期").fill(tomorrow)
        form.get_by_role("button", name="确认结案").click()
        expect(office.locator("#act-close-closed_on-error")).to_have_text("日期不能晚于今天。")
        expect_stage(office, "办理中")
        form.get_by_label("结案日期").fill(datetime.now(CHINA).date().isoformat())
        form.get_by_role("button", name="确认结案").click()
        expect_stage(office, "已结案")
        expect(office.get_by_role("region", name="结案", exact=True)).to_contain_text("追回金额24,000 元")
        expect_tracking(client, application, "已结案")
        expect(worker_sees(worker, live, application, "已结案")).to_contain_text("追回 24,000.00 元")

        form = act(office, "回访")
        form.get_by_role("radio", name="联系上了").click()
        form.get_by_role("radio", name="5", exact=True).click()
        form.get_by_label("工友的话、回访记录").fill("钱已经拿到了，谢谢。")
        form.get_by_role("button", name="确认回访").click()
        expect_stage(office, "已回访")
        expect(office.get_by_role("group", name="可以做的操作")).to_have_count(0)
        view = expect_tracking(client, application, "已回访")
        worker_timeline = worker_sees(worker, live, application, "已回访").get_by_role("list", name="办理经过")
        for label in CASE_STAGES:
            expect(worker_timeline).to_contain_text(label)
        assert worker.evaluate("document.documentElement.scrollWidth") <= 360

        # Every stage is on the worker's timeline, in order, as it happened.
        labels = [t["label"] for t in view["timeline"]]
        assert [s for s in CASE_STAGES if s in labels] == CASE_STAGES, labels
        timeline = office.get_by_role("list", name="案件经过")
        for label in CASE_STAGES:
            expect(timeline).to_contain_text(label)
        # And the worker was texted at 已受理, 已指派律师 (with the office phone), 律师已接受指派 (as the accept form
        # says) and 已结案 (the receipt aside).
        sent = [t["text"] for t in texts if t.get("phone") == application["phone"] and "已收到" not in t["text"]]
        assert len(sent) == 4, sent
        assert "已受理" in sent[0] and "陈律师，办公电话 028-8765 4321" in sent[1] and "已结案" in sent[3], sent
        assert "陈律师已接受指派" in sent[2] and "028-8765 4321" in sent[2], sent
        errors = office.errors + phone.errors + worker.errors
        assert not errors, errors
    finally:
        office_ctx.close()
        lawyer_ctx.close()
        worker_ctx.close()


def test_a_lawyer_changing_the_id_sees_a_plain_refusal_not_the_case(live, browser, make_user, make_application,
                                                                    auth):
    client = live.app.test_client()
    staff = auth(client, "staff")
    mine = make_user("lawyer", app=live.app, username="lawyer-li", password=PASSWORD, display_name="李律师")
    other = make_user("lawyer", app=live.app, display_name="赵律师")
    cases = {}
    for name, lawyer in (("mine", mine), ("theirs", other)):
        app_ = make_application(client, applicant_name="王五" if name == "theirs" else "张三")
        for action, fields in (("accept", {"checklist": {"work_facts_confirmed": True, "arrears_checked": True,
                                                         "employer_identified": True}}),
                               ("approve", {}), ("assign", {"lawyer_id": lawyer.id})):
            resp = client.post(f"/api/v1/cases/{app_['id']}/actions", json={"action": action, **fields}, headers=staff)
            assert resp.status_code == 200, resp.get_json()
        cases[name] = app_["id"]

    ctx, page = new_context(browser, wide=False)
    try:
        sign_in(page, live, "lawyer-li", "李律师")
        page.goto(live.url + "/cases")
        mine_list = page.get_by_role("list", name="我的案件")
        expect(mine_list.get_by_role("link")).to_have_count(1)
        expect(mine_list).to_contain_text("张三")
        expect(mine_list).not_to_contain_text("王五")

        page.goto(live.url + f"/cases/{cases['theirs']}")
        expect(page.get_by_role("alert")).to_have_text("这不是你经办的案件。")
        expect(page.get_by_text("王五")).to_have_count(0)
        expect(page.get_by_role("link", name="回到我的案件")).to_be_visible()
        # Reassigned to someone else: the lawyer loses the case at once.
        page.goto(live.url + f"/cases/{cases['mine']}")
        expect_stage(page, "已指派律师")
        resp = client.post(f"/api/v1/cases/{cases['mine']}/actions", headers=staff,
                           json={"action": "reassign", "lawyer_id": other.id, "reason": "利益冲突，需要回避。"})
        assert resp.status_code == 200, resp.get_json()
        page.reload()
        expect(page.get_by_role("alert")).to_have_text("这不是你经办的案件。")
        page.goto(live.url + "/cases")
        expect(page.get_by_text("这里没有案件。")).to_be_visible()
        # And the office's inbox is not theirs either.
        page.goto(live.url + "/office/cases")
        expect(page.get_by_role("alert")).to_contain_text("这个页面只给法律援助中心的工作人员用。")
        expect(page.get_by_role("link", name="看我的案件")).to_be_visible()
        wait_for(page, "document.readyState === 'complete'")
        assert not page.errors, page.errors
    finally:
        ctx.close()


def test_staff_on_a_phone_see_a_group_claim_compare_a_likely_duplicate_and_refuse_a_contractor_dispute(
        live, browser, make_user, make_application, axe):
    from tests.photos import id_number

    live.app.config["RATELIMIT_TRACK"] = "100 per minute"
    make_user("staff", app=live.app, username="laowang", password=PASSWORD, display_name="工作人员老王")
    client = live.app.test_client()
    first = make_application(client)
    again = make_application(client, account="上次没说清楚，再申请一次。")  # the same ID number and employer
    other = make_application(client, applicant_name="李四", phone="13900002222", id_number=id_number(serial="456"),
                             amount_owed_fen=1_200_000, employer_name="李 老板")
    # Left the site 360 days ago: the arbitration limit ends in 5 or 6 days (Art. 44 first aid).
    left_on = datetime.now(CHINA).date() - timedelta(days=360)
    make_application(client, applicant_name="赵六", phone="13700003333", id_number=id_number(serial="789"),
                             employer_name="赵老板", site="东门工地", started_on=None, last_paid_on=None,
                             left_on=left_on.isoformat())

    ctx, page = new_context(browser, wide=False)
    try:
        sign_in(page, live, "laowang", "工作人员老王")
        page.goto(live.url + "/office/cases")
        # The most urgent first: first aid before the paperwork, and the case page says why.
        first_card = page.get_by_role("list", name="全部案件").get_by_role("listitem").first
        expect(first_card).to_contain_text("赵六")
        expect(first_card).to_contain_text("先行援助")
        first_card.get_by_role("link").click()
        expect(page.locator(".case-note")).to_contain_text("第四十四条")
        expect(page.get_by_role("region", name="期限")).to_contain_text(f"离开工地（劳动关系终止）{left_on} 起 1 年内")
        page.goto(live.url + "/office/cases")
        filters = page.get_by_role("navigation", name="筛选")
        expect(filters.get_by_role("link", name="群体案件 3")).to_be_visible()
        filters.get_by_role("link", name="疑似重复 2").click()
        cards = page.get_by_role("list", name="疑似重复案件")
        expect(cards.get_by_role("link")).to_have_count(2)
        expect(cards).not_to_contain_text("李四")
        assert page.locator(".case-table").count() == 0  # cards on a phone
        assert axe(page) == []

        # The group: headcount and total owed, every row masked.
        page.goto(live.url + f"/office/cases/{other['id']}")
        group = page.get_by_role("region", name="群体案件")
        expect(group).to_contain_text("共 3 人申请，合计欠 60,000 元")
        group.get_by_role("link", name="查看全部").click()
        expect(page.get_by_text("共 3 人申请，合计欠 60,000 元")).to_be_visible()
        rows = page.get_by_role("list", name="这一群体的申请")
        expect(rows.get_by_role("link")).to_have_count(3)
        expect(rows).to_contain_text("*******2222")
        expect(rows).not_to_contain_text("13900002222")

        # The likely duplicate, side by side: nothing merged, the differences marked.
        page.goto(live.url + f"/office/cases/{first['id']}")
        duplicates = page.get_by_role("region", name=re.compile("^疑似重复"))
        duplicates.get_by_role("link", name="对比").click()
        table = page.get_by_role("table")
        expect(table.get_by_role("row", name=re.compile("^身份证号"))).to_have_class("same")
        expect(table.get_by_role("row", name=re.compile("^工友自述"))).to_have_class("differs")
        expect(table).to_contain_text("上次没说清楚，再申请一次。")
        assert axe(page) == []

        # Refusing the second one as a contractors' dispute, with the standard reason the worker reads.
        page.goto(live.url + f"/office/cases/{again['id']}")
        form = act(page, "不予受理")
        form.get_by_role("button", name="工程款纠纷").click()
        assert axe(page) == []
        expect(form.get_by_label("不予受理的理由（工友会看到）")).to_have_value(re.compile("^经核实，这是承包方之间的工程款纠纷"))
        form.get_by_role("button", name="确认不予受理").click()
        expect_stage(page, "不予受理")
        view = expect_tracking(client, again, "不予受理")
        assert "工程款纠纷" in view["timeline"][-1]["note"], view["timeline"]
        worker_ctx, worker = new_context(browser, wide=False)
        try:
            track = worker_sees(worker, live, again, "不予受理")
            expect(track.get_by_test_id("track-reason")).to_contain_text("为什么不受理：经核实，这是承包方之间的工程款纠纷")
            expect(track.get_by_test_id("track-next")).to_contain_text("司法局")  # where to object (Art. 49)
            assert axe(worker) == []
            assert not worker.errors, worker.errors
        finally:
            worker_ctx.close()
        expect_tracking(client, first, "收到申请")  # the other one goes on

        # Who has read the first case: this staff member, with why.
        page.goto(live.url + f"/office/cases/{first['id']}")
        # Its only twin was not accepted: no longer 疑似重复, the twin still listed to compare, marked as such.
        twins = page.get_by_role("region", name=re.compile("^同一身份证号和单位的其他申请"))
        expect(twins).to_contain_text("不予受理")
        expect(twins).to_contain_text("不算重复")
        expect(page.locator(".case-head .case-flags")).not_to_contain_text("疑似重复")
        page.get_by_role("button", name="查看记录").click()
        expect(page.get_by_role("region", name="谁看过这个案件")).to_contain_text("工作人员老王")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert not page.errors, page.errors
    finally:
        ctx.close()


def test_a_lawyer_downloads_the_case_documents_as_word_and_pdf(live, browser, make_user, make_application, auth):
    if not any(str(rule).startswith("/api/v1/cases/<int:application_id>/documents")
               for rule in live.app.url_map.iter_rules()):
        pytest.skip("the documents route (GET /api/v1/cases/{id}/documents/{kind}.docx|.pdf) is not on this branch yet")
    client = live.app.test_client()
    staff = auth(client, "staff")
    make_user("lawyer", app=live.app, username="lawyer-chen", password=PASSWORD, display_name="陈律师")
    with live.app.app_context():
        lawyer = db.session.scalar(db.select(User).where(User.username == "lawyer-chen"))
        lawyer_id = lawyer.id
    application = make_application(client)
    for action, fields in (("accept", {"checklist": {"work_facts_confirmed": True, "arrears_checked": True,
                                                     "employer_identified": True}}),
                           ("approve", {}), ("assign", {"lawyer_id": lawyer_id})):
        resp = client.post(f"/api/v1/cases/{application['id']}/actions", json={"action": action, **fields},
                           headers=staff)
        assert resp.status_code == 200, resp.get_json()

    ctx, page = new_context(browser, wide=False)
    try:
        sign_in(page, live, "lawyer-chen", "陈律师")
        page.goto(live.url + f"/cases/{application['id']}")
        documents = page.get_by_role("region", name="文书（下载后可修改）")
        claim = documents.get_by_role("listitem").filter(has_text="劳动仲裁申请书")
        for button, magic, ending in (("Word", b"PK", ".docx"), ("PDF", b"%PDF", ".pdf")):
            with page.expect_download() as download:
                claim.get_by_role("button", name=button).click()
            path = download.value.path()
            assert download.value.suggested_filename.endswith(ending), download.value.suggested_filename
            with open(path, "rb") as f:
                assert f.read(4).startswith(magic)
        # the lawyer's day-one papers, listed once a lawyer is assigned, under their Chinese names
        texts = documents.get_by_role("listitem").all_inner_texts()
        for label in ("法律援助公函（指派通知书）", "委托代理协议", "授权委托书"):
            assert any(label in text for text in texts), texts
        with page.expect_download() as download:
            documents.get_by_role("listitem").filter(has_text="授权委托书").get_by_role("button", name="Word").click()
        name = download.value.suggested_filename
        assert name.startswith("授权委托书-") and name.endswith(".docx"), name
        doc = Document(download.value.path())
        cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
        assert "陈律师" in cells and "代理权限" in "\n".join(p.text for p in doc.paragraphs)
        assert not page.errors, page.errors
    finally:
        ctx.close()


def test_staff_ask_for_more_materials_and_see_what_the_worker_added(live, browser, make_user, make_application,
                                                                    axe):
    from tests import photos

    live.app.config["RATELIMIT_TRACK"] = "100 per minute"
    make_user("staff", app=live.app, username="laowang", password=PASSWORD, display_name="工作人员老王")
    client = live.app.test_client()
    application = make_application(client, photos=1)
    ctx, page = new_context(browser, wide=True)
    worker_ctx, worker = new_context(browser, wide=False)
    try:
        sign_in(page, live, "laowang", "工作人员老王")
        page.goto(live.url + f"/office/cases/{application['id']}")
        form = act(page, "请工友补充材料")
        form.get_by_role("button", name="确认请工友补充材料").click()
        expect(page.locator("#act-request_materials-asked-error")).to_have_text("请写明需要补充什么。")
        form.get_by_label("需要补充什么（工友会看到）").fill("请补拍一张工资条或考勤表。")
        form.get_by_role("button", name="确认请工友补充材料").click()
        expect_stage(page, "待补充材料")
        expect(page.get_by_test_id("next-actor")).to_contain_text("等工友补充材料")
        expect(page.get_by_role("region", name="期限")).to_contain_text("暂停")
        view = expect_tracking(client, application, "待补充材料")
        assert view["materials_request"]["asked"] == "请补拍一张工资条或考勤表。", view

        # The worker, on their phone: the tracking page says what is asked and by when.
        track = worker_sees(worker, live, application, "待补充材料")
        asked = track.get_by_role("region", name="需要你补充材料")
        expect(asked).to_contain_text("要补充：请补拍一张工资条或考勤表。")
        expect(asked).to_contain_text(f"期限：{view['materials_request']['due_on']} 前")
        supplement = asked.get_by_role("form", name="补充材料")
        supplement.get_by_role("button", name="发送补充材料").click()
        expect(supplement.get_by_text("请写几句话或者加上照片。")).to_be_visible()
        supplement.get_by_label("写几句话（可以不写）").fill("考勤表在工头那里，我有微信聊天记录。")
        supplement.get_by_label("从相册选").set_input_files(
            [{"name": "chat.jpg", "mimeType": "image/jpeg", "buffer": photos.jpeg(1200, 900, gps=True)}])
        expect(supplement.get_by_test_id("photo-count")).to_have_text("已有 1 张照片")
        expect(supplement.get_by_role("img", name="证据照片 1")).to_be_visible()
        supplement.get_by_role("button", name="聊天截图").click()
        assert axe(worker) == []
        assert worker.evaluate("document.documentElement.scrollWidth") <= 360
        # No signal where the worker is: 发送 keeps it on the phone, and it goes when the signal is back.
        worker_ctx.set_offline(True)
        supplement.get_by_role("button", name="发送补充材料").click()
        expect(asked.get_by_test_id("supplement-waiting")).to_contain_text("补充的材料已存在手机上")
        expect(track.get_by_test_id("track-stage")).to_have_text("现在：待补充材料")
        worker_ctx.set_offline(False)
        # Sent through the outbox and confirmed: the page shows the case back where it was.
        expect(track.get_by_test_id("track-stage")).to_have_text("现在：收到申请")
        expect(track.get_by_role("list", name="办理经过")).to_contain_text("补充的材料收到了")
        expect(track).to_contain_text("照片 2 张")
        expect(track.get_by_role("region", name="需要你补充材料")).to_have_count(0)
        # Confirmed, so the queued copy (the phone number, the photo) has left the phone in the same step.
        assert read_store(worker, "outbox") == [] and read_store(worker, "aidPhotos") == []

        page.reload()
        expect_stage(page, "收到申请")
        expect(page.get_by_role("region", name="补充材料")).to_contain_text(
            "工友补充：考勤表在工头那里，我有微信聊天记录。")
        supplied = page.get_by_role("region", name="补充材料").get_by_text(re.compile("工友补充："))
        expect(supplied).to_have_count(1)  # sent once
        expect(page.get_by_role("region", name=re.compile("^证据照片"))).to_contain_text("证据照片（2 张）")
        expect(page.get_by_role("button", name="看大图：聊天截图")).to_be_visible()
        assert not page.errors and not worker.errors, page.errors + worker.errors
    finally:
        ctx.close()
        worker_ctx.close()


def test_the_inbox_comes_in_pages_of_twenty(live, browser, make_user, make_application):
    from tests.photos import id_number

    make_user("staff", app=live.app, username="laowang", password=PASSWORD, display_name="工作人员老王")
    client = live.app.test_client()
    for n in range(21):
        make_application(client, applicant_name=f"工友{n:02d}", id_number=id_number(serial=f"{n + 100:03d}"),
                         employer_name=f"老板{n}", site=f"工地{n}")
    ctx, page = new_context(browser, wide=True)
    try:
        sign_in(page, live, "laowang", "工作人员老王")
        page.goto(live.url + "/office/cases")
        expect(page.get_by_role("navigation", name="筛选").get_by_role("link", name="全部 21")).to_be_visible()
        table = page.get_by_role("table", name="全部案件")
        expect(table.locator("tbody tr")).to_have_count(20)
        expect(table).to_contain_text("工友00")  # the oldest first, all else equal
        pager = page.get_by_role("navigation", name="翻页")
        expect(pager).to_contain_text("第 1 / 2 页，共 21 件")
        pager.get_by_role("link", name="下一页").click()
        expect(page).to_have_url(re.compile(r"/office/cases\?filter=all&page=2$"))
        expect(table.locator("tbody tr")).to_have_count(1)
        expect(table).to_contain_text("工友20")
        assert not page.errors, page.errors
    finally:
        ctx.close()
