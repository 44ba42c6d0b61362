"""The browser tier's log watch (tests/e2e/log_watch.py) can fail: a line holding a stored phone, ID number,
tracking code, texted phone code, the test's password or any signed token is caught; masked forms are not."""
import logging
import sys

import pytest

from tests.e2e import log_watch
from tests.fakes import SmsOutbox

PASSWORD = "watch-the-logs-2026"


def test_the_watch_finds_what_a_person_typed_in_a_log_line(make_app, make_application):
    app = make_app()
    app.extensions["sms_sender"] = SmsOutbox()
    sent = make_application(app.test_client(), phone="13912340001")
    app.extensions["sms_sender"].send_code("13912340001", "493817", 5)
    module = sys.modules[__name__]
    planted = {"phone": "SMS to 139 1234 0001 failed", "id number": f"bad id {sent['body']['id_number']}",
               "code": f"track {sent['code']}", "otp": "code 493817 sent", "password": f"login {PASSWORD}",
               "token": "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJlLWhlcmU"}
    log = logging.getLogger("server.anything")
    for what, line in planted.items():
        kept, level = log_watch.watch()
        try:
            log.info("masked: *******0001, fine")
            log.warning(line)
        finally:
            log_watch.unwatch(kept, level)
        with pytest.raises(AssertionError, match="log lines hold"):
            log_watch.check(kept, app, module)
            pytest.fail(f"the {what} was not found")
    kept, level = log_watch.watch()
    log.info("masked: *******0001 and %s", sent["code"][:3])
    log_watch.unwatch(kept, level)
    log_watch.check(kept, app, module)  # nothing whole: passes
