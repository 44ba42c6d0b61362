"""The worker's API edge: tracking by code and phone, their applications, a supplement, a forgotten code."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from ...inputs import Text
from ...pii import Phone
from ..cases.schemas import MaterialsAsked, TimelineOut
from ..fields import CLIENT_ID


class TrackArgs(Schema):
    code = fields.String(required=True, validate=validate.Length(min=1, max=32))
    phone = fields.String(required=True, validate=validate.Length(min=1, max=32))


class ForgotCodeIn(Schema):
    phone = Phone(required=True, metadata={"description": "the phone the application was made with"})


class ForgotCodeOut(Schema):
    message = fields.String(metadata={"description": "the same whether or not this phone has applications"})


class NextHearing(Schema):
    kind_label = fields.String(metadata={"description": "调解, 开庭 or 仲裁"})
    starts_at = fields.DateTime()
    place = fields.String()


class TrackOut(Schema):
    code = fields.String()
    code_display = fields.String()
    case_type = fields.String()
    case_type_label = fields.String()
    stage = fields.String()
    stage_label = fields.String()
    submitted_at = fields.DateTime()
    evidence_count = fields.Integer()
    next_step = fields.String()
    timeline = fields.List(fields.Nested(TimelineOut))
    materials_request = fields.Nested(MaterialsAsked, allow_none=True, metadata={
        "description": "while materials are awaited: what is asked and by when (add them with /track/materials)"})
    lawyer_office_phone = fields.String(allow_none=True, metadata={
        "description": "once a lawyer is assigned; never a switched-off lawyer's"})
    lawyer_law_firm = fields.String(allow_none=True, metadata={"description": "the assigned lawyer's law firm"})
    office_name = fields.String(metadata={"description": "the office handling the case now (法律援助机构 when the "
                                                         "deployment's one office has no name of its own)"})
    office_phone = fields.String(allow_none=True, metadata={"description": "that office's public phone, to call"})
    next_hearing = fields.Nested(NextHearing, allow_none=True, metadata={
        "description": "the next coming 调解, 开庭 or 仲裁 of the case: when and where (nothing else)"})


class MyApplications(Schema):
    items = fields.List(fields.Nested(TrackOut))


class MaterialsIn(TrackArgs):
    text = Text(multiline=True, load_default="", validate=validate.Length(max=2000))
    upload_ids = fields.List(fields.String(validate=CLIENT_ID), load_default=list,
                             validate=validate.Length(max=30, error="一次最多 30 张照片。"))

    @validates_schema
    def _something(self, data, **_):
        if not data.get("text") and not data.get("upload_ids"):
            raise ValidationError("请写几句话或者加上照片。", "text")
        if len(set(data.get("upload_ids") or [])) != len(data.get("upload_ids") or []):
            raise ValidationError("同一张照片写了两次。", "upload_ids")
