"""The accounts API's edge: sign-in bodies, token answers, users and the audit log."""
from datetime import date

from marshmallow import Schema, ValidationError, fields, pre_dump, validate, validates_schema

from ..db import MAX_ID
from ..inputs import Text
from ..pii import Phone
from ..roles import ROLES
from .audit_labels import ACTIONS, RECORD_TYPES, detail_lines
from .audit_labels import ROLES as ROLE_LABELS

DELIVERY = fields.String(load_default="cookie", validate=validate.OneOf(["cookie", "header"]), metadata={
    "description": "cookie (browsers: httpOnly cookies plus a CSRF cookie) or header "
                   "(mini-program: tokens in the body)"})


class OtpRequest(Schema):
    phone = Phone(required=True, metadata={"example": "13812345678"})


class OtpSent(Schema):
    sent = fields.Boolean()
    expires_in = fields.Integer(metadata={"description": "seconds the code stays valid"})
    message = fields.String()


class OtpVerify(Schema):
    phone = Phone(required=True)
    # [0-9], not \d: full-width digits are not a code we sent.
    code = Text(required=True, validate=validate.Regexp(r"^[0-9]{6}$", error="验证码是 6 位数字。"))
    token_delivery = DELIVERY


class PasswordLogin(Schema):
    username = Text(required=True, validate=validate.Length(min=1, max=64))
    password = Text(spaces_count=True, required=True, validate=validate.Length(min=1, max=256), load_only=True)
    token_delivery = DELIVERY


class WechatLogin(Schema):
    code = Text(required=True, validate=validate.Length(min=1, max=128),
                metadata={"description": "the code from wx.login()"})
    token_delivery = fields.String(load_default="header", validate=validate.OneOf(["cookie", "header"]))


class RefreshArgs(Schema):
    token_delivery = DELIVERY


class UserOut(Schema):
    id = fields.Integer()
    role = fields.String()
    role_name = fields.String(metadata={"description": "the role in Chinese"})
    username = fields.String(allow_none=True)
    display_name = fields.String()
    phone_masked = fields.String(allow_none=True, metadata={"example": "*******1234"})
    office_phone = fields.String(metadata={"description": "a lawyer's office number, told to their clients"})
    law_firm = fields.String(metadata={"description": "a lawyer's law firm, told to their clients"})
    office_id = fields.Integer(allow_none=True, metadata={
        "description": "the office the account belongs to (GET /offices); null for workers"})
    wechat_linked = fields.Function(lambda u: bool(u.wechat_openid))
    active = fields.Boolean()
    must_change_password = fields.Boolean(metadata={
        "description": "signed in with a one-time password: only changing it, /me and signing out work until then"})
    created_at = fields.DateTime()
    last_login_at = fields.DateTime(allow_none=True)


class UserDetail(UserOut):
    pass


class UserCreated(UserOut):
    one_time_password = fields.String(allow_none=True, metadata={
        "description": "shown this once: the person changes it at first sign-in (none for a worker)"})


class PasswordReset(Schema):
    user = fields.Nested(UserOut)
    one_time_password = fields.String(metadata={"description": "shown this once; every session of the account "
                                                               "has ended"})


class RevealIn(Schema):
    field = fields.String(required=True, validate=validate.OneOf(["phone"]))
    reason = Text(required=True, validate=validate.Length(min=2, max=200, error="请用 2 到 200 个字写下原因。"),
                  metadata={"description": "why the full phone is needed; kept in the audit log"})


class RevealOut(Schema):
    phone = fields.String(allow_none=True)


class PasswordChange(Schema):
    current = Text(spaces_count=True, required=True, validate=validate.Length(min=1, max=256), load_only=True)
    new = Text(spaces_count=True, required=True, validate=validate.Length(min=8, max=128, error="密码至少 8 位。"),
               load_only=True)
    token_delivery = DELIVERY


class SignedIn(Schema):
    user = fields.Nested(UserOut)
    must_change_password = fields.Boolean(attribute="user.must_change_password", metadata={
        "description": "true: the password is a one-time one; change it (POST /me/password) before anything else"})
    token_delivery = fields.String()
    token_type = fields.String()
    expires_in = fields.Integer(metadata={"description": "seconds until the access token expires"})
    access_token = fields.String(metadata={"description": "only with token_delivery=header"})
    refresh_token = fields.String(metadata={"description": "only with token_delivery=header, at sign-in"})


PASSWORD = Text(spaces_count=True, validate=validate.Length(min=8, max=128, error="密码至少 8 位。"), load_only=True)


# A lawyer's office line and firm (given to the workers they help); ignored for other roles' use.
OFFICE_PHONE = Text(validate=validate.Regexp(r"^[0-9+\- ]{0,32}$", error="办公电话只能有数字、空格、+ 和 -。"),
                    metadata={"description": "a lawyer's office number, e.g. 028-85551234"})
OFFICE_ID = fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_ID), metadata={
    "description": "the office the account belongs to, one in the admin's own subtree (GET /offices); "
                   "default: the admin's own office. Ignored for workers, who belong to none"})
LAW_FIRM = Text(validate=validate.Length(max=120, error="律师事务所名称最多 120 个字。"),
                metadata={"description": "a lawyer's law firm"})


class UserCreate(Schema):
    role = fields.String(required=True, validate=validate.OneOf(ROLES))
    username = Text(validate=validate.Length(min=3, max=32))
    password = Text(spaces_count=True, validate=validate.Length(min=8, max=128, error="密码至少 8 位。"),
                    load_only=True, metadata={
        "description": "optional: a one-time password is made when none is given"})
    display_name = Text(load_default="", validate=validate.Length(max=64))
    phone = Phone()
    office_phone = OFFICE_PHONE
    law_firm = LAW_FIRM
    office_id = OFFICE_ID


class UserUpdate(Schema):
    role = fields.String(validate=validate.OneOf(ROLES))
    username = Text(validate=validate.Length(min=3, max=32))
    password = PASSWORD
    display_name = Text(validate=validate.Length(max=64))
    phone = Phone(allow_none=True)
    active = fields.Boolean()
    office_phone = OFFICE_PHONE
    law_firm = LAW_FIRM
    office_id = OFFICE_ID
    reassign_to = fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_ID), metadata={
        "description": "with active=false, or a role other than lawyer, for a lawyer: the active lawyer their open "
                       "cases are reassigned to "
                       "(required when they have any: 409 lawyer_has_open_cases otherwise; "
                       "GET /lawyers/{id}/cases lists them)"})


class UserListArgs(Schema):
    role = fields.String(load_default=None, validate=validate.OneOf(ROLES))
    q = Text(load_default="", validate=validate.Length(max=64),
             metadata={"description": "a name or username containing it, a phone's last 4 digits, or a whole phone"})
    active = fields.Boolean(load_default=None)


PERIOD = validate.Range(min=date(2020, 1, 1), max=date(2100, 12, 31), error="日期要在 2020 年到 2100 年之间。")


class AuditArgs(Schema):
    # Only the codes the log writes (GET /audit/choices, with their Chinese): a guess finds nothing, so it is refused.
    record_type = Text(load_default=None,
                       validate=validate.OneOf(RECORD_TYPES, error="没有这种记录类型，请从列表里选。"))
    record_id = Text(load_default=None, validate=validate.Length(max=64))
    actor_id = fields.Integer(load_default=None, validate=validate.Range(min=1, max=MAX_ID))
    action = Text(load_default=None, validate=validate.OneOf(ACTIONS, error="没有这种操作，请从列表里选。"))
    date_from = fields.Date(load_default=None, data_key="from", validate=PERIOD,
                            metadata={"description": "first day, as counted in China (YYYY-MM-DD)"})
    date_to = fields.Date(load_default=None, data_key="to", validate=PERIOD,
                          metadata={"description": "last day included, as counted in China"})

    @validates_schema
    def _period(self, data, **_kwargs):
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise ValidationError("开始日期不能晚于结束日期。", "from")


class AuditOut(Schema):
    id = fields.Integer()
    at = fields.DateTime()
    actor_id = fields.Integer(allow_none=True)
    actor_role = fields.String()
    actor_name = fields.String()
    action = fields.String()
    record_type = fields.String()
    record_id = fields.String()
    detail = fields.Dict(allow_none=True)
    ip = fields.String(allow_none=True)
    actor_role_label = fields.String(metadata={"description": "the role in Chinese (empty: no account)"})
    action_label = fields.String()
    record_type_label = fields.String()
    detail_lines = fields.List(fields.String(), metadata={
        "description": "the details as readable Chinese lines, e.g. 理由：回电核实"})

    @pre_dump
    def _labelled(self, entry, **_kwargs):
        """The entry with its codes in words, from the one table (server/accounts/audit_labels.py)."""
        return {**{name: getattr(entry, name) for name in (
            "id", "at", "actor_id", "actor_role", "actor_name", "action", "record_type", "record_id", "detail", "ip")},
            "actor_role_label": ROLE_LABELS.get(entry.actor_role, entry.actor_role),
            "action_label": ACTIONS.get(entry.action, entry.action),
            "record_type_label": RECORD_TYPES.get(entry.record_type, entry.record_type),
            "detail_lines": detail_lines(entry.detail)}


class AuditChoice(Schema):
    value = fields.String(metadata={"description": "the code to filter by"})
    label = fields.String(metadata={"description": "what the page shows"})


class AuditChoices(Schema):
    record_types = fields.List(fields.Nested(AuditChoice))
    actions = fields.List(fields.Nested(AuditChoice))
    roles = fields.List(fields.Nested(AuditChoice))
