"""The answerers' routes (volunteers, lawyers, staff, admin of the question's office or above; a question of another
office is 404): read, claim, release, answer, convert, moderate, and 咨询登记 (staff logging a consultation)."""
from flask import request
from flask.views import MethodView

from ..accounts import audit
from ..accounts.guard import current_user, require_role
from ..extensions import db
from ..idempotency import idempotent, key_required, once
from . import answers, queue, views
from .models import Question, QuestionMessage
from .queue import ANSWERER_ROLES
from .routes import KEY_DOC, blp
from .schemas import AnswerIn, FullOut, LoggedIn, MessageOut, ModerateIn, QuestionCreated


@blp.route("/questions/<int(signed=True):question_id>")
class OneQuestion(MethodView):
    @require_role(*ANSWERER_ROLES)
    @blp.response(200, FullOut)
    def get(self, question_id):
        """The whole thread (phone masked), its dates, photos' and clips' ids, any offer; the read is audited."""
        user = current_user()
        question = queue.get(question_id, user)
        audit.record_view(user, "view", "question", question.id)
        db.session.commit()
        return views.full(question)


@blp.route("/questions/<int(signed=True):question_id>/claim")
class Claim(MethodView):
    @require_role(*ANSWERER_ROLES)
    @blp.response(200, FullOut)
    def post(self, question_id):
        """Take the question for QUESTION_CLAIM_MINUTES (409 question_claimed while another holds it)."""
        return views.full(queue.claim(question_id, current_user()))


@blp.route("/questions/<int(signed=True):question_id>/release")
class Release(MethodView):
    @require_role(*ANSWERER_ROLES)
    @blp.response(200, FullOut)
    def post(self, question_id):
        """Give the question back to the queue (the one holding it, or staff)."""
        return views.full(queue.release(question_id, current_user()))


@blp.route("/questions/<int(signed=True):question_id>/answer")
class Answer(MethodView):
    @require_role(*ANSWERER_ROLES)
    @blp.doc(parameters=[KEY_DOC])
    @key_required
    @idempotent
    @blp.arguments(AnswerIn)
    @blp.response(201, MessageOut)
    def post(self, data, question_id):
        """Answer by text and/or a clip (sent first to POST /audio with this key), up to 5 cards, a next step; the
        asker gets an SMS with the /q/{code} link. Only the one holding the claim (or staff) answers."""
        message_id = once(lambda: answers.answer(question_id, current_user(), data,
                                                 request.headers["Idempotency-Key"]))
        return views.message(db.session.get_one(QuestionMessage, message_id))


@blp.route("/questions/<int(signed=True):question_id>/convert")
class Convert(MethodView):
    @require_role(*ANSWERER_ROLES)
    @blp.response(200, FullOut)
    def post(self, question_id):
        """转为法律援助申请: the draft (type, dates, site, the worker's words) with the limitation and Art. 44 checks
        run on its dates; the asker is texted the link to confirm and complete it."""
        return views.full(answers.convert(question_id, current_user()))


@blp.route("/questions/<int(signed=True):question_id>/moderate")
class Moderate(MethodView):
    @require_role(*ANSWERER_ROLES)
    @blp.arguments(ModerateIn)
    @blp.response(200, FullOut)
    def post(self, data, question_id):
        """Mark not a legal question, spam or abusive, with a reason; nothing is deleted; audited."""
        return views.full(answers.moderate(question_id, current_user(), data["verdict"], data["reason"]))


@blp.route("/questions/logged")
class Logged(MethodView):
    @require_role(*ANSWERER_ROLES)
    @blp.doc(parameters=[KEY_DOC])
    @key_required
    @idempotent
    @blp.arguments(LoggedIn)
    @blp.response(201, QuestionCreated)
    def post(self, data):
        """咨询登记: a hotline call, a walk-in or a question at an event, with the same fields, counted by channel."""
        question_id = once(lambda: answers.log_consultation(data, current_user(),
                                                            request.headers["Idempotency-Key"]).id)
        return views.created(db.session.get_one(Question, question_id))
