"""The inbox's API, on the "cases" blueprint (cases/routes.py): the inbox, the figures, a group claim, the lawyers."""
from flask.views import MethodView

from ...accounts.guard import current_user, require_role
from ..access import HANDLER_ROLES
from ..cases.routes import blp
from . import lists
from .schemas import CaseList, CaseListArgs, Figures, GroupView, LawyerList


@blp.route("/cases")
class CaseInbox(MethodView):
    @require_role("lawyer", *HANDLER_ROLES)
    @blp.arguments(CaseListArgs, location="query")
    @blp.response(200, CaseList)
    def get(self, args):
        """The inbox, masked: staff see their office's and its subtree's cases, a lawyer only those assigned to
        them now; counts on each filter,
        sorted by urgency (Art. 44 first aid, overdue, urgent, green channel) then age, oldest first."""
        return lists.list_cases(current_user(), **args)


@blp.route("/cases/figures")
class CaseFigures(MethodView):
    @require_role(*HANDLER_ROLES)
    @blp.response(200, Figures)
    def get(self):
        """Green-channel cases and how often same-day accept and same-day assign held."""
        return lists.figures(current_user())


@blp.route("/cases/groups/<key>")
class CaseGroup(MethodView):
    @require_role(*HANDLER_ROLES)
    @blp.response(200, GroupView)
    def get(self, key):
        """A group claim: applications against one employer or at one site, with headcount and total owed."""
        return lists.group_view(key, current_user())


@blp.route("/lawyers")
class Lawyers(MethodView):
    @require_role(*HANDLER_ROLES)
    @blp.response(200, LawyerList)
    def get(self):
        """Active legal-aid lawyers of the office and its subtree, with their office phones and open cases (to
        choose whom to assign)."""
        return lists.lawyers(current_user())
