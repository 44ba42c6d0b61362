"""我的: a worker signs in with a texted code, staff with a password; the tokens stay out of
the page's reach, an expired access cookie is refreshed quietly, and signing out works."""
from playwright.sync_api import expect

from tests.fakes import SmsOutbox

PHONE = "13812345678"
PASSWORD = "site-gate-2026"


def csp_complaints(page) -> list[str]:
    complaints: list[str] = []
    page.on("console", lambda m: complaints.append(m.text) if "Content Security Policy" in m.text else None)
    return complaints


def test_a_worker_signs_in_with_a_texted_code_and_signs_out(live, page, context):
    outbox = live.app.extensions["sms_sender"] = SmsOutbox()
    complaints = csp_complaints(page)
    page.goto(live.url + "/me")
    page.get_by_label("手机号").fill("138 1234 5678")
    page.get_by_role("button", name="获取验证码").click()
    expect(page.get_by_role("button", name="秒后重发")).to_be_disabled()
    page.get_by_label("验证码").fill(outbox.last_code(PHONE))
    page.get_by_role("button", name="登录", exact=True).click()

    expect(page.get_by_test_id("signed-in-name")).to_have_text("*******5678")
    expect(page.get_by_text("已登录 · 工友")).to_be_visible()
    cookies = {c["name"]: c for c in context.cookies()}
    assert cookies["access_token_cookie"]["httpOnly"] and cookies["refresh_token_cookie"]["httpOnly"]
    assert "access_token_cookie" not in page.evaluate("document.cookie")

    page.reload()  # still signed in after closing and opening the app
    expect(page.get_by_test_id("signed-in-name")).to_have_text("*******5678")

    page.get_by_role("button", name="退出登录").click()
    expect(page.get_by_role("button", name="获取验证码")).to_be_visible()
    assert page.evaluate("fetch('/api/v1/me').then(r => r.status)") == 401
    assert not complaints, complaints


def test_a_wrong_code_says_so_and_keeps_what_was_typed(live, page):
    outbox = live.app.extensions["sms_sender"] = SmsOutbox()
    page.goto(live.url + "/me")
    page.get_by_label("手机号").fill(PHONE)
    page.get_by_role("button", name="获取验证码").click()
    expect(page.get_by_role("button", name="秒后重发")).to_be_visible()
    wrong = f"{(int(outbox.last_code(PHONE)) + 1) % 10**6:06d}"
    page.get_by_label("验证码").fill(wrong)
    page.get_by_role("button", name="登录", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("验证码不对")
    expect(page.get_by_label("手机号")).to_have_value(PHONE)


def test_a_volunteer_signs_in_with_a_password_and_stays_in_after_the_access_cookie_expires(
        live, page, context, make_user, axe):
    make_user("volunteer", app=live.app, username="xiaozhang", password=PASSWORD, display_name="志愿者小张")
    page.goto(live.url + "/me")
    page.get_by_role("radio", name="志愿者、律师、工作人员").click()
    assert axe(page) == []
    page.get_by_label("用户名").fill("xiaozhang")
    page.get_by_label("密码").fill("not-the-password")
    page.get_by_role("button", name="登录", exact=True).click()
    expect(page.get_by_role("alert")).to_have_text("用户名或密码不对。")
    expect(page.get_by_label("用户名")).to_have_value("xiaozhang")

    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录", exact=True).click()
    expect(page.get_by_test_id("signed-in-name")).to_have_text("志愿者小张")
    expect(page.get_by_text("已登录 · 志愿者")).to_be_visible()
    assert axe(page) == []

    # Hours offline: the browser has dropped the 15-minute access cookie; the refresh cookie remains.
    context.clear_cookies(name="access_token_cookie")
    context.clear_cookies(name="csrf_access_token")
    page.reload()
    expect(page.get_by_test_id("signed-in-name")).to_have_text("志愿者小张")
    for _ in range(100):  # the app refreshes quietly, without asking for the password
        if any(c["name"] == "access_token_cookie" for c in context.cookies()):
            break
        page.wait_for_timeout(100)
    else:
        raise AssertionError("the access cookie was not renewed from the refresh cookie")
    assert page.evaluate("fetch('/api/v1/me').then(r => r.status)") == 200
