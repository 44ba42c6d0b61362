"""No built-in secret signs anything: a served app starts only on real, strong keys, and says why not.

The attack this stops: with the development secret in the code, anyone could sign
{"role": "admin"} and read every account, and decrypt every phone (DATA_KEY derived from it).
"""
import base64
import logging
import secrets
import time

import jwt as pyjwt
import pytest

from server import create_app
from server.config import UnsafeConfig
from tests.conftest import base_config
from tests.served import Gunicorn

OLD_BUILT_IN_SECRET = "dev-only-secret-change-me-in-production-0123456789"


def strong() -> str:
    return secrets.token_urlsafe(32)


def data_key(n: int = 32) -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(n)).decode()


def production(tmp_path, **extra) -> dict:
    """A production environment that starts; each test spoils one thing."""
    return {"APP_ENV": "production", "SECRET_KEY": strong(), "JWT_SECRET_KEY": strong(), "DATA_KEY": data_key(),
            "PUBLIC_URL": "https://fayuan.example.org", "SMS_SENDER": "tests.fakes:SmsOutbox",
            "DATABASE_URL": f"sqlite:///{tmp_path}/p.sqlite", **extra}


def start_with_env(monkeypatch, env: dict):
    for name in ("APP_ENV", "SECRET_KEY", "JWT_SECRET_KEY", "DATA_KEY", "PUBLIC_URL", "SMS_SENDER",
                 "SMS_LOG_IN_PRODUCTION", "REDIS_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return create_app()


def test_production_with_strong_secrets_starts(monkeypatch, tmp_path):
    app = start_with_env(monkeypatch, production(tmp_path))
    assert app.config["APP_ENV"] == "production"


@pytest.mark.parametrize("app_env", ["prod", "Production", "staging", ""])
def test_an_unknown_app_env_refuses_to_start(monkeypatch, tmp_path, app_env):
    with pytest.raises(UnsafeConfig, match="APP_ENV"):
        start_with_env(monkeypatch, production(tmp_path, APP_ENV=app_env))


@pytest.mark.parametrize("spoil, named", [
    ({"SECRET_KEY": ""}, "SECRET_KEY"),
    ({"JWT_SECRET_KEY": ""}, "JWT_SECRET_KEY"),
    ({"DATA_KEY": ""}, "DATA_KEY"),
    ({"SECRET_KEY": "abcd1234"}, "SECRET_KEY is weak"),
    ({"JWT_SECRET_KEY": "x" * 64}, "JWT_SECRET_KEY is weak"),
    ({"SECRET_KEY": OLD_BUILT_IN_SECRET}, "SECRET_KEY is weak"),
    ({"DATA_KEY": base64.b64encode(b"abc").decode()}, "DATA_KEY is not base64 of 32 bytes"),
    ({"DATA_KEY": "not base64 at all!!"}, "DATA_KEY is not base64 of 32 bytes"),
    ({"DATA_KEY": "A" * 43 + "="}, "DATA_KEY is not random"),
    ({"PUBLIC_URL": ""}, "PUBLIC_URL"),
    ({"SMS_SENDER": "log"}, "SMS_SENDER"),
    ({"METRICS_TOKEN": "prometheus-scrape-token"}, "METRICS_TOKEN is weak"),
])
def test_production_refuses_weak_or_missing_settings(monkeypatch, tmp_path, spoil, named):
    with pytest.raises(UnsafeConfig, match=named):
        start_with_env(monkeypatch, production(tmp_path, **spoil))


def test_a_data_key_that_is_not_base64_is_refused_in_every_environment(make_app):
    with pytest.raises(UnsafeConfig, match="DATA_KEY"):
        make_app(DATA_KEY="%%%not-base64%%%")


def test_the_tests_themselves_must_bring_their_keys(db_url):
    config = base_config(SQLALCHEMY_DATABASE_URI=db_url)
    del config["DATA_KEY"]
    with pytest.raises(UnsafeConfig, match="DATA_KEY"):
        create_app(config)


def test_development_makes_its_own_keys_once_per_machine(monkeypatch, tmp_path):
    env = {"APP_ENV": "development", "DATABASE_URL": f"sqlite:///{tmp_path}/d.sqlite"}
    monkeypatch.setenv("INSTANCE_DIR", str(tmp_path / "one"))
    first = start_with_env(monkeypatch, env).config
    again = start_with_env(monkeypatch, env).config
    monkeypatch.setenv("INSTANCE_DIR", str(tmp_path / "two"))
    other = start_with_env(monkeypatch, env).config
    names = ("SECRET_KEY", "JWT_SECRET_KEY", "DATA_KEY")
    assert [first[n] for n in names] == [again[n] for n in names]  # sessions and phones survive a restart
    assert all(first[n] != other[n] for n in names)  # another machine, other keys
    assert OLD_BUILT_IN_SECRET not in {first[n] for n in names}
    assert (tmp_path / "one" / "dev-keys.json").stat().st_mode & 0o077 == 0  # readable by its owner only


def test_a_token_signed_with_the_old_built_in_secret_reads_nothing(monkeypatch, tmp_path):
    app = start_with_env(monkeypatch, {"APP_ENV": "development", "INSTANCE_DIR": str(tmp_path),
                                       "DATABASE_URL": f"sqlite:///{tmp_path}/d.sqlite"})
    forged = pyjwt.encode({"sub": "1", "role": "admin", "type": "access", "jti": "x", "sid": "y",
                           "fresh": False, "iat": int(time.time()), "nbf": int(time.time()),
                           "exp": int(time.time()) + 600}, OLD_BUILT_IN_SECRET, algorithm="HS256")
    resp = app.test_client().get("/api/v1/users", headers={"Authorization": f"Bearer {forged}"})
    assert resp.status_code == 401 and resp.get_json()["error_code"] == "token_invalid"


# --- the sign-in code log ---------------------------------------------------------------------------

def test_production_logs_neither_the_code_nor_the_whole_phone(monkeypatch, tmp_path, caplog):
    app = start_with_env(monkeypatch, production(tmp_path, SMS_SENDER="log", SMS_LOG_IN_PRODUCTION="1"))
    from server.accounts import sms
    with app.app_context(), caplog.at_level(logging.INFO, logger="server.accounts.sms"):
        sms.sender().send_code("13812345678", "424242", 5)
    assert "13812345678" not in caplog.text and "424242" not in caplog.text
    assert "*******5678" in caplog.text


def test_development_logs_the_code_to_a_masked_phone(make_app, caplog):
    app = make_app(APP_ENV="development")
    from server.accounts import sms
    with app.app_context(), caplog.at_level(logging.INFO, logger="server.accounts.sms"):
        sms.sender().send_code("13812345678", "424242", 5)
    assert "424242" in caplog.text and "13812345678" not in caplog.text


# --- the served app (gunicorn, the Procfile) ----------------------------------------------------------

def serve(env: dict, tmp_path) -> tuple[int | None, str]:
    """Start gunicorn as the Procfile does: (None while it serves, or its exit code; its stderr)."""
    with Gunicorn(env, tmp_path) as app:
        return app.code, app.err


def test_gunicorn_with_nothing_set_refuses_to_run_on_a_built_in_secret(tmp_path):
    code, err = serve({}, tmp_path)
    assert code is not None and code != 0
    assert "SECRET_KEY" in err and "refusing to start" in err


def test_gunicorn_in_development_serves_on_keys_made_for_this_machine(tmp_path):
    code, _err = serve({"APP_ENV": "development"}, tmp_path)
    assert code is None
    assert (tmp_path / "inst" / "dev-keys.json").exists()


def _prod_env(tmp_path) -> dict:
    env = production(tmp_path)
    env.pop("DATABASE_URL")
    return env


def test_production_with_several_workers_and_no_shared_store_refuses_to_start(tmp_path):
    code, err = serve(dict(_prod_env(tmp_path), WEB_CONCURRENCY="2"), tmp_path)
    assert code is not None and code != 0 and "REDIS_URL" in err


def test_production_with_several_workers_and_redis_starts(tmp_path):
    code, err = serve(dict(_prod_env(tmp_path), WEB_CONCURRENCY="2", REDIS_URL="redis://127.0.0.1:6379/0"),
                             tmp_path)
    assert code is None, err


def test_production_settings_handed_over_as_a_mapping_start_too(tmp_path):
    settings = production(tmp_path)
    settings["SQLALCHEMY_DATABASE_URI"] = settings.pop("DATABASE_URL")
    app = create_app(settings)
    assert app.config["PUBLIC_URL"] == "https://fayuan.example.org"
