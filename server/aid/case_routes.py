"""Case handling API for staff and lawyers (/work/contract-cases.md): the inbox, a case, its moves, its audit,
group claims, the figures, the lawyers; and the worker adding materials from the tracking page."""
from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from ..accounts.guard import current_user, require_role
from ..idempotency import IDEMPOTENCY_DOC, idempotent, once
from ..security import limited, never_cached
from . import cases, lawyers, service
from .access import HANDLER_ROLES
from .case_schemas import (
    CaseAudit,
    CaseList,
    CaseListArgs,
    CaseView,
    Figures,
    GroupView,
    LawyerCases,
    LawyerList,
    MaterialsIn,
    MoveAnswer,
)
from .move_schemas import ActionIn
from .routes import key_missing, track_limit
from .schemas import TrackOut

blp = Blueprint("cases", __name__, url_prefix="/api/v1",
                description="办案：工作人员和援助律师的收件箱、案件、流转、期限、群体案件、审计")
blp.after_request(never_cached)  # cases, and the worker's tracking view after adding materials


@blp.route("/cases")
class CaseInbox(MethodView):
    @require_role("lawyer", *HANDLER_ROLES)
    @blp.arguments(CaseListArgs, location="query")
    @blp.response(200, CaseList)
    def get(self, args):
        """The inbox, masked: staff see all, a lawyer only the cases assigned to them now; counts on each filter,
        sorted by urgency (Art. 44 first aid, overdue, urgent, green channel) then age, oldest first."""
        return cases.list_cases(current_user(), **args)


@blp.route("/cases/figures")
class CaseFigures(MethodView):
    @require_role(*HANDLER_ROLES)
    @blp.response(200, Figures)
    def get(self):
        """Green-channel cases and how often same-day accept and same-day assign held."""
        return cases.figures()


@blp.route("/cases/groups/<key>")
class CaseGroup(MethodView):
    @require_role(*HANDLER_ROLES)
    @blp.response(200, GroupView)
    def get(self, key):
        """A group claim: applications against one employer or at one site, with headcount and total owed."""
        return cases.group_view(key)


@blp.route("/cases/<int:application_id>")
class CaseDetail(MethodView):
    @require_role("lawyer", *HANDLER_ROLES)
    @blp.response(200, CaseView)
    def get(self, application_id):
        """One case in full, with its clocks, who acts next and the moves this user may make (every read audited)."""
        return cases.case_view(application_id, current_user())


@blp.route("/cases/<int:application_id>/actions")
class CaseActions(MethodView):
    @require_role("lawyer", *HANDLER_ROLES)
    @blp.doc(parameters=[IDEMPOTENCY_DOC])
    @idempotent
    @blp.arguments(ActionIn)
    @blp.response(200, MoveAnswer)
    def post(self, data, application_id):
        """Make a move (server/aid/workflow.py's table): 409 move_not_allowed from the wrong stage, 403 not_your_move
        for the wrong person. Answers the case view with handler true; a lawyer who declined gets handler false, the
        stage and a message, nothing of the case."""
        action, user = data.pop("action"), current_user()
        once(lambda: cases.act(application_id, action, data, user))
        return cases.view_after_move(application_id, user)


@blp.route("/cases/<int:application_id>/audit")
class CaseAuditLog(MethodView):
    @require_role(*HANDLER_ROLES)
    @blp.response(200, CaseAudit)
    def get(self, application_id):
        """Who read this case, its evidence and its documents, when, and why."""
        return cases.case_audit(application_id, current_user())


@blp.route("/lawyers")
class Lawyers(MethodView):
    @require_role(*HANDLER_ROLES)
    @blp.response(200, LawyerList)
    def get(self):
        """Active legal-aid lawyers, with their office phones and open cases (to choose whom to assign)."""
        return cases.lawyers()


@blp.route("/lawyers/<int(signed=True):lawyer_id>/cases")
class LawyerOpenCases(MethodView):
    @require_role(*HANDLER_ROLES)
    @blp.response(200, LawyerCases)
    def get(self, lawyer_id):
        """A lawyer's open cases, masked: what must be reassigned before the account is switched off."""
        return lawyers.open_case_rows(lawyer_id)


@blp.route("/applications/track/materials")
class TrackMaterials(MethodView):
    @limited(track_limit)
    @blp.doc(parameters=[IDEMPOTENCY_DOC])
    @idempotent
    @blp.arguments(MaterialsIn)
    @blp.response(200, TrackOut)
    def post(self, data):
        """The worker adds the materials asked for (text and photos uploaded first), by code and phone; the case
        goes back to where it was and the Art. 43 clock resumes. Photos must have been uploaded with this request's
        Idempotency-Key as their submission_id (428 when photos are named without a key)."""
        key = request.headers.get("Idempotency-Key", "")
        if data["upload_ids"] and not key:
            return key_missing()
        once(lambda: service.supply_materials(data["code"], data["phone"], data["text"], data["upload_ids"], key))
        return service.track(data["code"], data["phone"])



