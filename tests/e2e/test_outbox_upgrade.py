"""A phone that still has entries waiting from the app before (IndexedDB version 2, when the
outbox knew sign-ups and check-ins by name) loses none of them to the new version: they are
rewritten in place and sent."""
import re

from playwright.sync_api import expect

from server.events.models import Attendee
from server.extensions import db

from .events_helpers import make_event, read_store

SEED_V2 = """([signup, op, mine]) => new Promise((ok, no) => {
    const open = indexedDB.open('gongyou-fayuan', 2);
    open.onupgradeneeded = () => {
        const d = open.result;
        d.createObjectStore('packs', { keyPath: 'locale' });
        d.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true })
          .createIndex('id', 'id', { unique: true });
        d.createObjectStore('rosters', { keyPath: 'eventId' });
        d.createObjectStore('mine', { keyPath: 'id' });
        d.createObjectStore('kv');
    };
    open.onerror = () => no(open.error);
    open.onsuccess = () => {
        const tx = open.result.transaction(['outbox', 'mine'], 'readwrite');
        tx.objectStore('outbox').add(signup);
        tx.objectStore('outbox').add(op);
        tx.objectStore('mine').put(mine);
        tx.oncomplete = () => { open.result.close(); ok(true); };
        tx.onerror = () => no(tx.error);
    };
})"""


def test_entries_waiting_from_the_previous_version_are_kept_and_sent(live, page, auth):
    event, _staff, _client = make_event(live, auth, title="法律讲座：欠薪怎么办")
    sid, oid = "0b0c5b58-0f0e-4a51-9d7f-7a1d3b1c2d01", "0b0c5b58-0f0e-4a51-9d7f-7a1d3b1c2d02"
    signup = {"id": sid, "kind": "signup", "eventId": event["id"], "label": f"报名：{event['title']}（赵师傅）",
              "signup": {"name": "赵师傅", "phone": "13800138001", "employer": "", "site": ""},
              "createdAt": 1764556800000, "state": "waiting", "tries": 0}
    op = {"id": oid, "kind": "op", "eventId": event["id"], "label": "签到：工友（尾号 0001）",
          "op": {"id": oid, "type": "checkin", "event_id": event["id"], "device_time": "2026-12-01T01:00:00Z",
                 "qr_token": "AAAAAAAAAAAAAAAAAAAAAA"},
          "createdAt": 1764556800001, "state": "waiting", "tries": 0}
    mine = {"id": sid, "eventId": event["id"], "eventTitle": event["title"], "startsAt": event["starts_at"],
            "place": event["place"], "name": "赵师傅", "phoneMasked": "138****8001", "state": "waiting",
            "createdAt": 1764556800000}
    page.goto(live.url + "/api/v1/health")  # the app's origin, before the app has opened its database
    assert page.evaluate(SEED_V2, [signup, op, mine])

    page.goto(live.url + f"/events/mine/{sid}")
    expect(page.get_by_text("已报名")).to_be_visible(timeout=20000)  # sent, with the QR code
    expect(page.get_by_role("img", name=re.compile("签到二维码"))).to_be_visible()
    with live.app.app_context():
        assert db.session.query(Attendee).filter_by(event_id=event["id"], name="赵师傅").count() == 1
    # The volunteer's check-in waits for a sign-in, in the new shape, with nothing lost.
    [kept] = read_store(page, "outbox")
    assert (kept["id"], kept["kind"], kept["group"], kept["payload"]) == (oid, "op", f"event:{event['id']}", op["op"])
    assert "op" not in kept and "eventId" not in kept
