"""The events API's edge."""
from datetime import date
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from ..db import MAX_ID
from ..inputs import Text, When
from ..pii import Phone
from . import office
from .models import KINDS, STATUSES
from .office import FILTERS
from .quiz_schemas import QuizField, QuizSettings


def when(**kw):
    return When(**kw)


def _event_fields(patch: bool) -> dict:
    """The same fields for create and edit; an edit requires nothing and fills in no defaults."""
    def opt(default):
        return {} if patch else {"load_default": default}
    req: dict[str, Any] = {} if patch else {"required": True}
    return {
        "title": Text(**req, validate=validate.Length(min=2, max=120)),
        "kind": fields.String(**req, validate=validate.OneOf(list(KINDS))),
        "starts_at": when(**req),
        "ends_at": when(allow_none=True, **opt(None)),
        "place": Text(**req, validate=validate.Length(min=2, max=200)),
        "site_code": Text(allow_none=True, validate=validate.Length(max=16), **opt(None)),
        "capacity": fields.Integer(allow_none=True, validate=validate.Range(min=1, max=100000), **opt(None)),
        "description": Text(multiline=True, validate=validate.Length(max=4000), **opt("")),
        "status": fields.String(validate=validate.OneOf(STATUSES), **opt("draft")),
        "quiz": fields.Nested(QuizSettings, allow_none=True, **opt(None)),  # 有奖知识问答 (null: none)
    }


EventIn = Schema.from_dict(_event_fields(patch=False), name="EventIn")
EventPatch = Schema.from_dict(_event_fields(patch=True), name="EventPatch")


class EventOut(Schema):
    id = fields.Integer()
    title = fields.String()
    kind = fields.String()
    kind_label = fields.Function(lambda e: KINDS.get(e.kind, e.kind))
    starts_at = fields.DateTime()
    ends_at = fields.DateTime(allow_none=True)
    place = fields.String()
    site_code = fields.String(allow_none=True)
    capacity = fields.Integer(allow_none=True)
    description = fields.String()
    status = fields.String()
    volunteer_ids = fields.Function(lambda e: [v.user_id for v in e.volunteers])
    quiz = QuizField()


class VolunteersIn(Schema):
    user_ids = fields.List(fields.Integer(validate=validate.Range(min=1, max=MAX_ID)), required=True,
                           validate=validate.Length(max=200))


class SignupIn(Schema):
    name = Text(required=True, validate=validate.Length(min=1, max=40))
    phone = Phone(required=True)
    employer = Text(load_default="", validate=validate.Length(max=120))
    site = Text(load_default="", validate=validate.Length(max=120))


class SignupOut(Schema):
    attendee_id = fields.Integer()
    event_id = fields.Integer()
    event_title = fields.String()
    starts_at = fields.DateTime()
    place = fields.String()
    name = fields.String()
    phone_masked = fields.String()
    qr_token = fields.String(metadata={"description": "shown as a QR code at the gate"})
    checked_in = fields.Boolean()


class RosterArgs(Schema):
    since = When(load_default=None,
                 metadata={"description": "the cursor of the previous download"})


class RosterAttendee(Schema):
    id = fields.Integer()
    name = fields.String()
    phone_last4 = fields.String()
    phone_masked = fields.String()
    employer = fields.String()
    site = fields.String()
    qr_token = fields.String()
    source = fields.String()
    checked_in = fields.Boolean()
    checked_in_at = fields.DateTime(allow_none=True)
    quiz_score = fields.Integer(allow_none=True, metadata={"description": "right answers (null: not handed in)"})
    quiz_total = fields.Integer(allow_none=True)
    quiz_passed = fields.Boolean(allow_none=True)
    prize_at = fields.DateTime(allow_none=True, metadata={"description": "when the quiz prize was handed over"})


class RosterOut(Schema):
    event_id = fields.Integer()
    full = fields.Boolean(metadata={"description": "true when this is the whole roster, not changes"})
    cursor = fields.DateTime(allow_none=True, metadata={"description": "pass as `since` next time"})
    attendees = fields.List(fields.Nested(RosterAttendee))


class HeadcountOut(Schema):
    event_id = fields.Integer()
    registered = fields.Integer()
    checked_in = fields.Integer()
    walk_ins = fields.Integer()
    capacity = fields.Integer(allow_none=True)


def _brought_back(description: str) -> Text:
    """One of 四个带回: a few lines the volunteer brings back from the event, or nothing."""
    return Text(multiline=True, load_default="", validate=validate.Length(max=2000),
                metadata={"description": description})


class ReportIn(Schema):
    worry = _brought_back("带回一：工友反映的一个困扰")
    urgent_problem = _brought_back("带回二：一个急需解决的问题")
    service_suggestion = _brought_back("带回三：对服务的一条建议")
    next_event_suggestion = _brought_back("带回四：对下次活动的一条建议")
    people_reached = fields.Integer(load_default=0, validate=validate.Range(min=0, max=1000000))
    leaflets_given = fields.Integer(load_default=0, validate=validate.Range(min=0, max=1000000))


class ReportOut(ReportIn):
    event_id = fields.Integer()
    updated_at = fields.DateTime()
    version = fields.Integer(metadata={"description": "1 for the first debrief sent, then 2, 3 …"})


class CheckinOp(Schema):
    """An offline check-in's fields (besides id, type, device_time): by QR token or by attendee."""

    event_id = fields.Integer(required=True, validate=validate.Range(min=1, max=MAX_ID))
    qr_token = Text(validate=validate.Length(max=64))
    attendee_id = fields.Integer(validate=validate.Range(min=1, max=MAX_ID))

    @validates_schema
    def _needs(self, data, **_kw):
        if not (data.get("qr_token") or data.get("attendee_id")):
            raise ValidationError("签到需要报名码或报名人。", "qr_token")


class RegistrationOp(Schema):
    """A walk-in registered at the gate, or a sign-up taken offline: who the person is."""

    event_id = fields.Integer(required=True, validate=validate.Range(min=1, max=MAX_ID))
    name = Text(validate=validate.Length(max=40))
    phone = Text(validate=validate.Length(max=32))
    employer = Text(validate=validate.Length(max=120))
    site = Text(validate=validate.Length(max=120))

    @validates_schema
    def _needs(self, data, **_kw):
        if not (data.get("name") and data.get("phone")):
            raise ValidationError("登记需要姓名和手机号。", "phone")


# --- the office's screens ---------------------------------------------------------------------

FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)


class OfficeEventArgs(Schema):
    status = fields.String(load_default=None, validate=validate.OneOf(FILTERS),
                           metadata={"description": "draft, published (from today on), past or cancelled"})
    mine = fields.Boolean(load_default=False, metadata={"description": "only the events I created"})
    q = Text(load_default="", validate=validate.Length(max=60), metadata={"description": "words in the title"})


class Person(Schema):
    id = fields.Integer()
    display_name = fields.String()


class OfficeEventOut(EventOut):
    created_by = fields.Integer(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class OfficeEventDetail(OfficeEventOut):
    volunteers = fields.Function(lambda e: office.people(v.user_id for v in e.volunteers),
                                 metadata={"description": "[{id, display_name}], the volunteers by name"})


class VolunteerArgs(Schema):
    q = Text(load_default="", validate=validate.Length(max=40), metadata={"description": "part of a name"})


class VolunteerOut(Person):
    username = fields.String(allow_none=True)
    phone_masked = fields.String(allow_none=True, metadata={"example": "*******1234"})


class DebriefVersionOut(ReportIn):
    event_id = fields.Integer()
    version = fields.Integer()
    submitted_at = fields.DateTime()
    submitted_by = fields.Nested(Person, allow_none=True)


class PeriodArgs(Schema):
    """China days, both included; without them, the last 30 days."""

    since = fields.Date(load_default=None, validate=validate.Range(min=FIRST_DAY, max=LAST_DAY))
    until = fields.Date(load_default=None, validate=validate.Range(min=FIRST_DAY, max=LAST_DAY))

    @validates_schema
    def _in_order(self, data, **_kw):
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            raise ValidationError("结束日期要在开始日期之后。", "until")


class DebriefRowOut(ReportIn):
    event_id = fields.Integer()
    event_title = fields.String()
    kind = fields.String()
    kind_label = fields.String()
    place = fields.String()
    starts_at = fields.DateTime()
    status = fields.String()
    versions = fields.Integer(metadata={"description": "how many times the debrief was sent"})
    edits = fields.Integer(metadata={"description": "how many times it was changed after the first send (versions - 1):"
                                                    " 改过几次 on the page and in the Excel"})
    submitted_at = fields.DateTime()
    submitted_by = fields.Nested(Person, allow_none=True)
