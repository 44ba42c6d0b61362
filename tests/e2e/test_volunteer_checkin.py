"""A volunteer at a site gate: downloads the roster with signal, checks 35 people in with none
(30 who signed up, by scanning their codes and by searching; 5 walk-ins), reloads the app
offline and loses nothing; back online, every check-in reaches the server exactly once, however
often the queue is sent."""
import json
import re

from playwright.sync_api import expect

from .events_helpers import LoseAnswers, assign_volunteer, make_event, read_store, server_counts, sign_in_with_password
from .helpers import cut_network, restore_network, wait_until_offline_ready

SCAN = "t => window.gyScanner.onScanned(t).then(r => r.kind)"


def roster_tokens(live, event_id):
    with live.app.app_context():
        from server.events.models import Attendee
        from server.extensions import db
        rows = db.session.query(Attendee).filter(Attendee.event_id == event_id).order_by(Attendee.id).all()
        return [(a.name, a.phone_last4, a.qr_token) for a in rows]


def test_volunteer_checks_in_35_people_offline_and_syncs_once(live, context, page, auth, make_user, axe, tmp_path):
    event, staff, client = make_event(live, auth, signups=32)
    assign_volunteer(live, client, staff, event, make_user)
    people = roster_tokens(live, event["id"])
    assert len(people) == 32

    # With signal: sign in, open 活动 → 现场签到 → the event, download the roster.
    sign_in_with_password(page, live, "xiaoli")
    wait_until_offline_ready(page)
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="活动").click()
    page.get_by_role("link", name=re.compile("现场签到")).click()
    expect(page.get_by_text("名单未下载")).to_be_visible()
    assert axe(page) == []
    page.get_by_role("link", name=re.compile(event["title"])).click()
    expect(page).to_have_url(live.url + f"/checkin/{event['id']}")
    page.get_by_role("button", name="下载名单").click()
    expect(page.get_by_text("名单：32 人")).to_be_visible()
    expect(page.get_by_test_id("checked-in-count")).to_have_text("0")
    assert axe(page) == []

    # The signal is gone for the rest of the morning.
    cut_network(live, context)

    # 27 scanned: the decoded text goes to the handler the camera feeds.
    for name, _last4, token in people[:27]:
        assert page.evaluate(SCAN, token) == "done", name
    expect(page.get_by_role("alert")).to_have_text(f"签到成功：{people[26][0]}（尾号 {people[26][1]}）")
    # A code shown twice is said so, and nothing new is queued.
    assert page.evaluate(SCAN, people[0][2]) == "already"
    expect(page.get_by_role("alert")).to_contain_text("已经签过到了")
    # Codes read from a link work too.
    assert page.evaluate(SCAN, f"{live.url}/s/{people[27][2]}") == "done"

    # Two found by searching: by name, and by the last four digits of the phone.
    search = page.get_by_role("searchbox", name="姓名或手机尾号")
    search.fill(people[28][0])
    page.get_by_role("button", name=f"签到：{people[28][0]}（尾号 {people[28][1]}）").click()
    expect(page.get_by_role("alert")).to_contain_text("签到成功")
    search.fill(people[29][1])
    results = page.get_by_role("list", name="查找结果")
    expect(results.get_by_role("listitem")).to_have_count(1)
    results.get_by_role("button", name=re.compile("^签到：")).click()
    expect(page.get_by_test_id("checked-in-count")).to_have_text("30")
    search.fill(people[29][1])
    expect(results.get_by_text("已签到")).to_be_visible()

    # Five walk-ins who never signed up; the phone is checked in the browser by the server's rule.
    page.get_by_role("button", name="现场登记（名单上没有的人）").click()
    page.get_by_label("姓名", exact=True).fill("现场工友甲")
    page.get_by_label("手机号", exact=True).fill("12345")
    page.get_by_role("button", name="登记并签到").click()
    expect(page.get_by_text("请填写 11 位手机号码（1 开头）。")).to_be_visible()
    assert axe(page) == []
    for i in range(5):
        page.get_by_label("姓名", exact=True).fill(f"现场工友{i}")
        page.get_by_label("手机号", exact=True).fill(f"+86 139-0000-{9000 + i}")
        page.get_by_label("单位", exact=True).fill("钢筋班组")
        page.get_by_role("button", name="登记并签到").click()
        expect(page.get_by_role("alert")).to_have_text(f"签到成功：现场工友{i}（尾号 {9000 + i}）")
    expect(page.get_by_test_id("checked-in-count")).to_have_text("35")
    expect(page.get_by_test_id("waiting-here")).to_have_text("35")
    assert server_counts(live.app, event["id"])["checkins"] == 0

    # The phone is locked and the app reopened, still with no signal: nothing is lost.
    page.reload()
    expect(page.get_by_test_id("checked-in-count")).to_have_text("35")
    expect(page.get_by_test_id("waiting-here")).to_have_text("35")
    page.get_by_role("link", name="查看待发送、立即同步").click()
    expect(page.get_by_test_id("outbox-count")).to_have_text("等待发送 35 条")
    expect(page.get_by_text("现在没有网络，记录都存在手机上，不会丢。")).to_be_visible()
    assert axe(page) == []

    # If the signal never came back, the volunteer could hand the waiting records over as a file.
    with page.expect_download() as got:
        page.get_by_role("button", name="导出待发送记录").click()
    exported = json.loads(got.value.path().read_text(encoding="utf-8"))
    assert len(exported["operations"]) == 35
    assert sorted(op["type"] for op in exported["operations"]) == ["checkin"] * 30 + ["walkin"] * 5
    queued = read_store(page, "outbox")
    assert [e["id"] for e in queued] == [op["id"] for op in exported["operations"]]  # first in, first out

    # Hours later: the 15-minute access cookie is gone, the refresh cookie is not.
    context.clear_cookies(name="access_token_cookie")
    context.clear_cookies(name="csrf_access_token")
    # Back online; the first answer is lost on the way back (the server did the work).
    lost = LoseAnswers(live.app, "/api/v1/sync")
    restore_network(live, context)
    for _ in range(150):
        if lost.lost:
            break
        page.wait_for_timeout(100)
    assert lost.lost and lost.lost[0][0].startswith("200"), lost.lost
    assert server_counts(live.app, event["id"])["checkins"] == 35
    expect(page.get_by_test_id("outbox-count")).to_have_text("等待发送 35 条")  # not confirmed: kept

    # 立即同步 sends the same operations again; the server answers from what it stored.
    page.get_by_role("button", name="立即同步").click()
    expect(page.get_by_test_id("outbox-count")).to_have_text("没有等待发送的记录", timeout=20000)
    counts = server_counts(live.app, event["id"])
    assert counts == {"checkins": 35, "attendees": 37, "walkins": 5, "operations": 35}, counts

    # Someone replays the exported queue by hand: still 35.
    replay = page.evaluate("""body => fetch('/api/v1/sync', {method: 'POST', headers: {
        'Content-Type': 'application/json',
        'X-CSRF-TOKEN': document.cookie.split('; ').find(c => c.startsWith('csrf_access_token=')).split('=')[1]},
        body: JSON.stringify(body)}).then(r => r.json())""",
                           {"device_id": exported["device_id"], "operations": exported["operations"]})
    assert all(r["replayed"] for r in replay["results"]), replay["counts"]
    assert server_counts(live.app, event["id"])["checkins"] == 35

    # The check-in page now shows the server's word: 35, nothing waiting.
    page.goto(live.url + f"/checkin/{event['id']}")
    expect(page.get_by_test_id("checked-in-count")).to_have_text("35")
    expect(page.get_by_test_id("waiting-here")).to_have_text("0")
    page.get_by_role("button", name="更新名单").click()
    expect(page.get_by_text(re.compile(r"名单已存到手机上：共 37 人"))).to_be_visible()
    head = client.get(f"/api/v1/events/{event['id']}/headcount", headers=staff).get_json()
    assert head | {"registered": 37, "checked_in": 35, "walk_ins": 5} == head


def test_a_refused_check_in_stays_with_the_servers_reason(live, context, page, auth, make_user, axe):
    event, staff, client = make_event(live, auth, signups=3)
    other, _staff, _client = make_event(live, auth, title="另一场：北区专家门诊", signups=1)
    assign_volunteer(live, client, staff, event, make_user, username="xiaozhao")
    stranger = roster_tokens(live, other["id"])[0][2]
    sign_in_with_password(page, live, "xiaozhao")
    wait_until_offline_ready(page)
    page.goto(live.url + f"/checkin/{event['id']}")
    page.get_by_role("button", name="下载名单").click()
    expect(page.get_by_text("名单：3 人")).to_be_visible()

    cut_network(live, context)
    assert page.evaluate(SCAN, stranger) == "pending"  # unknown here: kept, the server decides
    expect(page.get_by_role("alert")).to_contain_text("名单里还没有这个报名码")
    assert page.evaluate(SCAN, stranger) == "pending"  # the same code again: still one entry
    assert page.evaluate(SCAN, roster_tokens(live, event["id"])[0][2]) == "done"
    restore_network(live, context)

    page.goto(live.url + "/outbox")
    expect(page.get_by_role("heading", name="没登记上 1 条：请看原因")).to_be_visible(timeout=20000)
    expect(page.get_by_text("这是另一场活动的报名码")).to_be_visible()
    expect(page.get_by_test_id("outbox-count")).to_have_text("没有等待发送的记录")
    assert axe(page) == []
    page.reload()  # kept, not dropped
    expect(page.get_by_text("这是另一场活动的报名码")).to_be_visible()
    assert server_counts(live.app, event["id"])["checkins"] == 1

    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name=re.compile("^不要这条了")).click()
    expect(page.get_by_text("这是另一场活动的报名码")).to_have_count(0)
    assert read_store(page, "outbox") == []
