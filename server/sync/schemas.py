"""The sync endpoint's edge: a batch of queued operations and per-operation results."""
from marshmallow import Schema, fields, validate

from ..db import MAX_ID
from ..inputs import Text

MAX_BATCH = 2000


class SyncIn(Schema):
    device_id = Text(required=True, validate=validate.Length(min=1, max=64))
    # Checked one by one in the service (even whether each is an object), so one bad operation
    # is rejected alone, not the batch.
    operations = fields.List(fields.Raw(allow_none=True), required=True, validate=validate.Length(min=1, max=MAX_BATCH))


class OperationResult(Schema):
    id = fields.String()
    status = fields.String(metadata={"description": "applied | duplicate | rejected | conflict"})
    code = fields.String()
    reason = fields.String(metadata={"description": "for the volunteer, when rejected or conflict"})
    message = fields.String()
    attendee_id = fields.Integer(validate=validate.Range(min=1, max=MAX_ID))
    qr_token = fields.String()
    checked_in_at = fields.String()
    prize_at = fields.String(metadata={"description": "a quiz prize: when it was handed over (the earliest device's)"})
    replayed = fields.Boolean()
    retryable = fields.Boolean(metadata={"description": "refused for how things stand now (event not open, "
                                                        "not assigned yet): not stored, may be sent again"})
    errors = fields.Dict()


class SyncOut(Schema):
    results = fields.List(fields.Nested(OperationResult))
    counts = fields.Dict(keys=fields.String(), values=fields.Integer())
