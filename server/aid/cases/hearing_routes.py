"""A case's hearings (调解, 开庭, 仲裁 dates with their place), on the "cases" blueprint (cases/routes.py): the
case's list and a new one, a change (改期) and a cancellation (取消, kept), the lawyer's 我的日程, and each as an .ics
for the phone's calendar (cases/hearings.py)."""
from flask import Response
from flask.views import MethodView
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from ...accounts.guard import current_user, require_role
from ...files import attachment
from ...idempotency import idempotent, once
from ...inputs import Text, When
from ..access import HANDLER_ROLES
from . import hearings
from .routes import blp


class HearingIn(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(list(hearings.KINDS)),
                         metadata={"description": "mediation 调解, hearing 开庭, arbitration 仲裁"})
    starts_at = When(required=True, metadata={
        "description": "the date and time; without a zone it is China time (2026-12-31T09:30). A past one is "
                       "taken: a hearing may be recorded after the fact"})
    place = Text(required=True, validate=validate.Length(min=1, max=hearings.PLACE_MAX))
    note = Text(load_default="", multiline=True, validate=validate.Length(max=hearings.NOTE_MAX))


class HearingChange(Schema):
    kind = fields.String(validate=validate.OneOf(list(hearings.KINDS)),
                         metadata={"description": "mediation 调解, hearing 开庭, arbitration 仲裁"})
    starts_at = When(metadata={"description": "the new date and time; without a zone it is China time"})
    place = Text(validate=validate.Length(min=1, max=hearings.PLACE_MAX))
    note = Text(multiline=True, validate=validate.Length(max=hearings.NOTE_MAX))

    @validates_schema
    def _something(self, data, **_kwargs):
        if not data:
            raise ValidationError("请至少改一项：日期时间、地点、类型或备注。", "starts_at")


class HearingOut(Schema):
    id = fields.Integer()
    application_id = fields.Integer()
    kind = fields.String()
    kind_label = fields.String(metadata={"description": "调解, 开庭 or 仲裁"})
    starts_at = fields.DateTime()
    place = fields.String()
    note = fields.String()
    cancelled = fields.Boolean(metadata={"description": "cancelled: kept, shown struck through to the handlers"})
    cancelled_at = fields.DateTime(allow_none=True)
    cancelled_by = fields.String(allow_none=True, metadata={"description": "who cancelled it: name (role)"})
    title = fields.String(metadata={"description": "e.g. 调解：张三欠薪案 (as the .ics names it)"})
    coming = fields.Boolean(metadata={"description": "not yet past"})


class HearingList(Schema):
    items = fields.List(fields.Nested(HearingOut), metadata={"description": "in time order"})


ICS_DOC = {"200": {"description": "the hearing as an RFC 5545 calendar",
                   "content": {"text/calendar": {"schema": {"type": "string"}}}}}


@blp.route("/cases/<int:application_id>/hearings")
class CaseHearings(MethodView):
    @require_role("lawyer", *HANDLER_ROLES)
    @blp.response(200, HearingList)
    def get(self, application_id):
        """The case's hearings (调解, 开庭, 仲裁) in time order: its handlers only; every read audited."""
        return hearings.for_case(application_id, current_user())

    @require_role("lawyer", *HANDLER_ROLES)
    @idempotent
    @blp.arguments(HearingIn)
    @blp.response(201, HearingOut)
    def post(self, data, application_id):
        """Record a 调解, 开庭 or 仲裁 date with its place: staff of the case's office, the assigned lawyer."""
        user = current_user()
        hearing_id = once(lambda: hearings.add(application_id, user, data))
        return hearings.answer(application_id, hearing_id, user)


@blp.route("/cases/<int:application_id>/hearings/<int:hearing_id>")
class CaseHearing(MethodView):
    @require_role("lawyer", *HANDLER_ROLES)
    @blp.arguments(HearingChange)
    @blp.response(200, HearingOut)
    def patch(self, data, application_id, hearing_id):
        """改期: change a hearing's date and time, place, kind or note (the case's handlers: staff of its office or
        above, the assigned lawyer; audited). A cancelled one: 409 hearing_cancelled (record a new one)."""
        return hearings.change(application_id, hearing_id, current_user(), data)

    @require_role("lawyer", *HANDLER_ROLES)
    @blp.response(200, HearingOut)
    def delete(self, application_id, hearing_id):
        """取消: cancel a hearing. It is kept (with when and by whom) and shown struck through to the handlers; it
        leaves 我的日程 and the worker's tracking page; its .ics then says STATUS:CANCELLED with a higher SEQUENCE.
        Cancelling it again answers the same. The case's handlers only; audited."""
        return hearings.cancel(application_id, hearing_id, current_user())


@blp.route("/me/hearings")
class MyHearings(MethodView):
    @require_role("lawyer")
    @blp.response(200, HearingList)
    def get(self):
        """我的日程: the coming hearings of the lawyer's own open cases, soonest first (audited)."""
        return hearings.mine(current_user())


@blp.route("/cases/<int:application_id>/hearings/<int:hearing_id>.ics")
class HearingCalendar(MethodView):
    @require_role("lawyer", *HANDLER_ROLES)
    @blp.doc(responses=ICS_DOC)
    def get(self, application_id, hearing_id):
        """The hearing as an .ics to add to the phone's calendar (named by the worker's name and the case type;
        no phone, ID number or tracking code): the case's handlers only; every download audited."""
        body = hearings.calendar(application_id, hearing_id, current_user())
        return Response(body.encode("utf-8"), mimetype="text/calendar", headers={
            "Content-Type": "text/calendar; charset=utf-8",
            "Content-Disposition": attachment(f"hearing-{hearing_id}.ics", f"开庭调解日程-{hearing_id}.ics"),
            "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store", "Pragma": "no-cache"})
