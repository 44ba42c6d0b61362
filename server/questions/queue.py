"""The answerers' queue of an office (its subtree, offices/scope.py; a question of a sibling office is not found):
filters, search, urgent first and then oldest; one answerer at a time, a claim lapsing after QUESTION_CLAIM_MINUTES
(the question is then open again, with nothing to undo)."""
from datetime import timedelta

from flask import current_app
from sqlalchemy import and_, case, or_

from .. import clock, codes
from ..accounts import audit
from ..aid.cases import clocks
from ..errors import DomainError, NotFound
from ..extensions import db
from ..offices import scope
from ..pii import InvalidPhone, lookup_hash, normalise_phone
from ..roles import OFFICE_ROLES
from . import views
from .models import Question

ANSWERER_ROLES = ("volunteer", "lawyer", "staff", "admin")


def get(question_id: int, user) -> Question:
    """A question of the user's offices, locked for the change that follows; 404 for any other."""
    question = db.session.get(Question, question_id)
    if question is None or not scope.sees(user, question.office_id):
        raise NotFound("没有找到这条咨询。", "question_not_found")
    return question


def _open():
    return or_(Question.status == "open",
               and_(Question.status == "claimed", Question.claim_expires_at <= views.now()))


def _held():
    return and_(Question.status == "claimed", Question.claim_expires_at > views.now())


def listing(user, args: dict):
    """The queue as a select (paged by the route): urgent first, then the oldest."""
    query = scope.within(db.select(Question), Question.office_id, user)
    status = args.get("status") or ""
    if status == "open":
        query = query.where(_open())
    elif status == "claimed":
        query = query.where(_held())
    elif status == "mine":
        query = query.where(_held(), Question.claimed_by_id == user.id)
    elif status:
        query = query.where(Question.status == status)
    if args.get("channel"):
        query = query.where(Question.channel == args["channel"])
    if args.get("case_type"):
        query = query.where(Question.case_type == args["case_type"])
    soon = clocks.today() + timedelta(days=clocks.URGENT_DAYS)
    if args.get("urgent"):
        query = query.where(Question.limitation_due_on <= soon)
    age = args.get("age")
    if age:
        due_soon_from = views.now() - views.ANSWER_WITHIN + views.DUE_SOON
        overdue_from = views.now() - views.ANSWER_WITHIN
        since = views.waiting_since()  # NULL once answered; a follow-up starts the clock again
        query = query.where({"overdue": since < overdue_from,
                             "due_soon": and_(since >= overdue_from, since < due_soon_from),
                             "on_time": or_(since.is_(None), since >= due_soon_from)}[age])
    if args.get("q"):
        query = query.where(_search(args["q"]))
    urgent_first = case((Question.limitation_due_on <= soon, 0), else_=1)
    return query.order_by(urgent_first, Question.created_at, Question.id)


def of_site(site_id: int, user, limit: int) -> list[dict]:
    """The questions asked about a site that `user`'s offices hold, newest first, as the queue lists them."""
    query = scope.within(db.select(Question).where(Question.site_id == site_id), Question.office_id, user)
    return [views.row(q) for q in db.session.scalars(query.order_by(Question.id.desc()).limit(limit))]


def _search(q: str):
    """By code (as typed any way) or by the asker's phone: the words are encrypted, not searchable."""
    found = [Question.code == codes.normalise(q)]
    try:
        found.append(Question.phone_hash == lookup_hash(normalise_phone(q)))
    except InvalidPhone:
        pass
    return or_(*found)


def locked(question_id: int, user) -> Question:
    get(question_id, user)
    return db.session.scalars(db.select(Question).where(Question.id == question_id).with_for_update()
                              .execution_options(populate_existing=True)).one()


def claim(question_id: int, user) -> Question:
    question = locked(question_id, user)
    if question.status in ("closed", "moderated"):
        raise DomainError("这条咨询已经结束，不用再回复了。", "question_not_open", 409)
    if views.claim_held(question) and question.claimed_by_id != user.id:
        raise DomainError("这条咨询已经有人认领了，请换一条。", "question_claimed", 409)
    minutes = int(current_app.config["QUESTION_CLAIM_MINUTES"])
    question.status, question.claimed_by_id = "claimed", user.id
    question.claim_expires_at = clock.utcnow() + timedelta(minutes=minutes)
    audit.record_view(user, "claim", "question", question.id)
    db.session.commit()
    return question


def release(question_id: int, user) -> Question:
    question = locked(question_id, user)
    if views.claim_held(question):
        if question.claimed_by_id != user.id and user.role not in OFFICE_ROLES:
            raise DomainError("这条咨询是别人认领的，只有认领人或工作人员能放回。", "question_claimed", 409)
        release_claim(question)
        audit.record_view(user, "release", "question", question.id)
    db.session.commit()
    return question


def release_claim(question: Question, status: str = "open") -> None:
    if question.status == "claimed":
        question.status = status
    question.claimed_by_id, question.claim_expires_at = None, None


def may_answer(question: Question, user) -> None:
    """Only the one holding the claim answers; staff and admin may answer without one."""
    if question.status in ("closed", "moderated"):
        raise DomainError("这条咨询已经结束，不用再回复了。", "question_not_open", 409)
    if views.claim_held(question):
        if question.claimed_by_id != user.id and user.role not in OFFICE_ROLES:
            raise DomainError("这条咨询已经有人认领了，请换一条。", "question_claimed", 409)
    elif user.role not in OFFICE_ROLES:
        raise DomainError("请先认领这条咨询再回复。", "question_not_claimed", 409)
