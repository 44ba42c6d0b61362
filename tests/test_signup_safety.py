"""Sign-ups under attack: one phone one attendee however it is typed or raced, no overbooking,
nobody else's sign-up handed out, nothing private cached, no formula in the sheet, no poster for evil.example.
"""
import io
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest
import zxingcpp
from openpyxl import load_workbook
from PIL import Image

from server.events.models import Attendee
from server.extensions import db

SOON = (datetime.now(timezone.utc) + timedelta(days=3)).replace(microsecond=0)
PRIVATE = ("name", "attendee_id", "qr_token", "phone_masked")


@pytest.fixture
def app(make_app):
    # Many sign-ups from one test address: the per-address limit is not what these tests are about.
    return make_app(RATELIMIT_SUBMISSIONS="10000 per minute")


@pytest.fixture
def staff(auth, client):
    return auth(client, "staff")


@pytest.fixture
def event(client, staff):
    def factory(**fields):
        body = {"title": "欠薪维权讲座", "kind": "lecture", "starts_at": SOON.isoformat(), "place": "幸福里工地大门",
                "status": "published", **fields}
        resp = client.post("/api/v1/events", json=body, headers=staff)
        assert resp.status_code == 201, resp.get_json()
        return resp.get_json()
    return factory


def sign_up(client, event_id, phone="13800138000", name="张三", key=None, headers=None):
    headers = dict(headers or {}, **({"Idempotency-Key": key} if key else {}))
    return client.post(f"/api/v1/events/{event_id}/signups", json={"name": name, "phone": phone}, headers=headers)


def attendees(app, event_id) -> int:
    with app.app_context():
        return db.session.query(Attendee).filter_by(event_id=event_id).count()


def at_once(n, fn):
    """Run fn(i) for i in 0..n-1 from n threads released together."""
    gate = threading.Barrier(n)

    def run(i):
        gate.wait()
        return fn(i)
    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(run, range(n)))


# --- one phone, one person ---------------------------------------------------------------------------

def test_a_phone_typed_in_full_width_digits_is_the_same_attendee(app, client, event):
    e = event()
    first = sign_up(client, e["id"], phone="13140000001")
    again = sign_up(client, e["id"], phone="131４００００００１")
    assert first.status_code == 201
    assert again.status_code == 422 and again.get_json()["error_code"] == "already_signed_up"
    assert attendees(app, e["id"]) == 1


def test_digits_of_other_scripts_are_refused_not_stored(app, client, event):
    e = event()
    resp = sign_up(client, e["id"], phone="١٣٨٠٠١٣٨٠٠٠")
    assert resp.status_code == 422 and "phone" in resp.get_json()["errors"]["json"]
    assert attendees(app, e["id"]) == 0


def test_a_full_width_phone_shares_the_ascii_phones_code_limit(client, sms):
    assert client.post("/api/v1/auth/otp", json={"phone": "13140000001"}).status_code == 202
    again = client.post("/api/v1/auth/otp", json={"phone": "131４００００００１"})
    assert again.status_code == 429  # one minute per phone, however the phone is typed
    assert len(sms) == 1


# --- races -------------------------------------------------------------------------------------------

def test_the_same_phone_sent_under_two_keys_at_once_makes_one_attendee_and_no_error(app, event):
    e = event()
    phones = [f"1390000{i:04d}" for i in range(12)]
    results = at_once(24, lambda i: sign_up(app.test_client(), e["id"], phone=phones[i // 2], name=f"工友{i}",
                                            key=str(uuid.uuid4())))
    statuses = [r.status_code for r in results]
    assert all(s < 500 for s in statuses), statuses
    for pair in range(12):
        two = sorted(r.status_code for r in results[2 * pair:2 * pair + 2])
        assert two == [201, 422], (phones[pair], two)
    assert attendees(app, e["id"]) == 12


def test_thirty_people_racing_for_ten_places_leave_ten_attendees(app, event):
    e = event(capacity=10)
    results = at_once(30, lambda i: sign_up(app.test_client(), e["id"], phone=f"1370000{i:04d}", name=f"工友{i}"))
    statuses = sorted(r.status_code for r in results)
    assert statuses == [201] * 10 + [422] * 20, statuses
    assert {r.get_json()["error_code"] for r in results if r.status_code == 422} == {"event_full"}
    assert attendees(app, e["id"]) == 10


# --- nobody else's sign-up -----------------------------------------------------------------------------

def test_signing_up_with_someone_elses_phone_learns_nothing_about_them(client, event):
    e = event()
    mine = sign_up(client, e["id"], phone="13800138000", name="张三", key=str(uuid.uuid4())).get_json()
    snoop = sign_up(client, e["id"], phone="13800138000", name="包工头", key=str(uuid.uuid4()))
    assert snoop.status_code == 422 and snoop.get_json()["error_code"] == "already_signed_up"
    text = snoop.get_data(as_text=True)
    assert mine["qr_token"] not in text and "张三" not in text and str(mine["attendee_id"]) not in text
    assert not set(PRIVATE) & set(snoop.get_json())
    without_key = sign_up(client, e["id"], phone="13800138000", name="包工头")
    assert without_key.status_code == 422 and mine["qr_token"] not in without_key.get_data(as_text=True)


def test_the_device_that_signed_up_gets_its_qr_again_by_its_key(client, event):
    e = event()
    key = str(uuid.uuid4())
    first = sign_up(client, e["id"], key=key)
    retry = sign_up(client, e["id"], key=key)  # the answer was lost on the way
    assert retry.status_code == 201 and retry.get_json()["qr_token"] == first.get_json()["qr_token"]


def test_the_phones_owner_signed_in_by_code_gets_the_qr_on_a_new_device(client, event, auth):
    e = event()
    first = sign_up(client, e["id"], phone="13800138000").get_json()
    owner = auth(client, "worker", phone="13800138000")
    other = auth(client, "worker", phone="13900139000")
    assert sign_up(client, e["id"], phone="13800138000", headers=other).status_code == 422
    mine = sign_up(client, e["id"], phone="138 0013 8000", headers=owner)
    assert mine.status_code == 200 and mine.get_json()["qr_token"] == first["qr_token"]


# --- caches, sheets, posters ------------------------------------------------------------------------------

def test_sign_up_token_and_roster_answers_are_never_cached(client, event, staff):
    e = event()
    key = str(uuid.uuid4())
    made = sign_up(client, e["id"], key=key)
    replay = sign_up(client, e["id"], key=key)
    by_token = client.get(f"/api/v1/signups/{made.get_json()['qr_token']}")
    roster = client.get(f"/api/v1/events/{e['id']}/roster", headers=staff)
    for resp in (made, replay, by_token, roster):
        assert resp.status_code in (200, 201)
        assert resp.headers["Cache-Control"] == "no-store", resp.request.path


def test_an_event_title_that_looks_like_a_formula_stays_text_in_the_sheet(client, event, staff):
    e = event(title='=HYPERLINK("http://evil.example","点这里")')
    resp = client.get(f"/api/v1/events/{e['id']}/attendance.xlsx", headers=staff)
    ws = load_workbook(io.BytesIO(resp.data)).active
    assert ws["A1"].data_type == "s" and ws["A1"].value.startswith("=HYPERLINK")
    assert ws["A2"].data_type == "s"


def test_the_poster_qr_points_at_public_url_whatever_host_is_asked(make_app, auth):
    app = make_app(PUBLIC_URL="https://fayuan.example.org", PROXY_HOPS=1)
    client = app.test_client()
    staff = auth(client, "staff")
    e = client.post("/api/v1/events", headers=staff, json={
        "title": "讲座", "kind": "lecture", "starts_at": SOON.isoformat(), "place": "工地", "status": "published"}
    ).get_json()
    for headers in ({"Host": "evil.example"}, {"X-Forwarded-Host": "evil.example"}):
        resp = client.get(f"/api/v1/events/{e['id']}/poster.png", headers=headers)
        decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(resp.data)))
        assert [d.text for d in decoded] == [f"https://fayuan.example.org/events/{e['id']}"]
