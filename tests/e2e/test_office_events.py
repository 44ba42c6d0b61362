"""The office runs an event from its own screens, on an office PC: staff write a draft, assign a
volunteer by name, publish it (asked first), open the poster; the volunteer sees it under 现场签到;
after the check-ins staff download the CSV sheet and read every version of the debrief.
Nobody else gets in: a volunteer or a worker at /office sees a refusal, and the server says 403."""
import csv
import io
import re
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

from playwright.sync_api import expect

from server.events import service as events
from server.events import signups

from .events_helpers import PASSWORD

TOMORROW = datetime.now(timezone.utc) + timedelta(days=1)


def sign_in(page, live, username, role_name):
    page.goto(live.url + "/me")
    page.get_by_role("radio", name="志愿者、律师、工作人员").click()
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录", exact=True).click()
    expect(page.get_by_text(f"已登录 · {role_name}")).to_be_visible()


def office_pc(browser):
    ctx = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}, accept_downloads=True)
    ctx.set_default_timeout(15000)
    return ctx


def check_in_through_sync(live, auth, volunteer, event_id, people):
    """The volunteer's phone sends its queue: check-ins by QR code and one walk-in (the real /sync)."""
    client = live.app.test_client()
    headers = auth(client, user=volunteer)
    at = (TOMORROW + timedelta(minutes=5)).isoformat()
    ops = [{"id": str(uuid.uuid4()), "type": "checkin", "event_id": event_id, "qr_token": token, "device_time": at}
           for token in people]
    ops.append({"id": str(uuid.uuid4()), "type": "walkin", "event_id": event_id, "name": "=现场工友",
                "phone": "13900009000", "employer": "钢筋班组", "device_time": at})
    resp = client.post("/api/v1/sync", headers=headers, json={"device_id": "gate-phone", "operations": ops})
    assert resp.status_code == 200, resp.get_json()
    assert [r["status"] for r in resp.get_json()["results"]] == ["applied"] * len(ops), resp.get_json()


def test_staff_run_an_event_from_the_office_to_its_sheet_and_debriefs(live, browser, context, page, auth, make_user,
                                                                    axe):
    make_user("staff", app=live.app, username="chen", password=PASSWORD, display_name="陈干事")
    xiaoli = make_user("volunteer", app=live.app, username="xiaoli", password=PASSWORD, display_name="志愿者小李")
    office = office_pc(browser)
    desk = office.new_page()
    errors = []
    desk.on("pageerror", lambda exc: errors.append(str(exc)))

    # 我的 → 办公室 → 活动: the side menu of an office PC.
    sign_in(desk, live, "chen", "工作人员")
    desk.get_by_role("link", name=re.compile("^办公室")).click()
    expect(desk).to_have_url(live.url + "/office/events")
    menu = desk.get_by_role("navigation", name="办公室")
    expect(menu.get_by_role("link", name="活动")).to_have_attribute("aria-current", "page")
    assert menu.bounding_box()["width"] < 300  # a column beside the page, not tabs across it

    # A new event: the server's words about a missing title sit beside the field.
    desk.get_by_role("link", name="新建").click()
    expect(desk.get_by_role("heading", name="新建活动")).to_be_visible()
    desk.get_by_label("地点").fill("城南安置房项目工地大门")
    desk.get_by_role("button", name="存为草稿").click()
    expect(desk.locator("#ev-title-error")).to_have_text("必须填写。")
    expect(desk.locator("#ev-starts_at-error")).to_have_text("必须填写。")
    expect(desk.get_by_label("活动名称")).to_have_attribute("aria-invalid", "true")
    assert axe(desk) == []
    desk.get_by_label("活动名称").fill("法律进工地：讨薪怎么办")
    desk.get_by_label("类型").select_option("consultation_day")
    desk.get_by_label("开始时间（北京时间）").fill((TOMORROW + timedelta(hours=8)).strftime("%Y-%m-%dT09:00"))
    desk.get_by_label("名额（可不填）").fill("80")
    desk.get_by_role("button", name="存为草稿").click()
    expect(desk.get_by_role("heading", name=re.compile("法律进工地：讨薪怎么办"))).to_be_visible()
    event_id = int(re.search(r"/office/events/(\d+)$", desk.url).group(1))
    expect(desk.get_by_text("草稿", exact=True)).to_be_visible()
    expect(desk.get_by_text("发布以后才有海报")).to_be_visible()

    # A volunteer, found by name.
    desk.get_by_role("searchbox", name="志愿者姓名").fill("小李")
    desk.get_by_role("button", name="找志愿者").click()
    desk.get_by_role("list", name="找到的志愿者").get_by_role("button", name="安排").click()
    expect(desk.get_by_role("list", name="这场活动的志愿者")).to_contain_text("志愿者小李")

    # Publish: asked first; "先不" leaves it a draft.
    desk.get_by_role("button", name="发布", exact=True).click()
    desk.get_by_role("button", name="先不").click()
    expect(desk.get_by_text("草稿", exact=True)).to_be_visible()
    desk.get_by_role("button", name="发布", exact=True).click()
    expect(desk.get_by_role("alertdialog", name="发布")).to_contain_text("工友就能在“活动”里看到并报名")
    assert axe(desk) == []
    desk.get_by_role("button", name="确定发布").click()
    expect(desk.get_by_text("已发布", exact=True).first).to_be_visible()

    # The poster: an A4 page (portrait) with the event's QR code, shown from the API's PNG.
    desk.get_by_role("button", name="预览海报").click()
    poster = desk.get_by_role("img", name=re.compile("海报"))
    expect(poster).to_be_visible()
    width, height = desk.evaluate("() => { const i = document.querySelector('img.office-poster'); "
                                  "return i.complete ? [i.naturalWidth, i.naturalHeight] : [0, 0]; }")
    assert width > 0 and abs(height / width - 297 / 210) < 0.02

    # The volunteer's phone: the event is there under 现场签到.
    sign_in(page, live, "xiaoli", "志愿者")
    page.get_by_role("link", name=re.compile("现场签到")).click()
    expect(page.get_by_role("link", name=re.compile("法律进工地：讨薪怎么办"))).to_be_visible()

    # Workers signed up; at the gate two are checked in and one walk-in registered (the phone's queue, sent).
    with live.app.app_context():
        ev = events.get_event(event_id)
        tokens = [signups.sign_up(ev, {"name": f"工友{i}", "phone": f"1380000{i:04d}"})[0].qr_token
                  for i in range(3)]
    check_in_through_sync(live, auth, xiaoli, event_id, tokens[:2])
    desk.get_by_role("button", name="刷新人数").click()
    expect(desk.locator("[data-count=checked_in]")).to_have_text("3")
    expect(desk.locator("[data-count=registered]")).to_have_text("4")
    expect(desk.locator("[data-count=walk_ins]")).to_have_text("1")

    # The sheet as CSV, opened as Excel would: a BOM, one row each, a formula-looking name kept as text.
    with desk.expect_download() as dl:
        desk.get_by_role("button", name="下载 CSV").click()
    raw = Path(dl.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["序号", "姓名", "手机号"]
    names = {r[1]: r for r in rows[1:]}
    assert set(names) == {"工友0", "工友1", "工友2", "'=现场工友"}
    assert names["工友2"][6] == "未签到" and names["工友0"][6] != "未签到"
    assert "13800000000" not in raw.decode("utf-8-sig")  # phones masked
    with desk.expect_download() as dl:
        desk.get_by_role("button", name="下载 Excel").click()
    assert Path(dl.value.path()).read_bytes()[:2] == b"PK"  # a zip: an .xlsx

    # The volunteer sends the debrief, then corrects it: both versions stay, with who and when.
    client = live.app.test_client()
    volunteer = auth(client, user=xiaoli)
    first = {"worry": "怕年底拿不到工资", "urgent_problem": "3 号楼班组欠薪两个月", "people_reached": 40}
    assert client.post(f"/api/v1/events/{event_id}/report", json=first, headers=volunteer).status_code == 200
    second = first | {"urgent_problem": "3 号楼和 5 号楼班组都欠薪，包工头联系不上", "people_reached": 43}
    assert client.post(f"/api/v1/events/{event_id}/report", json=second, headers=volunteer).status_code == 200
    desk.reload()
    versions = desk.get_by_role("list", name="小结的每一版").get_by_role("listitem")
    expect(versions).to_have_count(2)
    expect(versions.nth(0)).to_contain_text("第 2 版")
    expect(versions.nth(0)).to_contain_text("3 号楼和 5 号楼班组都欠薪")
    expect(versions.nth(0)).to_contain_text("志愿者小李")
    expect(versions.nth(1)).to_contain_text("第 1 版")
    expect(versions.nth(1)).to_contain_text("3 号楼班组欠薪两个月")
    assert axe(desk) == []

    # 总结: the period's debriefs side by side, and the same as Excel.
    day = (TOMORROW + timedelta(days=1)).strftime("%Y-%m-%d")
    desk.get_by_role("navigation", name="办公室").get_by_role("link", name="总结").click()
    desk.goto(live.url + f"/office/debriefs?since=2026-01-01&until={day}")
    row = desk.get_by_role("row", name=re.compile("法律进工地：讨薪怎么办"))
    expect(row).to_contain_text("3 号楼和 5 号楼班组都欠薪")
    expect(row).to_contain_text("改过 1 次")
    with desk.expect_download() as dl:
        desk.get_by_role("button", name="导出 Excel").click()
    assert dl.value.suggested_filename.endswith(".xlsx")
    assert axe(desk) == []

    # The same lecture at another site: a copy is a new draft, with nobody on it, opened for editing.
    desk.goto(live.url + f"/office/events/{event_id}")
    desk.get_by_role("button", name="复制一份").click()
    expect(desk.get_by_role("heading", name="修改活动")).to_be_visible()
    expect(desk.get_by_label("活动名称")).to_have_value("法律进工地：讨薪怎么办")
    copy_id = int(re.search(r"/office/events/(\d+)/edit$", desk.url).group(1))
    assert copy_id != event_id
    desk.get_by_label("地点").fill("城北地铁站项目工地")
    desk.get_by_label("结束时间（可不填）").fill((TOMORROW + timedelta(hours=8)).strftime("%Y-%m-%dT08:00"))
    desk.get_by_role("button", name="保存").click()
    expect(desk.locator("#ev-ends_at-error")).to_have_text("要晚于开始时间。")
    desk.get_by_label("结束时间（可不填）").fill((TOMORROW + timedelta(hours=8)).strftime("%Y-%m-%dT11:30"))
    desk.get_by_role("button", name="保存").click()
    expect(desk).to_have_url(live.url + f"/office/events/{copy_id}")
    expect(desk.get_by_text("城北地铁站项目工地")).to_be_visible()
    expect(desk.get_by_text("草稿", exact=True)).to_be_visible()
    expect(desk.get_by_role("list", name="这场活动的志愿者")).to_contain_text("还没有安排志愿者")
    desk.get_by_role("navigation", name="办公室").get_by_role("link", name="活动").click()
    desk.get_by_role("radio", name="草稿").click()
    expect(desk.get_by_role("row")).to_have_count(2)  # the header and the copy
    expect(desk.get_by_role("row", name=re.compile("城北地铁站项目工地"))).to_be_visible()
    assert not errors, errors
    office.close()


def test_a_volunteer_or_a_worker_at_the_office_is_refused_by_the_screen_and_the_server(live, page, make_user):
    make_user("volunteer", app=live.app, username="xiaoli", password=PASSWORD, display_name="志愿者小李")
    page.goto(live.url + "/office/events")  # a worker, signed in or not
    expect(page.get_by_role("heading", name="只有工作人员能打开")).to_be_visible()
    expect(page.get_by_role("link", name="回首页")).to_be_visible()

    sign_in(page, live, "xiaoli", "志愿者")
    expect(page.get_by_role("link", name=re.compile("^办公室"))).to_have_count(0)
    page.goto(live.url + "/office/events")
    expect(page.get_by_role("heading", name="只有工作人员能打开")).to_be_visible()
    expect(page.get_by_role("navigation", name="办公室")).to_have_count(0)
    status = page.evaluate("() => fetch('/api/v1/office/events', {credentials: 'same-origin'}).then(r => r.status)")
    assert status == 403
    page.get_by_role("link", name="回首页").click()
    expect(page).to_have_url(live.url + "/")


def test_on_a_phone_the_office_menu_is_a_row_of_tabs_and_nothing_spills_sideways(live, page, make_user, axe):
    make_user("staff", app=live.app, username="chen", password=PASSWORD, display_name="陈干事")
    sign_in(page, live, "chen", "工作人员")
    page.get_by_role("link", name=re.compile("^办公室")).click()
    menu = page.get_by_role("navigation", name="办公室")
    tabs = menu.get_by_role("link")
    expect(tabs).to_have_count(12)  # 工地 (issue 23) the eleventh, 问一问 (issue 22) the twelfth
    tops = {round(tabs.nth(i).bounding_box()["y"]) for i in range(2)}
    assert len(tops) == 1  # side by side, not stacked
    box = menu.bounding_box()
    assert box["width"] >= 340 and box["y"] < page.get_by_role("heading", name="活动").bounding_box()["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe(page) == []
