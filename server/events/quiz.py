"""The prize quiz at events (有奖知识问答): staff set it on the event, an attendee answers on their own phone
after checking in (offline too: the phone sends the answers once, with its Idempotency-Key), the server scores it
and keeps it with the attendance, and a volunteer marks the prize handed over (an offline operation, `prize.py`).

The questions are drawn once from the bank when the quiz is set (or its count or topics change), so every
attendee of the event gets the same questions, and a phone that has the event's page answers them offline.
Their options are shuffled the same way for everyone (seeded by event and question): the bank lists the right
answer first. The phone never gets the answers with the questions, and its score is never asked: the server
scores what was chosen.

Retakes: none. One result per attendance; the first one the server receives stands, and any later send (a retry,
a second phone with the same QR code) is answered with that result and counts nothing.
"""
import random

from ..cards.models import Card, QuizQuestion, Topic
from ..clock import utcnow
from ..errors import DomainError, NotFound
from ..extensions import db
from .models import Attendee, CheckIn, Event, EventQuiz, QuizResult

MAX_QUESTIONS = 20


def _bank(topics: list[str]) -> list[QuizQuestion]:
    q = db.select(QuizQuestion).join(Card, Card.slug == QuizQuestion.card_slug).join(Topic, Topic.id == Card.topic_id)
    if topics:
        q = q.where(Topic.slug.in_(topics))
    return list(db.session.scalars(q.order_by(QuizQuestion.position)))


def _bad(message: str, field: str) -> DomainError:
    return DomainError(message, code="bad_quiz", errors={"json": {"quiz": {field: [message]}}})


def configure(event: Event, settings: dict | None) -> None:
    """Set, change or (None) remove the event's quiz; draws the questions when the count or topics change."""
    if settings is None:
        event.quiz = None
        return
    count, pass_mark = settings["question_count"], settings["pass_mark"]
    topics = sorted(set(settings.get("topics") or []))
    known = set(db.session.scalars(db.select(Topic.slug)))
    if set(topics) - known:
        raise _bad(f"没有这些题目分类：{'、'.join(sorted(set(topics) - known))}。", "topics")
    if pass_mark > count:
        raise _bad("及格题数不能多于题目数。", "pass_mark")
    current = event.quiz
    if current is None or current.question_count != count or current.topics != topics:
        bank = _bank(topics)
        if len(bank) < count:
            raise _bad(f"所选分类只有 {len(bank)} 道题，题目数请不要超过它。", "question_count")
        keys = [q.key for q in random.sample(bank, count)]
        if current is None:
            event.quiz = EventQuiz(event_id=event.id, question_count=count, pass_mark=pass_mark, topics=topics,
                                   question_keys=keys)
            return
        current.question_count, current.topics, current.question_keys = count, topics, keys
    current.pass_mark = pass_mark


def _questions(quiz: EventQuiz) -> dict[str, QuizQuestion]:
    rows = db.session.scalars(db.select(QuizQuestion).where(QuizQuestion.key.in_(quiz.question_keys)))
    return {q.key: q for q in rows}


def view(event: Event) -> dict | None:
    """The quiz as an attendee's phone gets it with the event: settings and questions, never the answers."""
    quiz = event.quiz
    if quiz is None:
        return None
    bank = _questions(quiz)
    questions = []
    for key in quiz.question_keys:
        q = bank.get(key)
        if q is not None:  # a question taken out of the bank since is not asked (nor scored)
            options = list(q.options)
            random.Random(f"{event.id}:{key}").shuffle(options)
            questions.append({"id": key, "question": q.question, "options": options})
    return {"question_count": quiz.question_count, "pass_mark": quiz.pass_mark, "topics": quiz.topics,
            "questions": questions}


def _attendee(token: str) -> Attendee:
    attendee = db.session.scalar(  # of=Attendee: PostgreSQL locks no outer-joined row (its check-in)
        db.select(Attendee).where(Attendee.qr_token == token).with_for_update(of=Attendee))
    if attendee is None:
        raise NotFound("没有找到这个报名。", code="signup_not_found")
    return attendee


def submit(token: str, answers: list[dict], answered_at, operation_id: str) -> tuple[int, bool]:
    """Score and keep an attendee's answers; (result id, whether this send made it). The attendee's row is locked
    first, so two phones sending at once make one result."""
    attendee = _attendee(token)
    existing = db.session.scalar(db.select(QuizResult).where(QuizResult.attendee_id == attendee.id))
    if existing is not None:
        return existing.id, False
    event = db.session.get(Event, attendee.event_id)
    assert event is not None  # a foreign key
    if event.quiz is None:
        raise DomainError("这场活动没有知识问答。", code="no_quiz")
    if event.status != "published":
        raise DomainError("这场活动已取消或未发布，不能交卷。", code="event_closed")
    if db.session.scalar(db.select(CheckIn.id).where(CheckIn.attendee_id == attendee.id)) is None:
        # 409: the volunteer's check-in may still be on its way from an offline phone; the answers wait and go again.
        raise DomainError("还没有你的签到记录：先到现场找志愿者签到，签到记录一到就会自动算分。", code="not_checked_in",
                          status=409)
    chosen = {a["id"]: a["answer"] for a in answers}
    bank = _questions(event.quiz)
    asked = [key for key in event.quiz.question_keys if key in bank]
    score = sum(1 for key in asked if chosen.get(key) == bank[key].answer)
    result = QuizResult(attendee_id=attendee.id, event_id=event.id, score=score, total=len(asked),
                        passed=score >= event.quiz.pass_mark, answers={k: chosen[k] for k in asked if k in chosen},
                        operation_id=operation_id, answered_at=answered_at or utcnow())
    db.session.add(result)
    attendee.updated_at = utcnow()  # the volunteers' next roster download brings the result
    db.session.commit()
    return result.id, True


def result_view(result_id: int) -> dict:
    """The kept result with each question's right answer and explanation (shown once the quiz is handed in)."""
    result = db.session.get(QuizResult, result_id)
    if result is None:
        raise NotFound("没有找到这份答卷。", code="quiz_not_found")
    event = db.session.get(Event, result.event_id)
    quiz = event.quiz if event else None
    bank = _questions(quiz) if quiz else {}
    return {"event_id": result.event_id, "score": result.score, "total": result.total, "passed": result.passed,
            "pass_mark": quiz.pass_mark if quiz else None, "prize_given": result.prize_at is not None,
            "answered_at": result.answered_at,
            "questions": [{"id": key, "question": bank[key].question, "chosen": result.answers.get(key),
                           "answer": bank[key].answer, "right": result.answers.get(key) == bank[key].answer,
                           "explanation": bank[key].explanation} for key in (quiz.question_keys if quiz else [])
                          if key in bank]}


def results_by_attendee(attendee_ids) -> dict[int, QuizResult]:
    ids = list(attendee_ids)
    if not ids:
        return {}
    return {r.attendee_id: r for r in db.session.scalars(db.select(QuizResult).where(QuizResult.attendee_id.in_(ids)))}


def roster_fields(result: QuizResult | None) -> dict:
    """What the volunteers' roster shows of an attendee's quiz: the score, passed, the prize handed over."""
    if result is None:
        return {"quiz_score": None, "quiz_total": None, "quiz_passed": None, "prize_at": None}
    return {"quiz_score": result.score, "quiz_total": result.total, "quiz_passed": result.passed,
            "prize_at": result.prize_at}
