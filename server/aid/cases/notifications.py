"""Telling the worker by SMS: 已收到 (with the code), 已受理, 已指派律师 and 律师已接受指派 (with the
lawyer's firm and office phone), 需要补充材料, 已转办 (the new office and its phone), 已结案, and the ends a
worker must hear of: 不予受理,
不予法律援助 and 终止法律援助 (with the objection route of 《法律援助法》第四十九条, law-facts LA-10)
and 视为撤回 (materials not supplied in time, 第四十三条). A text never carries the reason itself: it
sends the worker to the tracking page, where the reason is written, by a short link
(PUBLIC_URL/t/<code>) every text ends with. 「忘了查询码」 texts a phone its codes.

A text is queued as a row in the same transaction as the stage change; after the commit a job (server/jobs.py,
SEND_TEXT, by the row's id) sends it — on the queue's worker, or inline right away without Redis. A failure never
undoes or blocks the stage change: the queue retries the job with back-off, and `flask aid sweep` tries failed
texts (and pending ones nobody queued, Redis being down) again. A row is claimed ('sending') before it is sent, so
a job, its retry and the sweep never text the worker twice.
"""
import logging
from collections.abc import Callable
from datetime import timedelta

from flask import after_this_request, current_app, has_request_context

from ... import jobs, metrics
from ...accounts import sms
from ...accounts.models import User
from ...clock import utcnow
from ...extensions import db
from ...offices import divisions
from ...offices.models import Office
from ...pii import decrypt
from .. import codes
from ..models import Application, Notification
from .clocks import day_of

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8
SIGNATURE = "【工友法援】"


def _short(text: str, limit: int = 40) -> str:
    text = text.strip().rstrip("。．.；;，,")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _lawyer(lawyer) -> str:
    firm = f"（{lawyer.law_firm}）" if lawyer.law_firm else ""
    return f"援助律师{lawyer.display_name}{firm}"


def _phone(lawyer) -> str:
    return f"，办公电话 {lawyer.office_phone}" if _callable(lawyer) else ""


def _callable(lawyer) -> bool:
    """Whether a text may give the worker this lawyer's number: only while the account is in use."""
    return bool(lawyer.office_phone) and lawyer.active is not False


def track_link(code: str) -> str:
    """The short address that opens the tracking page with this code filled in (the phone is still asked)."""
    return f"{current_app.config['PUBLIC_URL'].rstrip('/')}/t/{code}"


# 《法律援助法》第四十九条 (law-facts LA-10, LA-13): to the justice bureau that set up the aid office, which answers
# within 5 days; the Law sets the worker no deadline, so "尽快".
OBJECTION_SMS = "不服可以尽快找当地司法局提异议（《法律援助法》第四十九条），也可以打 12348 问。"


# Every text by its kind: a case move's row (workflow.MOVES) names its own. {code} is the tracking code;
# {lawyer}, {phone} and {call} come from a lawyer handed in, {asked} is cut short, {who} says who applied;
# {office} and {office_phone} are the office handling the case when the text is written.
TEXTS = {
    "received": "{office}已收到{who}，查询码 {code}，请记下来。{due_on} 前会决定是否给你法律援助。",
    "accepted": "{office}已受理你的法律援助申请（查询码 {code}），{due_on} 前会决定是否给你法律援助。",
    "transferred": "你的法律援助申请（查询码 {code}）已转给{office}办理{office_phone}。为什么转请打开链接看。",
    "assigned": "已为你的申请（查询码 {code}）指派{lawyer}{phone}。律师会联系你，援助不收任何费用。",
    "lawyer_accepted": "{lawyer}已接受指派，开始办理你的案件（查询码 {code}）。{call}",
    "materials_requested": "你的法律援助申请（查询码 {code}）还要补充材料：{asked}。请在 {due_on} 前补上，"
                           "打开下面的链接就能补；{lapse}",
    "not_accepted": "你的法律援助申请（查询码 {code}）没有被受理，为什么请打开链接看。" + OBJECTION_SMS,
    "refused": "你的法律援助申请（查询码 {code}）决定不给法律援助，为什么请打开链接看。" + OBJECTION_SMS,
    "terminated": "你的法律援助（查询码 {code}）已经终止，为什么请打开链接看。" + OBJECTION_SMS,
    "withdrawn_timeout": "你的法律援助申请（查询码 {code}）过了补材料的期限，算撤回了。材料补齐后可以重新申请。",
    "closed": "你的法律援助案件（查询码 {code}）已结案。工作人员之后会回访，听听你的意见。",
}


def text_for(application: Application, kind: str, **fmt) -> str:
    """The text for `kind`; every one names the code and ends with the short link to the tracking page."""
    if kind not in TEXTS:
        raise ValueError(f"no text for {kind!r}")
    words = {"code": codes.display(application.code), "due_on": fmt.get("due_on"),
             "who": "志愿者帮你提交的法律援助申请" if application.on_behalf else "你的法律援助申请",
             "asked": _short(fmt.get("asked") or ""),
             # asked while a lawyer works the case, nothing lapses: the lawyer needs them (workflow.MOVES)
             "lapse": fmt.get("lapse") or "过期不补，申请就算撤回了。"}
    office = db.session.get(Office, application.office_id)  # the office handling it now (after a transfer: the new)
    words |= {"office": divisions.public_name(office),
              "office_phone": f"，电话 {office.phone}" if office is not None and office.phone else ""}
    lawyer = fmt.get("lawyer")
    if lawyer is not None:
        words |= {"lawyer": _lawyer(lawyer), "phone": _phone(lawyer),
                  "call": f"有事可以打律师办公电话 {lawyer.office_phone}。" if _callable(lawyer) else ""}
    return f"{SIGNATURE}{TEXTS[kind].format(**words)}查进度：{track_link(application.code)}"


def codes_text(applications: list[Application]) -> str:
    """「忘了查询码」: the phone's applications, newest first, each with its code and its link."""
    lines = [f"{codes.display(a.code)}（{a.case_type_label}，{_day(a)} 提交）：{track_link(a.code)}"
             for a in applications]
    return f"{SIGNATURE}用这个手机号申请的法律援助，查询码是：" + "；".join(lines) + "。查进度还要填这个手机号。"


def _day(application: Application) -> str:
    return str(day_of(application.created_at))


def queue(application: Application, kind: str, text: str | None = None, **fmt) -> Notification:
    """Add the text to the caller's transaction (sent once that commits)."""
    lawyer = fmt.get("lawyer")
    notification = Notification(application_id=application.id, kind=kind,
                                text=text or text_for(application, kind, **fmt),
                                lawyer_id=lawyer.id if lawyer is not None else None)
    db.session.add(notification)
    db.session.flush()
    return notification


SEND_TEXT = "aid.send_text"


class NotSent(RuntimeError):
    """The text did not go (the job raises it so that the queue retries it)."""


def send_after_commit(ids: list[int]) -> None:
    """Queue the texts once the request's transaction is committed (an Idempotency-Key commits it last)."""
    if not ids:
        return
    if has_request_context():
        @after_this_request
        def _send(response):
            if response.status_code < 400:
                enqueue(ids)
            return response
        return
    enqueue(ids)


def send_after_response(ids: list[int]) -> None:
    """Queue the texts once the answer has gone out: how long sending takes says nothing to whoever asked."""
    if not has_request_context():
        enqueue(ids)
        return
    app = current_app._get_current_object()  # type: ignore[attr-defined]

    @after_this_request
    def _later(response):
        if response.status_code < 400:
            response.call_on_close(lambda: _enqueue_in(app, ids))
        return response


def _enqueue_in(app, ids: list[int]) -> None:
    with app.app_context():
        enqueue(ids)


def enqueue(ids: list[int]) -> None:
    """One job per text, by the row's id (Redis down: the rows stay pending for the sweep)."""
    for notification_id in ids:
        jobs.enqueue(SEND_TEXT, notification_id)


def send_one(notification_id: int) -> None:
    """The job: send this text unless it went already; raises NotSent when it did not go, for the retry."""
    notification = db.session.get(Notification, notification_id)
    if notification is None:
        raise NotSent(f"notification {notification_id} not found")
    if notification.status in ("sent", "sending"):
        return
    if not _try(notification):
        raise NotSent(f"notification {notification_id}: {notification.last_error or 'taken by another sender'}")


def send(ids: list[int]) -> int:
    """Send these queued texts; returns how many went. Never raises: a failure is recorded for the retry."""
    sent = 0
    for notification_id in ids:
        notification = db.session.get(Notification, notification_id)
        if notification is None or notification.status in ("sent", "sending"):
            continue
        sent += _try(notification)
    return sent


def _claim(notification: Notification) -> bool:
    """Take the row for one try (pending or failed → sending), committed, so no other sender takes it too."""
    taken = db.session.execute(db.update(Notification).where(
        Notification.id == notification.id, Notification.status.in_(("pending", "failed"))).values(
        status="sending", attempts=Notification.attempts + 1)).rowcount  # type: ignore[attr-defined]
    db.session.commit()
    if taken:
        db.session.refresh(notification)
    return bool(taken)


# A text about something other than a case (a question answered, 问一问: server/questions/) is sent to the phone
# its domain names: (the notification) -> that phone, encrypted. Filled at start-up; aid imports no such domain.
RECIPIENTS: dict[str, Callable[[Notification], str]] = {}


def _recipient(notification: Notification, application: Application | None) -> str:
    if application is not None:
        return application.phone_enc
    return RECIPIENTS["question"](notification)


def _try(notification: Notification) -> int:
    application = db.session.get(Application, notification.application_id) if notification.application_id else None
    if not _claim(notification):
        return 0
    lawyer = db.session.get(User, notification.lawyer_id) if notification.lawyer_id else None
    if application is not None and lawyer is not None and not lawyer.active:
        # Written while the lawyer was in use, sent (a retry) after the account was switched off: the number
        # nobody answers any more is left out (the lawyer and the code stay; the kinds naming one need nothing else).
        notification.text = text_for(application, notification.kind, lawyer=lawyer)
    try:
        sender = sms.sender()
        if not hasattr(sender, "send_text"):
            raise RuntimeError("the SMS sender cannot send texts (no send_text)")
        sender.send_text(decrypt(_recipient(notification, application)), notification.text)
    except Exception as exc:  # noqa: BLE001  any failure of the outside service: recorded, retried later
        notification.status = "failed"
        notification.last_error = type(exc).__name__[:200]
        metrics.sms_failed("case_notice")
        log.warning("SMS for case %s (%s) failed: %s", notification.application_id or "-", notification.kind,
                    type(exc).__name__)
        db.session.commit()
        return 0
    notification.status, notification.sent_at, notification.last_error = "sent", utcnow(), ""
    db.session.commit()
    return 1


def register_jobs() -> None:
    jobs.register(SEND_TEXT, send_one, label="给工友发短信")


def retry_failed() -> tuple[int, int]:
    """Texts that failed (or were never tried: a crash, Redis down at enqueue time): (tried, sent)."""
    # A pending text younger than a few minutes belongs to a request (or a queued job) about to send it.
    stale = utcnow() - timedelta(minutes=5)
    # A sender killed between its claim and the answer leaves 'sending': given back after a day.
    stuck = utcnow() - timedelta(days=1)
    db.session.execute(db.update(Notification).where(
        Notification.status == "sending", Notification.created_at < stuck).values(status="failed"))
    db.session.commit()
    ids = list(db.session.scalars(db.select(Notification.id).where(
        (Notification.status == "failed") | ((Notification.status == "pending") & (Notification.created_at < stale)),
        Notification.attempts < MAX_ATTEMPTS).order_by(Notification.id)))
    return len(ids), send(ids)
