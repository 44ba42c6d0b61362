"""After the event, at the gate with no signal, a volunteer writes the debrief (四个带回): what they
typed survives a reload offline, waits in 待发送 like a check-in, and reaches the server by itself
once the signal is back."""
from playwright.sync_api import expect

from server.events.models import EventReport
from server.extensions import db

from .events_helpers import assign_volunteer, make_event, sign_in_with_password
from .helpers import cut_network, restore_network, wait_until_offline_ready

ANSWERS = {
    "带回一：工友最操心的一件事": "怕年底拿不到工资",
    "带回二：急需解决的问题": "3 号楼班组欠薪两个月，包工头联系不上",
    "带回三：对我们服务的建议": "希望晚上下班后来",
    "带回四：对下次活动的建议": "多讲讲工伤怎么认定",
}


def test_the_debrief_written_offline_waits_in_the_outbox_and_is_sent_when_back_online(live, context, page, auth,
                                                                                     make_user, axe):
    event, staff, client = make_event(live, auth)
    assign_volunteer(live, client, staff, event, make_user)
    sign_in_with_password(page, live, "xiaoli")
    wait_until_offline_ready(page)
    page.goto(live.url + f"/checkin/{event['id']}")
    page.get_by_role("link", name="写活动小结（四个带回）").click()
    expect(page.get_by_role("heading", name="活动小结")).to_be_visible()
    expect(page.get_by_text(event["title"])).to_be_visible()  # the form names the event it is for
    assert axe(page) == []

    cut_network(live, context)
    for label, text in ANSWERS.items():
        page.get_by_label(label).fill(text)
    page.get_by_label("来了多少工友（人）").fill("八十六")
    page.get_by_label("发出多少份资料（份）").fill("120")
    page.get_by_role("button", name="提交小结").click()
    expect(page.get_by_text("请填写整数，没有就填 0。")).to_be_visible()
    page.get_by_label("来了多少工友（人）").fill("86")
    page.get_by_role("button", name="提交小结").click()
    expect(page.get_by_role("status").filter(has_text="已存进「待发送」")).to_be_visible()

    # 待发送 tells the whole truth: the debrief waits there, named by its event.
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="活动").click()
    expect(page.get_by_text("等待发送 1 条")).to_be_visible()
    page.goto(live.url + "/outbox")
    expect(page.get_by_text(f"活动小结：{event['title']}")).to_be_visible()

    page.goto(live.url + f"/checkin/{event['id']}/report")  # still offline: nothing typed is lost
    expect(page.get_by_text(event["title"])).to_be_visible()
    expect(page.get_by_text("已存进「待发送」")).to_be_visible()
    for label, text in ANSWERS.items():
        expect(page.get_by_label(label)).to_have_value(text)
    expect(page.get_by_label("来了多少工友（人）")).to_have_value("86")

    # Back online, the outbox sends it by itself; the page says so.
    restore_network(live, context)
    expect(page.get_by_text("小结已提交，服务器已收到。")).to_be_visible(timeout=20000)
    with live.app.app_context():
        report = db.session.query(EventReport).filter_by(event_id=event["id"]).one()
        assert (report.urgent_problem, report.people_reached, report.leaflets_given) == (
            "3 号楼班组欠薪两个月，包工头联系不上", 86, 120)

    page.reload()  # the draft is gone; the form shows what the server holds
    expect(page.get_by_label("带回一：工友最操心的一件事")).to_have_value("怕年底拿不到工资")
    expect(page.get_by_text("还没提交")).to_have_count(0)
    assert axe(page) == []
