"""`flask backup` then `flask restore` into an empty instance: every case, evidence file, event, check-in and
audit row comes back, readable with the same keys; a folder that is not a backup, a changed file or a backup
from newer code is refused with a sentence, never a traceback. On SQLite and PostgreSQL, local and S3 storage."""
import base64
import json
import secrets
import shutil
import threading
import time
import uuid
from datetime import datetime, timezone

import boto3
import pytest
import sqlalchemy as sa
from cryptography.exceptions import InvalidTag

from server import create_app
from server.accounts.models import AuditEntry
from server.aid.models import Application
from server.events.models import CheckIn
from server.extensions import db
from server.pii import decrypt
from tests.conftest import DATABASE_URL, ON_POSTGRES, ReadingClient, _admin, base_config
from tests.test_media_s3 import BUCKET, KEYS, s3_server  # noqa: F401  (s3_server: the moto fixture)

TARGET_BUCKET = "gongyou-restored"


@pytest.fixture
def empty_instance(tmp_path):
    """`empty_instance(**config)`: an app on a brand-new database (no tables) and an empty storage folder."""
    made = []

    def factory(**extra):
        if ON_POSTGRES:
            name = f"{sa.engine.make_url(DATABASE_URL).database}_restore_{uuid.uuid4().hex[:8]}"
            _admin(f'CREATE DATABASE "{name}"')
            url = sa.engine.make_url(DATABASE_URL).set(database=name).render_as_string(hide_password=False)
        else:
            name, url = None, f"sqlite:///{tmp_path / f'restored-{len(made)}.sqlite'}"
        app = create_app(base_config(SQLALCHEMY_DATABASE_URI=url, STORAGE_DIR=str(tmp_path / f"restored-{len(made)}"),
                                     PACK_DIR=str(tmp_path / "restored-pack"), **extra))
        app.test_client_class = ReadingClient
        made.append((app, name))
        return app

    yield factory
    for app, name in made:
        with app.app_context():
            db.engine.dispose()
        if name:
            _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def populate(client, make_application, make_event, staff, volunteer):
    """Through the API: a worker's application with two photos, an event with a sign-up and a check-in,
    and the staff's read of the case (an audit row)."""
    sent = make_application(client, photos=2, phone="13800138123")
    event = make_event(signups=1, volunteers=[volunteer.user])
    roster = client.get(f"/api/v1/events/{event['id']}/roster", headers=volunteer).get_json()["attendees"]
    op = {"id": str(uuid.uuid4()), "type": "checkin", "event_id": event["id"], "qr_token": roster[0]["qr_token"],
          "device_time": datetime.now(timezone.utc).isoformat()}
    resp = client.post("/api/v1/sync", json={"device_id": "phone-A", "operations": [op]}, headers=volunteer)
    assert resp.get_json()["counts"] == {"applied": 1}
    assert client.get(f"/api/v1/cases/{sent['id']}", headers=staff).status_code == 200
    return sent, event


def what_staff_see(client, staff, volunteer, sent, event) -> dict:
    seen = {"case": client.get(f"/api/v1/cases/{sent['id']}", headers=staff).get_json(),
            "phone": client.post(f"/api/v1/cases/{sent['id']}/call", headers=staff).get_json()["phone"],
            "event": client.get(f"/api/v1/events/{event['id']}", headers=staff).get_json(),
            "headcount": client.get(f"/api/v1/events/{event['id']}/headcount", headers=staff).get_json(),
            "roster": client.get(f"/api/v1/events/{event['id']}/roster", headers=volunteer).get_json()["attendees"]}
    for upload_id in sent["upload_ids"]:
        photo = client.get(f"/api/v1/uploads/{upload_id}", headers=staff)
        thumb = client.get(f"/api/v1/uploads/{upload_id}/thumbnail", headers=staff)
        assert photo.status_code == thumb.status_code == 200
        seen[upload_id] = (photo.data, thumb.data)
    return seen


def audit_rows(app) -> list[tuple]:
    with app.app_context():
        entries = db.session.scalars(db.select(AuditEntry).order_by(AuditEntry.id)).all()
        return [(e.id, e.at, e.actor_id, e.action, e.record_type, e.record_id, e.detail) for e in entries]


def run(app, *args):
    result = app.test_cli_runner().invoke(args=list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


@pytest.fixture(params=["local", "s3"])
def storage_config(request, tmp_path):
    """The source's and the target's storage settings."""
    if request.param == "local":
        yield {}, {}
        return
    url = request.getfixturevalue("s3_server")
    s3 = boto3.client("s3", endpoint_url=url, aws_access_key_id=KEYS["S3_ACCESS_KEY_ID"],
                      aws_secret_access_key=KEYS["S3_SECRET_ACCESS_KEY"], region_name=KEYS["S3_REGION"])
    for name in (BUCKET, TARGET_BUCKET):
        s3.create_bucket(Bucket=name)
    common = {"STORAGE_BACKEND": "s3", "S3_ENDPOINT_URL": url, **KEYS}
    yield {**common, "S3_BUCKET": BUCKET}, {**common, "S3_BUCKET": TARGET_BUCKET}
    for name in (BUCKET, TARGET_BUCKET):
        for obj in s3.list_objects_v2(Bucket=name).get("Contents", []):
            s3.delete_object(Bucket=name, Key=obj["Key"])
        s3.delete_bucket(Bucket=name)
    s3.close()


def test_a_backup_restores_into_an_empty_instance_whole_and_readable(make_app, empty_instance, storage_config, auth,
                                                                      make_application, make_event, tmp_path):
    source_config, target_config = storage_config
    source = make_app(**source_config)
    client = source.test_client()
    staff, volunteer = auth(client, "staff"), auth(client, "volunteer")
    sent, event = populate(client, make_application, make_event, staff, volunteer)
    before = what_staff_see(client, staff, volunteer, sent, event)
    assert before["phone"] == "13800138123"  # decrypted with DATA_KEY (the call's; the case view shows it masked)
    audit = audit_rows(source)

    done = run(source, "backup", str(tmp_path / "backup"))
    assert done.exit_code == 0, done.output
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["database"] == ("postgresql" if ON_POSTGRES else "sqlite")
    assert manifest["counts"]["aid_applications"] == 1 and manifest["counts"]["checkins"] == 1
    assert manifest["counts"]["audit_log"] == len(audit)
    assert len(manifest["files"]) == 4 and manifest["missing_files"] == []  # two photos, two thumbnails
    assert "DATA_KEY" in done.output  # the keys are not in it, and it says so

    target = empty_instance(**target_config)
    done = run(target, "restore", str(tmp_path / "backup"))
    assert done.exit_code == 0, done.output
    assert "与清单一致" in done.output

    # Same keys, so the tokens signed for the source's accounts are good here, and the phone decrypts.
    after = what_staff_see(target.test_client(), staff, volunteer, sent, event)
    assert after == before
    with target.app_context():
        assert db.session.query(CheckIn).count() == 1
    restored = audit_rows(target)
    assert restored[:len(audit)] == audit  # the reads just made add their own rows after them
    reads = target.test_client().get(f"/api/v1/cases/{sent['id']}/audit", headers=staff).get_json()["items"]
    assert any(i["record_type"] == "aid_application" and i["user_name"] == staff.user.display_name for i in reads)

    # The same backup under another DATA_KEY: the rows are there, the phone cannot be read.
    other_key = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    stranger = create_app(base_config(SQLALCHEMY_DATABASE_URI=target.config["SQLALCHEMY_DATABASE_URI"],
                                      DATA_KEY=other_key))
    with stranger.app_context():
        try:
            phone_enc = db.session.get(Application, sent["id"]).phone_enc
            with pytest.raises(InvalidTag):
                decrypt(phone_enc)
        finally:
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def small_backup(app, make_user, tmp_path):
    make_user("staff")
    done = run(app, "backup", str(tmp_path / "backup"))
    assert done.exit_code == 0, done.output
    return tmp_path / "backup"


def refused(app, *args) -> str:
    result = run(app, *args)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    return result.output


def test_a_folder_that_is_not_a_backup_is_refused(empty_instance, tmp_path):
    target = empty_instance()
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "a.jpg").write_bytes(b"x")
    assert "不是备份" in refused(target, "restore", str(tmp_path / "photos"))
    assert "不是文件夹" in refused(target, "restore", str(tmp_path / "nowhere"))
    (tmp_path / "photos" / "manifest.json").write_text("{not json")
    assert "不是可读的 JSON" in refused(target, "restore", str(tmp_path / "photos"))
    (tmp_path / "photos" / "manifest.json").write_text('{"format": "gongyou-backup", "version": 1}')
    assert "缺少必需的内容" in refused(target, "restore", str(tmp_path / "photos"))


def test_a_changed_file_or_a_newer_revision_is_refused_before_anything_is_written(small_backup, empty_instance,
                                                                                  tmp_path):
    target = empty_instance()
    manifest = json.loads((small_backup / "manifest.json").read_text())

    changed = tmp_path / "changed"
    shutil.copytree(small_backup, changed)
    database = changed / manifest["database_file"]["name"]
    database.write_bytes(database.read_bytes() + b"\0")
    assert "校验和与清单不符" in refused(target, "restore", str(changed))

    newer = tmp_path / "newer"
    shutil.copytree(small_backup, newer)
    (newer / "manifest.json").write_text(json.dumps({**manifest, "revision": "0099_from_the_future"}))
    assert "更新的程序版本" in refused(target, "restore", str(newer))

    escaping = tmp_path / "escaping"
    shutil.copytree(small_backup, escaping)
    bad = {**manifest, "files": [{"key": "evidence/../../etc/passwd", "bytes": 1, "sha256": "0" * 64}]}
    (escaping / "manifest.json").write_text(json.dumps(bad))
    assert "不是证据文件的名字" in refused(target, "restore", str(escaping))

    with target.app_context():
        assert sa.inspect(db.engine).get_table_names() == []  # nothing was restored


def test_an_instance_holding_data_is_not_overwritten_without_force(app, small_backup, make_user, tmp_path):
    make_user("lawyer")  # after the backup
    assert "已经有数据" in refused(app, "restore", str(small_backup))
    done = run(app, "restore", "--force", str(small_backup))
    assert done.exit_code == 0, done.output
    with app.app_context():
        roles = db.session.execute(sa.text("SELECT role FROM users")).scalars().all()
    assert roles == ["staff"]


def test_a_backup_is_never_written_over_another(small_backup, app):
    assert "不是空文件夹" in refused(app, "backup", str(small_backup))


def test_a_backup_taken_while_the_app_writes_restores_to_its_own_counts(app, empty_instance, tmp_path):
    """Rows keep arriving during the backup: the copy is one consistent moment, so the restored counts are the
    manifest's (restore checks them) whatever was written around it."""
    stop, written = threading.Event(), []

    def keep_writing():
        with app.app_context():
            while not stop.is_set():
                db.session.add(AuditEntry(action="view", record_type="account", record_id=str(len(written))))
                db.session.commit()
                written.append(1)
            db.session.remove()

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        while len(written) < 20:
            time.sleep(0.01)
        done = run(app, "backup", str(tmp_path / "backup"))
    finally:
        stop.set()
        writer.join()
    assert done.exit_code == 0, done.output
    target = empty_instance()
    done = run(target, "restore", str(tmp_path / "backup"))
    assert done.exit_code == 0, done.output
    with target.app_context():
        restored = db.session.query(AuditEntry).count()
    assert 20 <= restored == json.loads((tmp_path / "backup" / "manifest.json").read_text())["counts"]["audit_log"]
