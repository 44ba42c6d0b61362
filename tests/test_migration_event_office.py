"""Migration 0015_event_office on a populated database: every event lands in the default office (the root), the
column then refuses an event with no office, and the office's staff see every migrated event, as before.

The old events are made by an account and have a debrief, so rows point at both `users` and `events`: on SQLite a
batch migration rebuilds such a table, which fails with foreign keys on (migrations/env.py turns them off around
the migration and checks them before it commits)."""
import sqlite3

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from server.extensions import db
from tests.conftest import app_at_revision


def _old_events(path, office: bool = True):
    con = sqlite3.connect(path)
    con.execute(f"INSERT INTO users (id, role, username, display_name, active, created_at{', office_id' * office})"
                f" VALUES (1, 'staff', 'staff', '', 1, '2026-12-01 00:00:00'{', 1' * office})")
    con.executemany("INSERT INTO events (id, title, kind, starts_at, place, description, status, created_by,"
                    " created_at, updated_at) VALUES (?, ?, 'lecture', '2026-12-20 01:00:00', '工地', '', 'published',"
                    " 1, '2026-12-01 00:00:00', '2026-12-01 00:00:00')", [(1, "老讲座"), (2, "老走访")])
    con.execute("INSERT INTO event_reports (event_id, worry, urgent_problem, service_suggestion,"
                " next_event_suggestion, people_reached, leaflets_given, updated_at, submitted_by)"
                " VALUES (1, '怕欠薪', '', '', '', 30, 50, '2026-12-20 08:00:00', 1)")
    con.commit()
    con.close()


def test_every_event_lands_in_the_default_office_and_stays_there(tmp_path):
    path = tmp_path / "old.db"
    app = app_at_revision(path, "0014_offices")
    _old_events(path)
    with app.app_context():
        upgrade()
        assert db.session.execute(sa.text("SELECT id, office_id FROM events ORDER BY id")).all() == [(1, 1), (2, 1)]
        with pytest.raises(sa.exc.IntegrityError):
            with db.engine.begin() as conn:
                conn.execute(sa.text("INSERT INTO events (title, kind, starts_at, place, description, status,"
                                     " created_at, updated_at) VALUES ('无机构', 'lecture', '2026-12-20 01:00:00',"
                                     " '工地', '', 'draft', '2026-12-01 00:00:00', '2026-12-01 00:00:00')"))
        downgrade(revision="0014_offices")
        columns = {c["name"] for c in sa.inspect(db.engine).get_columns("events")}
        db.engine.dispose()
    assert "office_id" not in columns


def test_a_database_from_before_offices_with_events_made_by_accounts_migrates(tmp_path):
    """0014_offices rebuilds `users` and 0015 `events`, both pointed at by other rows."""
    path = tmp_path / "older.db"
    app = app_at_revision(path, "0013_lawyer_firm")
    _old_events(path, office=False)
    with app.app_context():
        upgrade()
        events = db.session.execute(sa.text("SELECT id, office_id, created_by FROM events ORDER BY id")).all()
        staff = db.session.execute(sa.text("SELECT office_id FROM users")).scalar()
        foreign_keys = db.session.execute(sa.text("PRAGMA foreign_keys")).scalar()
        db.engine.dispose()
    assert (events, staff) == ([(1, 1, 1), (2, 1, 1)], 1)
    assert foreign_keys == 1  # on again for the app's connections


def test_the_migrated_office_sees_its_events_as_before(tmp_path, auth):
    from server import create_app
    from tests.conftest import base_config
    path = tmp_path / "old.db"
    app_at_revision(path, "0014_offices")
    _old_events(path)
    app = create_app(base_config(SQLALCHEMY_DATABASE_URI=f"sqlite:///{path}", STORAGE_DIR=str(tmp_path / "up")))
    with app.app_context():
        upgrade()
        from server.accounts.models import User
        staff = db.session.get(User, 1)
        db.session.expunge(staff)
    client = app.test_client()
    headers = auth(client, user=staff)
    listed = client.get("/api/v1/office/events", headers=headers).get_json()
    assert sorted(e["id"] for e in listed) == [1, 2]
    assert client.get("/api/v1/events/1/roster", headers=headers).status_code == 200
    with app.app_context():
        db.engine.dispose()
