"""Legal-aid API: apply (exactly once); the "aid" blueprint, which the worker's routes (tracking/routes.py) join.

The handlers read cases through the "cases" blueprint only: `GET /cases` and `GET /cases/{id}` replaced the
staff list `GET /applications` and `GET /applications/{id}`, which are retired (one door per case)."""
from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from ...accounts.guard import optional_user
from ...idempotency import IDEMPOTENCY_DOC, idempotent, key_missing, key_required, once
from ...security import limited, never_cached, submission_limit
from ..access import get_application
from . import service
from .schemas import ApplicationCreated, ApplicationIn

blp = Blueprint("aid", __name__, url_prefix="/api/v1",
                description="法律援助：申请（只算一次）、凭查询码查进度、经办人查看")
# Every answer here is about someone's case (the tracking answer goes to anyone with code and phone).
blp.after_request(never_cached)

__all__ = ["blp", "key_missing"]  # key_missing: the worker's routes (tracking/routes.py) answer 428 too

KEY_DOC = {**IDEMPOTENCY_DOC, "required": True,
           "description": "the application's client-made id; its photos carry it as submission_id"}


@blp.route("/applications")
class Applications(MethodView):
    @limited(submission_limit)
    @blp.doc(parameters=[KEY_DOC])
    @key_required
    @idempotent
    @blp.arguments(ApplicationIn)
    @blp.response(201, ApplicationCreated)
    def post(self, data):
        """Apply for legal aid (no account needed; a signed-in volunteer may apply for a worker)."""
        application_id = once(lambda: service.create_application(data, request.headers["Idempotency-Key"],
                                                                 optional_user()).id)
        return service.created_view(get_application(application_id))
