"""Every browser test's server logs are searched for what the test's people typed (issue 20: "greps every log for
any full phone, ID number, tracking code, OTP, password or token used in the run").

While a test's server runs, every record of every logger at INFO and up (what production writes: gunicorn.conf.py
configures INFO) is kept, formatted with its traceback. When the test ends, the secrets are read from what the run
left behind: every phone and ID number stored (decrypted), every tracking code, every phone code the fake SMS
gateway was handed and the test module's PASSWORD; and any signed token at all (a JWT: sign-in and refresh tokens
are JWTs, whoever holds them). A line holding any of them fails the test that wrote it.
"""
import json
import logging
import re

import sqlalchemy as sa

from tests.test_log_privacy import leaks

# A JWT: base64url header (always '{"' → eyJ), payload, signature.
JWT = re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}")


class Kept(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record):
        try:
            self.lines.append(self.format(record))
        except Exception:  # noqa: BLE001  a record that cannot be formatted is not ours to fail on
            self.lines.append(repr(record.msg))


def watch() -> tuple[Kept, int]:
    """Start keeping records; returns the handler and the root level to put back."""
    root = logging.getLogger()
    kept = Kept()
    root.addHandler(kept)
    level = root.level
    root.setLevel(min(level or logging.WARNING, logging.INFO))
    return kept, level


def unwatch(kept: Kept, level: int) -> None:
    root = logging.getLogger()
    root.removeHandler(kept)
    root.setLevel(level)


def secrets_of(app, module) -> dict[str, str]:
    """What the run's people typed or were given, read back from the app's database and fake gateway."""
    from server.pii import decrypt

    found: dict[str, str] = {}
    with app.app_context():
        engine = app.extensions["sqlalchemy"].engine
        with engine.connect() as conn:
            tables = set(sa.inspect(conn).get_table_names())
            queries = {"aid_applications": "SELECT code, phone_enc, id_number_enc, employer_phone_enc, coworkers "
                                           "FROM aid_applications",
                       "attendees": "SELECT phone_enc FROM attendees", "users": "SELECT phone_enc FROM users"}
            for table, query in queries.items():
                if table not in tables:
                    continue
                for row in conn.execute(sa.text(query)):
                    for name, value in row._mapping.items():
                        if not value:
                            continue
                        if name == "coworkers":  # [{name, phone_enc, ...}], as JSON text or already read
                            people = json.loads(value) if isinstance(value, str) else value
                            values = [_decrypted(decrypt, p.get("phone_enc") or "") for p in people or []]
                        else:
                            values = [value if name == "code" else _decrypted(decrypt, value)]
                        for plain in values:
                            if plain and len(plain) >= 8:
                                found[f"{table}.{name} {plain[-4:]}"] = plain
    sms = app.extensions.get("sms_sender")
    for n, message in enumerate(sms if isinstance(sms, list) else []):
        if isinstance(message, dict) and message.get("code"):
            found[f"phone code #{n}"] = str(message["code"])
    password = getattr(module, "PASSWORD", None)
    if isinstance(password, str) and len(password) >= 8:
        found["the test's password"] = password
    return found


def _decrypted(decrypt, value: str) -> str:
    try:
        return decrypt(value)
    except Exception:  # noqa: BLE001  a value this key cannot open holds nothing this run typed
        return ""


def check(kept: Kept, app, module) -> None:
    secrets = secrets_of(app, module)
    bad = [(line[:200], leaks(line, secrets) or ["a signed token"]) for line in kept.lines
           if leaks(line, secrets) or JWT.search(line)]
    assert not bad, f"log lines hold what a person typed: {bad[:5]}"
