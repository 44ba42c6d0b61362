"""Legal-aid API: apply (exactly once), the handlers' list and full application; the "aid" blueprint, which the
worker's routes (tracking/routes.py) join."""
import functools

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from ...accounts.guard import current_user, optional_user, require_role
from ...errors import error_response
from ...extensions import db
from ...idempotency import IDEMPOTENCY_DOC, idempotent, once
from ...security import limited, never_cached, submission_limit
from ..access import HANDLER_ROLES, get_application
from ..cases import view
from ..cases.schemas import ApplicationFull, ApplicationSummary
from . import service
from .schemas import ApplicationCreated, ApplicationIn, ListArgs

blp = Blueprint("aid", __name__, url_prefix="/api/v1",
                description="法律援助：申请（只算一次）、凭查询码查进度、经办人查看")
# Every answer here is about someone's case (the tracking answer goes to anyone with code and phone).
blp.after_request(never_cached)

KEY_DOC = {**IDEMPOTENCY_DOC, "required": True,
           "description": "the application's client-made id; its photos carry it as submission_id"}


def key_missing():
    """428: the request needs its client-made id (an application, a supplement with photos)."""
    return error_response(428, "缺少提交编号（Idempotency-Key），请更新应用后再提交。",
                          error_code="idempotency_key_required")


def _key_required(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if not request.headers.get("Idempotency-Key"):
            return key_missing()
        return view(*args, **kwargs)
    return wrapper


@blp.route("/applications")
class Applications(MethodView):
    @limited(submission_limit)
    @blp.doc(parameters=[KEY_DOC])
    @_key_required
    @idempotent
    @blp.arguments(ApplicationIn)
    @blp.response(201, ApplicationCreated)
    def post(self, data):
        """Apply for legal aid (no account needed; a signed-in volunteer may apply for a worker)."""
        application_id = once(lambda: service.create_application(data, request.headers["Idempotency-Key"],
                                                                 optional_user()).id)
        return service.created_view(get_application(application_id))

    @require_role(*HANDLER_ROLES)
    @blp.arguments(ListArgs, location="query")
    @blp.response(200, ApplicationSummary(many=True))
    @blp.paginate()
    def get(self, args, pagination_parameters):
        """Applications, newest first, masked (staff and admins; issue 13 adds filters and lawyers' own cases)."""
        page = db.paginate(service.list_query(**args), page=pagination_parameters.page,
                           per_page=min(pagination_parameters.page_size, 100), error_out=False)
        pagination_parameters.item_count = page.total
        return page.items


@blp.route("/applications/<int:application_id>")
class ApplicationView(MethodView):
    @require_role("lawyer", *HANDLER_ROLES)
    @blp.response(200, ApplicationFull)
    def get(self, application_id):
        """The full application, decrypted (its handlers only; every view is audited)."""
        return view.full_view(application_id, current_user())
