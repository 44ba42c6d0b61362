"""The sync endpoint's edge: a batch of queued operations and per-operation results."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from ..events.schemas import SHANGHAI

MAX_BATCH = 2000


class Operation(Schema):
    id = fields.UUID(required=True, metadata={"description": "made by the device when the person acted"})
    type = fields.String(required=True, validate=validate.OneOf(["checkin", "walkin", "signup"]))
    event_id = fields.Integer(required=True, validate=validate.Range(min=1, max=2**31 - 1))
    device_time = fields.AwareDateTime(required=True, default_timezone=SHANGHAI)
    qr_token = fields.String(validate=validate.Length(max=64))
    attendee_id = fields.Integer(validate=validate.Range(min=1, max=2**31 - 1))
    name = fields.String(validate=validate.Length(max=40))
    phone = fields.String(validate=validate.Length(max=32))
    employer = fields.String(validate=validate.Length(max=120))
    site = fields.String(validate=validate.Length(max=120))

    @validates_schema
    def _needs(self, data, **_kw):
        if data["type"] == "checkin" and not (data.get("qr_token") or data.get("attendee_id")):
            raise ValidationError("签到需要报名码或报名人。", "qr_token")
        if data["type"] in ("walkin", "signup") and not (data.get("name") and data.get("phone")):
            raise ValidationError("登记需要姓名和手机号。", "phone")


class SyncIn(Schema):
    device_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    # Checked one by one in the service, so one bad operation is rejected alone, not the batch.
    operations = fields.List(fields.Dict(), required=True, validate=validate.Length(min=1, max=MAX_BATCH))


class OperationResult(Schema):
    id = fields.String()
    status = fields.String(metadata={"description": "applied | duplicate | rejected | conflict"})
    code = fields.String()
    reason = fields.String(metadata={"description": "for the volunteer, when rejected or conflict"})
    message = fields.String()
    attendee_id = fields.Integer(validate=validate.Range(min=1, max=2**31 - 1))
    qr_token = fields.String()
    checked_in_at = fields.String()
    replayed = fields.Boolean()
    errors = fields.Dict()


class SyncOut(Schema):
    results = fields.List(fields.Nested(OperationResult))
    counts = fields.Dict(keys=fields.String(), values=fields.Integer())
