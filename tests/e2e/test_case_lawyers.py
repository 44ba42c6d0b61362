"""Lawyers and dates on the case screens, in the browser (issue 18, items 13, 14 and 16).

A lawyer on a phone declines a case and lands on 我的案件 with a plain sentence, no broken page. An admin
switching off a lawyer who still holds cases sees them listed, picks who takes them over, and the worker's
tracking page then shows the new lawyer's number. Staff see the date that runs out first, a limitation 3 days
away rather than the 7-day decision date, in red.
"""
from datetime import timedelta

from playwright.sync_api import expect

from server.aid.cases.clocks import today
from tests.casework import CHECKLIST, lawyer_with_phone

from .helpers import wait_for
from .test_case_handling import PASSWORD, act, new_context, sign_in, tracked, worker_sees


def assign(client, staff, case_id, lawyer_id):
    for action, fields in (("accept", {"checklist": CHECKLIST}), ("approve", {}), ("assign", {"lawyer_id": lawyer_id})):
        resp = client.post(f"/api/v1/cases/{case_id}/actions", json={"action": action, **fields}, headers=staff)
        assert resp.status_code == 200, resp.get_json()


def test_a_lawyer_who_declines_goes_back_to_my_cases_with_a_plain_sentence(live, browser, make_user,
                                                                            make_application, auth):
    client = live.app.test_client()
    staff = auth(client, "staff")
    lawyer = make_user("lawyer", app=live.app, username="lawyer-qian", password=PASSWORD, display_name="钱律师")
    sent = make_application(client, applicant_name="张三")
    assign(client, staff, sent["id"], lawyer.id)
    ctx, page = new_context(browser, wide=False)
    try:
        sign_in(page, live, "lawyer-qian", "钱律师")
        page.goto(live.url + f"/cases/{sent['id']}")
        expect(page.locator(".case-stage .tag")).to_have_text("已指派律师")
        form = act(page, "拒绝指派")
        form.get_by_label("拒绝指派的原因").fill("和对方单位有利益冲突，需要回避。")
        form.get_by_role("button", name="确认拒绝指派").click()
        expect(page).to_have_url(live.url + "/cases")
        expect(page.get_by_text("已拒绝指派，案件交回工作人员重新指派。", exact=False)).to_be_visible()
        expect(page.get_by_text("这里没有案件。")).to_be_visible()
        expect(page.get_by_text("张三")).to_have_count(0)
        wait_for(page, "document.readyState === 'complete'")
        assert not page.errors, page.errors
    finally:
        ctx.close()
    assert tracked(client, sent)["stage"] == "approved"


def test_switching_off_a_lawyer_lists_their_cases_and_hands_them_to_another(live, browser, make_user,
                                                                            make_application, auth):
    client = live.app.test_client()
    staff = auth(client, "staff")
    make_user("admin", app=live.app, username="root", password=PASSWORD, display_name="管理员老周")
    leaving = lawyer_with_phone(make_user, live.app, "孙律师", "028-85550001")
    lawyer_with_phone(make_user, live.app, "李律师", "028-85550002")
    cases = [make_application(client, applicant_name=name, phone=f"1380000020{n}")
             for n, name in enumerate(("张三", "李四"))]
    for sent in cases:
        assign(client, staff, sent["id"], leaving.id)
    ctx, page = new_context(browser, wide=True)
    try:
        sign_in(page, live, "root", "管理员老周")
        page.goto(live.url + "/office/accounts")
        page.get_by_test_id(f"account-{leaving.username}").get_by_role("button").click()
        page.get_by_role("button", name="停用账号").click()
        dialog = page.get_by_test_id("lawyer-switch-off")
        expect(dialog).to_contain_text("孙律师 还有 2 件在办的案件")
        listed = dialog.get_by_role("list", name="在办的案件")
        expect(listed.get_by_role("listitem")).to_have_count(2)
        expect(listed).to_contain_text("张三")
        expect(listed).to_contain_text("李四")
        button = dialog.get_by_role("button", name="改派并停用")
        expect(button).to_be_disabled()  # nobody chosen yet
        dialog.get_by_label("改派给").select_option(label="李律师（在办 0 件）")
        button.click()
        expect(page.get_by_test_id(f"account-{leaving.username}")).to_contain_text("已停用")
        wait_for(page, "document.readyState === 'complete'")
        assert not page.errors, page.errors
    finally:
        ctx.close()
    ctx, phone = new_context(browser, wide=False)
    try:
        track = worker_sees(phone, live, cases[0], "已指派律师")
        expect(track.get_by_test_id("lawyer-phone")).to_have_text("028-85550002")
        expect(track).not_to_contain_text("028-85550001")
    finally:
        ctx.close()


def test_giving_a_lawyer_another_role_hands_their_cases_to_another(live, browser, make_user, make_application, auth):
    client = live.app.test_client()
    staff = auth(client, "staff")
    make_user("admin", app=live.app, username="root", password=PASSWORD, display_name="管理员老周")
    # (with a password, as any account not a worker's must have before its role changes)
    moving = lawyer_with_phone(make_user, live.app, "周律师", "028-85550003", password=PASSWORD)
    lawyer_with_phone(make_user, live.app, "吴律师", "028-85550004")
    sent = make_application(client, applicant_name="王五", phone="13800000210")
    assign(client, staff, sent["id"], moving.id)
    ctx, page = new_context(browser, wide=True)
    try:
        sign_in(page, live, "root", "管理员老周")
        page.goto(live.url + "/office/accounts")
        row = page.get_by_test_id(f"account-{moving.username}")
        row.get_by_role("button").click()
        page.get_by_role("combobox", name="角色").last.select_option(label="工作人员")
        page.get_by_role("button", name="保存").click()
        dialog = page.get_by_test_id("lawyer-switch-off")
        expect(dialog).to_contain_text("周律师 还有 1 件在办的案件。改成工作人员前请选一位律师接手")
        expect(dialog.get_by_role("list", name="在办的案件")).to_contain_text("王五")
        button = dialog.get_by_role("button", name="改派并改角色")
        expect(button).to_be_disabled()
        dialog.get_by_label("改派给").select_option(label="吴律师（在办 0 件）")
        button.click()
        expect(row).to_contain_text("工作人员")
        wait_for(page, "document.readyState === 'complete'")
        assert not page.errors, page.errors
    finally:
        ctx.close()
    assert tracked(client, sent)["lawyer_office_phone"] == "028-85550004"


def test_the_date_that_runs_out_first_is_shown_in_red(live, browser, make_user, make_application, auth):
    client = live.app.test_client()
    make_user("staff", app=live.app, username="desk", password=PASSWORD, display_name="前台小刘")
    left_on = (today() - timedelta(days=365 - 3)).isoformat()
    make_application(client, applicant_name="赵六", started_on="2025-01-01", left_on=left_on)
    limitation = (today() + timedelta(days=3)).isoformat()
    ctx, page = new_context(browser, wide=True)
    try:
        sign_in(page, live, "desk", "前台小刘")
        page.goto(live.url + "/office/cases")
        row = page.get_by_role("row").filter(has_text="赵六")
        due = row.locator("[data-level]")
        expect(due).to_have_text(f"劳动仲裁时效 {limitation} 还剩 3 天")
        expect(due).to_have_attribute("data-level", "bad")
        expect(due).to_have_class("tag tag-bad")
        row.get_by_role("link", name="赵六").click()
        next_step = page.get_by_test_id("next-actor")
        expect(next_step).to_contain_text(f"劳动仲裁时效 {limitation} 前（还剩 3 天）")
        expect(next_step).to_have_class("next-actor bad-box")
        clock = page.locator(".clocks li").filter(has_text="劳动仲裁时效")
        expect(clock.locator(".tag")).to_have_attribute("data-level", "bad")
        expect(page.locator(".clocks li").filter(has_text="决定期限").locator(".tag")).to_have_text("还剩 7 天")
        wait_for(page, "document.readyState === 'complete'")
        assert not page.errors, page.errors
    finally:
        ctx.close()
