"""The offices API's edge: an office as shown, a new one, a change to one."""
from marshmallow import Schema, fields, validate

from ..db import MAX_ID
from ..inputs import Text
from .models import ACCEPT_DAYS_DEFAULT, ACCEPT_DAYS_MAX, KINDS

NAME = Text(validate=validate.Length(min=1, max=80), metadata={"example": "某某县法律援助中心"})
KIND = fields.String(validate=validate.OneOf(list(KINDS), error="机构类型不对。"), metadata={
    "description": "legal_aid 法律援助中心, union 工会, inspection 住建/劳动监察, station 工作站/联络点, other 其他"})
DIVISION = Text(validate=validate.Regexp(r"^([0-9]{6})?$", error="行政区划代码是 6 位数字。"), metadata={
    "description": "the 6-digit administrative division code (行政区划代码) the office serves, e.g. 510104"})
PHONE = Text(validate=validate.Regexp(r"^[0-9+\- ]{0,32}$", error="电话只能有数字、空格、+ 和 -。"),
             metadata={"description": "the office's public phone, e.g. 028-12348"})
ADDRESS = Text(validate=validate.Length(max=200, error="地址最多 200 个字。"))
ACCEPT_RANGE = validate.Range(min=1, max=ACCEPT_DAYS_MAX, error=f"接受指派的期限是 1 到 {ACCEPT_DAYS_MAX} 天。")
ACCEPT_DOC = {"description": "days a lawyer has to accept an assignment (China calendar days from the latest "
                             "assignment) before staff see the case as overdue: the office's own rule, not a statute"}


class OfficeOut(Schema):
    id = fields.Integer()
    parent_id = fields.Integer(allow_none=True, metadata={"description": "null for the root (the province)"})
    name = fields.String()
    kind = fields.String()
    kind_label = fields.String(metadata={"description": "the kind in Chinese"})
    division = fields.String()
    phone = fields.String()
    address = fields.String()
    accept_days = fields.Integer(metadata=ACCEPT_DOC)
    depth = fields.Integer(metadata={"description": "0 for the root, 1 for its children, ..."})


class OfficeTree(Schema):
    items = fields.List(fields.Nested(OfficeOut), metadata={
        "description": "the offices the account sees (its own and its subtree), each after its parent"})
    kinds = fields.Dict(keys=fields.String(), values=fields.String(), metadata={
        "description": "the kinds an office can be: code → Chinese"})


class OfficeCreate(Schema):
    parent_id = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=MAX_ID), metadata={
        "description": "the office the new one sits under (in the admin's own subtree)"})
    name = Text(required=True, validate=validate.Length(min=1, max=80))
    kind = fields.String(load_default="other", validate=validate.OneOf(list(KINDS), error="机构类型不对。"))
    division = DIVISION
    phone = PHONE
    address = ADDRESS
    accept_days = fields.Integer(load_default=ACCEPT_DAYS_DEFAULT, strict=True, validate=ACCEPT_RANGE,
                                 metadata=ACCEPT_DOC)


class OfficeUpdate(Schema):
    name = NAME
    kind = KIND
    division = DIVISION
    phone = PHONE
    address = ADDRESS
    accept_days = fields.Integer(strict=True, validate=ACCEPT_RANGE, metadata=ACCEPT_DOC)


class Area(Schema):
    division = fields.String(metadata={"description": "the 6-digit 行政区划代码", "example": "510104"})
    name = fields.String(metadata={"description": "its name (python-stdnum's table)", "example": "成都市锦江区"})


class Areas(Schema):
    items = fields.List(fields.Nested(Area), metadata={"description": "by code; empty when no office names one"})
