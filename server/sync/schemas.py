"""The sync endpoint's edge: a batch of queued operations and per-operation results."""
from marshmallow import Schema, ValidationError, fields, validate

from ..db import MAX_ID
from ..inputs import Text, When

MAX_BATCH = 2000


def _known_type(kind: str) -> None:
    from .registry import HANDLERS
    if kind not in HANDLERS:
        raise ValidationError("只能选给出的选项之一。")


class Envelope(Schema):
    """What every operation carries; each type adds its own fields (see registry.py)."""

    id = fields.UUID(required=True, metadata={"description": "made by the device when the person acted"})
    type = Text(required=True, validate=_known_type)
    device_time = When(required=True)


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
    replayed = fields.Boolean()
    retryable = fields.Boolean(metadata={"description": "refused for how things stand now (event not open, "
                                                        "not assigned yet): not stored, may be sent again"})
    errors = fields.Dict()


class SyncOut(Schema):
    results = fields.List(fields.Nested(OperationResult))
    counts = fields.Dict(keys=fields.String(), values=fields.Integer())
