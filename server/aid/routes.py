"""Legal-aid API: apply (exactly once), track by code and phone, my applications, the handlers' views."""
import functools

from flask import current_app, request
from flask.views import MethodView
from flask_smorest import Blueprint

from ..accounts.guard import current_user, optional_user, require_role
from ..errors import error_response
from ..extensions import db, limiter
from ..idempotency import IDEMPOTENCY_DOC, idempotent, once
from ..security import address_key, hashed_key, limited, never_cached, phone_key, submission_limit
from . import codes, service
from .access import HANDLER_ROLES
from .schemas import (
    ApplicationCreated,
    ApplicationFull,
    ApplicationIn,
    ApplicationSummary,
    ForgotCodeIn,
    ForgotCodeOut,
    ListArgs,
    MyApplications,
    TrackArgs,
    TrackOut,
)

blp = Blueprint("aid", __name__, url_prefix="/api/v1",
                description="法律援助：申请（只算一次）、凭查询码查进度、经办人查看")
# Every answer here is about someone's case (the tracking answer goes to anyone with code and phone).
blp.after_request(never_cached)


def _code_key() -> str:
    """Failed look-ups counted per code, so one code cannot be tried with many phones.

    The code counted is the one the handler checks: the query's for GET, the body's otherwise (a decoy
    `?code=` on a POST must not give the body's code fresh tries), as typed any way (normalised); the key
    holds its keyed hash, never the code or the phone.
    """
    if request.method == "GET":
        raw = request.args.get("code")
    else:
        body = request.get_json(silent=True)
        raw = body.get("code") if isinstance(body, dict) else None
    return hashed_key("track", codes.normalise(raw if isinstance(raw, str) else ""))


def _setting(name: str, default: str):
    return lambda: current_app.config.get(name, default)


track_limit = [
    limiter.limit(_setting("RATELIMIT_TRACK", "10 per minute;60 per hour"), key_func=address_key,
                  scope="track-address"),
    limiter.limit(_setting("RATELIMIT_TRACK_FAILURES", "5 per hour"), key_func=_code_key, scope="track-code",
                  deduct_when=lambda response: response.status_code == 404),
]

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
        return service.created_view(service.get_application(application_id))

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


@blp.route("/applications/track")
class Track(MethodView):
    @limited(track_limit)
    @blp.arguments(TrackArgs, location="query")
    @blp.response(200, TrackOut)
    def get(self, args):
        """Stage and timeline by tracking code and the applicant's phone (prefer POST: no phone in the URL)."""
        return service.track(args["code"], args["phone"])

    @limited(track_limit)
    @blp.arguments(TrackArgs)
    @blp.response(200, TrackOut)
    def post(self, args):
        """The same, with code and phone in the body, so neither lands in an access log."""
        return service.track(args["code"], args["phone"])


@blp.route("/me/applications")
class MyApplicationList(MethodView):
    @require_role("worker")
    @blp.response(200, MyApplications)
    def get(self):
        """A worker's own applications (their phone is the applicant's), without the code."""
        return {"items": service.my_applications(current_user())}


@blp.route("/applications/<int:application_id>")
class ApplicationView(MethodView):
    @require_role("lawyer", *HANDLER_ROLES)
    @blp.response(200, ApplicationFull)
    def get(self, application_id):
        """The full application, decrypted (its handlers only; every view is audited)."""
        return service.full_view(application_id, current_user())


forgot_limit = [
    # Per address: one site's wifi may serve many workers; the answer teaches nothing, each text costs money.
    limiter.limit(_setting("RATELIMIT_FORGOT_PER_ADDRESS", "10 per hour;50 per day"), key_func=address_key,
                  scope="forgot-code-address"),
    # Counted for every phone asked about, known or not, so a 429 says nothing about the phone either.
    limiter.limit(_setting("RATELIMIT_FORGOT_PER_PHONE", "1 per 10 minutes;3 per day"), key_func=phone_key,
                  scope="forgot-code-phone"),
]


@blp.route("/applications/forgot-code")
class ForgotCode(MethodView):
    @limited(forgot_limit)
    @blp.arguments(ForgotCodeIn)
    @blp.response(202, ForgotCodeOut)
    def post(self, args):
        """「忘了查询码」: the codes are texted to the phone that applied; the same answer whether or not it did."""
        service.forgot_code(args["phone"])
        return {"message": service.FORGOT_SENT}
