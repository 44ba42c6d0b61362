"""The case file (issue 21): staff and the assigned lawyer attach the office's papers to a case (photos and PDFs
with a kind, a date and a label) through media's one pipeline; hostile PDFs are refused with a plain 4xx; the case
page lists the worker's evidence and the office's files side by side; every view is audited."""
import io
import uuid
from pathlib import Path

import pytest
from PIL import Image
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from server.accounts.models import AuditEntry
from server.extensions import db
from server.media.models import Upload
from tests import pdfs, photos
from tests.casework import put_in_stage


def attach(client, headers, case_id, data, *, name="调解协议.pdf", mimetype="application/pdf", key=None,
           kind="mediation_agreement", dated_on="2026-11-20", label="区仲裁院调解书"):
    fields = {"kind": kind, "dated_on": dated_on, "label": label,
              "file": FileStorage(io.BytesIO(data), name, content_type=mimetype)}
    boundary, body = encode_multipart({k: v for k, v in fields.items() if v is not None})
    extra = {"Idempotency-Key": key or str(uuid.uuid4())} if key != "" else {}
    return client.post(f"/api/v1/cases/{case_id}/files", data=body,
                       content_type=f"multipart/form-data; boundary={boundary}", headers={**headers, **extra})


def entries(app, record_type, record_id):
    with app.app_context():
        return [(e.action, e.detail) for e in db.session.scalars(
            db.select(AuditEntry).where(AuditEntry.record_type == record_type, AuditEntry.record_id == str(record_id))
            .order_by(AuditEntry.id))]


def stored_files(app) -> list[Path]:
    root = Path(app.config["STORAGE_DIR"])
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_staff_attach_a_mediation_agreement_pdf_kept_as_sent_served_as_an_attachment_and_audited(
        client, app, auth, make_application):
    case = make_application(client, photos=1)
    staff = auth(client, "staff", display_name="李干事")
    agreement = pdfs.mediation_agreement()
    key = str(uuid.uuid4())
    resp = attach(client, staff, case["id"], agreement, key=key)
    assert resp.status_code == 201, resp.get_json()
    added = resp.get_json()
    assert (added["id"], added["kind"], added["kind_label"], added["dated_on"], added["label"]) == (
        key, "mediation_agreement", "调解协议", "2026-11-20", "区仲裁院调解书")
    assert (added["content_type"], added["pages"], added["thumbnail_url"], added["added_by"]) == (
        "application/pdf", 1, None, "李干事（工作人员）")

    # A retry with the same key and file is the same file; the same key for another file is refused.
    again = attach(client, staff, case["id"], agreement, key=key)
    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true" and again.get_json()["id"] == key
    other = attach(client, staff, case["id"], pdfs.plain(), key=key)
    assert other.status_code == 422 and other.get_json()["error_code"] == "upload_id_reused"
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Upload).where(Upload.kind.is_not(None))) == 1

    # The case page: the worker's photo and the office's file side by side, each in its own list.
    view = client.get(f"/api/v1/cases/{case['id']}", headers=staff).get_json()
    assert [e["id"] for e in view["evidence"]] == case["upload_ids"]
    assert [f["id"] for f in view["office_files"]] == [key]
    listed = client.get(f"/api/v1/cases/{case['id']}/files", headers=staff)
    assert listed.status_code == 200 and listed.headers["Cache-Control"] == "no-store"
    assert [e["id"] for e in listed.get_json()["evidence"]] == case["upload_ids"]
    assert [f["id"] for f in listed.get_json()["files"]] == [key]
    assert ("view", {"part": "files", "why": "staff"}) in entries(app, "aid_application", case["id"])

    # The file itself: the very bytes, never shown inline in the app's origin.
    got = client.get(added["url"], headers=staff)
    assert got.status_code == 200 and got.data == agreement
    assert got.mimetype == "application/pdf"
    assert got.headers["Content-Disposition"].startswith('attachment; filename="')
    assert got.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in got.headers["Content-Security-Policy"]
    assert got.headers["Cache-Control"] == "no-store"
    assert client.get(f"/api/v1/uploads/{key}/thumbnail", headers=staff).status_code == 404
    assert entries(app, "case_file", key)[0] == (
        "download", {"application_id": case["id"], "position": 1, "kind": "mediation_agreement", "why": "staff"})
    # The case's own audit log names the file's reads.
    audit = client.get(f"/api/v1/cases/{case['id']}/audit", headers=staff).get_json()["items"]
    assert any(i["record_type"] == "case_file" and i["record_type_label"].startswith("案件材料") for i in audit)


HOSTILE = {
    "javascript": (pdfs.with_javascript, "调解协议.pdf", 422, "pdf_active_content", "脚本"),
    "javascript_in_a_link": (pdfs.with_javascript_link, "判决书.pdf", 422, "pdf_active_content", "脚本"),
    # compressed in an object stream: no "/JavaScript" in the bytes (asserted below), found by reading the structure
    "javascript_in_an_object_stream": (pdfs.with_javascript_in_object_stream, "调解协议.pdf", 422,
                                       "pdf_active_content", "脚本"),
    "embedded_file": (pdfs.with_embedded_file, "授权委托书.pdf", 422, "pdf_active_content", "夹带了别的文件"),
    "two_thousand_pages": (pdfs.long, "扫描件.pdf", 422, "pdf_too_many_pages", "2000 页"),
    "a_zip_named_pdf": (pdfs.zip_named_pdf, "裁决书.pdf", 415, "not_a_pdf", "不是 PDF"),
    "encrypted": (pdfs.encrypted, "调解协议.pdf", 422, "pdf_encrypted", "密码"),
    "cut_short": (lambda: pdfs.plain()[:200], "调解协议.pdf", 422, "pdf_broken", "损坏"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_pdf_gets_a_clear_4xx_and_nothing_is_kept(client, app, auth, make_application, name):
    make, filename, status, code, words = HOSTILE[name]
    case = make_application(client)
    before = stored_files(app)
    resp = attach(client, auth(client, "staff"), case["id"], make(), name=filename)
    body = resp.get_json()
    assert (resp.status_code, body["error_code"]) == (status, code), body
    assert words in body["message"] and body["code"] == status
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Upload)) == 0
    assert stored_files(app) == before


def test_the_hidden_script_is_hidden_from_a_byte_scan_and_a_harmless_open_action_passes():
    from server.media import pdfs as checker
    hidden = pdfs.with_javascript_in_object_stream()
    assert b"JavaScript" not in hidden and b"/JS" not in hidden
    assert b"/OpenAction" in pdfs.plain() and checker.check(pdfs.plain(3)) == 3  # it only opens page 1


def test_a_file_over_the_limit_is_413_and_a_file_that_is_neither_photo_nor_pdf_415(client, auth, make_application):
    case = make_application(client)
    staff = auth(client, "staff")
    scanned = pdfs.scan(15)  # over the app's 12 MB for any other request, under the 20 MB a PDF may have
    assert len(scanned) > 15 * 1024 * 1024
    resp = attach(client, staff, case["id"], scanned, kind="paper_scan", label="工友带来的劳动合同扫描件")
    assert resp.status_code == 201 and resp.get_json()["pages"] == 1, resp.get_json()
    big = pdfs.plain() + b"%" + b"0" * (20 * 1024 * 1024)
    resp = attach(client, staff, case["id"], big)
    assert resp.status_code == 413 and "20 MB" in resp.get_json()["message"]
    resp = attach(client, staff, case["id"], b"PK\x03\x04 just a zip", name="材料.zip", mimetype="application/zip")
    assert resp.status_code == 415 and "PDF" in resp.get_json()["message"]


def test_an_office_photo_goes_through_the_evidence_pipeline_stripped_and_is_not_the_workers_evidence(
        client, app, auth, make_application):
    case = make_application(client, photos=1)
    staff = auth(client, "staff")
    resp = attach(client, staff, case["id"], photos.jpeg(2000, 1500), name="scan.jpg", mimetype="image/jpeg",
                  kind="paper_scan", label="工友带来的考勤表")
    assert resp.status_code == 201, resp.get_json()
    added = resp.get_json()
    assert added["content_type"] == "image/jpeg" and max(added["width"], added["height"]) == 1600
    kept = client.get(added["url"], headers=staff)
    assert kept.mimetype == "image/jpeg" and not Image.open(io.BytesIO(kept.data)).getexif()  # no GPS, no make
    assert client.get(added["thumbnail_url"], headers=staff).status_code == 200
    view = client.get(f"/api/v1/cases/{case['id']}", headers=staff).get_json()
    assert [e["id"] for e in view["evidence"]] == case["upload_ids"]  # the worker's photos only
    tracked = client.post("/api/v1/applications/track", json={"code": case["code"], "phone": case["phone"]})
    assert tracked.get_json()["evidence_count"] == 1  # the worker's page counts their own photos
    assert entries(app, "case_file", added["id"])[0] == (
        "view", {"application_id": case["id"], "size": "full", "kind": "paper_scan", "why": "staff"})


def test_the_files_are_listed_by_their_date_then_as_they_came(client, auth, make_application):
    case = make_application(client)
    staff = auth(client, "staff")
    for kind, day in (("judgment", "2026-10-08"), ("power_of_attorney", "2026-03-01"), ("other", "2026-10-08")):
        assert attach(client, staff, case["id"], pdfs.handwritten(), kind=kind, dated_on=day).status_code == 201
    files = client.get(f"/api/v1/cases/{case['id']}/files", headers=staff).get_json()["files"]
    assert [(f["kind"], f["dated_on"]) for f in files] == [
        ("power_of_attorney", "2026-03-01"), ("judgment", "2026-10-08"), ("other", "2026-10-08")]


def test_the_form_is_checked_in_plain_chinese(client, auth, make_application):
    case = make_application(client)
    staff = auth(client, "staff")
    resp = attach(client, staff, case["id"], pdfs.plain(), kind="receipt", dated_on="2099-01-01", label=" ")
    assert resp.status_code == 422
    form = resp.get_json()["errors"]["form"]
    assert form["kind"] == ["请选择材料类别。"] and form["dated_on"] == ["日期不能晚于今天。"]
    assert form["label"] == ["必须填写。"]
    resp = attach(client, staff, case["id"], pdfs.plain(), key="")
    assert resp.status_code == 400 and "Idempotency-Key" in resp.get_json()["message"]


def test_the_assigned_lawyer_attaches_and_reads_others_are_refused(client, app, auth, make_application, make_user):
    case = make_application(client)
    lawyer = auth(client, "lawyer", display_name="王律师")
    other_lawyer = auth(client, "lawyer")
    put_in_stage(app, case["id"], "lawyer_accepted", lawyer_id=lawyer.user.id)
    resp = attach(client, lawyer, case["id"], pdfs.plain(), kind="power_of_attorney", label="授权委托书（已签）")
    assert resp.status_code == 201 and resp.get_json()["added_by"] == "王律师（援助律师）"
    file_id = resp.get_json()["id"]
    assert client.get(f"/api/v1/uploads/{file_id}", headers=lawyer).status_code == 200
    assert entries(app, "case_file", file_id)[-1][1]["why"] == "assigned_lawyer"
    assert attach(client, other_lawyer, case["id"], pdfs.plain()).status_code == 403
    assert client.get(f"/api/v1/cases/{case['id']}/files", headers=other_lawyer).status_code == 403
    assert client.get(f"/api/v1/uploads/{file_id}", headers=other_lawyer).status_code == 403
    assert attach(client, auth(client, "worker"), case["id"], pdfs.plain()).status_code == 403
    assert attach(client, {}, case["id"], pdfs.plain()).status_code == 401
    assert attach(client, auth(client, "staff"), 999999, pdfs.plain()).status_code == 404


def test_a_sibling_office_gets_404_for_the_list_the_attach_and_the_file(client, app, auth, make_application):
    admin = auth(client, "admin")
    with app.app_context():
        root = admin.user.office_id
    offices = [client.post("/api/v1/offices", json={"parent_id": root, "name": name, "kind": "legal_aid",
                                                    "division": "510100"}, headers=admin).get_json()["id"]
               for name in ("甲县法律援助中心", "乙县法律援助中心")]
    case = make_application(client)
    from server.aid.models import Application
    with app.app_context():
        db.session.get(Application, case["id"]).office_id = offices[0]
        db.session.commit()
    mine, theirs = auth(client, "staff", office_id=offices[0]), auth(client, "staff", office_id=offices[1])
    file_id = attach(client, mine, case["id"], pdfs.plain()).get_json()["id"]
    assert attach(client, theirs, case["id"], pdfs.plain()).status_code == 404
    assert client.get(f"/api/v1/cases/{case['id']}/files", headers=theirs).status_code == 404
    assert client.get(f"/api/v1/uploads/{file_id}", headers=theirs).status_code == 404
    assert [a for a, _ in entries(app, "case_file", file_id)] == []
