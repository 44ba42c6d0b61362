"""Seeding events through the app, and a server that loses an answer, for the events browser tests."""
import json
import threading
import time
from datetime import datetime, timedelta, timezone

from playwright.sync_api import expect

from server.events import service as events
from server.events.models import Attendee, CheckIn
from server.events.signups import sign_up
from server.extensions import db
from server.sync.models import SyncOperation

PASSWORD = "site-gate-2026"


def make_event(live, auth, title="法律进工地：讨薪怎么办", signups=0, capacity=None):
    """Staff publish an event through the API; `signups` workers have signed up before the day."""
    client = live.app.test_client()
    staff = auth(client, "staff")
    event = client.post("/api/v1/events", headers=staff, json={
        "title": title, "kind": "consultation_day", "place": "城南安置房项目工地大门",
        "starts_at": (datetime.now(timezone.utc) + timedelta(days=1)).isoformat(), "capacity": capacity,
        "description": "律师现场答疑：欠薪、合同、工伤。带上工资条、考勤记录更好。", "status": "published"})
    assert event.status_code == 201, event.get_json()
    event = event.get_json()
    with live.app.app_context():  # workers signed up online days before (the service: no rate limit here)
        ev = events.get_event(event["id"])
        for i in range(signups):
            sign_up(ev, {"name": f"工友{i:02d}", "phone": f"1380000{i:04d}", "employer": "城南劳务"})
    return event, staff, client


def assign_volunteer(live, client, staff, event, make_user, username="xiaoli"):
    volunteer = make_user("volunteer", app=live.app, username=username, password=PASSWORD, display_name="志愿者小李")
    resp = client.put(f"/api/v1/events/{event['id']}/volunteers", headers=staff, json={"user_ids": [volunteer.id]})
    assert resp.status_code == 200, resp.get_json()
    return volunteer


def sign_in_with_password(page, live, username):
    page.goto(live.url + "/me")
    page.get_by_role("radio", name="志愿者、律师、工作人员").click()
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录", exact=True).click()
    expect(page.get_by_text("已登录 · 志愿者")).to_be_visible()


def server_counts(app, event_id):
    with app.app_context():
        return {
            "checkins": db.session.query(CheckIn).filter(CheckIn.event_id == event_id).count(),
            "attendees": db.session.query(Attendee).filter(Attendee.event_id == event_id).count(),
            "walkins": db.session.query(Attendee).filter(Attendee.event_id == event_id,
                                                         Attendee.source == "walkin").count(),
            "operations": db.session.query(SyncOperation).count(),
        }


def read_store(page, store):
    """Everything in one IndexedDB store of the app, read in the page."""
    return page.evaluate("""store => new Promise((ok, no) => {
        const open = indexedDB.open('gongyou-fayuan');
        open.onerror = () => no(open.error);
        open.onsuccess = () => {
            const req = open.result.transaction(store).objectStore(store).getAll();
            req.onsuccess = () => { open.result.close(); ok(req.result); };
            req.onerror = () => no(req.error);
        };
    })""", store)


class LoseAnswers:
    """WSGI middleware: the app handles the request in full, but the phone never hears back
    (the signal dropped on the way back). The phone must send the same thing again."""

    def __init__(self, app, path_prefix, times=1):
        self.wsgi, self.prefix, self.left, self.lost = app.wsgi_app, path_prefix, times, []
        self.lock = threading.Lock()
        app.wsgi_app = self

    def _take(self, environ) -> bool:
        """One of the answers to lose, taken at the start: two requests at once lose one, not both."""
        if environ["REQUEST_METHOD"] != "POST" or not environ["PATH_INFO"].startswith(self.prefix):
            return False
        with self.lock:
            if self.left <= 0:
                return False
            self.left -= 1
            return True

    def __call__(self, environ, start_response):
        if not self._take(environ):
            return self.wsgi(environ, start_response)
        seen = {}
        body = self.wsgi(environ, lambda status, headers, exc_info=None: seen.update(status=status, headers=headers))
        try:
            data = b"".join(body)
        finally:
            getattr(body, "close", lambda: None)()
        if not seen["status"].startswith("2"):  # refused (say, an expired sign-in): the phone hears it
            with self.lock:
                self.left += 1
            start_response(seen["status"], seen["headers"])
            return [data]
        self.lost.append((seen["status"], data))
        start_response("503 SERVICE UNAVAILABLE", [("Content-Type", "application/json"), ("Retry-After", "1")])
        return [json.dumps({"code": 503, "status": "Service Unavailable",
                            "message": "服务暂时不可用，请稍后再试。"}, ensure_ascii=False).encode()]


class Busy:
    """WSGI middleware: the server is busy (SQLite locked, a key still being handled) for the
    first `times` POSTs under a path, answering `status` with a Retry-After, as the app does."""

    def __init__(self, app, path_prefix, status="503 SERVICE UNAVAILABLE", retry_after=8, times=1):
        self.wsgi, self.prefix, self.status = app.wsgi_app, path_prefix, status
        self.wait, self.left = retry_after, times
        self.seen = []  # (monotonic time, answered busy?) for every POST under the path
        app.wsgi_app = self

    def __call__(self, environ, start_response):
        if not (environ["REQUEST_METHOD"] == "POST" and environ["PATH_INFO"].startswith(self.prefix)):
            return self.wsgi(environ, start_response)
        busy = self.left > 0
        self.seen.append((time.monotonic(), busy))
        if not busy:
            return self.wsgi(environ, start_response)
        self.left -= 1
        code = int(self.status.split()[0])
        start_response(self.status, [("Content-Type", "application/json"), ("Retry-After", str(self.wait))])
        return [json.dumps({"code": code, "status": self.status.split(" ", 1)[1].title(),
                            "message": "服务器正忙，请稍后再试。"}, ensure_ascii=False).encode()]
