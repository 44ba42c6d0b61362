"""A worker signs up for an event on a site with no signal: the sign-up waits on the phone,
goes once the signal is back (once, even when the first answer is lost), and the QR code to
show at the gate appears, offline too."""
import re

from playwright.sync_api import expect

from server.events.models import Attendee
from server.extensions import db
from server.idempotency import IdempotencyKey
from server.pii import lookup_hash

from .events_helpers import LoseAnswers, make_event, read_store
from .helpers import cut_network, restore_network, wait_until_offline_ready

PHONE = "13800138000"


def test_worker_signs_up_offline_and_it_is_sent_once_with_a_qr_code(live, context, page, auth, axe):
    event, _staff, _client = make_event(live, auth, title="专家门诊：工伤怎么认定", capacity=50)

    # With signal: the 活动 tab lists the event (and keeps the list for later).
    page.goto(live.url + "/events")
    expect(page.get_by_role("link", name=re.compile("专家门诊：工伤怎么认定"))).to_be_visible()
    expect(page.get_by_text("即将上线")).to_have_count(0)
    wait_until_offline_ready(page)
    assert axe(page) == []

    # No signal on the site.
    cut_network(live, context)
    page.reload()
    expect(page.get_by_text("没有网络，下面是上次存下的活动。")).to_be_visible()
    page.get_by_role("link", name=re.compile("专家门诊：工伤怎么认定")).click()
    expect(page.get_by_role("heading", level=1, name="专家门诊：工伤怎么认定")).to_be_visible()
    expect(page.get_by_text("限 50 人")).to_be_visible()

    # A mistyped phone is caught in the browser, by the server's rule; what was typed stays.
    page.get_by_label("姓名").fill("李师傅")
    page.get_by_label("手机号").fill("138 0013 800")
    page.get_by_role("button", name="报名", exact=True).click()
    expect(page.get_by_text("请填写 11 位手机号码（1 开头）。")).to_be_visible()
    expect(page.get_by_label("姓名")).to_have_value("李师傅")
    assert axe(page) == []
    page.get_by_label("手机号").fill("+86 138-0013-8000")
    page.get_by_label("单位").fill("城南劳务")
    page.get_by_role("button", name="报名", exact=True).click()

    expect(page).to_have_url(re.compile(r"/events/mine/[0-9a-f-]{36}$"))
    key = page.url.rsplit("/", 1)[1]
    expect(page.get_by_text("等待发送").first).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("签到二维码"))).to_have_count(0)
    page.get_by_role("button", name="返回").click()
    expect(page.get_by_role("heading", name="我的活动")).to_be_visible()
    expect(page.get_by_text("等待发送 1 条")).to_be_visible()
    assert axe(page) == []
    page.reload()  # still there after the app is closed and reopened
    expect(page.get_by_text("等待发送 1 条")).to_be_visible()
    with live.app.app_context():
        assert db.session.query(Attendee).count() == 0

    # The signal comes back; the server signs them up but the answer is lost on the way back.
    lost = LoseAnswers(live.app, "/api/v1/events/")
    restore_network(live, context)
    page.goto(live.url + f"/events/mine/{key}")
    expect(page.get_by_role("img", name="李师傅的签到二维码")).to_be_visible(timeout=20000)
    assert lost.lost and lost.lost[0][0].startswith("201"), lost.lost
    expect(page.get_by_text("已报名")).to_be_visible()
    with live.app.app_context():
        people = db.session.query(Attendee).filter(Attendee.event_id == event["id"]).all()
        assert [(a.name, a.phone_hash, a.employer) for a in people] == [("李师傅", lookup_hash(PHONE), "城南劳务")]
        assert db.session.get(IdempotencyKey, key).status_code == 201  # sent with the id made offline
        token = people[0].qr_token
    mine = read_store(page, "mine")
    assert [(m["id"], m["state"], m["qrToken"]) for m in mine] == [(key, "sent", token)]
    assert read_store(page, "outbox") == []
    assert axe(page) == []

    # At the gate, with no signal again, the code still shows.
    cut_network(live, context)
    page.reload()
    expect(page.get_by_role("img", name="李师傅的签到二维码")).to_be_visible()
    page.goto(live.url + f"/events/{event['id']}")
    expect(page.get_by_text("你已报名：李师傅")).to_be_visible()


def test_a_refused_sign_up_says_why_and_keeps_what_was_typed(live, page, auth, axe):
    event, _staff, _client = make_event(live, auth, title="法律讲座：劳动合同", capacity=1, signups=1)
    page.goto(live.url + f"/events/{event['id']}")
    page.get_by_label("姓名").fill("王师傅")
    page.get_by_label("手机号").fill("13912345678")
    page.get_by_role("button", name="报名", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("没有报上：这场活动名额已满。可以到现场找志愿者登记。")
    expect(page.get_by_text("没报上", exact=True)).to_be_visible()
    assert axe(page) == []
    page.get_by_role("button", name="改一改，重新报名").click()
    expect(page).to_have_url(live.url + f"/events/{event['id']}")
    expect(page.get_by_label("姓名")).to_have_value("王师傅")
    expect(page.get_by_label("手机号")).to_have_value("13912345678")
    assert read_store(page, "outbox") == [] and read_store(page, "mine") == []
