"""`flask office export` then `flask office import` into another deployment (issue 20, "one office alone"): county A
of a shared deployment leaves with everything of its own and nothing of its sibling county B's.

The source is the sibling-county world of tests/test_offices_walk.py (B's records all marked 乙县), with more of A's
own: a station under it, accounts with passwords, a case with two photos and a co-worker sent by a signed-in worker,
a check-in synced by A's volunteer. The targets are other deployments with keys of their own (DATA_KEY, SECRET_KEY,
JWT_SECRET_KEY): one empty, one with its own offices, accounts, cases and photos (its ids the same numbers as the
source's). On SQLite and PostgreSQL; local storage and S3 (moto's server)."""
import base64
import json
import secrets
import shutil
import uuid
import zipfile
from datetime import datetime, timezone

import boto3
import pytest
import sqlalchemy as sa

from server import create_app
from server.accounts.models import AuditEntry, User
from server.aid.models import Application, Notification
from server.backups import archive
from server.events.models import Attendee, CheckIn, Event, EventReportVersion
from server.extensions import db
from server.media.models import Upload
from server.offices.models import Office
from server.pii import lookup_hash
from tests.casework import CHECKLIST, act
from tests.conftest import ON_POSTGRES, ReadingClient, _admin, _fresh_postgres, base_config
from tests.fakes import SmsOutbox
from tests.test_media_s3 import KEYS, s3_server  # noqa: F401  (s3_server: the moto fixture)
from tests.test_offices_walk import MARK, _op, counties  # noqa: F401  (counties: the two sibling counties)

FIRST, PASSWORD = "given-by-admin-1", "handover-2026-pass"
B_PHONES = ["13800138022", "13800138033", "13800138044", "13900002222", "13900003333"]


@pytest.fixture
def deployment(database_template, tmp_path):
    """`deployment("target", **config)`: another deployment on a migrated database of its own, with keys of its own."""
    made = []

    def factory(name, **config):
        if ON_POSTGRES:
            url = _fresh_postgres(f"{name}_{uuid.uuid4().hex[:6]}")
        else:
            shutil.copy(database_template, tmp_path / f"{name}.sqlite")
            url = f"sqlite:///{tmp_path / f'{name}.sqlite'}"
        keys = {"SECRET_KEY": secrets.token_urlsafe(32), "JWT_SECRET_KEY": secrets.token_urlsafe(32),
                "DATA_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()}
        app = create_app(base_config(SQLALCHEMY_DATABASE_URI=url, STORAGE_DIR=str(tmp_path / f"{name}-files"),
                                     PACK_DIR=str(tmp_path / f"{name}-pack"), **keys, **config))
        app.test_client_class = ReadingClient
        made.append((app, url))
        return app

    yield factory
    for app, url in made:
        with app.app_context():
            db.engine.dispose()
        if ON_POSTGRES:
            _admin(f'DROP DATABASE IF EXISTS "{sa.engine.make_url(url).database}" WITH (FORCE)')


@pytest.fixture
def storage_kind():
    return "local"


@pytest.fixture
def target_storage(request, storage_kind):
    """The target deployment's storage settings (the source keeps its local folder)."""
    if storage_kind == "local":
        yield {}
        return
    url = request.getfixturevalue("s3_server")
    s3 = boto3.client("s3", endpoint_url=url, aws_access_key_id=KEYS["S3_ACCESS_KEY_ID"],
                      aws_secret_access_key=KEYS["S3_SECRET_ACCESS_KEY"], region_name=KEYS["S3_REGION"])
    bucket = f"handover-{uuid.uuid4().hex[:8]}"
    s3.create_bucket(Bucket=bucket)
    yield {"STORAGE_BACKEND": "s3", "S3_ENDPOINT_URL": url, "S3_BUCKET": bucket, **KEYS}
    for obj in s3.list_objects_v2(Bucket=bucket).get("Contents", []):
        s3.delete_object(Bucket=bucket, Key=obj["Key"])
    s3.delete_bucket(Bucket=bucket)
    s3.close()


def run(app, *args):
    result = app.test_cli_runner().invoke(args=list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def refused(app, *args) -> str:
    result = run(app, *args)
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    return result.output


def sign_in(client, username, password=PASSWORD) -> dict:
    resp = client.post("/api/v1/auth/login", json={"username": username, "password": password,
                                                   "token_delivery": "header"})
    assert resp.status_code == 200, (username, resp.get_json())
    return {"Authorization": f"Bearer {resp.get_json()['access_token']}"}


@pytest.fixture
def source(app, client, counties, make_application, make_user, auth):
    """County A's own records on top of the two counties, and what A's chief reads of them at the source."""
    people, a = counties["people"], counties["a_values"]
    admin_a = people["admin_a"]
    station = _op(client, admin_a, "/api/v1/offices", {"parent_id": a["office_id"], "name": "甲县某某镇工作站"})["id"]
    for username, office in (("jiaxian.chief", a["office_id"]), ("jiaxian.station", station)):
        _op(client, admin_a, "/api/v1/users", {"role": "staff", "username": username, "password": FIRST,
                                               "display_name": f"甲县{username}", "office_id": office})
        changed = client.post("/api/v1/me/password", headers=sign_in(client, username, FIRST),
                              json={"current": FIRST, "new": PASSWORD})  # their own password, before the move
        assert changed.status_code == 200, changed.get_json()
    worker = make_user("worker", phone="13700137001", display_name="甲县工友老周")
    from server.accounts import tokens
    with app.test_request_context():
        worker_headers = {"Authorization": f"Bearer {tokens.sign_in(worker, 'header')['access_token']}"}
    second = make_application(client, photos=2, headers=worker_headers, phone="13700137001", applicant_name="周甲",
                              employer_phone="028-85551234",
                              coworkers=[{"name": "甲县工友小吴", "phone": "13700137002"}])
    with app.app_context():
        db.session.get(Application, second["id"]).office_id = station
        db.session.commit()
    zhang = make_user("worker", phone="13800138011", display_name="甲县工友张三")  # A's first applicant, by phone
    # The province's admin looks the same worker up for one of B's cases: that stays behind (its reason names B).
    revealed = client.post(f"/api/v1/users/{zhang.id}/reveal", headers=auth(client, "admin"),
                           json={"field": "phone", "reason": f"{MARK}的案子回电核实"})
    assert revealed.status_code == 200, revealed.get_json()
    token = client.get(f"/api/v1/events/{a['event_id']}/roster", headers=people["volunteer_a"]).get_json()
    op = {"id": str(uuid.uuid4()), "type": "checkin", "event_id": a["event_id"],
          "qr_token": token["attendees"][0]["qr_token"], "device_time": datetime.now(timezone.utc).isoformat()}
    synced = _op(client, people["volunteer_a"], "/api/v1/sync", {"device_id": "phone-a", "operations": [op]})
    assert synced["counts"] == {"applied": 1}, synced
    chief = sign_in(client, "jiaxian.chief")
    assert act(client, chief, second["id"], "accept", checklist=CHECKLIST).status_code == 200  # a text to the worker
    cases = {}
    for case_id in (a["application_id"], second["id"]):
        view = case_with_phone(client, chief, case_id)
        photos = [(client.get(f"/api/v1/uploads/{p['id']}", headers=chief).data,
                   client.get(f"/api/v1/uploads/{p['id']}/thumbnail", headers=chief).data) for p in view["evidence"]]
        cases[view["code"]] = {"view": view, "photos": photos, "view_at": datetime.now(timezone.utc).isoformat()}
    with app.app_context():
        office_ids = set(db.session.scalars(db.select(Office.id).where(Office.path.startswith(
            db.session.get(Office, a["office_id"]).path))))
        users = {u.id: (u.role, u.username, u.display_name) for u in db.session.scalars(
            db.select(User).where(User.office_id.in_(office_ids) | User.display_name.startswith("甲县工友")))}
        texts = sorted(db.session.scalars(db.select(Notification.text).where(
            Notification.application_id.in_([a["application_id"], second["id"]]))))
        audit = [(e.action, e.record_type, e.at) for e in db.session.scalars(db.select(AuditEntry).where(
            AuditEntry.actor_id.in_([i for i, u in users.items() if u[0] != "worker"])))]
    assert len(cases) == 2 and all(len(c["photos"]) for c in cases.values()) and texts
    return {"texts": texts, "office_id": a["office_id"], "cases": cases, "users": users, "audit": audit,
            "people": people, "event_id": a["event_id"], "b_strings": counties["b_strings"]}


def export(app, tmp_path, office_id, name="a"):
    done = run(app, "office", "export", str(office_id), str(tmp_path / f"{name}.zip"),
               "--key-file", str(tmp_path / f"{name}.key"))
    assert done.exit_code == 0, done.output
    return tmp_path / f"{name}.zip", tmp_path / f"{name}.key"


def opened(path, key_path) -> tuple[dict, bytes]:
    arc = archive.Archive(path, archive.read_key(key_path))
    try:
        return arc.manifest, b"".join(arc.open(m["name"]) for m in arc.manifest["members"])
    finally:
        arc.close()


def test_nothing_of_the_sibling_county_is_in_the_archive_sealed_or_opened(app, source, tmp_path):
    path, key_path = export(app, tmp_path, source["office_id"])
    with app.app_context():
        manifest, inside = opened(path, key_path)
    raw, text = path.read_bytes(), inside.decode("utf-8", "replace")
    for mark in [MARK, *B_PHONES, *source["b_strings"]]:
        assert mark.encode() not in raw and mark not in text, mark
    # Inside, A's personal data is there in clear (sealed under the archive key), and outside it is not.
    for clear in ("13800138011", "13700137001", "13700137002", "028-85551234", "甲县工友老周"):
        assert clear in text and clear.encode() not in raw, clear
    for name in ("DATA_KEY", "SECRET_KEY", app.config["DATA_KEY"], app.config["JWT_SECRET_KEY"]):
        assert name not in text and name.encode() not in raw
    assert manifest["counts"]["aid_applications"] == 2 and manifest["counts"]["offices"] == 2
    assert manifest["counts"]["checkins"] == 1 and manifest["counts"]["event_report_versions"] == 1
    # the data, three photos and their thumbnails, and the clip of A's spoken question (tests/test_offices_walk.py)
    assert len(manifest["members"]) == 1 + 2 * 3 + 1
    with app.app_context():  # the export is on the source's record
        entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "office_export"))
        assert entry.record_id == str(source["office_id"]) and entry.detail["archive_id"] == manifest["archive_id"]


def case_with_phone(client, headers, case_id) -> dict:
    """The case view with the worker's whole phone, which comes only by 打电话 (POST /cases/{id}/call)."""
    view = client.get(f"/api/v1/cases/{case_id}", headers=headers).get_json()
    called = client.post(f"/api/v1/cases/{case_id}/call", headers=headers)
    assert called.status_code == 200, called.get_json()
    return {**view, "phone": called.get_json()["phone"]}


def check_imported(target, source, office_id, merged=()):
    """Everything of A's is in the target under `office_id`, readable with the target's keys (the workers named in
    `merged` had an account here already and keep it)."""
    client = target.test_client()
    chief = sign_in(client, "jiaxian.chief")
    sign_in(client, "jiaxian.station")
    for code, was in source["cases"].items():
        with target.app_context():
            case_id = db.session.scalar(db.select(Application.id).where(Application.code == code))
        view = case_with_phone(client, chief, case_id)
        for field in ("phone", "id_number", "employer_phone", "coworkers", "applicant_name", "stage", "stage_label"):
            assert view[field] == was["view"][field], field
        assert [t["note"] for t in view["timeline"]] == [t["note"] for t in was["view"]["timeline"]]
        photos = [(client.get(f"/api/v1/uploads/{p['id']}", headers=chief).data,
                   client.get(f"/api/v1/uploads/{p['id']}/thumbnail", headers=chief).data) for p in view["evidence"]]
        assert photos == was["photos"]
        tracked = client.post("/api/v1/applications/track", json={"code": code, "phone": was["view"]["phone"]})
        assert tracked.status_code == 200, tracked.get_json()
        # The reads made at the source are the case's reads here, under its new id, by the same people.
        reads = client.get(f"/api/v1/cases/{case_id}/audit", headers=chief).get_json()["items"]
        assert [r["at"] for r in reads if r["at"] < was["view_at"]] and \
            {r["user_name"] for r in reads if r["at"] < was["view_at"]} >= {"甲县jiaxian.chief"}
    with target.app_context():
        subtree = db.session.get(Office, office_id)
        assert subtree.name == "甲县法律援助中心"
        offices = set(db.session.scalars(db.select(Office.id).where(Office.path.startswith(subtree.path))))
        assert len(offices) == 2
        users = {(u.role, u.username, u.display_name) for u in db.session.scalars(db.select(User))}
        assert {u for u in source["users"].values() if u[2] not in merged} <= users
        assert db.session.scalar(db.select(User.id).where(User.phone_hash == lookup_hash("13700137001")))
        event = db.session.scalar(db.select(Event).where(Event.office_id.in_(offices)))
        assert event.title == "甲县讲座" and [v.user_id for v in event.volunteers]
        attendee = db.session.scalar(db.select(Attendee).where(Attendee.event_id == event.id))
        assert attendee.phone_hash == lookup_hash("13900001111") and attendee.name == "甲县报名人"
        assert db.session.scalar(db.select(sa.func.count(CheckIn.id)).where(CheckIn.event_id == event.id)) == 1
        assert db.session.scalar(db.select(EventReportVersion.worry).where(EventReportVersion.event_id == event.id)) \
            == "甲县欠薪"
        audit = [(e.action, e.record_type, e.at) for e in db.session.scalars(db.select(AuditEntry))]
        assert set(source["audit"]) <= set(audit)
        codes = list(source["cases"])
        assert sorted(db.session.scalars(db.select(Notification.text).join(
            Application, Application.id == Notification.application_id).where(Application.code.in_(codes)))) \
            == source["texts"]
        assert MARK not in json.dumps([e.detail for e in db.session.scalars(db.select(AuditEntry))],
                                      ensure_ascii=False)
    outbox = target.extensions["sms_sender"] = SmsOutbox()
    assert client.post("/api/v1/auth/otp", json={"phone": "13800138011"}).status_code == 202
    worker = client.post("/api/v1/auth/otp/verify", json={"phone": "13800138011", "token_delivery": "header",
                                                          "code": outbox.last_code("13800138011")})
    assert worker.status_code == 200, worker.get_json()
    assert worker.get_json()["user"]["display_name"] == "甲县工友张三"  # their account, found by phone here
    mine = client.get("/api/v1/me/applications",
                      headers={"Authorization": f"Bearer {worker.get_json()['access_token']}"}).get_json()["items"]
    assert [m["code"] for m in mine] == [c for c, was in source["cases"].items()
                                         if was["view"]["phone"] == "13800138011"]
    return chief


@pytest.mark.parametrize("storage_kind", ["local", "s3"])
def test_county_a_moves_into_an_empty_deployment_whole_and_readable(app, source, deployment, target_storage,
                                                                    tmp_path):
    path, key_path = export(app, tmp_path, source["office_id"])
    target = deployment("empty", **target_storage)
    done = run(target, "office", "import", str(path), "--key-file", str(key_path))
    assert done.exit_code == 0, done.output
    with target.app_context():
        office_id = db.session.scalar(db.select(Office.id).where(Office.name == "甲县法律援助中心"))
        assert db.session.get(Office, office_id).parent_id is not None  # under the target's root
    chief = check_imported(target, source, office_id)
    # Lists are scoped by the new tree: the chief sees A's two cases, and the event's debrief.
    assert len(target.test_client().get("/api/v1/cases", headers=chief).get_json()["items"]) == 2

    again = refused(target, "office", "import", str(path), "--key-file", str(key_path))
    assert "已经导入过" in again
    with target.app_context():
        assert db.session.query(Application).count() == 2 and db.session.query(Upload).count() == 3


def test_county_a_moves_under_an_office_of_a_deployment_with_its_own_data(app, source, deployment, tmp_path, auth,
                                                                         make_application):
    path, key_path = export(app, tmp_path, source["office_id"])
    target = deployment("busy")
    client = target.test_client()
    admin = auth(client, "admin")
    city = _op(client, admin, "/api/v1/offices",
               {"parent_id": admin.user.office_id, "name": "绵阳市法律援助中心"})["id"]
    own = [make_application(client, photos=1, phone="13600136001", applicant_name="本地工友")]
    worker_here = User(role="worker", display_name="老周在这里")
    with target.app_context():
        from server.accounts.users import set_phone
        set_phone(worker_here, "13700137001")  # the same worker already has an account here
        db.session.add(worker_here)
        db.session.commit()
        worker_id = worker_here.id
        before = {"applications": db.session.query(Application).count(), "users": db.session.query(User).count()}
    done = run(target, "office", "import", str(path), "--key-file", str(key_path), "--under", str(city))
    assert done.exit_code == 0, done.output
    assert "已有账号" in done.output
    with target.app_context():
        office_id = db.session.scalar(db.select(Office.id).where(Office.name == "甲县法律援助中心"))
        assert db.session.get(Office, office_id).parent_id == city
        assert db.session.query(Application).count() == before["applications"] + 2
        assert db.session.query(User).filter(User.phone_hash == lookup_hash("13700137001")).one().id == worker_id
        mine = db.session.scalar(db.select(Application).where(Application.applicant_name == "周甲"))
        assert mine.submitted_by_id == worker_id
    check_imported(target, source, office_id, merged={"甲县工友老周"})
    # The target's own case is untouched and still its own office's.
    view = case_with_phone(client, admin, own[0]["id"])
    assert view["phone"] == "13600136001" and view["applicant_name"] == "本地工友"


def test_a_damaged_or_wrongly_keyed_archive_imports_nothing_and_says_why(app, source, deployment, tmp_path):
    path, key_path = export(app, tmp_path, source["office_id"])
    target = deployment("careful")

    def nothing_imported():
        with target.app_context():
            assert db.session.query(Application).count() == 0 and db.session.query(Office).count() <= 1
            assert db.session.query(User).count() == 0 and db.session.query(AuditEntry).count() == 0
        files = tmp_path / "careful-files"
        assert not files.exists() or not [p for p in files.rglob("*") if p.is_file()]

    other_key = tmp_path / "other.key"
    archive.write_key(other_key, archive.new_key())
    assert "钥匙不对" in refused(target, "office", "import", str(path), "--key-file", str(other_key))
    assert "找不到钥匙文件" in refused(target, "office", "import", str(path), "--key-file", str(tmp_path / "no.key"))

    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    assert "被截断" in refused(target, "office", "import", str(truncated), "--key-file", str(key_path))

    with zipfile.ZipFile(path) as zf:
        members = {info.filename: zf.read(info.filename) for info in zf.infolist()}
    for name, change in (("files/2.sealed", "flip"), ("manifest.json", "counts")):
        tampered = tmp_path / f"tampered-{change}.zip"
        with zipfile.ZipFile(tampered, "w") as zf:
            for member, data in members.items():
                if member == name and change == "flip":
                    data = data[:40] + bytes([data[40] ^ 1]) + data[41:]
                elif member == name:
                    manifest = json.loads(data)
                    manifest["counts"]["aid_applications"] = 1
                    data = json.dumps(manifest).encode()
                zf.writestr(member, data)
        said = refused(target, "office", "import", str(tampered), "--key-file", str(key_path))
        assert ("校验和与清单不符" if change == "flip" else "清单被改动过") in said, said

    stranger = tmp_path / "photos.zip"
    with zipfile.ZipFile(stranger, "w") as zf:
        zf.writestr("a.jpg", b"x")
    assert "不完整" in refused(target, "office", "import", str(stranger), "--key-file", str(key_path))
    with zipfile.ZipFile(stranger, "w") as zf:
        zf.writestr("manifest.json", json.dumps({"format": "gongyou-backup", "version": 1}))
    assert "不是机构移交档案" in refused(target, "office", "import", str(stranger), "--key-file", str(key_path))
    nothing_imported()
    done = run(target, "office", "import", str(path), "--key-file", str(key_path))
    assert done.exit_code == 0, done.output  # the good archive still imports after all that


def test_an_export_never_overwrites_and_a_missing_office_is_said_plainly(app, source, tmp_path):
    path, key_path = export(app, tmp_path, source["office_id"])
    assert "已经存在" in refused(app, "office", "export", str(source["office_id"]), str(path),
                                 "--key-file", str(tmp_path / "new.key"))
    assert "已经存在" in refused(app, "office", "export", str(source["office_id"]), str(tmp_path / "new.zip"),
                                 "--key-file", str(key_path))
    assert "没有编号为 999999 的机构" in refused(app, "office", "export", "999999", str(tmp_path / "none.zip"),
                                             "--key-file", str(tmp_path / "none.key"))
    assert not (tmp_path / "none.key").exists() and not (tmp_path / "new.key").exists()


def test_an_import_that_fails_late_leaves_no_row_and_no_file(app, source, deployment, tmp_path, monkeypatch,
                                                             make_user):
    """The files are in storage and most rows written when the last table fails: the rows roll back and the files
    go again. And a staff username already taken here is refused before anything is written."""
    from server.backups import office_import
    path, key_path = export(app, tmp_path, source["office_id"])
    target = deployment("late")
    real = office_import.from_json

    def failing(name, row):
        if name == "audit_log":
            raise office_import.BackupError("审计日志写不进去（测试）")
        return real(name, row)

    monkeypatch.setattr(office_import, "from_json", failing)
    assert "审计日志写不进去" in refused(target, "office", "import", str(path), "--key-file", str(key_path))
    monkeypatch.undo()
    with target.app_context():
        assert db.session.query(Application).count() == db.session.query(User).count() == 0
        assert db.session.query(Upload).count() == db.session.query(Event).count() == 0
        assert db.session.query(Office).count() <= 1
    assert not [p for p in (tmp_path / "late-files").rglob("*") if p.is_file()]

    make_user("staff", app=target, username="jiaxian.chief")
    said = refused(target, "office", "import", str(path), "--key-file", str(key_path))
    assert "用户名已被本机的账号占用：jiaxian.chief" in said
    with target.app_context():
        assert db.session.query(Application).count() == 0
