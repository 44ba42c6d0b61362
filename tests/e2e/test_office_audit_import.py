"""At the office PC: the admin reads and exports the audit log; staff load a phone's exported queue."""
import csv
import io
import json
import re
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

from playwright.sync_api import expect

PASSWORD = "office-pass-2026"


def office_pc(browser):
    ctx = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 800}, service_workers="allow")
    ctx.set_default_timeout(15000)
    return ctx


def sign_in(page, url, username):
    page.goto(url + "/me")
    page.get_by_role("radio", name="志愿者、律师、工作人员").click()
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录", exact=True).click()
    expect(page.get_by_test_id("signed-in-name")).to_be_visible()


def test_the_admin_reveals_a_phone_for_a_reason_and_finds_it_in_the_log_and_its_export(live, browser, make_user, axe):
    make_user("admin", app=live.app, username="root", password=PASSWORD, display_name="管理员老周")
    make_user("worker", app=live.app, display_name="工友老李", phone="13812345678")
    pc = office_pc(browser)
    page = pc.new_page()
    sign_in(page, live.url, "root")
    page.goto(live.url + "/office/accounts")
    page.get_by_label("找人").fill("老李")
    page.get_by_role("button", name="查找").click()
    expect(page.get_by_role("status").filter(has_text="共 1 个账号")).to_be_visible()
    page.locator("tbody tr", has_text="工友老李").get_by_role("button", name="管理").click()
    expect(page.get_by_role("button", name="查看")).to_be_disabled()  # no reason, no phone
    page.get_by_label("看完整手机号").fill("回电核实欠薪案情")
    page.get_by_role("button", name="查看").click()
    expect(page.get_by_test_id("full-phone")).to_have_text("13812345678")

    page.get_by_role("link", name="审计").click()
    expect(page.get_by_role("heading", name="审计日志")).to_be_visible()
    page.locator('select[name="action"]').select_option("reveal")
    page.get_by_role("button", name="筛选", exact=True).click()
    table = page.get_by_role("table", name="审计日志")
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table).to_contain_text("回电核实欠薪案情")
    expect(table).to_contain_text("管理员老周")
    assert "action=reveal" in page.url
    assert axe(page) == []
    with page.expect_download() as got:
        page.get_by_role("button", name="导出 CSV").click()
    text = Path(got.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "编号" and len(rows) == 2 and "回电核实欠薪案情" in rows[1][8]
    with page.expect_download() as got:
        page.get_by_role("button", name="导出 Excel").click()
    assert got.value.suggested_filename.endswith(".xlsx")
    from openpyxl import load_workbook
    sheet = load_workbook(io.BytesIO(Path(got.value.path()).read_bytes())).active
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert cells[0][0] == "编号" and len(cells) == 2 and "回电核实欠薪案情" in cells[1][8]
    pc.close()


def test_staff_preview_a_phones_exported_queue_then_apply_it_and_read_each_result(live, browser, make_user, tmp_path):
    from server.events import service as events
    from server.events import signups
    make_user("staff", app=live.app, username="li.staff", password=PASSWORD)
    with live.app.app_context():
        event = events.create_event({"title": "幸福里讲座", "kind": "lecture", "place": "工地大门",
                                     "status": "published",
                                     "starts_at": datetime.now(timezone.utc) + timedelta(days=1)}, None)
        attendee, _ = signups.sign_up(event, {"name": "张三", "phone": "13800005678"})
        event_id, token = event.id, attendee.qr_token
    when = datetime.now(timezone.utc).isoformat()
    ops = [{"id": str(uuid.uuid4()), "type": "checkin", "event_id": event_id, "qr_token": token, "device_time": when},
           {"id": str(uuid.uuid4()), "type": "checkin", "event_id": event_id, "qr_token": "nobody",
            "device_time": when}]
    file = tmp_path / "gongyou-daifasong.json"
    file.write_text(json.dumps({
        "exported_at": when, "device_id": "phone-of-xiaowang", "operations": ops, "signups": [], "reports": [],
        "notes": [{"id": ops[0]["id"], "label": "签到：张三（尾号 5678）", "state": "waiting", "message": ""}]}),
        encoding="utf-8")

    pc = office_pc(browser)
    page = pc.new_page()
    sign_in(page, live.url, "li.staff")
    page.goto(live.url + "/office/import")
    page.get_by_test_id("import-file").set_input_files(str(file))
    expect(page.get_by_role("heading", name="文件里有：共 2 条")).to_be_visible()
    expect(page.get_by_role("table", name="按活动")).to_contain_text("幸福里讲座")
    page.get_by_role("button", name="导入这 2 条").click()
    expect(page.get_by_role("heading", name="每一条的结果：已生效 1，没有生效 1")).to_be_visible()
    results = page.get_by_test_id("import-result")
    expect(results.nth(0)).to_contain_text("签到：张三（尾号 5678）")
    expect(results.nth(0)).to_contain_text("已生效")
    expect(results.nth(1)).to_contain_text("没有找到这个报名码")
    headcount = page.evaluate(f"fetch('/api/v1/events/{event_id}/headcount').then(r => r.json())")
    assert headcount["checked_in"] == 1
    page.get_by_role("link", name="内容").click()
    expect(page.get_by_test_id("content-figures")).to_contain_text("张问答卡片")
    pc.close()


def test_the_admin_picks_a_person_by_name_and_reads_what_they_did_in_chinese(live, browser, make_user, auth,
                                                                             make_application, axe):
    """Issue 18, item 23: no numeric id to know, no codes or JSON to read; the export says the same words."""
    make_user("admin", app=live.app, username="root", password=PASSWORD, display_name="管理员老周")
    client = live.app.test_client()
    staff = auth(client, "staff", display_name="李主任", phone="13912345678")
    application = make_application(client, photos=1)
    assert client.get(f"/api/v1/cases/{application['id']}", headers=staff).status_code == 200
    assert client.get(f"/api/v1/uploads/{application['upload_ids'][0]}", headers=staff).status_code == 200
    pc = office_pc(browser)
    page = pc.new_page()
    sign_in(page, live.url, "root")
    page.goto(live.url + "/office/audit")
    expect(page.get_by_role("heading", name="审计日志")).to_be_visible()

    person = page.get_by_role("group", name="操作人")
    person.get_by_label("名字或用户名").fill("李主")
    person.get_by_label("名字或用户名").press("Enter")
    found = person.get_by_role("list", name="找到的人")
    expect(found).to_contain_text("李主任")
    expect(found).to_contain_text("*******5678")  # masked, as the accounts search sends it
    expect(found).not_to_contain_text("13912345678")
    found.get_by_role("button", name=re.compile("李主任")).click()
    expect(person.get_by_test_id("person-picked")).to_contain_text("李主任")
    record_type = page.get_by_label("记录类型")
    expect(record_type.locator("option", has_text="法律援助申请（案件）")).to_have_count(1)
    record_type.select_option(label="证据照片")
    page.locator('select[name="action"]').select_option(label="查看")
    page.get_by_role("button", name="筛选", exact=True).click()

    table = page.get_by_role("table", name="审计日志")
    expect(table.locator("tbody tr")).to_have_count(1)
    row = table.locator("tbody tr").first
    for words in ("李主任", "工作人员", "查看", "证据照片", f"案件编号：{application['id']}", "查看缘由：经办工作人员"):
        expect(row).to_contain_text(words)
    for code in ("evidence", "staff", "{", "why"):
        expect(row).not_to_contain_text(code)
    assert f"actor_id={staff.user.id}" in page.url and "record_type=evidence" in page.url
    expect(person.get_by_test_id("person-picked")).to_contain_text("李主任")  # still named after the reload
    assert axe(page) == []

    with page.expect_download() as got:
        page.get_by_role("button", name="导出 Excel").click()
    from openpyxl import load_workbook
    sheet = load_workbook(io.BytesIO(Path(got.value.path()).read_bytes())).active
    cells = [[c.value for c in r] for r in sheet.iter_rows()]
    assert len(cells) == 2 and cells[1][4:7] == ["工作人员", "查看", "证据照片"], cells
    pc.close()
