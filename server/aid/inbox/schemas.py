"""The inbox's API edge: its filters and counts, a group claim, the figures, the lawyers to choose from."""
from marshmallow import Schema, fields, validate

from ...inputs import Text
from ..cases.schemas import CaseRow, LawyerOut
from .lists import FILTERS
from .search import MAX_LENGTH


class CaseListArgs(Schema):
    filter = fields.String(load_default="all", validate=validate.OneOf(FILTERS))
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=2**31 - 1))
    page_size = fields.Integer(load_default=50, validate=validate.Range(min=1, max=100))
    q = Text(load_default="", validate=validate.Length(max=MAX_LENGTH), metadata={
        "description": "find any case of the reader's: a tracking code (with or without its dash), a whole phone or "
                       "ID number (matched by its keyed hash), a phone's or an ID number's last four, part of a "
                       "name, the employer, the general contractor, the site or the project; every search audited"})


    site = Text(load_default="", validate=validate.Length(max=16), metadata={
        "description": "a site's code: only the cases that came from that site (of the reader's offices)"})


class SiteGroup(Schema):
    code = fields.String()
    name = fields.String()
    count = fields.Integer()


# How many cases each filter holds: one count per filter (a filter whose name says too little has a note).
COUNT_NOTES = {"accept_overdue": {"description": "assigned and not accepted within the office's days"}}
Counts = Schema.from_dict({name: fields.Integer(metadata=COUNT_NOTES.get(name, {})) for name in FILTERS}, name="Counts")


class CaseList(Schema):
    items = fields.List(fields.Nested(CaseRow))
    counts = fields.Nested(Counts)
    page = fields.Integer()
    page_size = fields.Integer()
    total = fields.Integer()
    sites = fields.List(fields.Nested(SiteGroup), metadata={
        "description": "the cases grouped by the site they came from (top 20), for the inbox's 按工地"})


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
