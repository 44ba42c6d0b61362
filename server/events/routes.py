"""Events API: publish, sign up, rosters for offline check-in, sheets, posters, debriefs."""
from flask import Response, request
from flask.views import MethodView
from flask_jwt_extended.exceptions import JWTExtendedException
from flask_smorest import Blueprint
from jwt import PyJWTError

from ..accounts.guard import current_user, optional_user, require_role
from ..errors import DomainError
from ..files import CSV, XLSX, download
from ..idempotency import idempotent, once
from ..paging import PAGING, QueryPage
from ..roles import OFFICE_ROLES, ORGANISER_ROLES
from ..security import limited, submission_limit
from . import debriefs, exports, poster, quiz, service, signups
from .quiz_schemas import QuizAnswersIn, QuizResultOut
from .schemas import (
    EventIn,
    EventOut,
    EventPatch,
    HeadcountOut,
    ReportIn,
    ReportOut,
    RosterArgs,
    RosterOut,
    SignupIn,
    SignupOut,
    VolunteersIn,
)

blp = Blueprint("events", __name__, url_prefix="/api/v1",
                description="活动：发布、报名、离线签到、签到表、海报、活动小结")
# Answers with names, phone endings or QR tokens: no browser, proxy or service-worker cache keeps them.
PRIVATE_ANSWERS = {"events.Signups", "events.SignupByToken", "events.Roster", "events.QuizAnswers"}
ALREADY_SIGNED_UP = ("这个手机号已经报名了这场活动。报名码在当初报名的手机上；换了手机的话，"
                     "先用这个号码收验证码登录，再报名一次就能看到。")


@blp.after_request
def _private_never_cached(response):
    if request.endpoint in PRIVATE_ANSWERS:
        response.headers["Cache-Control"] = "no-store"
    return response


def event_for_organiser(event_id: int):
    """The event and the signed-in person, if they may run it (service.check_organiser)."""
    user = current_user()
    return service.organiser_event(event_id, user), user


@blp.route("/events")
class Events(MethodView):
    @blp.response(200, EventOut(many=True))
    @blp.paginate(QueryPage, **PAGING)
    def get(self):
        """Published events from today on, soonest first (paged: X-Pagination)."""
        return service.list_events()

    @require_role(*OFFICE_ROLES)
    @blp.arguments(EventIn)
    @blp.response(201, EventOut)
    def post(self, data):
        """Create an event (draft unless `status` says published)."""
        return service.create_event(data, current_user().id)


@blp.route("/events/assigned")
class AssignedEvents(MethodView):
    @require_role(*ORGANISER_ROLES)
    @blp.response(200, EventOut(many=True))
    @blp.paginate(QueryPage, **PAGING)
    def get(self):
        """The events a volunteer works at (staff: every published event) in their offices; paged: X-Pagination."""
        user = current_user()
        return service.list_events(upcoming_only=False, volunteer_id=None if user.role in OFFICE_ROLES else user.id,
                                   reader=user)


@blp.route("/events/<int(signed=True):event_id>")
class EventView(MethodView):
    @blp.response(200, EventOut)
    def get(self, event_id):
        """One published or cancelled event."""
        return service.get_event(event_id, public=True)

    @require_role(*OFFICE_ROLES)
    @blp.arguments(EventPatch)
    @blp.response(200, EventOut)
    def patch(self, data, event_id):
        """Edit, publish (`status: published`) or cancel (`status: cancelled`)."""
        return service.update_event(service.office_event(event_id, current_user()), data)


@blp.route("/events/<int(signed=True):event_id>/volunteers")
class EventVolunteers(MethodView):
    @require_role(*OFFICE_ROLES)
    @blp.arguments(VolunteersIn)
    @blp.response(200, EventOut)
    def put(self, data, event_id):
        """Set who volunteers at this event."""
        return service.set_volunteers(service.office_event(event_id, current_user()), data["user_ids"])


@blp.route("/events/<int(signed=True):event_id>/signups")
class Signups(MethodView):
    @limited(submission_limit)
    @idempotent
    @blp.arguments(SignupIn)
    @blp.response(201, SignupOut)
    @blp.alt_response(200, schema=SignupOut,
                      description="already signed up, asked by that phone's own account (signed in by phone code)")
    def post(self, data, event_id):
        """Sign up for an event; the answer carries the QR token to show at the gate.

        The token comes back only to the request that made the sign-up (and its retries, by
        `Idempotency-Key`), or to the phone's owner signed in by phone code: a repeat with
        someone else's number gets 422 `already_signed_up`, which says so and nothing else.
        """
        event = service.get_event(event_id, public=True)
        attendee_id, created = once(lambda: _signed_up(event, data))
        attendee = signups.get_attendee(attendee_id)
        if created:
            return signups.signup_view(attendee, event), 201
        if _signed_in_as_owner(attendee.phone_hash):
            return signups.signup_view(attendee, event), 200
        raise DomainError(ALREADY_SIGNED_UP, code="already_signed_up", status=422)


def _signed_up(event, data) -> tuple[int, bool]:
    attendee, created = signups.sign_up(event, data)
    return attendee.id, created


def _signed_in_as_owner(phone_hash: str) -> bool:
    """Is this request signed in (a valid token, any delivery) as the account that owns this phone?"""
    try:
        user = optional_user()
    except (JWTExtendedException, PyJWTError):  # a bad or stale token here just means "not proven"
        return False
    return user is not None and user.phone_hash is not None and user.phone_hash == phone_hash


@blp.route("/signups/<token>")
class SignupByToken(MethodView):
    @blp.response(200, SignupOut)
    def get(self, token):
        """A worker's own sign-up, by the token they hold (shows whether they are checked in)."""
        attendee, event = signups.attendee_by_token(token)
        return signups.signup_view(attendee, event)


@blp.route("/quiz/answers")
class QuizAnswers(MethodView):
    @limited(submission_limit)
    @idempotent
    @blp.arguments(QuizAnswersIn)
    @blp.response(201, QuizResultOut)
    @blp.alt_response(200, schema=QuizResultOut, description="handed in before: the result kept then (no retakes)")
    def post(self, data):
        """Hand in an attendee's prize-quiz answers (after check-in); the server scores them and keeps the result.

        One result per attendance: the first one received stands; sending again (a retry, another phone with the
        same QR code) gets that result back and counts nothing. 409 `not_checked_in` while the check-in has not
        reached the server: send again later.
        """
        result_id, created = once(lambda: quiz.submit(data["qr_token"], data["answers"], data["answered_at"],
                                                      request.headers.get("Idempotency-Key", "")))
        return quiz.result_view(result_id), 201 if created else 200


@blp.route("/events/<int(signed=True):event_id>/roster")
class Roster(MethodView):
    @require_role(*ORGANISER_ROLES)
    @blp.arguments(RosterArgs, location="query")
    @blp.response(200, RosterOut)
    def get(self, args, event_id):
        """What a device needs to check people in offline; `since` gives only what changed."""
        event, user = event_for_organiser(event_id)
        return signups.roster(event, args["since"], user)


@blp.route("/events/<int(signed=True):event_id>/headcount")
class Headcount(MethodView):
    @require_role(*ORGANISER_ROLES)
    @blp.response(200, HeadcountOut)
    def get(self, event_id):
        """Signed up, checked in, walk-ins."""
        event, _user = event_for_organiser(event_id)
        return signups.headcount(event)


def _sheet(event_id: int, kind: str):
    event, user = event_for_organiser(event_id)
    rows = signups.attendance_rows(event, user, kind)
    name = f"event-{event.id}-attendance.{kind}"
    if kind == "xlsx":
        return download(exports.attendance_xlsx(event, rows, signups.headcount(event)), XLSX, name)
    return download(exports.attendance_csv(rows), CSV, name)


@blp.route("/events/<int(signed=True):event_id>/attendance.xlsx")
class AttendanceXlsx(MethodView):
    @require_role(*ORGANISER_ROLES)
    @blp.response(200, content_type=XLSX)
    def get(self, event_id):
        """The sign-in sheet (签到表) as Excel."""
        return _sheet(event_id, "xlsx")


@blp.route("/events/<int(signed=True):event_id>/attendance.csv")
class AttendanceCsv(MethodView):
    @require_role(*ORGANISER_ROLES)
    @blp.response(200, content_type="text/csv")
    def get(self, event_id):
        """The sign-in sheet as CSV (UTF-8 with BOM)."""
        return _sheet(event_id, "csv")


@blp.route("/events/<int(signed=True):event_id>/poster.png")
class Poster(MethodView):
    @blp.response(200, content_type="image/png")
    def get(self, event_id):
        """A printable A4 poster with the event's QR code."""
        event = service.get_event(event_id, public=True)
        # Always the configured address, never the request's Host: the answer is publicly cached, and
        # a QR code pointing wherever the asker said would be printed and pasted on site gates.
        png = poster.render(event, poster.event_url(event))
        return Response(png, mimetype="image/png", headers={"Cache-Control": "public, max-age=300"})


@blp.route("/events/<int(signed=True):event_id>/report")
class Report(MethodView):
    @require_role(*ORGANISER_ROLES)
    @blp.response(200, ReportOut)
    def get(self, event_id):
        """The debrief so far (四个带回 and figures): its latest version."""
        event, _user = event_for_organiser(event_id)
        report = debriefs.report_view(event)
        if report is None:
            raise DomainError("这场活动还没有小结。", code="no_report", status=404)
        return report

    @require_role(*ORGANISER_ROLES)
    @blp.arguments(ReportIn)
    @blp.response(200, ReportOut)
    def post(self, data, event_id):
        """Save the debrief; sending it again makes a new version (the office keeps every one)."""
        event, user = event_for_organiser(event_id)
        debriefs.save_report(event, data, user.id)
        return debriefs.report_view(event)
