"""The worker's API: track by code and phone, my applications, a forgotten code (on the "aid" blueprint) and adding
the materials asked for (on the "cases" blueprint)."""
from flask import current_app, request
from flask.views import MethodView

from ... import codes
from ...accounts.guard import current_user, require_role
from ...extensions import limiter
from ...idempotency import idempotent, once
from ...security import address_key, hashed_key, limited, phone_key
from ..cases.routes import blp as cases_blp
from ..intake.routes import blp, key_missing
from . import service
from .schemas import ForgotCodeIn, ForgotCodeOut, MaterialsIn, MyApplications, TrackArgs, TrackOut


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


@cases_blp.route("/applications/track/materials")
class TrackMaterials(MethodView):
    @limited(track_limit)
    @idempotent
    @cases_blp.arguments(MaterialsIn)
    @cases_blp.response(200, TrackOut)
    def post(self, data):
        """The worker adds the materials asked for (text and photos uploaded first), by code and phone; the case
        goes back to where it was and the Art. 43 clock resumes. Photos must have been uploaded with this request's
        Idempotency-Key as their submission_id (428 when photos are named without a key)."""
        key = request.headers.get("Idempotency-Key", "")
        if data["upload_ids"] and not key:
            return key_missing()
        once(lambda: service.supply_materials(data["code"], data["phone"], data["text"], data["upload_ids"], key))
        return service.track(data["code"], data["phone"])
