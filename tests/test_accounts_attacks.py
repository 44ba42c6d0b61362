"""Sign-in under attack: guesses sent all at once, codes that must not tell, limits that keep no phone."""
import logging
import re
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis

from tests.test_accounts_password import PASSWORD, login

PHONE = "13812345678"


def at_once(n, fn):
    gate = threading.Barrier(n)

    def run(i):
        gate.wait()
        return fn(i)
    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(run, range(n)))


def verify(client, code, phone=PHONE):
    return client.post("/api/v1/auth/otp/verify", json={"phone": phone, "code": code})


def test_nine_wrong_codes_at_once_use_up_the_code_before_the_right_one_arrives(make_app):
    from tests.fakes import SmsOutbox
    app = make_app(RATELIMIT_VERIFY_PER_PHONE="1000 per hour", RATELIMIT_LOGIN="1000 per minute")
    outbox = app.extensions["sms_sender"] = SmsOutbox()
    app.test_client().post("/api/v1/auth/otp", json={"phone": PHONE})
    code = outbox.last_code(PHONE)
    wrong = [f"{(int(code) + k) % 10**6:06d}" for k in range(1, 10)]
    statuses = at_once(9, lambda i: verify(app.test_client(), wrong[i]).status_code)
    assert statuses == [401] * 9
    assert verify(app.test_client(), code).status_code == 401  # five tries per code, however they arrive


def test_thirty_password_guesses_at_once_get_five_tries(make_app, make_user):
    app = make_app(RATELIMIT_LOGIN="1000 per minute")
    staff = make_user("staff", app=app, password=PASSWORD)
    statuses = at_once(30, lambda i: login(app.test_client(), staff.username, f"guess-{i}").status_code)
    assert sorted(statuses) == [401] * 5 + [429] * 25, sorted(statuses)


def test_a_wrong_code_answers_the_same_whether_or_not_a_code_is_pending(make_app):
    from tests.fakes import SmsOutbox
    app = make_app()
    outbox = app.extensions["sms_sender"] = SmsOutbox()
    client = app.test_client()
    client.post("/api/v1/auth/otp", json={"phone": PHONE})
    code = outbox.last_code(PHONE)
    pending = verify(client, f"{(int(code) + 1) % 10**6:06d}")
    none_sent = verify(client, "123456", phone="13987654321")
    assert pending.status_code == none_sent.status_code == 401
    assert pending.get_json() == none_sent.get_json()


@pytest.fixture
def redis_app(make_app):
    """The app with its limits in the local Redis, as production keeps them."""
    store = redis.Redis.from_url("redis://127.0.0.1:6379/0")
    namespace = f"test-{uuid.uuid4().hex}"
    app = make_app(RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379/0", RATELIMIT_NAMESPACE=namespace)
    yield app, store, namespace
    for key in store.scan_iter(f"*{namespace}*"):
        store.delete(key)


def test_rate_limit_keys_and_log_lines_carry_no_phone_or_username(redis_app, make_user, caplog):
    from tests.fakes import SmsOutbox
    app, store, namespace = redis_app
    app.extensions["sms_sender"] = SmsOutbox()
    staff = make_user("staff", app=app, username="laowang", password=PASSWORD)
    client = app.test_client()
    with caplog.at_level(logging.INFO):
        for _ in range(2):  # the second is over the one-a-minute limit: the limiter logs the breach
            client.post("/api/v1/auth/otp", json={"phone": PHONE})
        login(client, staff.username, "wrong-password")
    keys = [k.decode() for k in store.scan_iter(f"*{namespace}*")]
    assert keys, "the limits were stored in Redis"
    assert not [k for k in keys if PHONE in k or "laowang" in k], keys
    # Hex runs (hashed limiter keys, request ids) may hold any four digits: the phone's tail is looked for outside them.
    text = re.sub(r"[0-9a-f]{16,}", "<hex>", caplog.text)
    assert "exceeded" in text and PHONE not in caplog.text and "5678" not in text
