"""Case handling API for staff and lawyers (/work/contract-cases.md): one case, its moves, its audit, a lawyer's open
cases; the "cases" blueprint, which the inbox's routes (inbox/routes.py) and the worker's supplement
(tracking/routes.py) join."""
from flask.views import MethodView
from flask_smorest import Blueprint

from ...accounts.guard import current_user, require_role
from ...idempotency import idempotent, once
from ...security import never_cached
from ..access import HANDLER_ROLES
from . import lawyers, view
from .audit_schemas import CaseAudit
from .move_schemas import ActionIn
from .schemas import CaseView, LawyerCases, MoveAnswer

blp = Blueprint("cases", __name__, url_prefix="/api/v1",
                description="办案：工作人员和援助律师的收件箱、案件、流转、期限、群体案件、审计")
blp.after_request(never_cached)  # cases, and the worker's tracking view after adding materials


@blp.route("/cases/<int:application_id>")
class CaseDetail(MethodView):
    @require_role("lawyer", *HANDLER_ROLES)
    @blp.response(200, CaseView)
    def get(self, application_id):
        """One case in full, with its clocks, who acts next and the moves this user may make (every read audited)."""
        return view.case_view(application_id, current_user())


@blp.route("/cases/<int:application_id>/actions")
class CaseActions(MethodView):
    @require_role("lawyer", *HANDLER_ROLES)
    @idempotent
    @blp.arguments(ActionIn)
    @blp.response(200, MoveAnswer)
    def post(self, data, application_id):
        """Make a move (server/aid/workflow.py's table): 409 move_not_allowed from the wrong stage, 403 not_your_move
        for the wrong person. Answers the case view with handler true; a lawyer who declined gets handler false, the
        stage and a message, nothing of the case."""
        # (The table is server/aid/cases/workflow.py now; the sentence above is the published summary, kept as is.)
        action, user = data.pop("action"), current_user()
        once(lambda: view.act(application_id, action, data, user))
        return view.view_after_move(application_id, user)


@blp.route("/cases/<int:application_id>/audit")
class CaseAuditLog(MethodView):
    @require_role(*HANDLER_ROLES)
    @blp.response(200, CaseAudit)
    def get(self, application_id):
        """Who read this case, its evidence and its documents, when, and why."""
        return view.case_audit(application_id, current_user())


@blp.route("/lawyers/<int(signed=True):lawyer_id>/cases")
class LawyerOpenCases(MethodView):
    @require_role(*HANDLER_ROLES)
    @blp.response(200, LawyerCases)
    def get(self, lawyer_id):
        """A lawyer's open cases, masked: what must be reassigned before the account is switched off."""
        return lawyers.open_case_rows(lawyer_id, current_user())
