"""The handler's desk on one case, on the "cases" blueprint (cases/routes.py): the call to the worker (the whole
number on a tap, audited) and the case's private notes (cases/desk.py)."""
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from ...accounts.guard import current_user, require_role
from ...idempotency import idempotent, once
from ...inputs import Text
from ..access import HANDLER_ROLES
from . import desk
from .routes import blp


class CallOut(Schema):
    phone = fields.String(metadata={"description": "the worker's whole phone: show it only on this tap"})
    tel = fields.String(metadata={"description": "the tel: link to open"})


class NoteIn(Schema):
    text = Text(required=True, multiline=True, validate=validate.Length(min=1, max=desk.NOTE_MAX))


class NoteOut(Schema):
    id = fields.Integer()
    text = fields.String()
    at = fields.DateTime()
    by = fields.String(metadata={"description": "the author's name and role, e.g. 王律师（援助律师）"})
    author_id = fields.Integer(allow_none=True)


class NoteList(Schema):
    items = fields.List(fields.Nested(NoteOut), metadata={"description": "newest first"})


@blp.route("/cases/<int:application_id>/call")
class CaseCall(MethodView):
    @require_role("lawyer", *HANDLER_ROLES)
    @blp.response(200, CallOut)
    def post(self, application_id):
        """The worker's whole phone, to call them (a tel: link): the case's handlers only, each tap audited as a
        call with why (the case view shows the phone masked)."""
        return desk.call_number(application_id, current_user())


@blp.route("/cases/<int:application_id>/notes")
class CaseNotes(MethodView):
    @require_role("lawyer", *HANDLER_ROLES)
    @blp.response(200, NoteList)
    def get(self, application_id):
        """The case's private notes, newest first, with author and time: the handlers' only, never the worker's;
        every read audited."""
        return desk.notes(application_id, current_user())

    @require_role("lawyer", *HANDLER_ROLES)
    @idempotent
    @blp.arguments(NoteIn)
    @blp.response(201, NoteOut)
    def post(self, data, application_id):
        """Add a private note (at most 2000 characters) to the case: staff of its office, the assigned lawyer."""
        user = current_user()
        note_id = once(lambda: desk.add_note(application_id, user, data["text"]))
        return desk.note_answer(application_id, note_id, user)
