"""A case's hearings (issue 21): a 调解, 开庭 or 仲裁 date with its place, recorded by the case's handlers (China
time in, UTC stored), listed per case, in the lawyer's 我的日程, as an .ics for the phone's calendar (RFC 5545,
read back here by a small parser: CRLF, folded at 75 octets, no phone, ID number or tracking code), and the next
one on the worker's tracking page; scoped like every case read, hostile input refused on its field."""
import uuid
from datetime import datetime, timedelta, timezone

from server.accounts.models import AuditEntry
from server.aid.models import Hearing
from server.clock import CHINA
from server.extensions import db
from tests.test_cases_desk import assigned
from tests.test_errors import assert_error
from tests.test_offices_scope import tree  # noqa: F401  (the fixture: two counties under a city)

NEXT_YEAR = datetime.now(CHINA).year + 1


def post(client, headers, case_id, key=None, **fields):
    body = {"kind": "mediation", "starts_at": f"{NEXT_YEAR}-12-31T09:30",
            "place": "武侯区劳动人事争议仲裁院，第三调解室", **fields}
    return client.post(f"/api/v1/cases/{case_id}/hearings", json=body,
                       headers={**headers, "Idempotency-Key": key or str(uuid.uuid4())})


def parse_ics(raw: bytes) -> list[dict]:
    """RFC 5545 read back: every line ends in CRLF and is at most 75 octets; folded lines unfolded; the events."""
    assert raw.endswith(b"\r\n")
    physical = raw[:-2].split(b"\r\n")
    assert all(b"\n" not in line and b"\r" not in line and len(line) <= 75 for line in physical), physical
    lines: list[str] = []
    for line in physical:
        if line.startswith(b" "):
            lines[-1] += line[1:].decode("utf-8")  # a fold never splits a character: each piece decodes alone
        else:
            lines.append(line.decode("utf-8"))
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR" and "VERSION:2.0" in lines
    events, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name.split(";")[0]] = value.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";")
    return events


def test_the_lawyer_records_a_hearing_downloads_it_for_the_calendar_and_the_worker_sees_the_next(
        app, client, auth, staff, make_user, make_application):
    sent = make_application(client, applicant_name="张三", phone="13800132222")
    lawyer = make_user("lawyer", display_name="王律师")
    assigned(client, staff, sent, lawyer.id)
    as_lawyer = auth(client, user=lawyer)
    long_place = "成都市武侯区劳动人事争议仲裁院（武侯大道一段 99 号，第三调解室；带好身份证、欠条原件和考勤表）"
    resp = post(client, as_lawyer, sent["id"], place=long_place, note="工友电话 13800132222，提前半小时到")
    assert resp.status_code == 201, resp.get_json()
    made = resp.get_json()
    assert made["kind_label"] == "调解" and made["title"] == "调解：张三欠薪案" and made["coming"]
    start = datetime(NEXT_YEAR, 12, 31, 1, 30, tzinfo=timezone.utc)  # 09:30 in China
    assert datetime.fromisoformat(made["starts_at"]) == start
    with app.app_context():
        stored = db.session.get(Hearing, made["id"])
        assert stored.starts_at.replace(tzinfo=timezone.utc) == start and stored.created_by == lawyer.id
    assert post(client, staff, sent["id"], kind="arbitration", starts_at=f"{NEXT_YEAR + 1}-01-20T14:00",
                place="武侯区仲裁院").status_code == 201
    past = post(client, staff, sent["id"], kind="hearing", starts_at="2026-01-05T09:00", place="武侯区法院")
    assert past.status_code == 201 and not past.get_json()["coming"]  # recorded after the fact: taken

    listed = client.get(f"/api/v1/cases/{sent['id']}/hearings", headers=staff).get_json()["items"]
    assert [h["kind_label"] for h in listed] == ["开庭", "调解", "仲裁"]
    mine = client.get("/api/v1/me/hearings", headers=as_lawyer).get_json()["items"]
    assert [h["kind"] for h in mine] == ["mediation", "arbitration"]  # coming ones only, soonest first
    assert client.get("/api/v1/me/hearings", headers=auth(client, "lawyer")).get_json()["items"] == []

    ics = client.get(f"/api/v1/cases/{sent['id']}/hearings/{made['id']}.ics", headers=as_lawyer)
    assert ics.status_code == 200 and ics.mimetype == "text/calendar"
    assert "attachment" in ics.headers["Content-Disposition"] and ics.headers["Cache-Control"].startswith("no-store")
    [event] = parse_ics(ics.data)
    assert event["SUMMARY"] == "调解：张三欠薪案" and event["LOCATION"] == long_place
    assert event["DTSTART"] == start.strftime("%Y%m%dT%H%M%SZ") and event["UID"] and event["DTSTAMP"].endswith("Z")
    assert max(len(line) for line in ics.data.split(b"\r\n")) == 75  # the long place was folded
    text = ics.data.decode("utf-8")
    for secret in ("13800132222", "2222", sent["code"], sent["body"]["id_number"], "提前半小时"):
        assert secret not in text.replace("\r\n ", ""), secret

    tracked = client.post("/api/v1/applications/track", json={"code": sent["code"], "phone": sent["phone"]})
    assert tracked.get_json()["next_hearing"] == {"kind_label": "调解", "starts_at": made["starts_at"],
                                                  "place": long_place}
    with app.app_context():
        reads = {e.action: e.detail for e in db.session.scalars(db.select(AuditEntry))}
    assert reads["calendar"]["why"] == "assigned_lawyer" and reads["hearings"]["why"] == "staff"
    assert reads["hearing"] == {"kind": "hearing", "why": "staff"}  # the last one written: its kind, never its words
    assert "schedule" in reads


def test_no_coming_hearing_no_next_date_for_the_worker(client, staff, make_application):
    sent = make_application(client)
    tracked = client.post("/api/v1/applications/track", json={"code": sent["code"], "phone": sent["phone"]})
    assert tracked.get_json()["next_hearing"] is None
    assert post(client, staff, sent["id"], starts_at="2026-01-05T09:00").status_code == 201
    tracked = client.post("/api/v1/applications/track", json={"code": sent["code"], "phone": sent["phone"]})
    assert tracked.get_json()["next_hearing"] is None  # only a coming one is news to the worker


def test_a_sibling_office_gets_404_and_a_lawyer_not_on_the_case_403(client, auth, tree):  # noqa: F811
    b = tree["cases"]["b"]
    made = post(client, tree["people"]["staff_b"], b["id"]).get_json()
    for who in ("staff_a", "lawyer_a"):
        headers = tree["people"][who]
        assert_error(client.get(f"/api/v1/cases/{b['id']}/hearings", headers=headers), 404)
        assert_error(post(client, headers, b["id"]), 404)
        assert_error(client.get(f"/api/v1/cases/{b['id']}/hearings/{made['id']}.ics", headers=headers), 404)
    stranger = auth(client, "lawyer")
    assert_error(client.get(f"/api/v1/cases/{b['id']}/hearings", headers=stranger), 403)
    assert_error(post(client, stranger, b["id"]), 403)
    assert_error(client.get(f"/api/v1/cases/{b['id']}/hearings/{made['id']}.ics", headers=stranger), 403)
    assert client.get(f"/api/v1/cases/{b['id']}/hearings", headers=tree["people"]["city_staff"]).status_code == 200
    lawyer_b = tree["people"]["lawyer_b"]
    assert post(client, lawyer_b, b["id"]).status_code == 201
    a = tree["cases"]["a"]  # a hearing id of another case is not this case's
    assert_error(client.get(f"/api/v1/cases/{a['id']}/hearings/{made['id']}.ics",
                            headers=tree["people"]["staff_a"]), 404)


def test_a_hearing_is_recorded_once_per_key(app, client, staff, make_application):
    sent = make_application(client)
    key = str(uuid.uuid4())
    one, again = post(client, staff, sent["id"], key), post(client, staff, sent["id"], key)
    assert one.status_code == again.status_code == 201 and one.get_json()["id"] == again.get_json()["id"]
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Hearing)) == 1


def test_hostile_input_is_refused_on_its_field(client, staff, make_application):
    sent = make_application(client)
    bad = {"starts_at": ["0001-01-01T00:00", "9999-12-31T23:59", "明天上午", "2026-02-30T09:00", "a\x00"],
           "place": ["", "   ", "a\x00b", "x" * 201, "地" * 100_000],
           "note": ["a\x00b", "x" * 100_000], "kind": ["court", ""]}
    for name, values in bad.items():
        for value in values:
            body = assert_error(post(client, staff, sent["id"], **{name: value}), 422)
            assert name in body["errors"]["json"], (name, value[:20])
    assert post(client, staff, sent["id"], place="地" * 200).status_code == 201
    assert post(client, staff, sent["id"], starts_at=(datetime.now(timezone.utc) - timedelta(days=400))
                .isoformat()).status_code == 201


def patch(client, headers, case_id, hearing_id, **fields):
    return client.patch(f"/api/v1/cases/{case_id}/hearings/{hearing_id}", json=fields, headers=headers)


def test_the_lawyer_moves_a_hearing_and_the_calendar_file_replaces_the_phones_copy(
        app, client, auth, staff, make_user, make_application):
    sent = make_application(client, applicant_name="张三")
    lawyer = make_user("lawyer", display_name="王律师")
    assigned(client, staff, sent, lawyer.id)
    as_lawyer = auth(client, user=lawyer)
    made = post(client, as_lawyer, sent["id"]).get_json()
    first = parse_ics(client.get(f"/api/v1/cases/{sent['id']}/hearings/{made['id']}.ics", headers=as_lawyer).data)[0]
    assert first["SEQUENCE"] == "0" and first["STATUS"] == "CONFIRMED"
    resp = patch(client, as_lawyer, sent["id"], made["id"], starts_at=f"{NEXT_YEAR + 1}-01-08T14:00",
                 place=" 武侯区法院第二法庭 ", kind="hearing")
    assert resp.status_code == 200, resp.get_json()
    moved = resp.get_json()
    assert (moved["kind_label"], moved["place"], moved["cancelled"]) == ("开庭", "武侯区法院第二法庭", False)
    assert datetime.fromisoformat(moved["starts_at"]) == datetime(NEXT_YEAR + 1, 1, 8, 6, 0, tzinfo=timezone.utc)
    again = patch(client, as_lawyer, sent["id"], made["id"], place="武侯区法院第二法庭")  # nothing new: no change
    assert again.status_code == 200
    [event] = parse_ics(client.get(f"/api/v1/cases/{sent['id']}/hearings/{made['id']}.ics", headers=as_lawyer).data)
    assert event["UID"] == first["UID"] and event["SEQUENCE"] == "1" and event["LOCATION"] == "武侯区法院第二法庭"
    assert event["DTSTART"] == f"{NEXT_YEAR + 1}0108T060000Z"
    tracked = client.post("/api/v1/applications/track", json={"code": sent["code"], "phone": sent["phone"]})
    assert tracked.get_json()["next_hearing"]["place"] == "武侯区法院第二法庭"
    with app.app_context():
        changes = [e.detail for e in db.session.scalars(db.select(AuditEntry).where(
            AuditEntry.action == "hearing_change"))]
    assert changes == [{"kind": "hearing", "fields": ["kind", "starts_at", "place"], "why": "assigned_lawyer"}]


def test_a_cancelled_hearing_is_kept_struck_through_and_gone_from_the_schedule_and_the_workers_page(
        app, client, auth, staff, make_user, make_application):
    sent = make_application(client)
    lawyer = make_user("lawyer", display_name="王律师")
    assigned(client, staff, sent, lawyer.id)
    as_lawyer = auth(client, user=lawyer)
    made = post(client, as_lawyer, sent["id"]).get_json()
    later = post(client, as_lawyer, sent["id"], starts_at=f"{NEXT_YEAR + 1}-02-01T09:00", place="仲裁院").get_json()
    resp = client.delete(f"/api/v1/cases/{sent['id']}/hearings/{made['id']}", headers=staff)
    assert resp.status_code == 200, resp.get_json()
    gone = resp.get_json()
    assert gone["cancelled"] and gone["cancelled_at"] and gone["cancelled_by"].endswith("（工作人员）")
    again = client.delete(f"/api/v1/cases/{sent['id']}/hearings/{made['id']}", headers=as_lawyer)
    assert again.status_code == 200 and again.get_json()["cancelled_at"] == gone["cancelled_at"]  # as the first

    listed = client.get(f"/api/v1/cases/{sent['id']}/hearings", headers=as_lawyer).get_json()["items"]
    assert [(h["id"], h["cancelled"]) for h in listed] == [(made["id"], True), (later["id"], False)]
    assert [h["id"] for h in client.get("/api/v1/me/hearings", headers=as_lawyer).get_json()["items"]] == [later["id"]]
    tracked = client.post("/api/v1/applications/track", json={"code": sent["code"], "phone": sent["phone"]})
    assert tracked.get_json()["next_hearing"]["place"] == "仲裁院"
    [event] = parse_ics(client.get(f"/api/v1/cases/{sent['id']}/hearings/{made['id']}.ics", headers=staff).data)
    assert event["STATUS"] == "CANCELLED" and event["SEQUENCE"] == "1"  # RFC 5545: the phone drops its copy
    refused = assert_error(patch(client, as_lawyer, sent["id"], made["id"], place="别处"), 409)
    assert refused["error_code"] == "hearing_cancelled" and "重新记" in refused["message"]
    with app.app_context():
        kept = db.session.get(Hearing, made["id"])
        assert kept.cancelled and kept.cancelled_by == staff.user.id and kept.place.startswith("武侯区")
        cancels = [e.detail for e in db.session.scalars(db.select(AuditEntry).where(
            AuditEntry.action == "hearing_cancel"))]
    assert cancels == [{"kind": "mediation", "why": "staff"}]


def test_only_the_cases_handlers_change_or_cancel_a_hearing(client, auth, tree):  # noqa: F811
    b = tree["cases"]["b"]
    made = post(client, tree["people"]["staff_b"], b["id"]).get_json()
    url = f"/api/v1/cases/{b['id']}/hearings/{made['id']}"
    for who in ("staff_a", "lawyer_a"):
        assert_error(client.patch(url, json={"place": "别处"}, headers=tree["people"][who]), 404)
        assert_error(client.delete(url, headers=tree["people"][who]), 404)
    stranger = auth(client, "lawyer")
    assert_error(client.patch(url, json={"place": "别处"}, headers=stranger), 403)
    assert_error(client.delete(url, headers=stranger), 403)
    a = tree["cases"]["a"]  # a hearing of another case is not this case's
    assert_error(client.delete(f"/api/v1/cases/{a['id']}/hearings/{made['id']}", headers=tree["people"]["staff_a"]),
                 404)
    assert patch(client, tree["people"]["lawyer_b"], b["id"], made["id"], place="乙县仲裁院").status_code == 200
    assert client.delete(url, headers=tree["people"]["city_staff"]).status_code == 200


def test_a_change_is_checked_like_a_new_one(client, staff, make_application):
    sent = make_application(client)
    made = post(client, staff, sent["id"]).get_json()
    body = assert_error(patch(client, staff, sent["id"], made["id"]), 422)
    assert "starts_at" in body["errors"]["json"]
    bad = {"starts_at": ["0001-01-01T00:00", "明天上午", "a\x00"], "place": ["", "a\x00b", "x" * 201],
           "note": ["x" * 100_000], "kind": ["court"]}
    for name, values in bad.items():
        for value in values:
            body = assert_error(patch(client, staff, sent["id"], made["id"], **{name: value}), 422)
            assert name in body["errors"]["json"], (name, value[:20])
