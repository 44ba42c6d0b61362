"""The office's accounts screens, as an admin at a PC and a new lawyer on a phone use them.

An admin makes a lawyer's account and reads out the one-time password; the lawyer signs in on
their phone and can do nothing before choosing their own; the admin switches the account off
and the lawyer's very next request is refused (the app shows them signed out). A worker or a
volunteer opening the office's address sees a refusal, and the server refuses its API too.
"""
from playwright.sync_api import expect

from tests.fakes import SmsOutbox

ADMIN_PASSWORD = "office-admin-2026"
LAWYER_PASSWORD = "my-own-secret-42"


def office_pc(browser):
    ctx = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 800}, service_workers="allow")
    ctx.set_default_timeout(15000)
    return ctx


def sign_in_with_password(page, url, username, password):
    page.goto(url + "/me")
    page.get_by_role("radio", name="志愿者、律师、工作人员").click()
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录", exact=True).click()


def status_of(page, path):
    return page.evaluate(f"fetch('{path}').then(r => r.status)")


def test_an_admin_makes_a_lawyer_who_must_change_the_password_then_switches_the_account_off(
        live, browser, page, make_user, axe):
    make_user("admin", app=live.app, username="root", password=ADMIN_PASSWORD, display_name="管理员老周")
    pc = office_pc(browser)
    pc.grant_permissions(["clipboard-read", "clipboard-write"], origin=live.url)
    admin = pc.new_page()
    admin_errors: list[str] = []
    admin.on("pageerror", lambda exc: admin_errors.append(str(exc)))
    sign_in_with_password(admin, live.url, "root", ADMIN_PASSWORD)
    expect(admin.get_by_test_id("signed-in-name")).to_have_text("管理员老周")

    admin.goto(live.url + "/office/accounts")
    expect(admin.get_by_role("heading", name="账号")).to_be_visible()
    expect(admin.get_by_test_id("account-root")).to_be_visible()
    admin.get_by_role("button", name="新建账号").click()
    form = admin.locator("section", has=admin.get_by_role("heading", name="新建账号"))
    form.get_by_label("角色").select_option("lawyer")
    form.get_by_label("用户名").fill("wang.lawyer")
    form.get_by_label("姓名").fill("王律师")
    form.get_by_role("button", name="建账号").click()
    expect(admin.get_by_role("heading", name="已建好账号：王律师（援助律师）")).to_be_visible()
    one_time = admin.get_by_test_id("one-time-password").inner_text().strip()
    assert len(one_time) >= 10
    admin.get_by_role("button", name="复制").click()
    expect(admin.get_by_role("button", name="已复制")).to_be_visible()
    assert admin.evaluate("navigator.clipboard.readText()") == one_time
    assert axe(admin) == []
    admin.get_by_role("button", name="好了，关闭").click()
    expect(admin.get_by_test_id("account-wang.lawyer")).to_contain_text("待改密码")

    # The lawyer, on their phone: signed in with the one-time password, only the change opens.
    sign_in_with_password(page, live.url, "wang.lawyer", one_time)
    expect(page.get_by_role("heading", name="请先设置新密码")).to_be_visible()
    page.goto(live.url + "/events")
    expect(page.get_by_role("heading", name="请先设置新密码")).to_be_visible()
    refused = page.evaluate("fetch('/api/v1/events/assigned').then(r => r.json())")
    assert refused["error_code"] == "password_change_required"
    assert axe(page) == []
    page.get_by_label("一次性密码").fill(one_time)
    page.get_by_label("新密码").fill("short")
    page.get_by_label("再输一次").fill("short")
    page.get_by_role("button", name="保存新密码").click()
    expect(page.get_by_text("密码至少 8 位。")).to_be_visible()
    page.get_by_label("新密码").fill(LAWYER_PASSWORD)
    page.get_by_label("再输一次").fill(LAWYER_PASSWORD)
    page.get_by_role("button", name="保存新密码").click()
    expect(page.get_by_role("heading", name="活动", exact=True)).to_be_visible()  # the page asked for, at last
    page.goto(live.url + "/me")
    expect(page.get_by_test_id("signed-in-name")).to_have_text("王律师")
    assert status_of(page, "/api/v1/me") == 200

    # The admin switches the account off; the confirmation says what it does.
    admin.reload()
    admin.get_by_test_id("account-wang.lawyer").get_by_role("button", name="管理").click()
    admin.get_by_role("button", name="停用账号").click()
    expect(admin.get_by_role("alertdialog")).to_contain_text("马上被退出登录")
    admin.get_by_role("button", name="确定停用").click()
    expect(admin.get_by_test_id("account-wang.lawyer")).to_contain_text("已停用")

    # The lawyer's next request is refused, and the app shows them signed out.
    assert status_of(page, "/api/v1/me") == 401
    page.reload()
    expect(page.get_by_role("radio", name="志愿者、律师、工作人员")).to_be_visible()
    expect(page.get_by_test_id("signed-in-name")).to_have_count(0)
    sign_in_with_password(page, live.url, "wang.lawyer", LAWYER_PASSWORD)
    expect(page.get_by_role("alert")).to_contain_text("已停用")
    assert not admin_errors, admin_errors
    pc.close()


def test_a_worker_or_a_volunteer_at_the_office_address_is_refused_by_the_app_and_the_server(live, page, make_user):
    outbox = live.app.extensions["sms_sender"] = SmsOutbox()
    page.goto(live.url + "/me")
    page.get_by_label("手机号").fill("13812345678")
    page.get_by_role("button", name="获取验证码").click()
    expect(page.get_by_role("button", name="秒后重发")).to_be_visible()
    page.get_by_label("验证码").fill(outbox.last_code("13812345678"))
    page.get_by_role("button", name="登录", exact=True).click()
    expect(page.get_by_text("已登录 · 工友")).to_be_visible()
    for path in ("/office/accounts", "/office/audit", "/office/import"):
        page.goto(live.url + path)
        expect(page.get_by_role("heading", name="只有工作人员能打开")).to_be_visible()
    assert status_of(page, "/api/v1/users") == 403
    assert status_of(page, "/api/v1/audit") == 403

    page.goto(live.url + "/me")
    page.get_by_role("button", name="退出登录").click()
    expect(page.get_by_text("已退出登录")).to_be_visible()  # the sign-out is sent before the page is left
    make_user("volunteer", app=live.app, username="xiaozhang", password="volunteer-pass-1")
    sign_in_with_password(page, live.url, "xiaozhang", "volunteer-pass-1")
    expect(page.get_by_text("已登录 · 志愿者")).to_be_visible()
    page.goto(live.url + "/office/accounts")
    expect(page.get_by_role("heading", name="只有工作人员能打开")).to_be_visible()
    expect(page.get_by_role("table")).to_have_count(0)
    assert status_of(page, "/api/v1/users") == 403
    assert status_of(page, "/api/v1/office/content") == 403


def test_staff_reach_the_office_but_not_the_accounts(live, page, make_user):
    make_user("staff", app=live.app, username="li.staff", password="staff-pass-2026")
    sign_in_with_password(page, live.url, "li.staff", "staff-pass-2026")
    expect(page.get_by_text("已登录 · 工作人员")).to_be_visible()
    page.goto(live.url + "/office/accounts")
    expect(page.get_by_text("只有管理员能管理账号。")).to_be_visible()
    assert status_of(page, "/api/v1/users") == 403
    page.goto(live.url + "/office/content")
    expect(page.get_by_test_id("content-figures")).to_contain_text("张问答卡片")

    # Anyone with a password changes it under 我的.
    page.goto(live.url + "/me")
    page.get_by_role("link", name="修改密码").click()
    page.get_by_label("当前密码").fill("not-it-at-all")
    page.get_by_label("新密码").fill("a-brand-new-one")
    page.get_by_label("再输一次").fill("a-brand-new-one")
    page.get_by_role("button", name="保存新密码").click()
    expect(page.get_by_text("当前密码不对。").first).to_be_visible()
    page.get_by_label("当前密码").fill("staff-pass-2026")
    page.get_by_role("button", name="保存新密码").click()
    expect(page.get_by_test_id("signed-in-name")).to_be_visible()
    page.get_by_role("button", name="退出登录").click()
    expect(page.get_by_text("已退出登录")).to_be_visible()  # the sign-out is sent before the page is left
    sign_in_with_password(page, live.url, "li.staff", "a-brand-new-one")
    expect(page.get_by_text("已登录 · 工作人员")).to_be_visible()
