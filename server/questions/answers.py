"""Answering: text and/or voice with cards and a next step, an SMS to the asker with the /q/ link (queued as the aid
texts are, aid/cases/notifications.py); 转为法律援助申请 (a draft from the question with the limitation and
《法律援助法》第四十四条 checks run on its dates); moderation (nothing deleted); consultations staff log (咨询登记)."""
from flask import current_app

from .. import clock, codes
from ..accounts import audit
from ..aid.cases import clocks, notifications
from ..aid.models import MEANS_TEST, MEANS_TEST_EXEMPT, Notification
from ..cards.models import Card
from ..errors import DomainError
from ..events.models import Event
from ..extensions import db
from ..pii import decrypt, encrypt, lookup_hash, mask_phone
from . import queue, service, views
from .models import CHANNELS, VERDICTS, Question

ANSWERED_SMS = "【工友法援】你的咨询（查询码 {code}）有回复了{offer}，打开链接看回复：{link}"
OFFER_SMS = "【工友法援】你的咨询（查询码 {code}）可以申请法律援助，打开链接确认、补全后提交：{link}"


def question_link(code: str) -> str:
    return f"{current_app.config['PUBLIC_URL'].rstrip('/')}/q/{code}"


def _text(question: Question, template: str, **words) -> int:
    """Queue a text to the asker (sent once the request commits); its row's id. None without a phone."""
    row = Notification(question_id=question.id, kind="question", text=template.format(
        code=codes.display(question.code), link=question_link(question.code), **words))
    db.session.add(row)
    db.session.flush()
    return row.id


def recipient(notification: Notification) -> str:
    """The phone (encrypted) a question's text goes to (registered with aid's notifications)."""
    question = db.session.get(Question, notification.question_id)
    if question is None or not question.phone_enc:
        raise LookupError("a question's text with no phone")
    return question.phone_enc


def _cards(slugs: list[str]) -> list[str]:
    known = set(db.session.scalars(db.select(Card.slug).where(Card.slug.in_(slugs)))) if slugs else set()
    unknown = [s for s in slugs if s not in known]
    if unknown:
        raise DomainError("有的问答卡片找不到了，请重新选。", "card_unknown",
                          errors={"json": {"card_slugs": [f"没有卡片 {s}。" for s in unknown]}})
    return slugs


def answer(question_id: int, user, data: dict, client_id: str) -> int:
    question = queue.locked(question_id, user)
    queue.may_answer(question, user)
    if not data["text"].strip() and not data["audio_id"]:
        raise DomainError("请写下回复，或者录一段语音。", "answer_empty", errors={"json": {"text": ["请写下回复。"]}})
    message = service.add_message(question, "answerer", user.id, data["text"], data["audio_id"], client_id,
                                  card_slugs=_cards(data["card_slugs"]), next_step=data["next_step"])
    queue.release_claim(question)
    question.status = "answered"
    question.answered_at = question.answered_at or clock.utcnow()
    if data["offer_application"]:
        question.offer = offer(question)
    audit.record_view(user, "answer", "question", question.id, {"message_id": message.id})
    sent = [_text(question, ANSWERED_SMS, offer="，可以申请法律援助" if question.offer else "")] \
        if question.phone_enc else []
    service._commit()
    notifications.send_after_commit(sent)
    return message.id


def checks(question: Question) -> list[dict]:
    """The limitation clocks on the question's dates (aid/cases/clocks.py), Art. 44 where fewer than 7 days are left,
    and the means test the law spares wages and injury claims (第四十二条)."""
    on = clocks.today()
    found = []
    for c in clocks.limitation_clocks(question.case_type, question.left_on, question.injured_on, on):
        urgent, first_aid = clocks.urgency(c.due_on, on)
        severity = "unknown" if c.due_on is None else "overdue" if c.overdue else "urgent" if urgent else "ok"
        found.append({"kind": c.name, "label": c.how, "due_on": c.due_on, "severity": severity})
        if first_aid and not c.overdue:
            found.append({"kind": "first_aid", "label": clocks.FIRST_AID_NOTE, "due_on": c.due_on,
                          "severity": "urgent"})
    exempt = "art42_exempt" if question.case_type in MEANS_TEST_EXEMPT else "art41_commitment"
    found.append({"kind": "means_test", "label": MEANS_TEST[exempt], "due_on": None, "severity": "ok"})
    return found


def offer(question: Question) -> dict:
    """The application draft: type, dates, site, the worker's own words, and the checks run on its dates."""
    return {"case_type": question.case_type,
            **{k: str(getattr(question, k)) if getattr(question, k) else None
               for k in ("started_on", "left_on", "injured_on")},
            "city": question.city, "district": question.district, "site_division": question.site_division,
            "account": decrypt(question.text_enc),
            "checks": [{**c, "due_on": str(c["due_on"]) if c["due_on"] else None} for c in checks(question)]}


def convert(question_id: int, user) -> Question:
    question = queue.get(question_id, user)
    if question.status in ("closed", "moderated") or question.application_id is not None:
        raise DomainError("这条咨询已经结束或已经转为申请了。", "question_not_open", 409)
    question.offer = offer(question)
    audit.record_view(user, "convert", "question", question.id)
    sent = [_text(question, OFFER_SMS)] if question.phone_enc else []
    service._commit()
    notifications.send_after_commit(sent)
    return question


def moderate(question_id: int, user, verdict: str, reason: str) -> Question:
    question = queue.get(question_id, user)
    queue.release_claim(question, "moderated")
    question.status, question.verdict, question.verdict_reason = "moderated", verdict, reason
    question.moderated_at = question.moderated_at or clock.utcnow()
    audit.record_view(user, "moderate", "question", question.id, {"verdict": VERDICTS[verdict], "reason": reason})
    db.session.commit()
    return question


def log_consultation(data: dict, user, client_id: str) -> Question:
    """咨询登记: a hotline call, a walk-in, a question at an event, counted by channel like the app's."""
    existing = db.session.scalar(db.select(Question).where(Question.client_id == client_id))
    if existing is not None:
        return existing
    if data["event_id"] is not None and db.session.get(Event, data["event_id"]) is None:
        raise DomainError("没有这个活动。", "event_unknown", errors={"json": {"event_id": ["没有这个活动。"]}})
    phone = data["phone"]
    question = Question(
        client_id=client_id, code=service.new_code(), office_id=user.office_id or service.office_for(""),
        channel=data["channel"], case_type=data["case_type"], text_enc=encrypt(data["text"]),
        started_on=data["started_on"], left_on=data["left_on"], injured_on=data["injured_on"], city=data["city"],
        district=data["district"], site_division=data["site_division"], event_id=data["event_id"],
        phone_hash=lookup_hash(phone) if phone else None, phone_enc=encrypt(phone) if phone else None,
        phone_masked=mask_phone(phone) if phone else "", logged_by_id=user.id,
        limitation_due_on=views.limitation_due(data["case_type"], data["left_on"], data["injured_on"]))
    db.session.add(question)
    db.session.flush()
    service.add_message(question, "asker", None, data["text"], None, client_id)
    if data["answered"]:
        service.add_message(question, "answerer", user.id, data["answer_text"], None, f"{client_id}:answer"[:80])
        question.status, question.answered_at = "answered", clock.utcnow()
    audit.record_view(user, "create", "question", question.id, {"channel": CHANNELS[data["channel"]]})
    service._commit()
    return question
