"""Migration 0014_offices on a populated database: one default office, every account but a worker's in it, every
application in it; the app then shows the office's staff every case, as before offices came."""
import sqlite3

from flask_migrate import upgrade

from server.extensions import db
from tests.conftest import app_at_revision

APPLICATION_COLUMNS = ("client_id", "code", "case_type", "account", "employer_name", "employer_phone_masked",
                       "contractor", "site", "project", "city", "district", "coworkers", "applicant_name",
                       "phone_hash", "phone_enc", "phone_masked", "id_number_hash", "id_number_enc",
                       "id_number_masked", "hometown", "consent_privacy", "consent_sensitive", "means_test",
                       "honesty_commitment", "submitted_by_role", "on_behalf", "worker_consent_confirmed", "stage",
                       "created_at", "updated_at")


def _application(n: int) -> tuple:
    values = {"client_id": f"key-{n}", "code": f"CODE{n}", "case_type": "wages", "coworkers": "[]",
              "means_test": "art42_exempt", "stage": "submitted", "created_at": "2026-12-01 00:00:00",
              "updated_at": "2026-12-01 00:00:00", "consent_privacy": 1, "consent_sensitive": 1,
              "honesty_commitment": 0, "on_behalf": 0, "worker_consent_confirmed": 1}
    return tuple(values.get(column, "") for column in APPLICATION_COLUMNS)


def test_every_account_and_application_lands_in_the_default_office(tmp_path):
    path = tmp_path / "old.db"
    app = app_at_revision(path, "0013_lawyer_firm")
    con = sqlite3.connect(path)
    con.executemany("INSERT INTO users (id, role, username, display_name, active, created_at)"
                    " VALUES (?, ?, ?, '', 1, '2026-12-01 00:00:00')",
                    [(1, "admin", "admin"), (2, "staff", "staff"), (3, "lawyer", "lawyer"),
                     (4, "volunteer", "volunteer"), (5, "worker", None)])
    con.executemany(f"INSERT INTO aid_applications ({', '.join(APPLICATION_COLUMNS)}) VALUES"
                    f" ({', '.join('?' for _ in APPLICATION_COLUMNS)})", [_application(n) for n in (1, 2, 3)])
    con.commit()
    con.close()
    with app.app_context():
        upgrade()
        offices = db.session.execute(db.text("SELECT id, parent_id, path, name, kind FROM offices")).all()
        users = dict(db.session.execute(db.text("SELECT role, office_id FROM users")).all())
        applications = db.session.execute(db.text("SELECT office_id FROM aid_applications")).scalars().all()
        db.engine.dispose()
    assert [tuple(o) for o in offices] == [(1, None, "/1/", "本机构", "other")]
    assert users == {"admin": 1, "staff": 1, "lawyer": 1, "volunteer": 1, "worker": None}
    assert applications == [1, 1, 1]


def test_a_one_office_deployment_works_as_before(tmp_path, auth, make_application):
    """After the upgrade the migrated staff member sees every migrated case and a new one, as before."""
    from server import create_app
    from tests.conftest import base_config
    path = tmp_path / "old.db"
    app_at_revision(path, "0013_lawyer_firm")
    con = sqlite3.connect(path)
    con.execute("INSERT INTO users (id, role, username, display_name, active, created_at)"
                " VALUES (1, 'staff', 'staff', '', 1, '2026-12-01 00:00:00')")
    con.executemany(f"INSERT INTO aid_applications ({', '.join(APPLICATION_COLUMNS)}) VALUES"
                    f" ({', '.join('?' for _ in APPLICATION_COLUMNS)})", [_application(n) for n in (1, 2)])
    con.commit()
    con.close()
    app = create_app(base_config(SQLALCHEMY_DATABASE_URI=f"sqlite:///{path}", STORAGE_DIR=str(tmp_path / "up")))
    with app.app_context():
        upgrade()
        from server.accounts.models import User
        staff = db.session.get(User, 1)
        db.session.expunge(staff)
    client = app.test_client()
    make_application(client, phone="13800138055")
    headers = auth(client, user=staff)
    body = client.get("/api/v1/cases", headers=headers).get_json()
    assert body["counts"]["all"] == 3
    offices = client.get("/api/v1/offices", headers=headers).get_json()
    assert [(o["id"], o["name"], o["kind_label"]) for o in offices["items"]] == [(1, "本机构", "其他")]
    with app.app_context():
        db.engine.dispose()


def test_accounts_that_other_rows_point_at_migrate_on_sqlite(tmp_path):
    """0014 rebuilds `users` on SQLite (a batch migration: copy, drop, rename); an event made by the account and its
    debrief point at it, and the drop failed with foreign keys on (migrations/env.py turns them off around the
    migration, checks them before it commits, and turns them on again)."""
    path = tmp_path / "old.db"
    app = app_at_revision(path, "0013_lawyer_firm")
    con = sqlite3.connect(path)
    con.execute("INSERT INTO users (id, role, username, display_name, active, created_at)"
                " VALUES (1, 'staff', 'staff', '', 1, '2026-12-01 00:00:00')")
    con.execute("INSERT INTO events (id, title, kind, starts_at, place, description, status, created_by, created_at,"
                " updated_at) VALUES (1, '老讲座', 'lecture', '2026-12-20 01:00:00', '工地', '', 'published', 1,"
                " '2026-12-01 00:00:00', '2026-12-01 00:00:00')")
    con.commit()
    con.close()
    with app.app_context():
        upgrade(revision="0014_offices")
        staff = db.session.execute(db.text("SELECT id, office_id FROM users")).all()
        made_by = db.session.execute(db.text("SELECT created_by FROM events")).scalar()
        foreign_keys = db.session.execute(db.text("PRAGMA foreign_keys")).scalar()
        db.engine.dispose()
    assert ([tuple(s) for s in staff], made_by, foreign_keys) == ([(1, 1)], 1, 1)
