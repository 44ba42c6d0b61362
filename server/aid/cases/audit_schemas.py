"""Who read or changed a case (GET /cases/{id}/audit) at the edge."""
from marshmallow import Schema, fields


class CaseAuditRow(Schema):
    at = fields.DateTime()
    user_name = fields.String()
    user_role = fields.String()
    action = fields.String()
    action_label = fields.String(metadata={"description": "the action in Chinese (the audit log's one table)"})
    record_type = fields.String()
    record_type_label = fields.String()
    why = fields.String()
    why_code = fields.String()


class CaseAudit(Schema):
    items = fields.List(fields.Nested(CaseAuditRow))
