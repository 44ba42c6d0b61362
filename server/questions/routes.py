"""The worker's side of 问一问 (no account needed): ask (exactly once), follow by code and phone, ask again in the same
thread, hear a clip of the thread; 我的咨询 for a worker signed in by phone code. The answerers' routes join this
blueprint (office_routes.py)."""
from flask import Response, current_app, request
from flask.views import MethodView
from flask_smorest import Blueprint

from ..accounts.guard import current_user, require_role
from ..aid import codes
from ..aid.tracking.schemas import TrackArgs
from ..extensions import db, limiter
from ..idempotency import IDEMPOTENCY_DOC, idempotent, key_required, once
from ..paging import PAGING, QueryPage
from ..security import address_key, hashed_key, limited, never_cached, submission_limit
from . import queue, service, views
from .models import Question, QuestionMessage
from .queue import ANSWERER_ROLES
from .schemas import (
    FollowUpIn,
    ListArgs,
    MessageOut,
    MineOut,
    QuestionCreated,
    QuestionIn,
    RowOut,
    ThreadOut,
    TrackAudioIn,
)

blp = Blueprint("questions", __name__, url_prefix="/api/v1",
                description="问一问：工友留言或语音提问（不用注册）、凭查询码看回复；解答人的待回复队列")
blp.after_request(never_cached)  # every answer here is someone's question

KEY_DOC = {**IDEMPOTENCY_DOC, "required": True,
           "description": "the question's client-made id; its photos and its clip carry it as submission_id"}


def _code_key() -> str:
    """Failed look-ups counted per code (its keyed hash), so one code cannot be tried with many phones."""
    body = request.get_json(silent=True)
    raw = body.get("code") if isinstance(body, dict) else None
    return hashed_key("question-track", codes.normalise(raw if isinstance(raw, str) else ""))


def _setting(name: str, default: str):
    return lambda: current_app.config.get(name, default)


track_limit = [
    limiter.limit(_setting("RATELIMIT_TRACK", "10 per minute;60 per hour"), key_func=address_key,
                  scope="question-track-address"),
    limiter.limit(_setting("RATELIMIT_TRACK_FAILURES", "5 per hour"), key_func=_code_key,
                  scope="question-track-code", deduct_when=lambda response: response.status_code == 404),
]


class RowPage(QueryPage):
    """A page of questions, each as the queue shows it."""

    @property
    def items(self):
        return [views.row(q) for q in super().items]


class MinePage(QueryPage):
    @property
    def items(self):
        return [views.mine(q) for q in super().items]


@blp.route("/questions")
class Questions(MethodView):
    @require_role(*ANSWERER_ROLES)
    @blp.arguments(ListArgs, location="query")
    @blp.response(200, RowOut(many=True))
    @blp.paginate(RowPage, **PAGING)
    def get(self, args):
        """The queue of the answerer's offices: urgent first, then the oldest; filters, search by code or phone;
        each with its age against 24 hours and its urgent flags; paged (X-Pagination)."""
        return queue.listing(current_user(), args)

    @limited(submission_limit)
    @blp.doc(parameters=[KEY_DOC])
    @key_required
    @idempotent
    @blp.arguments(QuestionIn)
    @blp.response(201, QuestionCreated)
    def post(self, data):
        """Ask (no account): text and/or a clip, photos, the case type, dates, the site and the phone to be told on.
        429 question_throttled when one phone has asked too many in a day."""
        question_id = once(lambda: service.ask(data, request.headers["Idempotency-Key"]).id)
        return views.created(db.session.get_one(Question, question_id))


@blp.route("/questions/track")
class Track(MethodView):
    @limited(track_limit)
    @blp.arguments(TrackArgs)
    @blp.response(200, ThreadOut)
    def post(self, args):
        """The thread by code and the asker's phone: answers (text, voice, cards, next step) and any offer."""
        return views.thread(service.tracked(args["code"], args["phone"]))


@blp.route("/questions/track/messages")
class FollowUp(MethodView):
    @limited(track_limit)
    @blp.doc(parameters=[KEY_DOC])
    @key_required
    @idempotent
    @blp.arguments(FollowUpIn)
    @blp.response(201, MessageOut)
    def post(self, data):
        """Ask again in the same thread (text and/or a clip); the question goes back to the queue."""
        message_id = once(lambda: service.follow_up(data["code"], data["phone"], data["text"], data["audio_id"],
                                                    request.headers["Idempotency-Key"]))
        return views.message(db.session.get_one(QuestionMessage, message_id))


@blp.route("/questions/track/audio")
class TrackAudio(MethodView):
    @limited(track_limit)
    @blp.arguments(TrackAudioIn)
    @blp.doc(responses={"200": {"description": "the clip as audio/mp4", "content": {
        "audio/mp4": {"schema": {"type": "string", "format": "binary"}}}}})
    def post(self, args):
        """A clip of this thread (the question's or an answer's), for the asker by code and phone."""
        body = service.thread_audio(args["code"], args["phone"], args["audio_id"])
        return Response(body, mimetype="audio/mp4", headers={"Cache-Control": "no-store",
                                                             "X-Content-Type-Options": "nosniff"})


@blp.route("/me/questions")
class MyQuestions(MethodView):
    @require_role("worker")
    @blp.response(200, MineOut(many=True))
    @blp.paginate(MinePage, **PAGING)
    def get(self):
        """我的咨询: the questions asked with the signed-in worker's phone, newest first; paged (X-Pagination)."""
        return service.my_questions(current_user())
