"""The volunteer's count tells the truth: at the gate with no signal, a scan that is no sign-up
code is refused and not counted; a code the roster on the phone does not know waits, amber and
apart, for the server, which then names the person (or refuses it, saying what was scanned and
when); a walk-in already on the list is offered back; one roster size, and who has not come."""
import re

from playwright.sync_api import expect

from .events_helpers import assign_volunteer, make_event, server_counts, sign_in_with_password
from .helpers import cut_network, restore_network, wait_until_offline_ready
from .test_volunteer_checkin import SCAN, roster_tokens

WECHAT_LINK = "https://u.wechat.com/EAbCdEfGhIjKlMnOpQrStUv"  # a 22-character tail, like a code


def test_the_count_tells_the_truth_offline_and_after_sync(live, context, page, auth, make_user, axe):
    event, staff, client = make_event(live, auth, signups=4)
    other, _staff, _client = make_event(live, auth, title="另一场：北区专家门诊", signups=1)
    assign_volunteer(live, client, staff, event, make_user)
    people = roster_tokens(live, event["id"])
    stranger = roster_tokens(live, other["id"])[0][2]

    sign_in_with_password(page, live, "xiaoli")
    wait_until_offline_ready(page)
    page.goto(live.url + f"/checkin/{event['id']}")
    page.get_by_role("button", name="下载名单").click()
    expect(page.get_by_text("名单：4 人")).to_be_visible()
    expect(page.get_by_test_id("not-arrived-count")).to_have_text("4")

    # Someone signs up online after the roster was downloaded: the phone does not know the code.
    late = client.post(f"/api/v1/events/{event['id']}/signups", headers={"Idempotency-Key": "late-worker-0001"},
                       json={"name": "晚到的工友", "phone": "13900001111", "employer": "", "site": ""})
    assert late.status_code in (200, 201), late.get_json()
    late_token = late.get_json()["qr_token"]
    cut_network(live, context)

    assert page.evaluate(SCAN, people[0][2]) == "done"
    expect(page.get_by_test_id("checked-in-count")).to_have_text("1")

    # A WeChat link is no sign-up code: red, says what was scanned, nothing kept or counted.
    assert page.evaluate(SCAN, WECHAT_LINK) == "notCode"
    expect(page.get_by_role("alert")).to_have_text(f"这不是报名二维码，没有记签到。扫到的是：{WECHAT_LINK}")
    expect(page.get_by_test_id("waiting-here")).to_have_text("1")

    # Well-formed codes the phone does not know: amber, counted apart, not as check-ins.
    assert page.evaluate(SCAN, late_token) == "pending"
    expect(page.get_by_role("alert")).to_contain_text("名单里还没有这个报名码")
    assert page.evaluate(SCAN, stranger) == "pending"
    expect(page.get_by_test_id("checked-in-count")).to_have_text("1")
    expect(page.get_by_test_id("awaiting-count")).to_have_text("2")
    codes = page.get_by_role("region", name="扫到的名单外报名码")
    expect(codes.get_by_role("listitem")).to_have_count(2)
    expect(codes.get_by_text("等服务器确认")).to_have_count(2)

    # A walk-in whose phone is on the roster: offered back, checked in once, no second person.
    page.get_by_role("button", name="现场登记（名单上没有的人）").click()
    page.get_by_label("姓名", exact=True).fill("工友二")
    page.get_by_label("手机号", exact=True).fill("138 0000 0002")
    page.get_by_role("button", name="登记并签到").click()
    offer = page.get_by_role("alert").filter(has_text="这个手机号已经在名单上了")
    expect(offer).to_contain_text(f"{people[2][0]}（尾号 {people[2][1]}）")
    assert axe(page) == []
    offer.get_by_role("button", name="给这位签到").click()
    expect(page.get_by_role("alert")).to_have_text(f"签到成功：{people[2][0]}（尾号 {people[2][1]}）")
    expect(page.get_by_test_id("checked-in-count")).to_have_text("2")

    # One roster size on the screen, and who has not arrived yet.
    assert re.findall(r"名单\D{0,3}(\d+) ?人", page.locator("main").inner_text()) == ["4"]
    expect(page.get_by_test_id("not-arrived-count")).to_have_text("2")
    page.get_by_text("还没到的 2 人").click()
    missing = page.get_by_role("list", name="还没到的人")
    expect(missing.get_by_role("listitem")).to_have_count(2)
    for name, last4, _token in (people[1], people[3]):
        expect(missing.get_by_text(f"{name}（尾号 {last4}）")).to_be_visible()

    # 更新名单 with no network says which roster is in use.
    page.get_by_role("button", name="更新名单").click()
    expect(page.get_by_text(re.compile(r"^没有网络，用的是 \d{1,2}/\d{1,2} \d{2}:\d{2} 存的名单。$"))).to_be_visible()
    expect(page.get_by_test_id("waiting-here")).to_have_text("4")  # 2 check-ins + 2 codes; no walk-in

    # Back online: the server knows the late code (with a name) and refuses the stranger's.
    restore_network(live, context)
    expect(page.get_by_test_id("awaiting-server")).to_have_count(0, timeout=20000)
    expect(page.get_by_test_id("checked-in-count")).to_have_text("3")
    expect(codes.get_by_text("已确认：晚到的工友（尾号 1111）")).to_be_visible(timeout=20000)
    expect(codes.get_by_text(re.compile("没登记上：这是另一场活动的报名码"))).to_be_visible()
    expect(page.get_by_text("名单：5 人")).to_be_visible()
    assert server_counts(live.app, event["id"])["checkins"] == 3
    assert axe(page) == []

    # 待发送 shows the refused one with what was scanned and when.
    page.goto(live.url + "/outbox")
    refused = page.locator(".rejected")
    expect(refused).to_have_count(1)
    expect(refused).to_contain_text(f"名单外的码 {stranger}")
    expect(refused).to_contain_text(re.compile(r"\d{1,2}/\d{1,2} \d{2}:\d{2} 记下的"))
