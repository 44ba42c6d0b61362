"""Shared fixtures: every test gets its own app and an empty, migrated database.

SQLite (default): a copy of a database file migrated once per session.
PostgreSQL (DATABASE_URL=postgresql://...): a database of this run's own, made beside the one
named (so two suites on one server never meet), migrated once, emptied after each test, dropped
at the end.
"""
import base64
import contextlib
import itertools
import os
import secrets
import shutil
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient
from flask_migrate import upgrade

from server import create_app
from server.config import database_url
from server.extensions import db

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "content"
REAL_CONTENT = ROOT / "content"
DATABASE_URL = database_url(os.environ["DATABASE_URL"]) if os.environ.get("DATABASE_URL") else ""
ON_POSTGRES = DATABASE_URL.startswith(("postgres://", "postgresql"))


# The app has no built-in secret: tests bring their own, made for this run.
TEST_SECRETS = {"SECRET_KEY": secrets.token_urlsafe(32), "JWT_SECRET_KEY": secrets.token_urlsafe(32),
                "DATA_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()}


def base_config(**extra) -> dict:
    # Each app counts its rate limits apart, even when all of them share the local Redis.
    # Jobs run inline unless a test gives JOBS_URL (tests/test_jobs.py starts a real rq worker on Redis).
    return {"TESTING": True, "APP_ENV": "test", "CONTENT_DIR": str(FIXTURE_CONTENT), **TEST_SECRETS,
            "RATELIMIT_NAMESPACE": f"test-{uuid.uuid4().hex}", "JOBS_URL": "", **extra}


def app_at_revision(path, revision: str):
    """An app on a new SQLite file migrated only up to `revision` (a migration test's old database)."""
    app = create_app(base_config(SQLALCHEMY_DATABASE_URI=f"sqlite:///{path}"))
    with app.app_context():
        upgrade(revision=revision)
        db.engine.dispose()
    return app


def _migrate(url: str) -> None:
    app = create_app(base_config(SQLALCHEMY_DATABASE_URI=url))
    with app.app_context():
        upgrade()
        db.engine.dispose()


def _admin(sql: str) -> None:
    """Run CREATE/DROP DATABASE on the server DATABASE_URL names (outside a transaction)."""
    engine = sa.create_engine(DATABASE_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(sql))
    engine.dispose()


@pytest.fixture(scope="session")
def database_template(tmp_path_factory):
    if ON_POSTGRES:
        url = _fresh_postgres("tests")
        yield url
        _admin(f'DROP DATABASE IF EXISTS "{sa.engine.make_url(url).database}" WITH (FORCE)')
        return
    path = tmp_path_factory.mktemp("db") / "template.sqlite"
    _migrate(f"sqlite:///{path}")
    yield path


def _fresh_postgres(suffix: str) -> str:
    name = f"{sa.engine.make_url(DATABASE_URL).database}_run_{os.getpid()}_{suffix}"
    _admin(f'DROP DATABASE IF EXISTS "{name}"')
    _admin(f'CREATE DATABASE "{name}"')
    url = sa.engine.make_url(DATABASE_URL).set(database=name).render_as_string(hide_password=False)
    _migrate(url)
    return url


@pytest.fixture
def db_url(database_template, tmp_path):
    if ON_POSTGRES:
        yield database_template
        return
    path = tmp_path / "test.sqlite"
    shutil.copy(database_template, path)
    yield f"sqlite:///{path}"


class ReadingClient(FlaskClient):
    """Reads each answer whole and closes it, as a WSGI server does (files sent with send_file too)."""

    def open(self, *args, **kwargs):
        kwargs.setdefault("buffered", True)
        return super().open(*args, **kwargs)


@pytest.fixture
def make_app(db_url, tmp_path):
    """Build an app on this test's database (evidence files in its own folder); extra config as keyword arguments."""
    apps = []

    def factory(**extra):
        app = create_app(base_config(**{"SQLALCHEMY_DATABASE_URI": db_url, "STORAGE_DIR": str(tmp_path / "uploads"),
                                        "PACK_DIR": str(tmp_path / "pack"),
                                        **extra}))
        app.test_client_class = ReadingClient
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


@contextlib.contextmanager
def reading_app(database_template, tmp_path_factory, name: str, **config):
    """An app on a database of its own (`name` tells it apart) with content loaded once, for a
    module whose tests only read: loading the real content costs seconds, once a test adds up."""
    from server.cards.loader import load_content
    if ON_POSTGRES:
        url = _fresh_postgres(f"content_{abs(hash(name)) % 10**8}")
    else:
        path = tmp_path_factory.mktemp("content-db") / "content.sqlite"
        shutil.copy(database_template, path)
        url = f"sqlite:///{path}"
    # Files in folders of its own, not instance/ (two test processes may run at once).
    files = tmp_path_factory.mktemp("content-files")
    app = create_app(base_config(**{"SQLALCHEMY_DATABASE_URI": url, "CONTENT_DIR": str(REAL_CONTENT),
                                    "PACK_DIR": str(files / "pack"), "STORAGE_DIR": str(files / "uploads"),
                                    **config}))
    app.test_client_class = ReadingClient
    with app.app_context():
        load_content(app)
    yield app
    with app.app_context():
        db.engine.dispose()
    if ON_POSTGRES:
        _admin(f'DROP DATABASE IF EXISTS "{sa.engine.make_url(url).database}" WITH (FORCE)')


@pytest.fixture(scope="module")
def content_app(database_template, tmp_path_factory, request):
    """An app of the module's own with the real content/ loaded once, for tests that only read it."""
    with reading_app(database_template, tmp_path_factory, request.module.__name__) as app:
        yield app


_serial = itertools.count(1)


@pytest.fixture
def make_user(request):
    """Make an account: `make_user("staff")`, `make_user("worker", phone="13812345678")`.

    A password is hashed only when given (hashing is slow on purpose); `app=` picks the app
    when a test built its own with make_app. Every account but a worker's is put in an office: `office_id=`, else
    the default (root) office. Returns the User (detached, ids and fields loaded).
    """
    from server.accounts.models import User
    from server.accounts.passwords import hash_password
    from server.accounts.users import set_phone
    from server.offices.scope import default_office_id

    def factory(role="worker", *, app=None, username=None, password=None, phone=None, display_name="",
                active=True, wechat_openid=None, office_id=None):
        app = app or request.getfixturevalue("app")
        n = next(_serial)
        with app.app_context():
            user = User(role=role, display_name=display_name or f"测试{role}{n}", active=active,
                        username=username or (None if role == "worker" else f"{role}{n}"),
                        password_hash=hash_password(password) if password else None, wechat_openid=wechat_openid)
            if role != "worker":
                user.office_id = office_id or default_office_id()
            set_phone(user, phone)
            db.session.add(user)
            db.session.commit()
            db.session.refresh(user)
            db.session.expunge(user)
        return user

    return factory


class AuthHeaders(dict):
    """Request headers for a signed-in person; `.user` is who that is."""

    user = None


@pytest.fixture
def auth(make_user):
    """`headers = auth(client, "staff")`: sign in as a new account with that role (or as `user=`)."""  # noqa: D402
    from server.accounts import tokens

    def sign_in(client, role="worker", *, user=None, **fields):
        app = client.application
        user = user or make_user(role, app=app, **fields)
        with app.test_request_context():
            body = tokens.sign_in(user, "header")
        headers = AuthHeaders(Authorization=f"Bearer {body['access_token']}")
        headers.user = user
        headers.refresh = {"Authorization": f"Bearer {body['refresh_token']}"}
        return headers

    return sign_in


@pytest.fixture
def code2session():
    """A local code2session server for this test; configure an app with `code2session.config`."""
    from tests.fakes import APPID, SECRET, Code2Session

    server = Code2Session()
    server.thread.start()
    server.config = {"WECHAT_APPID": APPID, "WECHAT_SECRET": SECRET, "WECHAT_CODE2SESSION_URL": server.url}
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def sms(app):
    """The texts `app` sends: `sms.last_code("13812345678")`."""
    from tests.fakes import SmsOutbox
    outbox = SmsOutbox()
    app.extensions["sms_sender"] = outbox
    return outbox


@pytest.fixture
def make_application(request):
    """Apply for legal aid through the API, photos first, as the PWA's outbox does.

    `make_application(client, photos=2, case_type="injury", headers=volunteer)` returns the answer's
    JSON (id, code ...) plus `key`, `phone` and `upload_ids`; fields override the defaults.
    """
    from tests import photos as files

    def factory(client=None, *, photos=0, headers=None, key=None, expect=201, **fields):
        client = client or request.getfixturevalue("client")
        key = key or str(uuid.uuid4())
        upload_ids = []
        for n in range(photos):
            upload_id = str(uuid.uuid4())
            resp = files.post_photo(client, files.jpeg(1200, 900, gps=True), upload_id=upload_id, submission_id=key,
                                    label=f"证据{n + 1}")
            assert resp.status_code == 201, resp.get_json()
            upload_ids.append(upload_id)
        body = {"case_type": "wages", "account": "老板欠了我们三个月工资。", "employer_name": "李老板",
                "employer_phone": "13900001111", "contractor": "某某建设集团", "site": "幸福里工地",
                "project": "幸福里二期",
                "city": "成都市", "district": "武侯区", "started_on": "2026-03-01", "last_paid_on": "2026-06-30",
                "amount_owed_fen": 2_400_000, "applicant_name": "张三", "phone": "13800138000",
                "id_number": files.id_number(), "hometown": "四川省广安市", "consent_privacy": True,
                "consent_sensitive": True, "upload_ids": upload_ids, **fields}
        resp = client.post("/api/v1/applications", json=body, headers={**(headers or {}), "Idempotency-Key": key})
        assert resp.status_code == expect, resp.get_json()
        return {**resp.get_json(), "key": key, "phone": body["phone"], "upload_ids": upload_ids, "body": body}

    return factory


@pytest.fixture
def staff(client, auth):
    """Headers of a newly signed-in staff member (`staff.user` is the account)."""
    return auth(client, "staff")


@pytest.fixture
def volunteer(client, auth):
    """Headers of a newly signed-in volunteer, assigned to no event yet (`volunteer.user`)."""
    return auth(client, "volunteer")


@pytest.fixture
def make_event(client, staff):
    """Staff publish an event through the API and get it back as the API answered it.

    `make_event(title=..., status="draft", capacity=10)`; `signups=40`: that many workers signed
    up before the day (工友0…, phones 138000000NN, through the service); `volunteers=[user]`:
    the accounts assigned to it.
    """
    def factory(*, signups=0, volunteers=(), **fields):
        body = {"title": "欠薪维权讲座", "kind": "lecture", "place": "幸福里工地大门", "status": "published",
                "starts_at": (datetime.now(timezone.utc) + timedelta(days=3)).replace(microsecond=0).isoformat(),
                **fields}
        resp = client.post("/api/v1/events", json=body, headers=staff)
        assert resp.status_code == 201, resp.get_json()
        event = resp.get_json()
        if signups:
            from server.events import service as events
            from server.events.signups import sign_up
            with client.application.app_context():
                ev = events.get_event(event["id"])
                for i in range(signups):
                    sign_up(ev, {"name": f"工友{i}", "phone": f"138{i:08d}"})
        if volunteers:
            resp = client.put(f"/api/v1/events/{event['id']}/volunteers", headers=staff,
                              json={"user_ids": [u.id for u in volunteers]})
            assert resp.status_code == 200, resp.get_json()
            event = resp.get_json()
        return event

    return factory
