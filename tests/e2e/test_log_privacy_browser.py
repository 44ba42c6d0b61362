"""The browser's flows leave nothing personal in the server's logs (issue 20): a worker tracks an application by
code and phone on 查进度 (an old link with the code in its query), signs in with a texted code and opens their
applications; every log record of every logger, at DEBUG, is then searched for the phone, the ID number, the
tracking code, the phone code and the sign-in tokens the browser holds as cookies."""
import logging
import re

from playwright.sync_api import expect

from tests.fakes import SmsOutbox
from tests.test_log_privacy import leaks


def test_tracking_and_signing_in_in_the_browser_log_no_phone_code_or_token(live, page, context, make_application,
                                                                          caplog):
    caplog.set_level(logging.DEBUG)
    applied = make_application(live.app.test_client(), photos=1, phone="13812345678", case_type="injury")
    code = applied["code"]
    sms = live.app.extensions["sms_sender"] = SmsOutbox()

    page.goto(live.url + f"/aid/track?code={code}")
    page.get_by_label("申请时填的手机号").fill(applied["phone"])
    page.get_by_role("button", name="查进度").click()
    expect(page.get_by_test_id("track-stage")).to_have_text("现在：收到申请")

    page.goto(live.url + "/me")
    page.get_by_label("手机号").fill("13812345678")
    page.get_by_role("button", name="获取验证码").click()
    expect(page.get_by_role("button", name="秒后重发")).to_be_disabled()
    otp = sms.last_code("13812345678")
    page.get_by_label("验证码").fill(otp)
    page.get_by_role("button", name="登录", exact=True).click()
    expect(page.get_by_text("已登录 · 工友")).to_be_visible()
    page.get_by_role("link", name=re.compile("我的法律援助申请")).click()
    expect(page.get_by_test_id("track")).to_have_count(1)

    tokens = {c["name"]: c["value"] for c in context.cookies() if "token" in c["name"]}
    assert {"access_token_cookie", "refresh_token_cookie"} <= set(tokens), sorted(tokens)
    secrets = {"phone": "13812345678", "id number": applied["body"]["id_number"], "tracking code": code,
               "tracking code compact": code.replace("-", ""), "otp": otp, **tokens}
    logged = "\n".join([caplog.text] + [f"{r.name} {r.getMessage()} {r.args!r}" for r in caplog.records])
    assert '"route": "/api/v1/applications/track"' in logged and '"route": "/api/v1/auth/otp/verify"' in logged
    assert leaks(logged, secrets) == []
