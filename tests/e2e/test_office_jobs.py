"""办公室 → 任务, as an admin at a PC: the background jobs that failed every try, and 重试.

Without Redis (`make run`) the page says the jobs run at once and lists nothing. With REDIS_URL (CI's PostgreSQL
tier: db 13, a queue of the test's own) a text to a worker that the SMS gateway kept refusing is listed by its
Chinese name, with the error and no phone; 重试 puts it back, the worker gets it, the list empties and the audit log
says who retried it.
"""
import uuid

import pytest
from playwright.sync_api import expect
from redis import Redis

from server import jobs
from tests.e2e.live_server import DIST, LiveServer
from tests.fakes import SmsOutbox
from tests.test_cases_sms import DownSender
from tests.test_jobs import QUEUED, _forget, _test_redis_url

PASSWORD = "office-admin-2026"


def sign_in(browser, url):
    ctx = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 800})
    ctx.set_default_timeout(15000)
    page = ctx.new_page()
    page.goto(url + "/me")
    page.get_by_role("radio", name="志愿者、律师、工作人员").click()
    page.get_by_label("用户名").fill("root")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录", exact=True).click()
    expect(page.get_by_test_id("signed-in-name")).to_be_visible()
    return page


def test_without_a_queue_the_page_says_jobs_run_at_once(live, browser, make_user, axe):
    make_user("admin", app=live.app, username="root", password=PASSWORD)
    page = sign_in(browser, live.url)
    page.goto(live.url + "/office/jobs")
    expect(page.get_by_role("heading", name="后台任务")).to_be_visible()
    expect(page.get_by_text("这台服务器没有设置任务队列")).to_contain_text("马上运行")
    expect(page.get_by_role("table")).to_have_count(0)
    assert axe(page) == []


@pytest.fixture
def queued_live(make_app, tmp_path):
    """The app on a real port with its jobs on a queue of its own on Redis."""
    name = f"test-{uuid.uuid4().hex}"
    app = make_app(PWA_DIST=str(DIST), JOBS_URL=_test_redis_url(), JOBS_QUEUE=name, JOBS_RETRY_INTERVALS=[0, 0],
                   SCHEDULE_STATE=str(tmp_path / "schedule.json"))
    server = LiveServer(app).start()
    server.app = app
    yield server
    server.stop()
    _forget(Redis.from_url(_test_redis_url()), name)


@pytest.mark.skipif(not QUEUED, reason="failed jobs are listed only on a queue (REDIS_URL)")
def test_an_admin_retries_a_text_that_kept_failing(queued_live, browser, make_user, make_application):
    app = queued_live.app
    app.extensions["sms_sender"] = DownSender()
    make_application(app.test_client(), phone="13800138000")
    with app.app_context():
        jobs.work(burst=True)  # tried three times, then failed
    make_user("admin", app=app, username="root", password=PASSWORD)
    page = sign_in(browser, queued_live.url)
    page.goto(queued_live.url + "/office/jobs")
    table = page.get_by_role("table", name="失败的任务")
    row = table.get_by_role("row", name="给工友发短信")
    expect(row).to_contain_text("ConnectionError")
    expect(row.get_by_role("cell").nth(3)).to_have_text("3")
    assert "13800138000" not in page.content()

    outbox = app.extensions["sms_sender"] = SmsOutbox()
    row.get_by_role("button", name="重试：给工友发短信").click()
    expect(page.get_by_text("没有失败的任务。")).to_be_visible()
    with app.app_context():
        jobs.work(burst=True)
    assert [m["phone"] for m in outbox] == ["13800138000"]
    audit = page.evaluate("fetch('/api/v1/audit?record_type=job').then(r => r.json())")
    assert [(e["action_label"], e["detail_lines"]) for e in audit] == [("重试失败的任务", ["任务：给工友发短信"])]
