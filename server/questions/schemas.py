"""The questions API at its edge: what a worker asks and follows, what an answerer sends, what each reads back."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from ..aid.intake.schemas import OptionalPhone, SiteDivision
from ..aid.models import CASE_TYPES
from ..aid.tracking.schemas import TrackArgs
from ..inputs import CLIENT_ID, Day, Text
from ..pii import Phone
from .models import CHANNELS, LOGGED_CHANNELS, NEXT_STEPS, STATUSES, VERDICTS


def _clip() -> fields.String:
    return fields.String(load_default=None, allow_none=True, validate=CLIENT_ID, metadata={
        "description": "a clip sent first to POST /audio with submission_id = this request's key"})


def _text() -> Text:
    return Text(multiline=True, load_default="", validate=validate.Length(max=2000))


def _accepted(message: str):
    return validate.Equal(True, error=message)


class Dates(Schema):
    case_type = fields.String(load_default="other", validate=validate.OneOf(list(CASE_TYPES)))
    started_on = Day(load_default=None, allow_none=True)
    left_on = Day(load_default=None, allow_none=True, metadata={"description": "left the site (or the job ended)"})
    injured_on = Day(load_default=None, allow_none=True)
    city = Text(load_default="", validate=validate.Length(max=60))
    district = Text(load_default="", validate=validate.Length(max=60))
    site_division = SiteDivision(load_default="", validate=validate.Length(max=12), metadata={
        "description": "the 6-digit 行政区划代码 of the site (GET /offices/areas), or empty; routes the question"})


class QuestionIn(Dates):
    text = _text()
    audio_id = _clip()
    upload_ids = fields.List(fields.String(validate=CLIENT_ID), load_default=list,
                             validate=validate.Length(max=3, error="最多 3 张照片。"))
    site_code = Text(load_default="", validate=validate.Length(max=16))
    phone = Phone(required=True, metadata={"description": "the phone the answer's SMS goes to"})
    consent_privacy = fields.Boolean(required=True, validate=_accepted("请先阅读并同意隐私说明。"))
    consent_sensitive = fields.Boolean(required=True, validate=_accepted(
        "你的声音、经历和照片属于敏感个人信息，需要你单独同意才能提交。"))

    @validates_schema
    def _photos_once(self, data, **_):
        if len(set(data.get("upload_ids") or [])) != len(data.get("upload_ids") or []):
            raise ValidationError("同一张照片写了两次。", "upload_ids")


class QuestionCreated(Schema):
    id = fields.Integer()
    code = fields.String()
    code_display = fields.String()
    status = fields.String()
    status_label = fields.String()
    created_at = fields.DateTime()


class FollowUpIn(TrackArgs):
    text = _text()
    audio_id = _clip()


class TrackAudioIn(TrackArgs):
    audio_id = fields.String(required=True, validate=CLIENT_ID)


class CardRef(Schema):
    slug = fields.String()
    title = fields.String()


class MessageOut(Schema):
    id = fields.Integer()
    author = fields.String(metadata={"description": "asker | answerer"})
    text = fields.String()
    audio_id = fields.String(allow_none=True)
    duration_ms = fields.Integer(allow_none=True)
    cards = fields.List(fields.Nested(CardRef))
    next_step = fields.String(allow_none=True, metadata={"description": " | ".join(NEXT_STEPS)})
    next_step_label = fields.String(allow_none=True)
    created_at = fields.DateTime()


class CheckOut(Schema):
    kind = fields.String(metadata={"description": "limitation | injury_recognition | first_aid | means_test"})
    label = fields.String()
    due_on = fields.String(allow_none=True)
    severity = fields.String(metadata={"description": "ok | urgent | overdue | unknown"})


class OfferOut(Schema):
    case_type = fields.String()
    started_on = fields.String(allow_none=True)
    left_on = fields.String(allow_none=True)
    injured_on = fields.String(allow_none=True)
    city = fields.String()
    district = fields.String()
    site_division = fields.String()
    account = fields.String(metadata={"description": "the worker's own words, for the application's account"})
    checks = fields.List(fields.Nested(CheckOut))


class ThreadOut(QuestionCreated):
    case_type = fields.String()
    answered_at = fields.DateTime(allow_none=True)
    messages = fields.List(fields.Nested(MessageOut))
    offer = fields.Nested(OfferOut, allow_none=True)
    application_code = fields.String(allow_none=True)


class MineOut(Schema):
    code = fields.String()
    code_display = fields.String()
    status = fields.String()
    status_label = fields.String()
    created_at = fields.DateTime()
    answered_at = fields.DateTime(allow_none=True)
    first_words = fields.String()


class ListArgs(Schema):
    status = fields.String(load_default="", validate=validate.OneOf(["", "mine", *STATUSES]), metadata={
        "description": "open (lapsed claims too) | claimed | mine (claimed by me) | answered | closed | moderated"})
    age = fields.String(load_default="", validate=validate.OneOf(["", "on_time", "due_soon", "overdue"]))
    urgent = fields.Boolean(load_default=False)
    q = Text(load_default="", validate=validate.Length(max=40), metadata={"description": "a code or a phone"})
    channel = fields.String(load_default="", validate=validate.OneOf(["", *CHANNELS]))
    case_type = fields.String(load_default="", validate=validate.OneOf(["", *CASE_TYPES]))


class UrgentOut(Schema):
    kind = fields.String(metadata={"description": "limitation_soon | injury_deadline"})
    label = fields.String()
    due_on = fields.Date()


class RowOut(Schema):
    id = fields.Integer()
    code_display = fields.String()
    case_type = fields.String()
    case_type_label = fields.String()
    channel = fields.String()
    channel_label = fields.String()
    status = fields.String()
    status_label = fields.String()
    first_words = fields.String()
    has_audio = fields.Boolean()
    phone_masked = fields.String()
    created_at = fields.DateTime()
    due_at = fields.DateTime()
    age_state = fields.String(metadata={"description": "on_time | due_soon (<6 h left) | overdue (24 h)"})
    urgent = fields.List(fields.Nested(UrgentOut))
    claimed_by_name = fields.String(allow_none=True)
    claim_expires_at = fields.DateTime(allow_none=True)
    office_name = fields.String()


class FullOut(RowOut):
    code = fields.String()
    text = fields.String()
    started_on = fields.Date(allow_none=True)
    left_on = fields.Date(allow_none=True)
    injured_on = fields.Date(allow_none=True)
    city = fields.String()
    district = fields.String()
    site_division = fields.String()
    verdict = fields.String()
    verdict_reason = fields.String()
    answered_at = fields.DateTime(allow_none=True)
    application_id = fields.Integer(allow_none=True)
    application_code = fields.String(allow_none=True)
    upload_ids = fields.List(fields.String(), metadata={"description": "photos: GET /uploads/{id} once converted"})
    messages = fields.List(fields.Nested(MessageOut))
    offer = fields.Nested(OfferOut, allow_none=True)


class AnswerIn(Schema):
    text = _text()
    audio_id = _clip()
    card_slugs = fields.List(fields.String(validate=validate.Length(min=1, max=96)), load_default=list,
                             validate=validate.Length(max=5, error="最多附 5 张卡片。"))
    next_step = fields.String(load_default="none", validate=validate.OneOf(list(NEXT_STEPS)))
    offer_application = fields.Boolean(load_default=False)


class ModerateIn(Schema):
    verdict = fields.String(required=True, validate=validate.OneOf(list(VERDICTS)),
                            metadata={"description": " | ".join(f"{k}={v}" for k, v in VERDICTS.items())})
    reason = Text(required=True, validate=validate.Length(min=1, max=200))


class LoggedIn(Dates):
    channel = fields.String(required=True, validate=validate.OneOf(list(LOGGED_CHANNELS)))
    text = Text(multiline=True, required=True, validate=validate.Length(min=1, max=2000))
    phone = OptionalPhone(load_default=None, allow_none=True)
    event_id = fields.Integer(load_default=None, allow_none=True, strict=True,
                              validate=validate.Range(min=1, max=2**31 - 1))
    answered = fields.Boolean(load_default=False)
    answer_text = _text()

    @validates_schema
    def _answer(self, data, **_):
        if data.get("answered") and not (data.get("answer_text") or "").strip():
            raise ValidationError("已经当场回答的，请写下怎么回答的。", "answer_text")
