"""Workers sign in with a code texted to their phone: 6 digits, 5 minutes, once, few tries."""
import logging
import re
from datetime import timedelta

import pytest

from server.accounts.models import OtpCode, User, utcnow
from server.extensions import db
from server.pii import lookup_hash
from tests.fakes import SmsOutbox
from tests.test_errors import assert_error

PHONE = "13812345678"


def send(client, phone=PHONE):
    return client.post("/api/v1/auth/otp", json={"phone": phone})


def verify(client, code, phone=PHONE, **extra):
    return client.post("/api/v1/auth/otp/verify", json={"phone": phone, "code": code, **extra})


def test_a_new_worker_gets_a_code_and_signs_in_with_it(client, sms):
    resp = send(client, "+86 138-1234-5678")
    assert resp.status_code == 202 and resp.get_json()["expires_in"] == 300
    code = sms.last_code(PHONE)
    assert re.fullmatch(r"\d{6}", code) and sms[-1]["ttl_minutes"] == 5
    body = verify(client, code).get_json()
    assert body["user"]["role"] == "worker" and body["user"]["phone_masked"] == "*******5678"
    assert client.get("/api/v1/me").get_json()["phone_masked"] == "*******5678"


def test_the_phone_is_stored_hashed_and_encrypted_never_in_the_clear(app, client, sms):
    send(client)
    verify(client, sms.last_code(PHONE))
    with app.app_context():
        user = db.session.scalar(db.select(User))
        assert user.phone_hash == lookup_hash(PHONE)
        assert PHONE not in (user.phone_enc or "") and PHONE not in user.phone_hash
        assert PHONE not in db.session.scalar(db.select(OtpCode.code_hash))


def test_a_returning_worker_gets_the_same_account(client, sms, make_user):
    worker = make_user("worker", phone=PHONE)
    send(client)
    assert verify(client, sms.last_code(PHONE)).get_json()["user"]["id"] == worker.id


def test_the_answer_never_tells_whether_the_phone_is_known(client, sms, make_user):
    make_user("worker", phone=PHONE)
    known, unknown = send(client, PHONE), send(client, "13987654321")
    assert known.status_code == unknown.status_code == 202
    assert known.get_json() == unknown.get_json()
    assert len(sms) == 2  # both get a text


def test_the_default_sender_writes_the_code_to_the_log(client, caplog):
    with caplog.at_level(logging.INFO, logger="server.accounts.sms"):
        send(client)
    assert re.search(r"验证码 \d{6}", caplog.text)


@pytest.mark.parametrize("phone", ["12812345678", "1381234567", "010-12351", "abc"])
def test_only_mainland_mobiles_are_accepted(client, phone):
    body = assert_error(send(client, phone), 422)
    assert "手机号" in body["errors"]["json"]["phone"][0]


def test_a_used_code_fails(client, sms):
    send(client)
    code = sms.last_code(PHONE)
    assert verify(client, code).status_code == 200
    assert assert_error(verify(client, code), 401)["error_code"] == "otp_invalid"


def test_an_expired_code_fails(app, client, sms):
    send(client)
    with app.app_context():
        db.session.execute(db.update(OtpCode).values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    assert_error(verify(client, sms.last_code(PHONE)), 401)


def test_a_new_code_replaces_the_old_one(make_app, make_user):
    app = make_app(RATELIMIT_OTP_PER_PHONE="10 per minute")
    outbox = app.extensions["sms_sender"] = SmsOutbox()
    client = app.test_client()
    send(client)
    first = outbox.last_code(PHONE)
    send(client)
    second = outbox.last_code(PHONE)
    if first != second:
        assert_error(verify(client, first), 401)
    assert verify(client, second).status_code == 200


def test_five_wrong_tries_kill_the_code(client, sms):
    send(client)
    code = sms.last_code(PHONE)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    messages = [assert_error(verify(client, wrong), 401)["message"] for _ in range(5)]
    # The limit is said, but not how many are left: that would tell a code is pending.
    assert "最多试 5 次" in messages[0]
    assert_error(verify(client, code), 401)  # the right code comes too late


def test_asking_for_codes_again_and_again_is_throttled(client, sms):
    assert send(client).status_code == 202
    resp = send(client)
    assert_error(resp, 429)
    assert int(resp.headers["Retry-After"]) > 0
    assert send(client, "13987654321").status_code == 202  # another worker is not held up
    assert len(sms) == 2


def test_guessing_codes_is_throttled_per_phone(make_app):
    app = make_app(OTP_MAX_ATTEMPTS=1000)
    client = app.test_client()
    statuses = [verify(client, f"{n:06d}").status_code for n in range(11)]
    assert statuses[:10] == [401] * 10 and statuses[10] == 429


def test_a_staff_phone_must_use_the_password(client, sms, make_user):
    make_user("staff", phone=PHONE)
    assert send(client).status_code == 202
    assert assert_error(verify(client, sms.last_code(PHONE)), 403)["error_code"] == "use_password"


def test_a_switched_off_worker_cannot_sign_in(client, sms, make_user):
    make_user("worker", phone=PHONE, active=False)
    send(client)
    assert assert_error(verify(client, sms.last_code(PHONE)), 403)["error_code"] == "account_inactive"


def test_a_code_must_be_six_digits(client):
    assert "6 位数字" in assert_error(verify(client, "12345"), 422)["errors"]["json"]["code"][0]


def test_a_failing_sms_gateway_says_so_plainly(app, client):
    class Down:
        def send_code(self, *_args):
            raise ConnectionError("gateway down")

    app.extensions["sms_sender"] = Down()
    assert assert_error(send(client), 503)["error_code"] == "sms_failed"


def test_a_production_sender_is_chosen_by_configuration(make_app):
    from server.accounts import sms as sms_module
    app = make_app(SMS_SENDER="tests.fakes:SmsOutbox")
    with app.app_context():
        assert isinstance(sms_module.sender(), SmsOutbox)
    client = app.test_client()
    assert send(client).status_code == 202
    assert len(app.extensions["sms_sender"]) == 1
