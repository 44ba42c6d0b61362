"""When the server is busy it says how long to wait (503 while SQLite is locked, 409 while the
same key is still being handled); the phone keeps the sign-up and asks again no sooner."""
import re

import pytest
from playwright.sync_api import expect

from server.events.models import Attendee
from server.extensions import db

from .events_helpers import Busy, make_event
from .helpers import wait_until_offline_ready


@pytest.mark.parametrize("status", ["503 SERVICE UNAVAILABLE", "409 CONFLICT"])
def test_a_busy_server_is_asked_again_no_sooner_than_it_said(live, page, auth, status):
    event, _staff, _client = make_event(live, auth, title="法律讲座：工伤认定")
    page.goto(live.url + f"/events/{event['id']}")
    wait_until_offline_ready(page)
    busy = Busy(live.app, f"/api/v1/events/{event['id']}/signups", status=status, retry_after=8)

    page.get_by_label("姓名").fill("王师傅")
    page.get_by_label("手机号").fill("13800138000")
    page.get_by_role("button", name="报名", exact=True).click()
    expect(page).to_have_url(re.compile(r"/events/mine/[0-9a-f-]{36}$"))
    expect(page.get_by_text("等待发送").first).to_be_visible()  # kept, not refused

    # The outbox's own first pause would be 5 s; the server asked for 8.
    expect(page.get_by_text("已报名")).to_be_visible(timeout=20000)
    (first, was_busy), (second, _) = busy.seen[:2]
    assert was_busy and second - first >= 7.5, busy.seen
    with live.app.app_context():
        assert db.session.query(Attendee).filter_by(event_id=event["id"]).count() == 1
