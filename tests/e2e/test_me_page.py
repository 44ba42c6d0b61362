"""我的 for a worker opens on what works without an account (my sign-ups, text size, offline),
with signing in after it; a signed-in volunteer gets a shortcut to 现场签到."""
import re

from playwright.sync_api import expect

from .events_helpers import PASSWORD, make_event, sign_in_with_password


def test_a_worker_finds_their_sign_ups_in_me_before_any_login(live, page, auth):
    event, _staff, _client = make_event(live, auth, title="法律讲座：工资怎么讨")
    page.goto(live.url + f"/events/{event['id']}")
    page.get_by_label("姓名").fill("王师傅")
    page.get_by_label("手机号").fill("13800138000")
    page.get_by_role("button", name="报名", exact=True).click()
    expect(page.get_by_text("报名成功")).to_be_visible()

    page.goto(live.url + "/me")
    mine = page.get_by_role("link", name=re.compile("我的活动"))
    expect(mine).to_contain_text("1 场")
    login = page.get_by_role("heading", name="登录")
    assert mine.bounding_box()["y"] < login.bounding_box()["y"], "the login form comes before my sign-ups"
    expect(page.get_by_text("不登录也能看问答、报名活动")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("现场签到"))).to_have_count(0)  # a worker's 我的
    expect(page.get_by_role("link", name=re.compile("我的法律援助申请"))).to_have_attribute("href", "/aid")
    expect(page.get_by_text("我的报名")).to_have_count(0)  # no longer "coming": it works under 活动

    mine.click()
    expect(page).to_have_url(live.url + "/events")
    expect(page.get_by_role("heading", name="我的活动")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("法律讲座：工资怎么讨"))).to_have_count(2)  # mine + the list


def test_a_signed_in_volunteer_goes_from_me_to_checkin(live, page, make_user):
    make_user("volunteer", app=live.app, username="xiaozhao", password=PASSWORD, display_name="志愿者小赵")
    sign_in_with_password(page, live, "xiaozhao")
    page.get_by_role("link", name=re.compile("现场签到")).click()
    expect(page).to_have_url(live.url + "/checkin")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
