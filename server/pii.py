"""Sensitive personal information (phones, ID numbers): validate, look up, protect, mask.

Stored three ways, each for one job: a keyed hash to find a record by phone without keeping the
number in clear, AES-GCM ciphertext for the few people who may see it, and a masked form for lists.
Keys come from DATA_KEY, never from a built-in value (server/config.py checks it at start).

A phone is a phone however it is typed: full-width digits (１３８…) from Chinese input methods are
folded to ASCII by NFKC; any other script's digits are refused, so one number is one identity.
"""
import base64
import hashlib
import hmac
import os
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from flask import current_app
from marshmallow import ValidationError, fields

from .config import data_key_bytes

PHONE = re.compile(r"^1[3-9][0-9]{9}$")  # [0-9], not \d: Python's \d takes every script's digits
_SEPARATORS = re.compile(r"[ \t\-()]")
_PREFIX = re.compile(r"^(\+86|0086|86)")
PHONE_MESSAGE = "请填写 11 位手机号码（1 开头）。"


class InvalidPhone(ValueError):
    pass


def normalise_phone(raw: str) -> str:
    """'+86 138-0013-8000' or '１３８００１３８０００' -> '13800138000'; raises InvalidPhone for anything else.

    The same rule runs in the browser (pwa/src/phone.ts); tests/vectors/phone.json holds both to it.
    """
    digits = _SEPARATORS.sub("", unicodedata.normalize("NFKC", raw or ""))
    digits = _PREFIX.sub("", digits) if len(digits) > 11 else digits
    if not PHONE.fullmatch(digits):
        raise InvalidPhone(PHONE_MESSAGE)
    return digits


CONTACT_MESSAGE = "请填写手机号，或者带区号的座机号（比如 028-85556666）。"
# After the area code: 010 and 02x take an 8-digit local number, 0[3-9]xx a 7- or 8-digit one;
# a local number never starts with 0 or 1. 400/800 are companies' nationwide numbers.
_LANDLINE = re.compile(r"^(010|02[0-9])([2-9][0-9]{7})$|^(0[3-9][0-9]{2})([2-9][0-9]{6,7})$")
_NATIONWIDE = re.compile(r"^([48]00)([0-9]{3})([0-9]{4})$")
_INTERNATIONAL = re.compile(r"^(\+86|0086)")
_EXTENSION = re.compile(r"^(.*?)(?:\s*(?:转|分机|ext\.?|x|#)\s*|-)([0-9]{1,6})$", re.IGNORECASE)


def normalise_contact_phone(raw: str) -> str:
    """An employer's phone: a mobile (as normalise_phone keeps it) or a landline with its area code,
    kept as '028-85556666', an extension after 转 ('028-85556666转123'); raises InvalidPhone for anything else.

    The same rule runs in the browser (pwa/src/core/phone.ts contactPhone), held to tests/vectors/phone.json.
    """
    try:
        return normalise_phone(raw)
    except InvalidPhone:
        pass
    text = unicodedata.normalize("NFKC", raw or "").strip(" ")
    split = _EXTENSION.fullmatch(text)
    # '0371-6234567-8' reads as an extension when what comes before it is a whole number by itself.
    if split and (main := _landline(split.group(1))):
        return f"{main}转{split.group(2)}"
    whole = _landline(text)
    if whole is None:
        raise InvalidPhone(CONTACT_MESSAGE)
    return whole


def _landline(text: str) -> str | None:
    digits = _SEPARATORS.sub("", text)
    international = _INTERNATIONAL.match(digits)
    if international:  # +86 28 8555 6666: the area code's 0 is dropped abroad
        digits = "0" + digits[international.end():]
    if found := _LANDLINE.fullmatch(digits):
        area, local = (found.group(1), found.group(2)) if found.group(1) else (found.group(3), found.group(4))
        return f"{area}-{local}"
    if found := _NATIONWIDE.fullmatch(digits):
        return "-".join(found.groups())
    return None


def mask_contact_phone(phone: str) -> str:
    """The one mask, on the number itself: an extension is not its last four digits."""
    return mask_phone(phone.split("转")[0])


def mask_phone(phone_or_last4: str) -> str:
    """The one mask, everywhere (users, attendees, the PWA): only the last four digits show.

    Attendees keep no more than their last four digits, so the mask can be made from those alone.
    """
    last4 = (phone_or_last4 or "")[-4:]
    return f"*******{last4}" if len(last4) == 4 else "****"


# A run of digits (any width, spaces and dashes between) long enough to be a phone or an ID number.
_LONG_NUMBER = re.compile(r"[0-9][0-9 \-]{5,}[0-9Xx]")


def mask_numbers(text: str) -> str:
    """Free text (a search term) as a log may keep it: every phone or ID number in it masked to its last
    four characters, so a whole number typed into a search box never reaches the audit log."""
    def mask(found: re.Match) -> str:
        chars = found.group().replace(" ", "").replace("-", "")
        return "*" * (len(chars) - 4) + chars[-4:] if len(chars) >= 7 else found.group()
    return _LONG_NUMBER.sub(mask, unicodedata.normalize("NFKC", text or ""))


def _keys(setting: str = "DATA_KEY") -> tuple[bytes, bytes]:
    master = data_key_bytes(current_app.config.get(setting) or "")
    if master is None:  # settle() refuses to start without one; this guards an app built another way
        raise RuntimeError(f"{setting} is not base64 of 32 bytes")
    enc = hmac.new(master, b"encrypt", hashlib.sha256).digest()
    look = hmac.new(master, b"lookup", hashlib.sha256).digest()
    return enc, look


def lookup_hash(value: str) -> str:
    """A keyed hash: equal inputs match, but the value can't be guessed from it without the key."""
    return hmac.new(_keys()[1], value.encode(), hashlib.sha256).hexdigest()


def encrypt(value: str) -> str:
    nonce = os.urandom(12)
    return base64.urlsafe_b64encode(nonce + AESGCM(_keys()[0]).encrypt(nonce, value.encode(), None)).decode()


def decrypt(token: str) -> str:
    """The value, opened with DATA_KEY; while a rotation is under way (DATA_KEY_PREVIOUS set), a value not yet
    rewritten is opened with the previous key."""
    try:
        return decrypt_with("DATA_KEY", token)
    except InvalidTag:
        if not current_app.config.get("DATA_KEY_PREVIOUS"):
            raise
        return decrypt_with("DATA_KEY_PREVIOUS", token)


def decrypt_with(setting: str, token: str) -> str:
    """The value opened with the key `setting` names; InvalidTag when that key did not make it."""
    blob = base64.urlsafe_b64decode(token.encode())
    return AESGCM(_keys(setting)[0]).decrypt(blob[:12], blob[12:], None).decode()


@dataclass(frozen=True)
class Protected:
    """Where a domain keeps values under DATA_KEY: ciphertext columns (each with its lookup-hash column or None),
    and JSON list columns whose items hold a ciphertext and a hash under the keys named."""

    model: Any  # a mapped class
    columns: dict[str, str | None]
    lists: dict[str, tuple[str, str]] = field(default_factory=dict)


# Filled by each domain's models at import (server/rekey.py walks it when DATA_KEY changes).
PROTECTED: list[Protected] = []


def protect(model: Any, columns: dict[str, str | None], lists: dict[str, tuple[str, str]] | None = None) -> None:
    PROTECTED.append(Protected(model, columns, lists or {}))


class Phone(fields.String):
    """A schema field: a mainland mobile in any usual spelling (+86, spaces, dashes), loaded as 11 digits."""

    rule = staticmethod(normalise_phone)

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            return self.rule(super()._deserialize(value, attr, data, **kwargs))
        except InvalidPhone as exc:
            raise ValidationError(str(exc)) from None

