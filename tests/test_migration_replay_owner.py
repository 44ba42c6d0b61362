"""Migration 0011_replay_owner cuts the answers kept so far down to a reference: no phone, ID number or token stays."""
import json
import sqlite3

from flask_migrate import upgrade

from server.extensions import db
from tests.conftest import app_at_revision


def test_kept_answers_lose_their_personal_data_and_keep_what_a_retry_needs(tmp_path):
    path = tmp_path / "old.db"
    app = app_at_revision(path, "0010_upload_position")
    case_view = {"id": 7, "phone": "13800138000", "id_number": "110101199003074258", "stage": "accepted"}
    signup = {"attendee_id": 3, "name": "赵六", "qr_token": "secret-token-1234", "phone_masked": "*******6000"}
    refused = {"message": "这个手机号已经报名了这场活动。", "error_code": "already_signed_up"}
    con = sqlite3.connect(path)
    con.executemany("INSERT INTO idempotency_keys (key, scope, request_hash, state, status_code, response, created_at)"
                    " VALUES (?, ?, 'h', 'done', ?, ?, '2026-12-01 00:00:00')", [
                        ("case-move-1", "POST /api/v1/cases/7/actions", 200, json.dumps(case_view)),
                        ("signup-1", "POST /api/v1/events/2/signups", 201, json.dumps(signup)),
                        ("signup-2", "POST /api/v1/events/2/signups", 422, json.dumps(refused))])
    con.execute("INSERT INTO sync_operations (id, kind, payload_hash, device_id, user_id, result, created_at) VALUES"
                " ('op-1', 'walkin', 'h', 'gate', 5, ?, '2026-12-01 00:00:00')",
                (json.dumps({"status": "applied", "attendee_id": 3, "qr_token": "secret-token-1234"}),))
    con.commit()
    con.close()
    with app.app_context():
        upgrade()
        loaded = [(k, r, ref, owner) for k, r, ref, owner in db.session.execute(
            db.text("SELECT key, response, reference, user_id FROM idempotency_keys"))]
        keys = {k: (r and json.loads(r), ref and json.loads(str(ref)), owner) for k, r, ref, owner in loaded}
        synced = json.loads(db.session.execute(db.text("SELECT result FROM sync_operations")).scalar_one())
        db.engine.dispose()
    assert keys == {"case-move-1": (None, 7, None), "signup-1": (None, [3, True], None),
                    "signup-2": (refused, None, None)}
    assert synced == {"status": "applied", "attendee_id": 3}
