"""Staff save a case's evidence photo to their PC under a name that says whose case, which photo and
what it shows, and the saving is audited once (issue 18, item 22)."""
import uuid
from urllib.parse import unquote

from server.accounts.models import AuditEntry
from server.extensions import db
from tests import photos
from tests.casework import lawyer_with_phone, put_in_stage


def evidence_entries(app, upload_id):
    with app.app_context():
        return [(e.action, e.detail) for e in db.session.scalars(
            db.select(AuditEntry).where(AuditEntry.record_type == "evidence", AuditEntry.record_id == upload_id)
            .order_by(AuditEntry.id))]


def filename_star(disposition: str) -> str:
    return unquote(disposition.split("filename*=UTF-8''", 1)[1])


def test_a_photo_downloads_as_code_position_label_with_the_same_bytes_audited_once(client, app, auth,
                                                                                  make_application):
    key = str(uuid.uuid4())
    ids = [str(uuid.uuid4()) for _ in range(3)]
    # Real labels workers type, one with characters no file name may hold.
    for upload_id, label in zip(ids, ("考勤表", "欠条 / 老板签字", "微信聊天"), strict=True):
        resp = photos.post_photo(client, photos.jpeg(1200, 1600), upload_id=upload_id, submission_id=key,
                                 label=label)
        assert resp.status_code == 201, resp.get_json()
    application = make_application(client, key=key, upload_ids=ids)
    staff = auth(client, "staff")
    shown = client.get(f"/api/v1/uploads/{ids[1]}", headers=staff)
    saved = client.get(f"/api/v1/uploads/{ids[1]}?download=1", headers=staff)
    assert saved.status_code == 200 and saved.mimetype == "image/jpeg"
    assert saved.data == shown.data  # the photo itself, not a copy made smaller
    disposition = saved.headers["Content-Disposition"]
    code = application["code"][:4] + "-" + application["code"][4:]
    assert disposition.startswith(f'attachment; filename="{code}-2.jpg"; ')  # a plain name for old browsers
    assert filename_star(disposition) == f"{code}-2-欠条 老板签字.jpg"
    assert saved.headers["Cache-Control"] == "no-store"
    assert evidence_entries(app, ids[1]) == [
        ("view", {"application_id": application["id"], "size": "full", "why": "staff"}),
        ("download", {"application_id": application["id"], "position": 2, "why": "staff"})]


def test_only_the_cases_handlers_may_download_and_a_refusal_is_not_logged_as_a_download(client, app, auth,
                                                                                       make_application, make_user):
    application = make_application(client, photos=1)
    upload_id = application["upload_ids"][0]
    lawyer = lawyer_with_phone(make_user, app)
    other = auth(client, "lawyer")
    assert client.get(f"/api/v1/uploads/{upload_id}?download=1", headers=other).status_code == 403
    assert client.get(f"/api/v1/uploads/{upload_id}?download=1").status_code == 401
    assert evidence_entries(app, upload_id) == []
    put_in_stage(app, application["id"], "lawyer_assigned", lawyer_id=lawyer.id)
    resp = client.get(f"/api/v1/uploads/{upload_id}?download=maybe", headers=auth(client, user=lawyer))
    assert resp.status_code == 422 and "download" in resp.get_json()["errors"]["query"]
    resp = client.get(f"/api/v1/uploads/{upload_id}?download=1", headers=auth(client, user=lawyer))
    assert resp.status_code == 200 and filename_star(resp.headers["Content-Disposition"]).endswith("-1-证据1.jpg")
    assert evidence_entries(app, upload_id) == [
        ("download", {"application_id": application["id"], "position": 1, "why": "assigned_lawyer"})]
