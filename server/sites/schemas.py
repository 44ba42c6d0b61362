"""The sites API's edge: a site as staff write it, as anyone reads it, and as the office lists it."""
import re
import unicodedata

from marshmallow import Schema, ValidationError, fields, validate

from ..aid.cases.schemas import CaseRow
from ..aid.intake.schemas import SiteDivision
from ..events.schemas import EventOut
from ..inputs import Text, check_text
from ..pii import InvalidPhone, normalise_contact_phone
from ..questions.schemas import RowOut
from .models import STATUSES

HOTLINE = re.compile(r"1[0-9]{4}")  # 12333, 12345, 12348: a five-digit public line


class BoardPhone(fields.String):
    """A phone the board prints: a mobile, a landline with its area code, or a five-digit public line; "" for none."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        check_text(text)
        folded = unicodedata.normalize("NFKC", text).strip()
        if not folded:
            return ""
        if HOTLINE.fullmatch(folded):
            return folded
        try:
            return normalise_contact_phone(folded)
        except InvalidPhone as exc:
            raise ValidationError(str(exc)) from None


def _site_fields(patch: bool) -> dict:
    """The same fields for create and edit; an edit requires nothing and fills in no defaults."""
    def opt(default):
        return {} if patch else {"load_default": default}
    return {
        "name": Text(**({} if patch else {"required": True}), validate=validate.Length(min=2, max=120),
                     metadata={"description": "工程名称"}),
        "address": Text(validate=validate.Length(max=200), **opt("")),
        "division": SiteDivision(validate=validate.Length(max=12), **opt(""), metadata={
            "description": "the 6-digit 行政区划代码 of the county or district, as an application's site_division"}),
        "owner": Text(validate=validate.Length(max=120), **opt(""), metadata={"description": "建设单位"}),
        "contractor": Text(validate=validate.Length(max=120), **opt(""), metadata={"description": "施工总承包单位"}),
        "subcontractor": Text(validate=validate.Length(max=120), **opt(""), metadata={"description": "劳务分包单位"}),
        "wage_officer": Text(validate=validate.Length(max=40), **opt(""), metadata={"description": "劳资专管员"}),
        "wage_officer_phone": BoardPhone(**opt(""), metadata={
            "description": "the 劳资专管员's work phone, printed on the board (条例第三十四条): public"}),
        "pay_day": Text(validate=validate.Length(max=60), **opt(""), metadata={"description": "e.g. 每月15日"}),
        "minimum_wage": Text(validate=validate.Length(max=60), **opt(""), metadata={
            "description": "当地最低工资标准 as the board prints it, e.g. 月2100元、小时22元"}),
        "inspection": Text(validate=validate.Length(max=80), **opt(""), metadata={
            "description": "the local 劳动保障监察 (where to complain)"}),
        "inspection_phone": BoardPhone(**opt("")),
        "status": fields.String(validate=validate.OneOf(list(STATUSES)), **opt("active")),
    }


SiteIn = Schema.from_dict(_site_fields(patch=False), name="SiteIn")
SitePatch = Schema.from_dict(_site_fields(patch=True), name="SitePatch")


class Hotline(Schema):
    label = fields.String()
    phone = fields.String()


class SiteEvent(Schema):
    id = fields.Integer()
    title = fields.String()
    starts_at = fields.DateTime()
    place = fields.String()


class SiteFacts(Schema):
    code = fields.String()
    code_display = fields.String(metadata={"description": "the code as 4-4, as the board prints it"})
    name = fields.String()
    address = fields.String()
    division = fields.String()
    division_name = fields.String()
    owner = fields.String()
    contractor = fields.String()
    subcontractor = fields.String()
    wage_officer = fields.String()
    wage_officer_phone = fields.String()
    pay_day = fields.String()
    minimum_wage = fields.String()
    inspection = fields.String()
    inspection_phone = fields.String()
    status = fields.String()
    status_label = fields.String()


class SiteOut(SiteFacts):
    office_name = fields.String()
    hotlines = fields.List(fields.Nested(Hotline))
    events = fields.List(fields.Nested(SiteEvent), metadata={"description": "the site's coming published events"})


class SiteRow(SiteFacts):
    id = fields.Integer()
    office_id = fields.Integer()
    board_printed_at = fields.DateTime(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    application_count = fields.Integer()


class SiteRecordsOut(SiteRow):
    applications = fields.List(fields.Nested(CaseRow), metadata={"description": "linked applications, masked"})
    questions = fields.List(fields.Nested(RowOut), metadata={
        "description": "questions (问一问) asked about the site that the reader's offices hold, masked"})
    events = fields.List(fields.Nested(EventOut))


class SiteArgs(Schema):
    q = Text(load_default="", validate=validate.Length(max=60), metadata={"description": "name, address, firm or code"})
    status = fields.String(load_default=None, validate=validate.OneOf(list(STATUSES)))


class BoardArgs(Schema):
    size = fields.String(load_default="A4", validate=validate.OneOf(("A4", "A3")))
