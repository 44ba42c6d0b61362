"""The office API's edge: an exported queue file (preview or apply), and the live content."""
from marshmallow import Schema, fields

from ..sync.schemas import MAX_BATCH, OperationResult


class ImportIn(Schema):
    dry_run = fields.Boolean(load_default=True, metadata={
        "description": "true (default): only say what the file holds; false: apply it, as /sync does"})
    file = fields.Dict(required=True, metadata={
        "description": "the file 导出待发送记录 saved, as it is: {exported_at, device_id, operations: [...], "
                       "signups: [...], reports: [...], notes: [...]}"})


class ImportEvent(Schema):
    event_id = fields.Integer(allow_none=True)
    title = fields.String(metadata={"description": "empty when the event is not found"})
    counts = fields.Dict(keys=fields.String(), values=fields.Integer())


class ImportResult(OperationResult):
    kind = fields.String(metadata={"description": "checkin | walkin | signup (offline) | online_signup | report"})
    event_id = fields.Integer(allow_none=True)
    label = fields.String(metadata={"description": "what the device's person saw it as (from the file's notes)"})


class ImportOut(Schema):
    dry_run = fields.Boolean()
    device_id = fields.String()
    exported_at = fields.String(allow_none=True)
    total = fields.Integer()
    counts = fields.Dict(keys=fields.String(), values=fields.Integer(), metadata={"description": "per kind"})
    events = fields.List(fields.Nested(ImportEvent))
    already_received = fields.Integer(metadata={"description": "operations the server has had before (replayed, "
                                                               "not applied twice)"})
    unreadable = fields.Integer(metadata={"description": "entries that are not records at all"})
    results = fields.List(fields.Nested(ImportResult), metadata={"description": "when applied: one per entry"})
    status_counts = fields.Dict(keys=fields.String(), values=fields.Integer(),
                                metadata={"description": "when applied: applied, duplicate, rejected, conflict"})


MAX_ENTRIES = MAX_BATCH


class ContentOut(Schema):
    version = fields.Integer(metadata={"description": "0: no content loaded yet"})
    loaded_at = fields.DateTime(allow_none=True, metadata={"description": "when this version was loaded"})
    digest = fields.String()
    cards = fields.Integer()
    questions = fields.Integer(metadata={"description": "quiz questions"})
    topics = fields.Integer()
