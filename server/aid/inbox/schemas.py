"""The inbox's API edge: its filters and counts, a group claim, the figures, the lawyers to choose from."""
from marshmallow import Schema, fields, validate

from ..cases.schemas import CaseRow, LawyerOut
from .lists import FILTERS


class CaseListArgs(Schema):
    filter = fields.String(load_default="all", validate=validate.OneOf(FILTERS))
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=2**31 - 1))
    page_size = fields.Integer(load_default=50, validate=validate.Range(min=1, max=100))


class Counts(Schema):
    all = fields.Integer()
    new = fields.Integer()
    green = fields.Integer()
    urgent = fields.Integer()
    overdue = fields.Integer()
    group = fields.Integer()
    duplicate = fields.Integer()
    materials = fields.Integer()
    mine = fields.Integer()


class CaseList(Schema):
    items = fields.List(fields.Nested(CaseRow))
    counts = fields.Nested(Counts)
    page = fields.Integer()
    page_size = fields.Integer()
    total = fields.Integer()


class GroupView(Schema):
    key = fields.String()
    employer_name = fields.String()
    site = fields.String()
    size = fields.Integer()
    total_owed_fen = fields.Integer()
    items = fields.List(fields.Nested(CaseRow))


class Figures(Schema):
    green_channel = fields.Integer()
    accepted = fields.Integer(metadata={"description": "green-channel cases accepted so far"})
    assigned = fields.Integer(metadata={"description": "green-channel cases assigned so far"})
    same_day_accept = fields.Integer()
    same_day_assign = fields.Integer()
    how = fields.String()


class LawyerRow(LawyerOut):
    open_cases = fields.Integer()


class LawyerList(Schema):
    items = fields.List(fields.Nested(LawyerRow))
