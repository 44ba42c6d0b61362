"""What a question looks like to the asker (by code and phone), in the answerers' queue and opened by an answerer:
its age against the 24-hour clock (12348's 留言 answered within 24 hours) and its urgent flags, reckoned by the case
clocks (aid/cases/clocks.py) on the dates the worker gave."""
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlalchemy.orm import aliased

from .. import clock, codes
from ..accounts.models import User
from ..aid.cases import clocks
from ..aid.models import CASE_TYPES, Application
from ..cards.models import Card
from ..extensions import db
from ..offices import divisions
from ..offices.models import Office
from ..pii import decrypt
from .models import CHANNELS, NEXT_STEPS, STATUSES, Question, QuestionMessage

ANSWER_WITHIN = timedelta(hours=24)
DUE_SOON = timedelta(hours=6)
FIRST_WORDS = 40
URGENT = {"limitation": ("limitation_soon", "仲裁时效快到了"),
          "injury_recognition": ("injury_deadline", "工伤认定申请期限快到了")}


def now() -> datetime:
    return clock.utcnow()


def claim_held(question: Question, at: datetime | None = None) -> bool:
    """Whether someone holds the question now (a lapsed claim counts as none)."""
    return question.status == "claimed" and question.claim_expires_at is not None and \
        clock.aware(question.claim_expires_at) > (at or now())


def status_of(question: Question) -> str:
    return "open" if question.status == "claimed" and not claim_held(question) else question.status


def clock_round(question: Question) -> tuple[datetime, datetime | None]:
    """The thread's current round on the 24-hour clock: when the asker's oldest message not yet answered came (the
    question itself, or the first follow-up after an answer) and the answer that ended the round (None: waiting)."""
    start = end = None
    for author, at in db.session.execute(db.select(QuestionMessage.author, QuestionMessage.created_at)
                                         .where(QuestionMessage.question_id == question.id)
                                         .order_by(QuestionMessage.id)):
        if author == "asker" and (start is None or end is not None):
            start, end = clock.aware(at), None
        elif author == "answerer" and start is not None and end is None:
            end = clock.aware(at)
    if start is None:
        return clock.aware(question.created_at), question.answered_at and clock.aware(question.answered_at)
    return start, end


def waiting_since():
    """clock_round's start as SQL for the queue's filters: NULL when the last asker message has its answer."""
    asker, answerer = aliased(QuestionMessage), aliased(QuestionMessage)
    answered = db.select(func.max(answerer.id)).where(answerer.question_id == Question.id,
                                                      answerer.author == "answerer").correlate(Question)
    return db.select(func.min(asker.created_at)).where(
        asker.question_id == Question.id, asker.author == "asker",
        asker.id > func.coalesce(answered.scalar_subquery(), 0)).correlate(Question).scalar_subquery()


def age_state(question: Question, round_: tuple[datetime, datetime | None] | None = None) -> str:
    """on_time | due_soon (fewer than 6 hours left) | overdue, against 24 hours from the asker's message waiting for
    an answer (a follow-up starts the clock again) to the answer."""
    start, end = round_ or clock_round(question)
    due = start + ANSWER_WITHIN
    at = end or now()
    if at > due:
        return "overdue"
    return "due_soon" if end is None and due - at < DUE_SOON else "on_time"


def limitation_due(case_type: str, left_on, injured_on):
    return clocks.earliest(clocks.limitation_clocks(case_type, left_on, injured_on, clocks.today()))


def urgent(question: Question) -> list[dict]:
    """A limitation date within 30 days (or passed) among the clocks the dates allow."""
    on = clocks.today()
    flags = []
    for c in clocks.limitation_clocks(question.case_type, question.left_on, question.injured_on, on):
        if c.name in URGENT and clocks.urgency(c.due_on, on)[0]:
            kind, label = URGENT[c.name]
            flags.append({"kind": kind, "label": f"{c.label}已过" if c.overdue else label, "due_on": c.due_on})
    return flags


def first_words(question: Question) -> str:
    text = " ".join(decrypt(question.text_enc).split())
    return text if len(text) <= FIRST_WORDS else text[:FIRST_WORDS - 1] + "…"


def _name(user_id: int | None) -> str | None:
    user = db.session.get(User, user_id) if user_id else None
    return user.display_name if user is not None else None


def row(question: Question) -> dict:
    """One line of the answerers' queue."""
    status = status_of(question)
    round_ = clock_round(question)
    return {"id": question.id, "code_display": codes.display(question.code), "case_type": question.case_type,
            "case_type_label": CASE_TYPES.get(question.case_type, question.case_type), "channel": question.channel,
            "channel_label": CHANNELS.get(question.channel, question.channel), "status": status,
            "status_label": STATUSES[status], "first_words": first_words(question), "has_audio": question.has_audio,
            "phone_masked": question.phone_masked, "created_at": question.created_at,
            "due_at": round_[0] + ANSWER_WITHIN, "age_state": age_state(question, round_),
            "urgent": urgent(question),
            "claimed_by_name": _name(question.claimed_by_id) if status == "claimed" else None,
            "claim_expires_at": question.claim_expires_at if status == "claimed" else None,
            "office_name": divisions.public_name(db.session.get(Office, question.office_id))}


def messages(question: Question) -> list[dict]:
    rows = db.session.scalars(db.select(QuestionMessage).where(QuestionMessage.question_id == question.id)
                              .order_by(QuestionMessage.id))
    return [message(m) for m in rows]


def message(m: QuestionMessage) -> dict:
    titles: dict[str, str] = {slug: title for slug, title in db.session.execute(
        db.select(Card.slug, Card.question).where(Card.slug.in_(m.card_slugs or [])))} if m.card_slugs else {}
    return {"id": m.id, "author": m.author, "text": decrypt(m.text_enc), "audio_id": m.audio_id,
            "duration_ms": m.duration_ms,
            "cards": [{"slug": s, "title": titles.get(s, "")} for s in m.card_slugs or []],
            "next_step": m.next_step or None, "next_step_label": NEXT_STEPS.get(m.next_step, "") or None,
            "created_at": m.created_at}


def _application_code(question: Question) -> str | None:
    application = db.session.get(Application, question.application_id) if question.application_id else None
    return codes.display(application.code) if application is not None else None


def thread(question: Question) -> dict:
    """The asker's view (by code and phone)."""
    status = status_of(question)
    return {"id": question.id, "code": question.code, "code_display": codes.display(question.code),
            "status": status, "status_label": STATUSES[status], "case_type": question.case_type,
            "created_at": question.created_at, "answered_at": question.answered_at, "messages": messages(question),
            "offer": question.offer, "application_code": _application_code(question)}


def full(question: Question) -> dict:
    """An answerer's view: the queue's line, the thread, the dates and the place, photos and moderation."""
    return {**row(question), **{k: getattr(question, k) for k in (
        "started_on", "left_on", "injured_on", "city", "district", "site_division", "verdict", "verdict_reason",
        "application_id", "offer", "answered_at")},
        "code": question.code, "text": decrypt(question.text_enc), "messages": messages(question),
        "upload_ids": list(question.upload_ids or []), "application_code": _application_code(question)}


def created(question: Question) -> dict:
    return {"id": question.id, "code": question.code, "code_display": codes.display(question.code),
            "status": question.status, "status_label": question.status_label, "created_at": question.created_at}


def mine(question: Question) -> dict:
    status = status_of(question)
    return {"code": question.code, "code_display": codes.display(question.code), "status": status,
            "status_label": STATUSES[status], "created_at": question.created_at,
            "first_words": first_words(question), "answered_at": question.answered_at}
