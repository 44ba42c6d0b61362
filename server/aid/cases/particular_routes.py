"""A case's particulars (案件要素: addresses, legal representative, 工伤认定, witnesses … for the papers), on the
"cases" blueprint (cases/routes.py): read and replaced whole by the case's handlers (cases/particulars.py)."""
from flask.views import MethodView

from ...accounts.guard import current_user, require_role
from ..access import HANDLER_ROLES
from . import particulars
from .particular_schemas import ParticularsIn, ParticularsOut
from .routes import blp


@blp.route("/cases/<int:application_id>/particulars")
class CaseParticulars(MethodView):
    @require_role("lawyer", *HANDLER_ROLES)
    @blp.response(200, ParticularsOut)
    def get(self, application_id):
        """The case's particulars, every key present (defaults where nothing is saved): its handlers only (staff of
        its office, the assigned lawyer); every read audited like a read of the case."""
        return particulars.for_case(application_id, current_user())

    @require_role("lawyer", *HANDLER_ROLES)
    @blp.arguments(ParticularsIn)
    @blp.response(200, ParticularsOut)
    def put(self, data, application_id):
        """Replace the case's particulars with this whole object (a key left out is emptied): its handlers only.
        Audited with the names of the fields that changed, never what they hold. Answers what is now saved."""
        return particulars.save(application_id, current_user(), data)
