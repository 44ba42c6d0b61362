"""A file the office attached to the wrong case (issue 21): removed by whoever added it or by staff of the case's
office or above; kept for the audit (marked removed, by whom, when), gone from the case file, the case view and
`GET /uploads/{id}`; audited with its kind, never its label; the worker's evidence is refused with a plain reason;
the stored bytes stay 30 days (a removal made by mistake can still be undone by an admin), then the daily sweep
deletes them and keeps the row."""
from datetime import timedelta
from pathlib import Path

from server.accounts.models import AuditEntry
from server.clock import utcnow
from server.extensions import db
from server.media import service as media
from server.media.models import Upload
from tests import pdfs
from tests.casework import put_in_stage
from tests.test_case_files import attach, stored_files
from tests.test_errors import assert_error
from tests.test_offices_scope import tree  # noqa: F401  (the fixture: two counties under a city)


def remove(client, headers, case_id, upload_id):
    return client.delete(f"/api/v1/cases/{case_id}/files/{upload_id}", headers=headers)


def test_staff_remove_a_wrongly_attached_file_kept_for_the_audit_and_gone_from_the_case(
        client, app, auth, make_application):
    case = make_application(client, photos=1)
    staff = auth(client, "staff", display_name="李干事")
    wrong = attach(client, staff, case["id"], pdfs.plain(), label="张三的判决书（传错了）").get_json()
    right = attach(client, staff, case["id"], pdfs.mediation_agreement()).get_json()
    assert wrong["removable"] and right["removable"]
    files_before = stored_files(app)

    resp = remove(client, staff, case["id"], wrong["id"])
    assert resp.status_code == 204 and resp.data == b""
    listed = client.get(f"/api/v1/cases/{case['id']}/files", headers=staff).get_json()
    assert [f["id"] for f in listed["files"]] == [right["id"]] and len(listed["evidence"]) == 1
    view = client.get(f"/api/v1/cases/{case['id']}", headers=staff).get_json()
    assert [f["id"] for f in view["office_files"]] == [right["id"]]
    assert assert_error(client.get(f"/api/v1/uploads/{wrong['id']}", headers=staff), 404)["error_code"] == \
        "upload_removed"
    assert client.get(f"/api/v1/uploads/{right['id']}?download=1", headers=staff).status_code == 200
    assert remove(client, staff, case["id"], wrong["id"]).status_code == 204  # again: the same answer

    with app.app_context():
        kept = db.session.get(Upload, wrong["id"])
        assert kept.removed_at is not None and kept.removed_by_id == staff.user.id and kept.application_id
        removals = [(e.record_type, e.detail) for e in db.session.scalars(
            db.select(AuditEntry).where(AuditEntry.action == "remove"))]
        # the stored bytes stay: the sweeps take only files no row points to (and rows never attached)
        later = utcnow() + timedelta(days=2)
        assert media.sweep_orphan_files(later) == 0 and media.sweep(later) == 0
    assert removals == [("case_file", {"application_id": case["id"], "kind": "mediation_agreement", "why": "staff"})]
    assert "传错了" not in str(removals) and stored_files(app) == files_before
    audit = client.get(f"/api/v1/cases/{case['id']}/audit", headers=staff).get_json()["items"]
    assert any(item["action"] == "remove" and item["action_label"].startswith("删除") for item in audit)


def test_the_workers_evidence_is_refused_with_a_plain_reason(client, auth, make_application):
    case = make_application(client, photos=1)
    staff = auth(client, "staff")
    body = assert_error(remove(client, staff, case["id"], case["upload_ids"][0]), 409)
    assert body["error_code"] == "evidence_not_removable" and "工友" in body["message"]
    assert len(client.get(f"/api/v1/cases/{case['id']}/files", headers=staff).get_json()["evidence"]) == 1


def test_the_lawyer_removes_their_own_file_not_the_offices_and_strangers_are_refused(
        client, app, auth, make_application):
    case = make_application(client)
    lawyer = auth(client, "lawyer", display_name="王律师")
    put_in_stage(app, case["id"], "lawyer_accepted", lawyer_id=lawyer.user.id)
    staff = auth(client, "staff")
    theirs = attach(client, staff, case["id"], pdfs.plain()).get_json()
    mine = attach(client, lawyer, case["id"], pdfs.plain(), kind="power_of_attorney").get_json()
    listed = {f["id"]: f["removable"] for f in
              client.get(f"/api/v1/cases/{case['id']}/files", headers=lawyer).get_json()["files"]}
    assert listed == {theirs["id"]: False, mine["id"]: True}
    body = assert_error(remove(client, lawyer, case["id"], theirs["id"]), 403)
    assert body["error_code"] == "not_your_file"
    assert assert_error(remove(client, auth(client, "lawyer"), case["id"], mine["id"]), 403)["error_code"] == \
        "not_your_case"
    assert remove(client, auth(client, "worker"), case["id"], mine["id"]).status_code == 403
    assert remove(client, {}, case["id"], mine["id"]).status_code == 401
    assert remove(client, lawyer, case["id"], mine["id"]).status_code == 204
    with app.app_context():
        [entry] = db.session.scalars(db.select(AuditEntry).where(AuditEntry.action == "remove")).all()
    assert entry.detail == {"application_id": case["id"], "kind": "power_of_attorney", "why": "assigned_lawyer"}


def test_a_sibling_office_gets_404_and_a_file_of_another_case_is_not_this_ones(client, app, tree):  # noqa: F811
    a, b = tree["cases"]["a"], tree["cases"]["b"]
    file_b = attach(client, tree["people"]["staff_b"], b["id"], pdfs.plain()).get_json()
    for who in ("staff_a", "lawyer_a"):
        assert_error(remove(client, tree["people"][who], b["id"], file_b["id"]), 404)
    staff_a = tree["people"]["staff_a"]
    assert assert_error(remove(client, staff_a, a["id"], file_b["id"]), 404)["error_code"] == "upload_not_found"
    assert_error(remove(client, staff_a, a["id"], "no-such-file"), 404)
    assert remove(client, tree["people"]["city_staff"], b["id"], file_b["id"]).status_code == 204


def test_the_bytes_of_a_removed_file_go_after_30_days_and_its_row_stays_for_the_audit(
        client, app, auth, make_application):
    case = make_application(client, photos=1)
    staff = auth(client, "staff")
    wrong = attach(client, staff, case["id"], pdfs.plain(), label="别人的判决书").get_json()
    kept = attach(client, staff, case["id"], pdfs.mediation_agreement()).get_json()
    files_before = stored_files(app)
    assert remove(client, staff, case["id"], wrong["id"]).status_code == 204
    with app.app_context():
        removed = db.session.get(Upload, wrong["id"])
        path = Path(app.config["STORAGE_DIR"]) / removed.image_key
        assert path in files_before
        assert media.sweep_removed(removed.removed_at + timedelta(days=29)) == 0
        assert stored_files(app) == files_before
        assert media.sweep_removed(removed.removed_at + timedelta(days=31)) == 1
        db.session.expire_all()
        removed = db.session.get(Upload, wrong["id"])
        assert removed.removed_at is not None and removed.image_key == "" and removed.thumb_key == ""
        assert media.sweep_removed(removed.removed_at + timedelta(days=60)) == 0  # done once
    assert stored_files(app) == [p for p in files_before if p != path]  # the evidence photo and the kept file stay
    assert client.get(f"/api/v1/uploads/{kept['id']}?download=1", headers=staff).status_code == 200
    assert assert_error(client.get(f"/api/v1/uploads/{wrong['id']}", headers=staff), 404)["error_code"] == \
        "upload_removed"
