"""Telling the worker by SMS: 已受理, 已指派律师 and 律师已接受指派 (with the lawyer's firm and
office phone), 需要补充材料, 已结案, and the ends a worker must hear of: 不予受理, 不予法律援助 (with
the objection route of 《法律援助法》第四十九条, law-facts LA-10) and 视为撤回 (materials not supplied
in time, 第四十三条). A text never carries the reason itself: it sends the worker to the tracking
page, where the reason is written.

A text is queued as a row in the same transaction as the stage change, tried right after the commit,
and a failure never undoes or blocks the stage change: `flask aid sweep` tries failed texts again.
"""
import logging
from datetime import timedelta

from flask import after_this_request, has_request_context

from ..accounts import sms
from ..clock import utcnow
from ..extensions import db
from ..pii import decrypt
from . import codes
from .models import Application, Notification

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8
SIGNATURE = "【工友法援】"


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _lawyer(lawyer) -> str:
    firm = f"（{lawyer.law_firm}）" if lawyer.law_firm else ""
    return f"援助律师{lawyer.display_name}{firm}"


def _phone(lawyer) -> str:
    return f"，办公电话 {lawyer.office_phone}" if lawyer.office_phone else ""


def text_for(application: Application, kind: str, **fmt) -> str:
    code = codes.display(application.code)
    if kind == "accepted":
        return f"{SIGNATURE}你的法律援助申请（查询码 {code}）已受理，7 日内会决定是否给予法律援助。"
    if kind == "assigned":
        return f"{SIGNATURE}已为你指派{_lawyer(fmt['lawyer'])}{_phone(fmt['lawyer'])}。律师会联系你，援助不收任何费用。"
    if kind == "lawyer_accepted":
        lawyer = fmt["lawyer"]
        call = f"有事可以打律师办公电话 {lawyer.office_phone}。" if lawyer.office_phone else ""
        return f"{SIGNATURE}{_lawyer(lawyer)}已接受指派，开始办理你的案件（查询码 {code}）。{call}"
    if kind == "materials_requested":
        return (f"{SIGNATURE}办理你的法律援助申请还需要补充材料：{_short(fmt['asked'])}。请在 {fmt['due_on']} 前"
                f"用查询码 {code} 打开查询页补充，逾期没有补充的视为撤回申请。")
    if kind == "not_accepted":
        return (f"{SIGNATURE}你的法律援助申请（查询码 {code}）没有被受理，理由请用查询码打开查询页查看。"
                "有疑问可以打 12348 咨询。")
    if kind == "refused":
        return (f"{SIGNATURE}对你的法律援助申请（查询码 {code}）决定不予法律援助，理由请用查询码打开查询页查看。"
                "有异议的，可以向设立法律援助机构的司法行政部门提出（《法律援助法》第四十九条）。")
    if kind == "withdrawn_timeout":
        return (f"{SIGNATURE}你的法律援助申请（查询码 {code}）补充材料的期限已过，没有补充，视为撤回申请"
                "（《法律援助法》第四十三条）。可以补齐材料后重新申请。")
    if kind == "closed":
        return f"{SIGNATURE}你的法律援助案件（查询码 {code}）已结案。工作人员之后会回访，听听你的意见。"
    raise ValueError(f"no text for {kind!r}")


def queue(application: Application, kind: str, **fmt) -> Notification:
    """Add the text to the caller's transaction (sent once that commits)."""
    notification = Notification(application_id=application.id, kind=kind, text=text_for(application, kind, **fmt))
    db.session.add(notification)
    db.session.flush()
    return notification


def send_after_commit(ids: list[int]) -> None:
    """Try the texts once the request's transaction is committed (an Idempotency-Key commits it last)."""
    if not ids:
        return
    if has_request_context():
        @after_this_request
        def _send(response):
            if response.status_code < 400:
                send(ids)
            return response
        return
    send(ids)


def send(ids: list[int]) -> int:
    """Send these queued texts; returns how many went. Never raises: a failure is recorded for the retry."""
    sent = 0
    for notification_id in ids:
        notification = db.session.get(Notification, notification_id)
        if notification is None or notification.status == "sent":
            continue
        sent += _try(notification)
    return sent


def _try(notification: Notification) -> int:
    application = db.session.get(Application, notification.application_id)
    assert application is not None  # a notification's case is never deleted
    notification.attempts += 1
    try:
        sender = sms.sender()
        if not hasattr(sender, "send_text"):
            raise RuntimeError("the SMS sender cannot send texts (no send_text)")
        sender.send_text(decrypt(application.phone_enc), notification.text)
    except Exception as exc:  # noqa: BLE001  any failure of the outside service: recorded, retried later
        notification.status = "failed"
        notification.last_error = type(exc).__name__[:200]
        log.warning("SMS for case %s (%s) failed: %s", notification.application_id, notification.kind,
                    type(exc).__name__)
        db.session.commit()
        return 0
    notification.status, notification.sent_at, notification.last_error = "sent", utcnow(), ""
    db.session.commit()
    return 1


def retry_failed() -> tuple[int, int]:
    """Texts that failed (or were never tried, after a crash): (tried, sent)."""
    # A pending text younger than a few minutes belongs to a request that is about to send it itself.
    stale = utcnow() - timedelta(minutes=5)
    ids = list(db.session.scalars(db.select(Notification.id).where(
        (Notification.status == "failed") | ((Notification.status == "pending") & (Notification.created_at < stale)),
        Notification.attempts < MAX_ATTEMPTS).order_by(Notification.id)))
    return len(ids), send(ids)
