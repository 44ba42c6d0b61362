"""One phone rule and one mask, on the server and in the browser: both are held to tests/vectors/phone.json.

A worker types a phone however their input method gives it (full-width digits, +86, dashes); the
same number must be the same person, online and offline, and be refused the same way on both sides.
The browser's side (pwa/src/core/phone.ts) is held to the same file by pwa/tests/phone.test.js, which
the PWA's unit tests run (tests/test_pwa_units.py).
"""
import json
from pathlib import Path

import pytest

from server.pii import InvalidPhone, mask_phone, normalise_contact_phone, normalise_phone

ROOT = Path(__file__).resolve().parent.parent
VECTORS = json.loads((ROOT / "tests" / "vectors" / "phone.json").read_text(encoding="utf-8"))


def server_rule(raw: str):
    try:
        return normalise_phone(raw)
    except InvalidPhone:
        return None


@pytest.mark.parametrize("raw, expected", VECTORS["normalise"])
def test_the_server_keeps_or_refuses_each_phone_as_the_vectors_say(raw, expected):
    assert server_rule(raw) == expected


@pytest.mark.parametrize("raw, expected", VECTORS["contact"])
def test_the_server_keeps_or_refuses_each_employers_phone_as_the_vectors_say(raw, expected):
    try:
        got = normalise_contact_phone(raw)
    except InvalidPhone:
        got = None
    assert got == expected


@pytest.mark.parametrize("raw, expected", VECTORS["mask"])
def test_the_server_masks_each_phone_as_the_vectors_say(raw, expected):
    assert mask_phone(raw) == expected

