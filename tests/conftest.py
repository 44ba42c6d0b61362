"""Shared fixtures: every test gets its own app and an empty, migrated database.

SQLite (default): a copy of a database file migrated once per session.
PostgreSQL (DATABASE_URL=postgresql://...): one database migrated once per session, emptied
after each test.
"""
import os
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from server import create_app
from server.config import database_url
from server.extensions import db

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "content"
DATABASE_URL = database_url(os.environ["DATABASE_URL"]) if os.environ.get("DATABASE_URL") else ""
ON_POSTGRES = DATABASE_URL.startswith(("postgres://", "postgresql"))


def base_config(**extra) -> dict:
    return {"TESTING": True, "CONTENT_DIR": str(FIXTURE_CONTENT), "SECRET_KEY": "test-secret-" + "x" * 40,
            "JWT_SECRET_KEY": "test-jwt-secret-" + "y" * 40, **extra}


def _migrate(url: str) -> None:
    app = create_app(base_config(SQLALCHEMY_DATABASE_URI=url))
    with app.app_context():
        if ON_POSTGRES:
            with db.engine.begin() as conn:
                conn.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        upgrade()
        db.engine.dispose()


@pytest.fixture(scope="session")
def database_template(tmp_path_factory):
    if ON_POSTGRES:
        _migrate(DATABASE_URL)
        return DATABASE_URL
    path = tmp_path_factory.mktemp("db") / "template.sqlite"
    _migrate(f"sqlite:///{path}")
    return path


@pytest.fixture
def db_url(database_template, tmp_path):
    if ON_POSTGRES:
        yield DATABASE_URL
        return
    path = tmp_path / "test.sqlite"
    shutil.copy(database_template, path)
    yield f"sqlite:///{path}"


@pytest.fixture
def make_app(db_url):
    """Build an app on this test's database; extra config as keyword arguments."""
    apps = []

    def factory(**extra):
        app = create_app(base_config(SQLALCHEMY_DATABASE_URI=db_url, **extra))
        apps.append(app)
        return app

    yield factory
    for app in apps:
        with app.app_context():
            if ON_POSTGRES and app is apps[0]:
                tables = [t.name for t in reversed(db.metadata.sorted_tables)]
                with db.engine.begin() as conn:
                    conn.execute(sa.text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
            db.engine.dispose()


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def loaded(app):
    """The app with the small fixture content loaded."""
    from server.cards.loader import load_content
    with app.app_context():
        load_content(app)
    return app
