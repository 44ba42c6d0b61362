"""Phones are checked, found by a keyed hash, encrypted at rest and masked in lists."""
import pytest

from server.pii import InvalidPhone, decrypt, encrypt, lookup_hash, mask_phone, normalise_phone


@pytest.mark.parametrize("raw", ["13800138000", "+86 138 0013 8000", "0086-138-0013-8000", "8613800138000"])
def test_mainland_mobiles_in_any_usual_form_are_accepted(raw):
    assert normalise_phone(raw) == "13800138000"


@pytest.mark.parametrize("raw", ["12800138000", "1380013800", "010-12351", "abc", "", "138001380001"])
def test_other_numbers_are_refused_in_chinese(raw):
    with pytest.raises(InvalidPhone, match="手机号"):
        normalise_phone(raw)


def test_masking_keeps_only_the_last_four_digits():
    assert mask_phone("13800138000") == "*******8000"


def test_encryption_round_trips_and_never_repeats(app):
    with app.app_context():
        a, b = encrypt("13800138000"), encrypt("13800138000")
        assert a != b and "13800138000" not in a
        assert decrypt(a) == decrypt(b) == "13800138000"


def test_lookup_hash_depends_on_the_key(make_app):
    import base64
    import secrets
    first, second = make_app(), make_app(DATA_KEY=base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())
    with first.app_context():
        h1 = lookup_hash("13800138000")
        assert h1 == lookup_hash("13800138000")
    with second.app_context():
        assert lookup_hash("13800138000") != h1
