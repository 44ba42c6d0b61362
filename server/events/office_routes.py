"""The office's events API (staff and admin): every event in every state, copies, volunteers by
name, debrief histories, and the debriefs of a period side by side (JSON and Excel).

The public list (`GET /events`) stays as it is; these answers are never cached (no-store).
"""
from datetime import timedelta

from flask.views import MethodView
from flask_smorest import Blueprint

from ..accounts.guard import current_user, require_role
from ..clock import china_time, utcnow
from ..files import XLSX, download
from ..paging import PAGING, QueryPage
from ..roles import OFFICE_ROLES
from ..security import never_cached
from . import exports, office, service
from .schemas import (
    DebriefRowOut,
    DebriefVersionOut,
    OfficeEventArgs,
    OfficeEventDetail,
    OfficeEventOut,
    PeriodArgs,
    VolunteerArgs,
    VolunteerOut,
)

blp = Blueprint("office_events", __name__, url_prefix="/api/v1",
                description="办公室：全部活动（含草稿）、复制活动、按姓名找志愿者、活动小结的历史和汇总")
blp.after_request(never_cached)


@blp.route("/office/events")
class OfficeEvents(MethodView):
    @require_role(*OFFICE_ROLES)
    @blp.arguments(OfficeEventArgs, location="query")
    @blp.response(200, OfficeEventOut(many=True))
    @blp.paginate(QueryPage, **PAGING)
    def get(self, args):
        """Every event, drafts too, by state (draft / published / past / cancelled) and mine; paged: X-Pagination."""
        mine = current_user().id if args["mine"] else None
        return office.list_events(current_user(), args["status"], mine, args["q"])


@blp.route("/office/events/<int(signed=True):event_id>")
class OfficeEvent(MethodView):
    @require_role(*OFFICE_ROLES)
    @blp.response(200, OfficeEventDetail)
    def get(self, event_id):
        """One event in any state, with its volunteers by name."""
        return service.office_event(event_id, current_user())


@blp.route("/events/<int(signed=True):event_id>/duplicate")
class Duplicate(MethodView):
    @require_role(*OFFICE_ROLES)
    @blp.response(201, OfficeEventDetail)
    def post(self, event_id):
        """A new draft with the same fields (the same lecture at another site); no volunteers, nobody signed up."""
        user = current_user()
        return office.duplicate(service.office_event(event_id, user), user.id)


@blp.route("/office/volunteers")
class Volunteers(MethodView):
    @require_role(*OFFICE_ROLES)
    @blp.arguments(VolunteerArgs, location="query")
    @blp.response(200, VolunteerOut(many=True))
    def get(self, args):
        """Active volunteer accounts by name (at most 50; phones masked), to assign to an event."""
        return office.find_volunteers(current_user(), args["q"])


@blp.route("/events/<int(signed=True):event_id>/report/versions")
class ReportVersions(MethodView):
    @require_role(*OFFICE_ROLES)
    @blp.response(200, DebriefVersionOut(many=True))
    def get(self, event_id):
        """Every debrief sent for this event, newest first, with who sent it and when."""
        return office.versions(service.office_event(event_id, current_user()))


def _period(args):
    until = args["until"] or china_time(utcnow()).date()
    since = args["since"] or until - timedelta(days=30)
    return since, until


@blp.route("/office/debriefs")
class Debriefs(MethodView):
    @require_role(*OFFICE_ROLES)
    @blp.arguments(PeriodArgs, location="query")
    @blp.response(200, DebriefRowOut(many=True))
    def get(self, args):
        """The latest debrief of every event that started in the period (China days), 四个带回 side by side."""
        return office.across(current_user(), *_period(args))


@blp.route("/office/debriefs.xlsx")
class DebriefsXlsx(MethodView):
    @require_role(*OFFICE_ROLES)
    @blp.arguments(PeriodArgs, location="query")
    @blp.response(200, content_type=XLSX)
    def get(self, args):
        """The same list as Excel."""
        since, until = _period(args)
        body = exports.debriefs_xlsx(office.across(current_user(), since, until), since, until)
        return download(body, XLSX, f"debriefs-{since:%Y%m%d}-{until:%Y%m%d}.xlsx")
