"""The handler's desk on a case (issue 21): 打电话 gives the worker's whole phone only on that tap, each tap an
audited call with why (the case view shows it masked); private notes, by the case's handlers for its handlers,
newest first with author and time, refused when they are no text or too long, never in what the worker reads."""
import json
import uuid

from server.accounts.models import AuditEntry
from server.aid.models import CaseNote
from server.extensions import db
from tests.casework import CHECKLIST, act
from tests.fakes import SmsOutbox
from tests.test_errors import assert_error
from tests.test_offices_scope import tree  # noqa: F401  (the fixture: two counties under a city)


def assigned(client, staff, sent, lawyer_id):
    for action, fields in (("accept", {"checklist": CHECKLIST}), ("approve", {}),
                           ("assign", {"lawyer_id": lawyer_id})):
        resp = act(client, staff, sent["id"], action, **fields)
        assert resp.status_code == 200, resp.get_json()


def entries(app, action) -> list[AuditEntry]:
    with app.app_context():
        return list(db.session.scalars(db.select(AuditEntry).where(AuditEntry.action == action)
                                       .order_by(AuditEntry.id)))


def note(client, headers, case_id, text, key=None):
    return client.post(f"/api/v1/cases/{case_id}/notes", json={"text": text},
                       headers={**headers, "Idempotency-Key": key or str(uuid.uuid4())})


def test_the_case_view_shows_the_phone_masked_and_a_tap_of_call_gives_it_whole_audited(
        app, client, auth, staff, make_user, make_application):
    sent = make_application(client, phone="13800132222")
    view = client.get(f"/api/v1/cases/{sent['id']}", headers=staff).get_json()
    assert "phone" not in view and view["phone_masked"] == "*******2222"
    assert "13800132222" not in json.dumps(view)
    lawyer = make_user("lawyer", display_name="王律师")
    assigned(client, staff, sent, lawyer.id)
    as_lawyer = auth(client, user=lawyer)
    resp = client.post(f"/api/v1/cases/{sent['id']}/call", headers=as_lawyer)
    assert resp.status_code == 200, resp.get_json()
    assert resp.get_json() == {"phone": "13800132222", "tel": "tel:13800132222"}
    assert resp.headers["Cache-Control"].startswith("no-store")
    assert client.post(f"/api/v1/cases/{sent['id']}/call", headers=staff).status_code == 200
    calls = entries(app, "call")
    assert [(e.actor_role, e.record_type, e.record_id, e.detail) for e in calls] == [
        ("lawyer", "aid_application", str(sent["id"]), {"field": "phone", "why": "assigned_lawyer"}),
        ("staff", "aid_application", str(sent["id"]), {"field": "phone", "why": "staff"})]
    log = client.get(f"/api/v1/cases/{sent['id']}/audit", headers=staff).get_json()["items"]
    assert [(r["action_label"], r["why"]) for r in log[:2]] == [("给工友打电话（看完整手机号）", "经办工作人员"),
                                                               ("给工友打电话（看完整手机号）", "指派的援助律师")]
    other = auth(client, "lawyer")
    assert_error(client.post(f"/api/v1/cases/{sent['id']}/call", headers=other), 403)
    assert len(entries(app, "call")) == 2  # a refused tap reads nothing and logs nothing


def test_the_papers_still_print_the_whole_phone(client, staff, make_application):
    from io import BytesIO

    from docx import Document
    sent = make_application(client, phone="13800132222")
    resp = client.get(f"/api/v1/cases/{sent['id']}/documents/aid_application.docx", headers=staff)
    assert resp.status_code == 200
    doc = Document(BytesIO(resp.data))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells] + [p.text for p in doc.paragraphs]
    assert any("13800132222" in text for text in cells)


def test_a_sibling_office_cannot_call_or_read_or_write_notes(client, tree):  # noqa: F811
    b = tree["cases"]["b"]
    for who in ("staff_a", "lawyer_a"):
        headers = tree["people"][who]
        assert_error(client.post(f"/api/v1/cases/{b['id']}/call", headers=headers), 404)
        assert_error(client.get(f"/api/v1/cases/{b['id']}/notes", headers=headers), 404)
        assert_error(note(client, headers, b["id"], "看看"), 404)
    lawyer_b = tree["people"]["lawyer_b"]
    assert client.post(f"/api/v1/cases/{b['id']}/call", headers=lawyer_b).get_json()["phone"] == b["phone"]


def test_handlers_keep_private_notes_newest_first_that_the_worker_never_reads(
        app, client, auth, staff, make_user, make_application):
    app.extensions["sms_sender"] = outbox = SmsOutbox()
    sent = make_application(client)
    lawyer = make_user("lawyer", display_name="王律师")
    assigned(client, staff, sent, lawyer.id)
    as_lawyer = auth(client, user=lawyer)
    texts = ["工友来电：老板说月底结清，别信。\n下周再问。", "私下：包工头有另一个工地在高新区。"]
    first = note(client, staff, sent["id"], texts[0])
    assert first.status_code == 201, first.get_json()
    second = note(client, as_lawyer, sent["id"], texts[1])
    assert second.status_code == 201 and second.get_json()["by"] == "王律师（援助律师）"
    listed = client.get(f"/api/v1/cases/{sent['id']}/notes", headers=as_lawyer).get_json()["items"]
    assert [n["text"] for n in listed] == texts[::-1]
    assert listed[1]["by"].endswith("（工作人员）") and listed[0]["at"] >= listed[1]["at"]
    assert act(client, as_lawyer, sent["id"], "lawyer_accept").status_code == 200  # a text goes to the worker
    tracked = client.post("/api/v1/applications/track", json={"code": sent["code"], "phone": sent["phone"]})
    seen = json.dumps(tracked.get_json(), ensure_ascii=False) + json.dumps(outbox, ensure_ascii=False)
    assert tracked.status_code == 200 and outbox and "包工头有另一个工地" not in seen and "别信" not in seen
    view = client.get(f"/api/v1/cases/{sent['id']}", headers=staff).get_json()
    assert "别信" not in json.dumps(view, ensure_ascii=False)  # notes are their own read, not in the view
    written = entries(app, "note")
    assert [(e.actor_role, e.detail) for e in written] == [
        ("staff", {"length": len(listed[1]["text"]), "why": "staff"}),
        ("lawyer", {"length": len(listed[0]["text"]), "why": "assigned_lawyer"})]
    assert [e.detail["why"] for e in entries(app, "notes")] == ["assigned_lawyer"]


def test_a_note_is_added_once_per_key_and_only_by_the_cases_handlers(app, client, auth, staff, make_user,
                                                                   make_application):
    sent = make_application(client)
    key = str(uuid.uuid4())
    one, again = note(client, staff, sent["id"], "回电", key), note(client, staff, sent["id"], "回电", key)
    assert one.status_code == again.status_code == 201 and one.get_json()["id"] == again.get_json()["id"]
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(CaseNote)) == 1
    stranger = auth(client, "lawyer")
    assert_error(note(client, stranger, sent["id"], "不是我的案件"), 403)
    assert_error(client.get(f"/api/v1/cases/{sent['id']}/notes", headers=stranger), 403)
    assert_error(client.get(f"/api/v1/cases/{sent['id']}/notes", headers=auth(client, "worker")), 403)


def test_a_note_that_is_no_text_too_long_or_blank_is_refused_on_its_field(client, staff, make_application):
    sent = make_application(client)
    url = f"/api/v1/cases/{sent['id']}/notes"
    for text in ("a\x00b", "x" * 2001, "   ", "\x07"):
        body = assert_error(note(client, staff, sent["id"], text), 422)
        assert "text" in body["errors"]["json"], text
    lone = client.post(url, data='{"text": "\\ud800"}', content_type="application/json",
                       headers={**staff, "Idempotency-Key": str(uuid.uuid4())})
    assert "text" in assert_error(lone, 422)["errors"]["json"]
    assert note(client, staff, sent["id"], "字" * 2000).status_code == 201
