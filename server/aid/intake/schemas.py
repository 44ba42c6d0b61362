"""What an application may hold (POST /applications) and the receipt it gets back."""
from collections.abc import Callable

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from ...daylogs.schemas import DayLogIn
from ...inputs import Text, check_text
from ...offices import divisions
from ...pii import Phone, normalise_contact_phone
from .. import idnumber
from ..cases.claim_schemas import ClaimIn
from ..cases.claims import MAX_CLAIMS
from ..fields import CLIENT_ID, MAX_FEN, Day
from ..models import CASE_TYPES, MEANS_TEST_EXEMPT


class OptionalPhone(Phone):
    """A phone that may be left empty (a co-worker's mobile, when not known)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if value in ("", None):
            return None
        return super()._deserialize(value, attr, data, **kwargs)


class OptionalContactPhone(OptionalPhone):
    """An employer's mobile or landline, when known."""

    rule = staticmethod(normalise_contact_phone)


class Normalised(fields.String):
    """Text checked as all text from outside is, then put in its one written form by `normalise`; the
    exception it raises for a value that is no such thing (`invalid`) says why, as the field's error."""

    normalise: Callable[[str], str]
    invalid: type[ValueError]

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        check_text(text)
        try:
            return self.normalise(text)
        except self.invalid as exc:
            raise ValidationError(str(exc)) from None


class IdNumber(Normalised):
    normalise = staticmethod(idnumber.normalise)
    invalid = idnumber.InvalidIdNumber


class SiteDivision(Normalised):
    """Where the work was done: a 6-digit 行政区划代码 python-stdnum knows (full-width digits folded), or ""."""

    normalise = staticmethod(divisions.normalise)
    invalid = divisions.InvalidDivision


class CoworkerIn(Schema):
    name = Text(required=True, validate=validate.Length(min=1, max=40))
    phone = OptionalPhone(load_default=None, allow_none=True)


def _accepted(message: str):
    return validate.Equal(True, error=message)


class ApplicationIn(Schema):
    case_type = fields.String(required=True, validate=validate.OneOf(list(CASE_TYPES)),
                              metadata={"description": " | ".join(f"{k}={v}" for k, v in CASE_TYPES.items())})
    account = Text(multiline=True, load_default="", validate=validate.Length(max=5000),
                   metadata={"description": "what happened, in the worker's own words (may be short or empty)"})
    employer_name = Text(load_default="", validate=validate.Length(max=120), metadata={"description": "单位或包工头"})
    employer_phone = OptionalContactPhone(load_default=None, allow_none=True,
                                          metadata={"description": "a mobile, or a landline with its area code"})
    contractor = Text(load_default="", validate=validate.Length(max=120), metadata={"description": "总包单位"})
    site = Text(load_default="", validate=validate.Length(max=120))
    project = Text(load_default="", validate=validate.Length(max=120))
    city = Text(load_default="", validate=validate.Length(max=60))
    district = Text(load_default="", validate=validate.Length(max=60))
    site_division = SiteDivision(load_default="", validate=validate.Length(max=12), metadata={
        "description": "where the work was done: the 6-digit 行政区划代码 of the county or district (or the city), "
                       "one of GET /offices/areas; empty when not known. The application goes to the office "
                       "serving it.", "example": "510104"})
    owner = Text(load_default="", validate=validate.Length(max=120), metadata={"description": "建设单位"})
    site_code = Text(load_default="", validate=validate.Length(max=16), metadata={
        "description": "the site's code from its board (GET /sites/{code}); must be an active site. Empty fields "
                       "(employer, contractor, site, district) are filled from the site"})
    started_on = Day(load_default=None, allow_none=True)
    last_paid_on = Day(load_default=None, allow_none=True)
    left_on = Day(load_default=None, allow_none=True)
    injured_on = Day(load_default=None, allow_none=True)
    amount_owed_fen = fields.Integer(load_default=None, allow_none=True, strict=True,
                                     validate=validate.Range(min=0, max=MAX_FEN, error="金额不在合理范围内。"))
    coworkers = fields.List(fields.Nested(CoworkerIn), load_default=list,
                            validate=validate.Length(max=200, error="一份申请最多写 200 位工友。"))
    applicant_name = Text(required=True, validate=validate.Length(min=1, max=40))
    phone = Phone(required=True)
    id_number = IdNumber(required=True, load_only=True)
    hometown = Text(load_default="", validate=validate.Length(max=120))
    consent_privacy = fields.Boolean(required=True, validate=_accepted("请先阅读并同意隐私说明。"))
    consent_sensitive = fields.Boolean(required=True, validate=_accepted(
        "身份证号、伤情和照片属于敏感个人信息，需要你单独同意才能提交。"))
    honesty_commitment = fields.Boolean(load_default=False, metadata={
        "description": "法律援助法第四十一条的经济困难状况个人诚信承诺; not asked for wages and injury (第四十二条)"})
    worker_consent_confirmed = fields.Boolean(load_default=False, metadata={
        "description": "a volunteer submitting for a worker confirms the worker agreed to all of the above"})
    upload_ids = fields.List(fields.String(validate=CLIENT_ID), load_default=list,
                             validate=validate.Length(max=30, error="一份申请最多 30 张照片。"))
    day_log = fields.Nested(DayLogIn, load_default=None, allow_none=True, metadata={
        "description": "记工: the worker's own day log, signed off; of its photos, those among upload_ids are kept "
                       "(issue 23)"})
    question_code = fields.String(load_default="", validate=validate.Length(max=32), metadata={
        "description": "问一问: the code of the worker's question (the same phone) this application comes from; the "
                       "question's photos and voice become the application's evidence"})
    claims = fields.List(fields.Nested(ClaimIn), load_default=list, validate=validate.Length(
        max=MAX_CLAIMS, error=f"一份申请最多带 {MAX_CLAIMS} 笔算一算的钱。"), metadata={
        "description": "amounts the worker worked out in 算一算: each recomputed by the server, which keeps its own "
                       "numbers and flags a difference (mismatch) for staff"})

    @validates_schema
    def _dates_and_commitment(self, data, **_):
        started = data.get("started_on")
        for name in ("last_paid_on", "left_on"):
            if started and data.get(name) and data[name] < started:
                raise ValidationError("不能早于开始干活的日期。", name)
        if data.get("case_type") not in MEANS_TEST_EXEMPT and data.get("case_type") in CASE_TYPES \
                and not data.get("honesty_commitment"):
            raise ValidationError("请如实说明经济困难状况，并勾选个人诚信承诺（《法律援助法》第四十一条）。",
                                  "honesty_commitment")
        if len(set(data.get("upload_ids") or [])) != len(data.get("upload_ids") or []):
            raise ValidationError("同一张照片写了两次。", "upload_ids")


class ApplicationCreated(Schema):
    id = fields.Integer()
    code = fields.String(metadata={"description": "the tracking code, shown as 4-4 (code_display)"})
    code_display = fields.String()
    stage = fields.String()
    stage_label = fields.String()
    case_type = fields.String()
    means_test = fields.String()
    evidence_count = fields.Integer()
    created_at = fields.DateTime()
