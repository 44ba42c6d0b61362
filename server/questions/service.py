"""A worker's question, with no account: asked once per client-made id, routed to the office serving the site as an
application is, throttled per phone; followed by code and phone (a wrong code and a wrong phone answer alike), with a
follow-up in the same thread; 我的咨询 for a worker signed in by phone code."""
import hmac
from datetime import timedelta

from flask import current_app
from sqlalchemy.exc import IntegrityError

from .. import clock, site_links
from ..aid import codes
from ..errors import DomainError, NotFound
from ..extensions import db
from ..media import service as media
from ..offices import divisions, scope
from ..pii import InvalidPhone, encrypt, lookup_hash, mask_phone, normalise_phone
from . import views, voice
from .models import Question, QuestionMessage

NOT_FOUND = "没有找到这条咨询：请核对查询码和手机号。"
THROTTLED = "这个手机号今天已经问了好几个问题，我们会尽快回复。着急的话请打 12348 法律援助热线。"
EMPTY = "请写几句话，或者录一段话。"


def office_for(site_division: str) -> int:
    """The office serving the site (offices/divisions.route, as for applications), else the root office."""
    routed = divisions.route(site_division)
    return routed if routed is not None else scope.default_office_id()


def new_code() -> str:
    for _ in range(10):
        code = codes.new_code()
        if db.session.scalar(db.select(Question.id).where(Question.code == code)) is None:
            return code
    raise RuntimeError("no free question code after 10 draws")


def _throttle(phone_hash: str) -> None:
    """More than QUESTION_PHONE_LIMIT unanswered questions from one phone in a day: a plain refusal (429)."""
    since = clock.utcnow() - timedelta(days=1)
    waiting = db.session.scalar(db.select(db.func.count()).select_from(Question).where(
        Question.phone_hash == phone_hash, Question.created_at >= since,
        Question.status.in_(("open", "claimed", "moderated")))) or 0
    if waiting >= int(current_app.config.get("QUESTION_PHONE_LIMIT", 5)):
        raise DomainError(THROTTLED, "question_throttled", 429, headers={"Retry-After": "3600"})


def ask(data: dict, client_id: str) -> Question:
    """Keep the question, its first message (text and voice) and its photos, in one transaction."""
    phone_hash = lookup_hash(data["phone"])
    existing = db.session.scalar(db.select(Question).where(Question.client_id == client_id))
    if existing is not None:
        if hmac.compare_digest(existing.phone_hash or "", phone_hash):
            return existing  # the key outlived its idempotency record: the same question
        raise DomainError("这个提交编号已经用于另一条咨询，请重新提交。", "idempotency_mismatch")
    if not data["text"].strip() and not data["audio_id"]:
        raise DomainError(EMPTY, "question_empty", errors={"json": {"text": [EMPTY]}})
    _throttle(phone_hash)
    filled = {"site_code": data["site_code"], "site_division": data["site_division"]}
    site_id = site_links.fill_application(filled)  # a site's code: its id and its district
    question = Question(
        client_id=client_id, code=new_code(), office_id=office_for(filled["site_division"]),
        channel="app_voice" if data["audio_id"] else "app_text", case_type=data["case_type"],
        text_enc=encrypt(data["text"]), started_on=data["started_on"], left_on=data["left_on"],
        injured_on=data["injured_on"], city=data["city"], district=data["district"],
        site_division=filled["site_division"], site_id=site_id, phone_hash=phone_hash,
        phone_enc=encrypt(data["phone"]), phone_masked=mask_phone(data["phone"]), consent_privacy=True,
        consent_sensitive=True, upload_ids=data["upload_ids"], has_audio=bool(data["audio_id"]),
        limitation_due_on=views.limitation_due(data["case_type"], data["left_on"], data["injured_on"]))
    db.session.add(question)
    db.session.flush()
    add_message(question, "asker", None, data["text"], data["audio_id"], client_id)
    media.hold(data["upload_ids"], client_id, question.id)
    _commit()
    return question


def add_message(question: Question, author: str, author_id: int | None, text: str, audio_id: str | None,
                client_id: str, **extra) -> QuestionMessage:
    message = QuestionMessage(question_id=question.id, client_id=client_id, author=author, author_id=author_id,
                              text_enc=encrypt(text), audio_id=audio_id or None, **extra)
    db.session.add(message)
    db.session.flush()
    message.duration_ms = voice.attach(audio_id, client_id, message.id)
    return message


def _commit() -> None:
    try:
        db.session.commit()
    except IntegrityError:
        # Two first attempts with one key at once, or a code drawn twice: the loser is retried by the client.
        db.session.rollback()
        raise DomainError("咨询正在处理，请稍等几秒再试。", "retry", 409) from None


def tracked(code: str, phone: str) -> Question:
    try:
        given = lookup_hash(normalise_phone(phone))
    except InvalidPhone:
        given = ""
    question = db.session.scalar(db.select(Question).where(Question.code == codes.normalise(code)))
    expected = (question.phone_hash or "") if question else lookup_hash("no such question")
    if question is None or not question.phone_hash or not hmac.compare_digest(expected, given):
        raise NotFound(NOT_FOUND, "question_not_found")
    return question


def follow_up(code: str, phone: str, text: str, audio_id: str | None, client_id: str) -> int:
    """The asker asks again in the same thread: the question goes back to the queue (open)."""
    question = tracked(code, phone)
    if question.status in ("closed", "moderated"):
        raise DomainError("这条咨询已经结束了，有新问题请重新问一问。", "question_closed", 409)
    if not text.strip() and not audio_id:
        raise DomainError(EMPTY, "question_empty", errors={"json": {"text": [EMPTY]}})
    message = add_message(question, "asker", None, text, audio_id, client_id)
    question.status, question.claimed_by_id, question.claim_expires_at = "open", None, None
    question.has_audio = question.has_audio or bool(audio_id)
    _commit()
    return message.id


def thread_audio(code: str, phone: str, clip_id: str) -> bytes:
    """A clip of this thread only, for the asker."""
    question = tracked(code, phone)
    owned = db.session.scalar(db.select(QuestionMessage.id).where(QuestionMessage.question_id == question.id,
                                                                  QuestionMessage.audio_id == clip_id))
    if owned is None:
        raise NotFound("没有找到这段录音。", "audio_not_found")
    return voice.read_bytes(clip_id)


def my_questions(user):
    """A worker signed in by phone code: the questions asked with their phone, newest first (a select, paged)."""
    if not user.phone_hash:
        return db.select(Question).where(db.false())
    return db.select(Question).where(Question.phone_hash == user.phone_hash).order_by(Question.id.desc())
