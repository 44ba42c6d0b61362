"""The offices API (`/offices`): the tree an account sees, and an admin adding and changing offices in their subtree.

The tree and its scoping are the offices domain's (server/offices/); this module adds who may call (the roles)
and the audit entry of each change (office_changes.py), which offices cannot write itself (it imports no accounts).
"""
from flask.views import MethodView
from flask_smorest import Blueprint

from ..offices import divisions, service
from ..offices.models import KINDS
from ..offices.schemas import Areas, OfficeCreate, OfficeOut, OfficeTree, OfficeUpdate
from . import office_changes
from .guard import current_user, require_role

blp = Blueprint("offices", __name__, url_prefix="/api/v1", description="机构：省、市、县区的机构和工作站（一棵树）")

# Everyone who belongs to an office reads the part of the tree they see; workers belong to none.
READERS = ("volunteer", "lawyer", "staff", "admin")


@blp.route("/offices")
class Offices(MethodView):
    @require_role(*READERS)
    @blp.response(200, OfficeTree)
    def get(self):
        """The offices the account sees: its own and every office under it (a province admin sees them all)."""
        return {"items": service.tree(current_user()), "kinds": KINDS}

    @require_role("admin")
    @blp.arguments(OfficeCreate)
    @blp.response(201, OfficeOut)
    def post(self, args):
        """A new office under one in the admin's subtree (a parent outside it: 422 office_not_found)."""
        return office_changes.create(current_user(), args)


@blp.route("/offices/<int(signed=True):office_id>")
class OfficeView(MethodView):
    @require_role("admin")
    @blp.arguments(OfficeUpdate)
    @blp.response(200, OfficeOut)
    def patch(self, args, office_id):
        """Change an office's name, kind, division, phone, address or the days its lawyers have to accept an
        assignment (one outside the admin's subtree: 404)."""
        return office_changes.update(current_user(), office_id, args)


@blp.route("/offices/areas")
class OfficeAreas(MethodView):
    @blp.response(200, Areas)
    def get(self):
        """Public: the areas the deployment's offices serve (行政区划代码 and name), for the apply form's question
        在哪个区县干的活.

        An application naming one of them goes to the office serving it. Empty when no office names a division
        (a one-office deployment: the form does not ask). The phone keeps the answer for offline use."""
        return {"items": divisions.areas()}
