"""Sending phone codes. The sender is chosen by configuration (SMS_SENDER):

- "log" (default): writes the code to the application log, for development and tests. Production
  refuses it at start (server/config.py) unless SMS_LOG_IN_PRODUCTION=1, and there it logs that a
  code went out, to a masked phone, never the code itself;
- "package.module:Class": a production sender, built with the app's config, with
  `send_code(phone, code, ttl_minutes)` (for example a wrapper around a cloud SMS service) and
  `send_text(phone, text)` for the short notices about a legal-aid case (server/aid/notifications.py).
"""
import importlib
import logging
import re
from typing import Protocol

from flask import current_app

from ..pii import mask_phone

log = logging.getLogger(__name__)
# A legal-aid text names the tracking code (ACD3-4EFG) and links it (/t/ACD34EFG; a question's answer: /q/ACD34EFG):
# neither goes into a log.
TRACKING_CODE = re.compile(r"(?<![A-Z0-9])[A-Z0-9]{4}-[A-Z0-9]{4}(?![A-Z0-9])")
SHORT_LINK = re.compile(r"/([tq])/[A-Za-z0-9]+")


class SmsSender(Protocol):
    def send_code(self, phone: str, code: str, ttl_minutes: int) -> None: ...

    def send_text(self, phone: str, text: str) -> None:
        """A short notice in plain Chinese; raises when it could not be handed to the SMS service."""
        ...


class LogSender:
    """Writes the code to the log instead of sending it: development and tests only."""

    def __init__(self, config=None):
        self.config = config

    def send_code(self, phone: str, code: str, ttl_minutes: int) -> None:
        # A log is read by more people than the phone's owner: the number never goes into it whole.
        if (self.config or {}).get("APP_ENV") == "production":
            log.info("SMS to %s: a sign-in code (not logged in production), valid %d minutes", mask_phone(phone),
                     ttl_minutes)
            return
        log.info("SMS to %s: 【工友法援】验证码 %s，%d 分钟内有效。", mask_phone(phone), code, ttl_minutes)

    def send_text(self, phone: str, text: str) -> None:
        # A case notice can name what the worker must bring: in production only that one went out.
        if (self.config or {}).get("APP_ENV") == "production":
            log.info("SMS to %s: a case notice of %d characters (not logged in production)", mask_phone(phone),
                     len(text))
            return
        text = SHORT_LINK.sub(r"/\1/[code]", TRACKING_CODE.sub("[查询码]", text))
        log.info("SMS to %s: %s", mask_phone(phone), text)


def load_sender(name: str, config) -> SmsSender:
    if name == "log":
        return LogSender(config)
    module, _, attr = name.partition(":")
    if not attr:
        raise RuntimeError(f"SMS_SENDER={name!r}: use 'log' or 'package.module:Class'")
    return getattr(importlib.import_module(module), attr)(config)


def sender() -> SmsSender:
    """The app's sender, built once per app."""
    ext = current_app.extensions
    if "sms_sender" not in ext:
        ext["sms_sender"] = load_sender(current_app.config["SMS_SENDER"], current_app.config)
    return ext["sms_sender"]
