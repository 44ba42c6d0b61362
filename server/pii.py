"""Sensitive personal information (phones, ID numbers): validate, look up, protect, mask.

Stored three ways, each for one job: a keyed hash to find a record by phone without keeping the
number in clear, AES-GCM ciphertext for the few people who may see it, and a masked form for lists.
Keys come from DATA_KEY (production must set it); development derives one from SECRET_KEY.
"""
import base64
import hashlib
import hmac
import os
import re

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from flask import current_app
from marshmallow import ValidationError, fields

PHONE = re.compile(r"^1[3-9]\d{9}$")
_PREFIX = re.compile(r"^(\+86|0086|86)")
PHONE_MESSAGE = "请填写 11 位手机号码（1 开头）。"


class InvalidPhone(ValueError):
    pass


def normalise_phone(raw: str) -> str:
    """'+86 138-0013-8000' -> '13800138000'; raises InvalidPhone for anything else."""
    digits = re.sub(r"[\s\-()]", "", raw or "")
    digits = _PREFIX.sub("", digits) if len(digits) > 11 else digits
    if not PHONE.match(digits):
        raise InvalidPhone(PHONE_MESSAGE)
    return digits


def mask_phone(phone: str) -> str:
    return f"{phone[:3]}****{phone[-4:]}" if phone and len(phone) == 11 else "****"


def _keys() -> tuple[bytes, bytes]:
    raw = current_app.config.get("DATA_KEY") or ""
    master = base64.urlsafe_b64decode(raw) if raw else hashlib.sha256(
        ("data-key:" + current_app.config["SECRET_KEY"]).encode()).digest()
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
    blob = base64.urlsafe_b64decode(token.encode())
    return AESGCM(_keys()[0]).decrypt(blob[:12], blob[12:], None).decode()


class Phone(fields.String):
    """A schema field: a mainland mobile in any usual spelling (+86, spaces, dashes), loaded as 11 digits."""

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            return normalise_phone(super()._deserialize(value, attr, data, **kwargs))
        except InvalidPhone as exc:
            raise ValidationError(str(exc)) from None
