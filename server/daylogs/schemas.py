"""A day log at the edge: sent with an application (DayLogIn, signed off) or backed up (DayLogBackup); its case view.

Every text obeys the input rule (no NUL, no lone surrogate), every day is a real day between 2000 and today, at
most MAX_ENTRIES days, one entry per day. The entries are the calculators' `days` shape (content/calculators,
CALC.md) plus `work` and `received_from`."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from ..inputs import CLIENT_ID, MAX_FEN, Day, Text
from ..pii import Phone

MAX_ENTRIES = 400
RATE_KINDS = {"day": "按天", "month": "按月", "piece": "按件（谈好的总数）"}
UNITS = {"day": "全天", "half": "半天", "hours": "按小时"}
SITE_CODE = validate.Regexp(r"^[0-9A-Za-z-]{4,12}$", error="工地编号格式不对。")  # as on the board, dash or not
_day_hours = validate.Range(min=0, max=24, error="一天最多 24 小时。")
_fen = validate.Range(min=0, max=MAX_FEN, error="金额不在合理范围内。")


def _half_hours(value: float) -> None:
    if value * 2 != int(value * 2):
        raise ValidationError("小时数按半小时记（比如 2 或 2.5）。")


class RateIn(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(list(RATE_KINDS)),
                         metadata={"description": "day 每天 | month 每月 | piece 计件（谈好的总数）"})
    amount_fen = fields.Integer(required=True, strict=True, validate=_fen)


class EntryIn(Schema):
    date = Day(required=True)
    unit = fields.String(required=True, validate=validate.OneOf(list(UNITS)))
    hours = fields.Float(required=True, validate=[_day_hours, _half_hours])
    overtime_hours = fields.Float(load_default=0, validate=[_day_hours, _half_hours])
    received_fen = fields.Integer(load_default=0, strict=True, validate=_fen)
    received_from = Text(load_default="", validate=validate.Length(max=40))
    work = Text(load_default="", validate=validate.Length(max=200))

    @validates_schema
    def _one_day(self, data, **_):
        if data.get("hours", 0) + data.get("overtime_hours", 0) > 24:
            raise ValidationError("一天最多 24 小时。", "overtime_hours")


# A log's random id (the phone makes 'log-' and a UUID): the only secret a co-worker's confirmation goes under.
LOG_ID = validate.Regexp(r"^[A-Za-z0-9_-]{20,80}$", error="记工编号格式不对。")


class ConfirmationIn(Schema):
    """A co-worker at the same site says which days of a worker's log are right (read from the worker's QR): sent
    from the co-worker's own phone, with their name and phone (kept as a keyed hash and masked)."""

    log_id = fields.String(required=True, validate=LOG_ID)
    site_code = fields.String(required=True, validate=SITE_CODE)
    dates = fields.List(Day(), required=True, validate=validate.Length(min=1, max=62, error="请选 1 到 62 天。"))
    name = Text(required=True, validate=validate.Length(min=1, max=40))
    phone = Phone(required=True)

    @validates_schema
    def _each_day_once(self, data, **_):
        if len(set(data.get("dates") or [])) != len(data.get("dates") or []):
            raise ValidationError("同一天选了两次。", "dates")


class ConfirmationCreated(Schema):
    """What the co-worker's phone is told: how many days were recorded (nothing about the worker)."""

    days = fields.Integer()
    site_code = fields.String()


class ConfirmationOut(Schema):
    """A co-worker's confirmation as the case page shows it: the name they gave, their phone masked, the days of
    the log they confirmed, when."""

    name = fields.String()
    phone_masked = fields.String()
    dates = fields.List(fields.String(metadata={"format": "date"}))
    confirmed_at = fields.DateTime()


class LogBody(Schema):
    site_code = fields.String(load_default=None, allow_none=True, validate=SITE_CODE)
    rate = fields.Nested(RateIn, required=True)
    entries = fields.List(fields.Nested(EntryIn), required=True, validate=validate.Length(
        min=1, max=MAX_ENTRIES, error=f"记工表要有 1 到 {MAX_ENTRIES} 天。"))

    @validates_schema
    def _each_day_once(self, data, **_):
        days = [e["date"] for e in data.get("entries") or []]
        if len(set(days)) != len(days):
            raise ValidationError("同一天记了两次。", "entries")


class DayLogIn(LogBody):
    """The log sent with an application: the worker ticked 「这是我自己记的」; its photos are among the upload_ids."""

    log_id = fields.String(load_default=None, allow_none=True, validate=LOG_ID, metadata={
        "description": "the log's random id on the phone: co-workers' confirmations sent under it join the log"})
    photos = fields.List(fields.String(validate=CLIENT_ID), load_default=list,
                         validate=validate.Length(max=30, error="记工照片最多 30 张。"))
    signed_off = fields.Boolean(required=True, validate=validate.Equal(True, error="请先确认「这是我自己记的」。"))


class DayLogBackup(LogBody):
    """A backup of the log on the phone (photos stay on the phone)."""

    updated_at = fields.DateTime(dump_only=True)
    client_id = fields.String(dump_only=True)


class DayLogSummary(Schema):
    client_id = fields.String()
    site_code = fields.String(allow_none=True)
    days = fields.Integer(metadata={"description": "entries (days worked)"})
    updated_at = fields.DateTime()


ISO_DAY = {"format": "date", "description": "YYYY-MM-DD"}


class EntryOut(Schema):
    date = fields.String(metadata=ISO_DAY)
    unit = fields.String()
    unit_label = fields.String()
    hours = fields.Float()
    overtime_hours = fields.Float()
    received_fen = fields.Integer()
    received_from = fields.String()
    work = fields.String()


class DayLogView(Schema):
    """The log as the case page and the papers show it, with its sums (service.summary)."""

    site_code = fields.String(allow_none=True)
    rate_kind = fields.String()
    rate_label = fields.String()
    rate_fen = fields.Integer()
    entries = fields.List(fields.Nested(EntryOut))
    photos = fields.List(fields.String(), metadata={"description": "the upload ids of the log's photos"})
    confirmations = fields.List(fields.Nested(ConfirmationOut), metadata={
        "description": "co-workers at the same site who confirmed days (their word, not the employer's record)"})
    signed_off = fields.Boolean()
    period_from = fields.String(metadata=ISO_DAY)
    period_to = fields.String(metadata=ISO_DAY)
    days_worked = fields.String(metadata={"description": "days as a number of whole and half days, e.g. '9.5'"})
    overtime_hours = fields.Float()
    agreed_fen = fields.Integer()
    received_fen = fields.Integer()
    owed_fen = fields.Integer()
