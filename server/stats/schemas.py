"""The figures' API edge: the period and office asked, the figures with their definitions, the records."""
from datetime import date, timedelta

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from .registry import UNITS

FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)
LONGEST = timedelta(days=3 * 366)  # at most three years in one answer


class StatsArgs(Schema):
    """China days, both included ([from 00:00, to+1 00:00) Beijing time); by default this half-year."""

    from_ = fields.Date(data_key="from", attribute="from", load_default=None,
                        validate=validate.Range(min=FIRST_DAY, max=LAST_DAY, error="日期要在 2000 年到 2100 年之间。"))
    to = fields.Date(load_default=None,
                     validate=validate.Range(min=FIRST_DAY, max=LAST_DAY, error="日期要在 2000 年到 2100 年之间。"))
    by = fields.String(load_default=None, validate=validate.OneOf(["month"], error="分组方式只能是按月（month）。"),
                       metadata={"description": "month: GET /stats also answers `months`, applications received "
                                                "and cases closed in each month of the period (others ignore it)"})
    office = fields.Integer(load_default=None, validate=validate.Range(min=1, max=2**31 - 1),
                            metadata={"description": "an office in the reader's subtree (404 otherwise); "
                                                     "the reader's own office by default"})

    @validates_schema
    def _in_order(self, data, **_kw):
        first, last = data.get("from"), data.get("to")
        if first and last and last < first:
            raise ValidationError("结束日期不能早于开始日期。", "to")
        if first and last and last - first >= LONGEST:
            raise ValidationError("一次最多统计三年。", "to")
        if (first is None) != (last is None):
            raise ValidationError("开始日期和结束日期要一起给。", "to")


class Part(Schema):
    key = fields.String()
    label = fields.String()
    value = fields.Raw(metadata={"description": "a number, or null when there is nothing to count"})


class FigureOut(Schema):
    id = fields.String()
    area = fields.String()
    area_label = fields.String()
    label = fields.String()
    definition = fields.String(metadata={"description": "the one-line Chinese definition, shown beside the figure"})
    unit = fields.String(validate=validate.OneOf(UNITS), metadata={
        "description": "count; fen (money in fen); share (0 to 1); days (a median, its 90th percentile a part)"})
    value = fields.Raw(metadata={"description": "a number, or null when there is nothing to count (a share of none)"})
    breakdown = fields.List(fields.Nested(Part))


class MonthOut(Schema):
    month = fields.String(metadata={"description": "a China calendar month, 2026-01 (the period's first and last "
                                                   "months cut to the period)"})
    received = fields.Integer(metadata={"description": "applications received that month (as aid.received counts)"})
    closed = fields.Integer(metadata={"description": "cases closed that month (as aid.closed counts)"})


class StatsOut(Schema):
    from_ = fields.Date(data_key="from", attribute="from")
    to = fields.Date()
    office_id = fields.Integer()
    office_name = fields.String()
    figures = fields.List(fields.Nested(FigureOut))
    months = fields.List(fields.Nested(MonthOut), metadata={"description": "only with by=month: each month of the "
                                                                           "period, oldest first"})


class RecordOut(Schema):
    """One record a figure counts, masked: never a phone."""

    kind = fields.String(metadata={"description": "aid_application, question, event, attendee, site or person"})
    id = fields.Integer()
    code = fields.String(metadata={"description": "a case's tracking code"})
    at = fields.DateTime(allow_none=True, metadata={"description": "when it counted (China time), or null"})
    label = fields.String()
    detail = fields.String()
    office_id = fields.Integer(allow_none=True)
    amount = fields.Integer(allow_none=True, metadata={"description": "what it adds (money in fen, people)"})
