"""Staff publish events; workers sign up once however they retry; volunteers get sheets and posters."""
import csv
import io
import uuid
from datetime import datetime, timedelta, timezone

import zxingcpp
from openpyxl import load_workbook
from PIL import Image

from server.events.models import Attendee
from server.extensions import db

SOON = (datetime.now(timezone.utc) + timedelta(days=3)).replace(microsecond=0)


def sign_up(client, event_id, phone="13800138000", name="张三", key=None, **extra):
    headers = {"Idempotency-Key": key} if key else {}
    return client.post(f"/api/v1/events/{event_id}/signups", json={"name": name, "phone": phone, **extra},
                       headers=headers)


def test_staff_publishes_and_anyone_sees_published_events(client, make_event, staff):
    draft = make_event(title="草稿活动", status="draft")
    live = make_event()
    listed = [e["id"] for e in client.get("/api/v1/events").get_json()]
    assert live["id"] in listed and draft["id"] not in listed
    assert client.get(f"/api/v1/events/{draft['id']}").status_code == 404
    resp = client.patch(f"/api/v1/events/{draft['id']}", json={"status": "published"}, headers=staff)
    assert resp.get_json()["status"] == "published"
    assert client.get(f"/api/v1/events/{draft['id']}").status_code == 200


def test_a_cancelled_event_cannot_come_back_or_take_sign_ups(client, make_event, staff):
    event = make_event()
    client.patch(f"/api/v1/events/{event['id']}", json={"status": "cancelled"}, headers=staff)
    again = client.patch(f"/api/v1/events/{event['id']}", json={"status": "published"}, headers=staff)
    assert again.status_code == 422 and again.get_json()["error_code"] == "bad_transition"
    refused = sign_up(client, event["id"])
    assert refused.status_code == 422 and "不能报名" in refused.get_json()["message"]


def test_bad_event_input_is_named_field_by_field(client, staff):
    resp = client.post("/api/v1/events", json={"title": "x", "kind": "party", "place": "工地"}, headers=staff)
    assert resp.status_code == 422
    assert set(resp.get_json()["errors"]["json"]) == {"title", "kind", "starts_at"}


def test_ends_before_it_starts_is_refused(client, staff):
    resp = client.post("/api/v1/events", headers=staff, json={
        "title": "讲座", "kind": "lecture", "place": "工地", "starts_at": SOON.isoformat(),
        "ends_at": (SOON - timedelta(hours=1)).isoformat()})
    assert resp.status_code == 422 and "ends_at" in resp.get_json()["errors"]["json"]


def test_worker_signs_up_and_gets_a_qr_token(client, make_event):
    event = make_event()
    resp = sign_up(client, event["id"], phone="+86 138-0013-8000", employer="某劳务公司")
    assert resp.status_code == 201
    body = resp.get_json()
    assert body["phone_masked"].endswith("8000") and "13800138000" not in resp.get_data(as_text=True)
    assert len(body["qr_token"]) >= 16
    assert client.get(f"/api/v1/signups/{body['qr_token']}").get_json()["attendee_id"] == body["attendee_id"]


def test_the_same_phone_is_one_attendee_however_it_arrives(client, make_event, app):
    event = make_event()
    first = sign_up(client, event["id"], key=str(uuid.uuid4())).get_json()
    second = sign_up(client, event["id"], phone="138 0013 8000", name="张三丰", key=str(uuid.uuid4()))
    # The same person, so no second attendee; and the answer gives away nothing of the first sign-up.
    assert second.status_code == 422 and second.get_json()["error_code"] == "already_signed_up"
    assert first["qr_token"] not in second.get_data(as_text=True)
    with app.app_context():
        assert db.session.query(Attendee).count() == 1


def test_a_retried_sign_up_replays_the_first_answer(client, make_event):
    event = make_event()
    key = str(uuid.uuid4())
    first = sign_up(client, event["id"], key=key)
    retry = sign_up(client, event["id"], key=key)
    assert (retry.status_code, retry.get_json()) == (first.status_code, first.get_json())
    assert retry.headers["Idempotent-Replayed"] == "true"


def test_the_same_key_with_another_body_is_refused(client, make_event):
    event = make_event()
    key = str(uuid.uuid4())
    sign_up(client, event["id"], key=key)
    other = sign_up(client, event["id"], phone="13900139000", key=key)
    assert other.status_code == 422 and other.get_json()["error_code"] == "idempotency_mismatch"


def test_a_key_still_running_gets_409_with_retry_after(client, make_event, app):
    from server.idempotency import IdempotencyKey
    event = make_event()
    key = str(uuid.uuid4())
    with app.app_context():
        import hashlib
        import json
        body = json.dumps({"name": "张三", "phone": "13800138000"}).encode()
        digest = hashlib.sha256(f"POST /api/v1/events/{event['id']}/signups\n".encode() + body).hexdigest()
        db.session.add(IdempotencyKey(key=key, scope=f"POST /api/v1/events/{event['id']}/signups",
                                      request_hash=digest, state="running"))
        db.session.commit()
    resp = client.post(f"/api/v1/events/{event['id']}/signups", data=body,
                       headers={"Idempotency-Key": key, "Content-Type": "application/json"})
    assert resp.status_code == 409 and resp.headers["Retry-After"] == "2"
    assert "处理中" in resp.get_json()["message"]


def test_a_refused_sign_up_is_not_stored_under_its_key(client, make_event, staff):
    event = make_event(capacity=1)
    sign_up(client, event["id"], phone="13900139000")
    key = str(uuid.uuid4())
    full = sign_up(client, event["id"], key=key)
    assert full.status_code == 422 and "名额已满" in full.get_json()["message"]
    client.patch(f"/api/v1/events/{event['id']}", json={"capacity": 2}, headers=staff)
    assert sign_up(client, event["id"], key=key).status_code == 201


def test_a_bad_phone_is_explained_in_chinese(client, make_event):
    event = make_event()
    resp = sign_up(client, event["id"], phone="12345")
    assert resp.status_code == 422
    assert "手机号" in resp.get_json()["errors"]["json"]["phone"][0]


def test_phones_are_not_stored_in_the_clear(client, make_event, app):
    event = make_event()
    sign_up(client, event["id"])
    with app.app_context():
        row = db.session.query(Attendee).one()
        assert "13800138000" not in (row.phone_enc + row.phone_hash)


def volunteer_for(client, staff, auth, event_id):
    volunteer = auth(client, "volunteer")
    resp = client.put(f"/api/v1/events/{event_id}/volunteers", json={"user_ids": [volunteer.user.id]}, headers=staff)
    assert resp.status_code == 200
    return volunteer


def test_only_the_events_volunteers_and_staff_get_its_roster(client, make_event, staff, auth):
    event = make_event()
    sign_up(client, event["id"])
    mine = volunteer_for(client, staff, auth, event["id"])
    other = auth(client, "volunteer")
    assert client.get(f"/api/v1/events/{event['id']}/roster", headers=mine).status_code == 200
    assert client.get(f"/api/v1/events/{event['id']}/roster", headers=staff).status_code == 200
    assert client.get(f"/api/v1/events/{event['id']}/roster", headers=other).status_code == 403
    assert client.get(f"/api/v1/events/{event['id']}/roster").status_code == 401
    assigned = client.get("/api/v1/events/assigned", headers=mine).get_json()
    assert [e["id"] for e in assigned] == [event["id"]]
    assert client.get("/api/v1/events/assigned", headers=other).get_json() == []


def test_a_second_roster_download_brings_only_what_changed(client, make_event, staff, app):
    event = make_event()
    for i in range(5):
        sign_up(client, event["id"], phone=f"1380013800{i}", name=f"工友{i}")
    with app.app_context():  # they signed up an hour ago
        db.session.execute(db.update(Attendee).values(updated_at=datetime.now(timezone.utc) - timedelta(hours=1)))
        db.session.commit()
    full = client.get(f"/api/v1/events/{event['id']}/roster", headers=staff).get_json()
    assert full["full"] is True and len(full["attendees"]) == 5
    assert all(len(a["phone_last4"]) == 4 and "phone" not in a for a in full["attendees"])
    sign_up(client, event["id"], phone="13900139000", name="新来的")
    delta = client.get(f"/api/v1/events/{event['id']}/roster", query_string={"since": full["cursor"]},
                       headers=staff).get_json()
    assert delta["full"] is False
    assert [a["name"] for a in delta["attendees"]] == ["新来的"]


def test_a_row_committed_just_after_the_cursor_is_not_missed(client, make_event, staff, app):
    event = make_event()
    sign_up(client, event["id"], phone="13800138001", name="先到的")
    first = client.get(f"/api/v1/events/{event['id']}/roster", headers=staff).get_json()
    sign_up(client, event["id"], phone="13800138002", name="晚提交的")
    with app.app_context():  # stamped a few seconds before the cursor, committed after the download
        cursor = datetime.fromisoformat(first["cursor"])
        late = db.session.query(Attendee).filter_by(name="晚提交的").one()
        late.updated_at = cursor - timedelta(seconds=5)
        db.session.commit()
    delta = client.get(f"/api/v1/events/{event['id']}/roster", query_string={"since": first["cursor"]},
                       headers=staff).get_json()
    assert "晚提交的" in [a["name"] for a in delta["attendees"]]


def test_sign_in_sheet_as_excel_and_csv(client, make_event, staff, auth):
    event = make_event(title="工伤预防讲座")
    sign_up(client, event["id"], name="李四", phone="13700137000", employer="宏达劳务")
    volunteer = volunteer_for(client, staff, auth, event["id"])
    xlsx = client.get(f"/api/v1/events/{event['id']}/attendance.xlsx", headers=volunteer)
    assert xlsx.status_code == 200
    ws = load_workbook(io.BytesIO(xlsx.data)).active
    assert ws["A1"].value == "工伤预防讲座 签到表"
    assert [c.value for c in ws[3]][:3] == ["序号", "姓名", "手机号"]
    assert [c.value for c in ws[4]][:4] == [1, "李四", "*******7000", "宏达劳务"]
    text = client.get(f"/api/v1/events/{event['id']}/attendance.csv", headers=staff).data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][1] == "李四" and rows[1][6] == "未签到"
    assert "13700137000" not in text


def test_poster_is_a_printable_png_with_a_qr_code(client, make_event):
    event = make_event()
    resp = client.get(f"/api/v1/events/{event['id']}/poster.png")
    assert resp.status_code == 200 and resp.mimetype == "image/png"
    img = Image.open(io.BytesIO(resp.data))
    assert img.size == (1240, 1754)
    assert img.getpixel((620, 20))[1] > 150  # the green band
    decoded = zxingcpp.read_barcodes(img)
    assert [d.text for d in decoded] == [f"{client.application.config['PUBLIC_URL']}/events/{event['id']}"]


def test_volunteer_files_the_debrief_once(client, make_event, staff, auth):
    event = make_event()
    volunteer = volunteer_for(client, staff, auth, event["id"])
    url = f"/api/v1/events/{event['id']}/report"
    assert client.get(url, headers=volunteer).status_code == 404
    body = {"worry": "怕要不到工资", "urgent_problem": "3 号楼班组欠薪两个月", "service_suggestion": "晚上来",
            "next_event_suggestion": "讲工伤", "people_reached": 86, "leaflets_given": 120}
    assert client.post(url, json=body, headers=volunteer).status_code == 200
    client.post(url, json=body | {"people_reached": 90}, headers=volunteer)
    saved = client.get(url, headers=staff).get_json()
    assert saved["people_reached"] == 90 and saved["urgent_problem"] == "3 号楼班组欠薪两个月"
    bad = client.post(url, json={"people_reached": -1}, headers=volunteer)
    assert bad.status_code == 422


def test_a_flood_of_sign_ups_from_one_address_is_slowed_down(make_app, auth):
    app = make_app(RATELIMIT_SUBMISSIONS="3 per minute")
    client = app.test_client()
    staff = auth(client, "staff")
    event = client.post("/api/v1/events", headers=staff, json={
        "title": "讲座", "kind": "lecture", "place": "工地", "status": "published",
        "starts_at": SOON.isoformat()}).get_json()
    codes = [sign_up(client, event["id"], phone=f"1380000000{i}").status_code for i in range(5)]
    assert codes == [201, 201, 201, 429, 429]
    body = sign_up(client, event["id"], phone="13800000009").get_json()
    assert "太频繁" in body["message"]


def test_every_roster_download_is_in_the_audit_log(client, make_event, staff, app):
    from server.accounts.models import AuditEntry
    event = make_event()
    client.get(f"/api/v1/events/{event['id']}/roster", headers=staff)
    client.get(f"/api/v1/events/{event['id']}/attendance.xlsx", headers=staff)
    with app.app_context():
        actions = [(e.action, e.record_type, e.record_id, e.actor_id) for e in db.session.query(AuditEntry)]
    assert ("roster", "event", str(event["id"]), staff.user.id) in actions
    assert ("attendance.xlsx", "event", str(event["id"]), staff.user.id) in actions


def test_an_event_id_too_big_for_the_database_is_simply_not_found(client):
    resp = client.get("/api/v1/events/3285885590235699478528/poster.png")
    assert resp.status_code == 404 and resp.get_json()["error_code"] == "event_not_found"


def test_only_active_volunteer_accounts_can_be_assigned(client, make_event, staff, auth):
    event = make_event()
    lawyer = auth(client, "lawyer")
    for ids in ([999999], [lawyer.user.id]):
        resp = client.put(f"/api/v1/events/{event['id']}/volunteers", json={"user_ids": ids}, headers=staff)
        assert resp.status_code == 422 and resp.get_json()["error_code"] == "not_volunteers"


def test_moving_the_end_before_the_stored_start_is_refused(client, make_event, staff):
    event = make_event()
    resp = client.patch(f"/api/v1/events/{event['id']}", json={"ends_at": "2000-01-01T00:00:00Z"}, headers=staff)
    assert resp.status_code == 422 and "ends_at" in resp.get_json()["errors"]["json"]


def test_names_that_look_like_formulas_stay_text_in_the_sheets(client, make_event, staff, app):
    event = make_event(title="讲座第一期")
    with app.app_context():  # a title stored before the input rule refused control characters and noncharacters
        from server.events.models import Event
        db.session.get(Event, event["id"]).title = "讲座\x07第\uffff一期\ufffe"
        db.session.commit()
    sign_up(client, event["id"], name="=HYPERLINK(\"http://x\")", phone="13700137001", employer="@班组")
    xlsx = client.get(f"/api/v1/events/{event['id']}/attendance.xlsx", headers=staff)
    assert xlsx.status_code == 200
    ws = load_workbook(io.BytesIO(xlsx.data)).active
    assert ws["A1"].value == "讲座第一期 签到表"
    assert ws["B4"].value == "=HYPERLINK(\"http://x\")" and ws["B4"].data_type == "s"
    text = client.get(f"/api/v1/events/{event['id']}/attendance.csv", headers=staff).data.decode("utf-8-sig")
    row = list(csv.reader(io.StringIO(text)))[1]
    assert row[1] == "'=HYPERLINK(\"http://x\")" and row[3] == "'@班组"


def test_idempotency_keys_are_kept_a_week_then_swept(client, make_event, app, runner):
    from server.idempotency import IdempotencyKey
    event = make_event()
    sign_up(client, event["id"], key="key-old-0001")
    sign_up(client, event["id"], phone="13900139000", key="key-new-0002")
    with app.app_context():
        old = db.session.get(IdempotencyKey, "key-old-0001")
        old.created_at = datetime.now(timezone.utc) - timedelta(days=8)
        db.session.commit()
    result = runner.invoke(args=["sweep"])
    assert "已清理 1 个" in result.output
    with app.app_context():
        assert [k.key for k in db.session.query(IdempotencyKey)] == ["key-new-0002"]


def test_an_event_this_morning_in_china_is_still_listed_today(client, make_event, monkeypatch):
    from zoneinfo import ZoneInfo

    from server.events import service
    shanghai = ZoneInfo("Asia/Shanghai")
    # 08:00 in China is 00:00 UTC: an event at 07:30 China time started "yesterday" in UTC.
    now = datetime(2026, 11, 23, 8, 0, tzinfo=shanghai)
    monkeypatch.setattr(service, "utcnow", lambda: now.astimezone(timezone.utc))
    morning = make_event(title="早班讲座", starts_at=datetime(2026, 11, 23, 7, 30, tzinfo=shanghai).isoformat())
    yesterday = make_event(title="昨天的讲座", starts_at=datetime(2026, 11, 22, 19, 0, tzinfo=shanghai).isoformat())
    listed = [e["id"] for e in client.get("/api/v1/events").get_json()]
    assert morning["id"] in listed and yesterday["id"] not in listed


def test_times_given_in_china_time_come_back_as_the_same_moment(client, make_event, app):
    from zoneinfo import ZoneInfo
    starts = datetime(2030, 5, 1, 7, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    event = make_event(starts_at=starts.isoformat())
    back = datetime.fromisoformat(client.get(f"/api/v1/events/{event['id']}").get_json()["starts_at"])
    assert back == starts  # the same moment, whatever offset it is written with
    from server.events.models import Event
    with app.app_context():
        assert db.session.get(Event, event["id"]).starts_at == starts


def test_event_lists_come_in_pages_with_the_figures_in_x_pagination(client, make_event, staff):
    import json
    made = [make_event(title=f"讲座第{i}期", starts_at=(SOON + timedelta(hours=i)).isoformat())["id"] for i in range(5)]
    first = client.get("/api/v1/events?page=1&page_size=2")
    second = client.get("/api/v1/events?page=2&page_size=2")
    assert [e["id"] for e in first.get_json() + second.get_json()] == made[:4]  # soonest first, none twice
    assert json.loads(first.headers["X-Pagination"]) | {} == {
        "total": 5, "total_pages": 3, "first_page": 1, "last_page": 3, "page": 1, "next_page": 2}
    assigned = client.get("/api/v1/events/assigned?page_size=3", headers=staff)
    assert len(assigned.get_json()) == 3 and json.loads(assigned.headers["X-Pagination"])["total"] == 5
    too_big = client.get("/api/v1/events?page_size=101")
    assert too_big.status_code == 422 and "page_size" in too_big.get_json()["errors"]["query"]
