"""Liveness, readiness and start-up checks an operator relies on."""

from server import create_app
from tests.conftest import base_config


def test_healthz_is_ok(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}


def test_readyz_is_ready_on_a_migrated_database(client):
    body = client.get("/readyz").get_json()
    assert body["ready"] is True


def test_readyz_is_not_ready_before_migrations(tmp_path):
    app = create_app(base_config(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/empty.sqlite"))
    resp = app.test_client().get("/readyz")
    assert resp.status_code == 503
    assert "迁移" in resp.get_json()["message"]


def test_readyz_is_not_ready_when_the_database_is_unreachable():
    app = create_app(base_config(
        SQLALCHEMY_DATABASE_URI="postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1"))
    resp = app.test_client().get("/readyz")
    assert resp.status_code == 503 and resp.get_json()["ready"] is False


# Production's start-up refusals: tests/test_startup_safety.py.


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    # Its own SQLite file, so this runs in the PostgreSQL pass too.
    from server.extensions import db
    app = create_app(base_config(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/wal.sqlite"))
    with app.app_context(), db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == app.config["SQLITE_BUSY_TIMEOUT_MS"] >= 15000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    with app.app_context():
        db.engine.dispose()
