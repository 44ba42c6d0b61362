"""Events API: publish, sign up, rosters for offline check-in, sheets, posters, debriefs."""
from flask import Response, current_app, request
from flask.views import MethodView
from flask_smorest import Blueprint

from ..accounts.guard import current_user, require_role
from ..errors import DomainError
from ..roles import OFFICE_ROLES, ORGANISER_ROLES
from ..security import limited, submission_limit
from ..idempotency import IDEMPOTENCY_DOC, idempotent
from . import exports, poster, service
from .schemas import (EventIn, EventList, EventOut, EventPatch, HeadcountOut, ReportIn, ReportOut, RosterArgs,
                      RosterOut, SignupIn, SignupOut, VolunteersIn)

blp = Blueprint("events", __name__, url_prefix="/api/v1", description="活动：发布、报名、离线签到、签到表、海报、活动小结")


def event_for_organiser(event_id: int):
    """The event and the signed-in person, if they may run it (service.check_organiser)."""
    user = current_user()
    return service.organiser_event(event_id, user), user


@blp.route("/events")
class Events(MethodView):
    @blp.response(200, EventList)
    def get(self):
        """Published events from today on, soonest first."""
        return {"items": service.list_events()}

    @require_role(*OFFICE_ROLES)
    @blp.arguments(EventIn)
    @blp.response(201, EventOut)
    def post(self, data):
        """Create an event (draft unless `status` says published)."""
        return service.create_event(data, current_user().id)


@blp.route("/events/assigned")
class AssignedEvents(MethodView):
    @require_role(*ORGANISER_ROLES)
    @blp.response(200, EventList)
    def get(self):
        """The events a volunteer works at (staff: every published event)."""
        user = current_user()
        if user.role in OFFICE_ROLES:
            return {"items": service.list_events(upcoming_only=False)}
        return {"items": service.list_events(upcoming_only=False, volunteer_id=user.id)}


@blp.route("/events/<int:event_id>")
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
        return service.update_event(service.get_event(event_id), data)


@blp.route("/events/<int:event_id>/volunteers")
class EventVolunteers(MethodView):
    @require_role(*OFFICE_ROLES)
    @blp.arguments(VolunteersIn)
    @blp.response(200, EventOut)
    def put(self, data, event_id):
        """Set who volunteers at this event."""
        return service.set_volunteers(service.get_event(event_id), data["user_ids"])


@blp.route("/events/<int:event_id>/signups")
class Signups(MethodView):
    @limited(submission_limit)
    @blp.doc(parameters=[IDEMPOTENCY_DOC])
    @idempotent
    @blp.arguments(SignupIn)
    @blp.response(201, SignupOut)
    @blp.alt_response(200, schema=SignupOut, description="this phone had already signed up: the same attendee")
    def post(self, data, event_id):
        """Sign up for an event; the answer carries the QR token to show at the gate."""
        event = service.get_event(event_id, public=True)
        attendee, created = service.sign_up(event, data)
        return service.signup_view(attendee, event), 201 if created else 200


@blp.route("/signups/<token>")
class SignupByToken(MethodView):
    @blp.response(200, SignupOut)
    def get(self, token):
        """A worker's own sign-up, by the token they hold (shows whether they are checked in)."""
        attendee, event = service.attendee_by_token(token)
        return service.signup_view(attendee, event)


@blp.route("/events/<int:event_id>/roster")
class Roster(MethodView):
    @require_role(*ORGANISER_ROLES)
    @blp.arguments(RosterArgs, location="query")
    @blp.response(200, RosterOut)
    def get(self, args, event_id):
        """What a device needs to check people in offline; `since` gives only what changed."""
        event, user = event_for_organiser(event_id)
        return service.roster(event, args["since"], user)


@blp.route("/events/<int:event_id>/headcount")
class Headcount(MethodView):
    @require_role(*ORGANISER_ROLES)
    @blp.response(200, HeadcountOut)
    def get(self, event_id):
        """Signed up, checked in, walk-ins."""
        event, _user = event_for_organiser(event_id)
        return service.headcount(event)


def _sheet(event_id: int, kind: str):
    event, user = event_for_organiser(event_id)
    rows = service.attendance_rows(event, user, kind)
    name = f"event-{event.id}-attendance.{kind}"
    if kind == "xlsx":
        body = exports.attendance_xlsx(event, rows, service.headcount(event))
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body, mime = exports.attendance_csv(rows), "text/csv; charset=utf-8"
    return Response(body, mimetype=mime, headers={"Content-Disposition": f"attachment; filename={name}",
                                                  "Cache-Control": "no-store"})


@blp.route("/events/<int:event_id>/attendance.xlsx")
class AttendanceXlsx(MethodView):
    @require_role(*ORGANISER_ROLES)
    @blp.response(200, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    def get(self, event_id):
        """The sign-in sheet (签到表) as Excel."""
        return _sheet(event_id, "xlsx")


@blp.route("/events/<int:event_id>/attendance.csv")
class AttendanceCsv(MethodView):
    @require_role(*ORGANISER_ROLES)
    @blp.response(200, content_type="text/csv")
    def get(self, event_id):
        """The sign-in sheet as CSV (UTF-8 with BOM)."""
        return _sheet(event_id, "csv")


@blp.route("/events/<int:event_id>/poster.png")
class Poster(MethodView):
    @blp.response(200, content_type="image/png")
    def get(self, event_id):
        """A printable A4 poster with the event's QR code."""
        event = service.get_event(event_id, public=True)
        base = current_app.config.get("PUBLIC_URL") or request.host_url.rstrip("/")
        png = poster.render(event, f"{base}/events/{event.id}")
        return Response(png, mimetype="image/png", headers={"Cache-Control": "public, max-age=300"})


@blp.route("/events/<int:event_id>/report")
class Report(MethodView):
    @require_role(*ORGANISER_ROLES)
    @blp.response(200, ReportOut)
    def get(self, event_id):
        """The debrief so far (四个带回 and figures)."""
        event, _user = event_for_organiser(event_id)
        report = service.get_report(event)
        if report is None:
            raise DomainError("这场活动还没有小结。", code="no_report", status=404)
        return report

    @require_role(*ORGANISER_ROLES)
    @blp.arguments(ReportIn)
    @blp.response(200, ReportOut)
    def post(self, data, event_id):
        """Save the debrief; sending it again replaces it (one per event)."""
        event, user = event_for_organiser(event_id)
        return service.save_report(event, data, user.id)
