"""A case's particulars at the edge (cases/particulars.py): the whole object in, as PUT sends it, and out, as GET, the
PUT's answer and the case view's "particulars" send it. Every field error is said in plain Chinese on its field."""
import unicodedata

from marshmallow import Schema, ValidationError, fields, validate
from stdnum.cn.uscc import calc_check_digit

from ...inputs import Text
from ..fields import Day
from . import particulars as p

# GB 32100-2015 统一社会信用代码: 18 characters of digits and capital letters without I, O, Z, S, V; the 1st is
# the registering authority (1 机构编制, 5 民政, 9 工商, Y 其他 …) and the 2nd the kind of body, the 3rd–8th the
# 6-digit 行政区划 code, the 9th–17th the body's own code, the 18th a check character (python-stdnum computes it:
# weights 3^i mod 31). python-stdnum's own validate() also wants the first two to be digits, which a code with
# Y (其他) or N (农业) first is not, so only its check character is used here.
CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CODE_SHAPE = "统一社会信用代码是 18 位数字或大写字母（营业执照上印着），请对照填写；不知道就空着。"
CODE_CHECK = "这个统一社会信用代码的最后一位（校验码）对不上，多半是哪一位抄错了，请对照营业执照再看一遍。"


def credit_code_problem(code: str) -> str | None:
    """Why `code` is not a 统一社会信用代码 (GB 32100-2015), or None."""
    if len(code) != 18 or any(c not in CODE_CHARS for c in code) or not code[2:8].isdigit():
        return CODE_SHAPE
    if calc_check_digit(code[:17]) != code[17]:
        return CODE_CHECK
    return None


class CreditCode(Text):
    """A 统一社会信用代码 or "" (not known): full-width characters, spaces and dashes as people copy them folded;
    small letters taken as capitals."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        code = "".join(c for c in unicodedata.normalize("NFKC", text) if c not in " -").upper()
        problem = credit_code_problem(code) if code else None
        if problem:
            raise ValidationError(problem)
        return code


class OptionalDay(Day):
    """A day not later than today (China), sent and kept as YYYY-MM-DD; "" or null: not known."""

    def _deserialize(self, value, attr, data, **kwargs):
        if value is None or value == "":
            return ""
        return super()._deserialize(value, attr, data, **kwargs).isoformat()

    def _serialize(self, value, attr, obj, **kwargs):
        return value if isinstance(value, str) else super()._serialize(value, attr, obj, **kwargs)


GRADE_WORDS = "伤残等级只能是一级到十级，请填 1 到 10 的数字；还没做劳动能力鉴定就空着。"


class Grade(fields.Integer):
    """伤残等级 1..10, sent as a JSON number (a text, even "３", or true is refused in plain words); null: none."""

    def __init__(self, **kwargs):
        super().__init__(strict=True, allow_none=True, load_default=None, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, int) or value not in p.GRADES:
            raise ValidationError(GRADE_WORDS)
        return value


def _text(limit: int, what: str) -> Text:
    return Text(load_default="", validate=validate.Length(max=limit, error=f"{what}最多 {{max}} 个字。"))


def _choice(table: dict, what: str) -> fields.String:
    return fields.String(load_default="", validate=validate.OneOf(["", *table], error=f"{what}只能选给出的选项之一。"),
                         metadata={"description": "'' 不清楚, or one of: " + ", ".join(f"{k} {v}" for k, v in
                                                                                       table.items())})


class WitnessIn(Schema):
    name = Text(required=True, validate=validate.Length(min=1, max=p.NAME_MAX, error="证人姓名最多 {max} 个字。"))
    address = _text(p.ADDRESS_MAX, "证人住址")


class ParticularsIn(Schema):
    """The whole object: a key left out takes its empty default (the PUT replaces what was saved)."""

    worker_address = _text(p.ADDRESS_MAX, "住址")
    employer_kind = _choice(p.EMPLOYER_KINDS, "对方是单位还是个人")
    employer_address = _text(p.ADDRESS_MAX, "住所地")
    employer_legal_rep = _text(p.NAME_MAX, "法定代表人姓名")
    employer_legal_rep_title = _text(p.TITLE_MAX, "职务")
    employer_credit_code = CreditCode(load_default="")
    contractor_address = _text(p.ADDRESS_MAX, "住所地")
    contractor_legal_rep = _text(p.NAME_MAX, "法定代表人姓名")
    contractor_legal_rep_title = _text(p.TITLE_MAX, "职务")
    contractor_credit_code = CreditCode(load_default="")
    employment_denied = fields.Boolean(load_default=None, allow_none=True, truthy={True}, falsy={False}, metadata={
        "description": "true: 单位不承认有劳动关系; false: 承认; null: 不清楚"})
    injury_recognition = _choice(p.RECOGNITION, "工伤认定")
    recognised_on = OptionalDay(load_default=None, allow_none=True, metadata={
        "description": "the day of the 工伤认定决定, not after today (China); '' or null: not known"})
    disability_grade = Grade(metadata={"description": "伤残等级 1..10 (劳动能力鉴定); null: not assessed"})
    witnesses = fields.List(fields.Nested(WitnessIn), load_default=list, validate=validate.Length(
        max=p.WITNESSES_MAX, error="证人最多填 {max} 个。"))
    commission = _text(p.COMMISSION_MAX, "仲裁委名称")


class WitnessOut(Schema):
    name = fields.String()
    address = fields.String()


class ParticularsOut(Schema):
    """Every key, always ("" / null / [] where nothing is known)."""

    worker_address = fields.String()
    employer_kind = fields.String(metadata={"description": "company 单位 | individual 个人（包工头） | '' 不清楚"})
    employer_address = fields.String()
    employer_legal_rep = fields.String()
    employer_legal_rep_title = fields.String()
    employer_credit_code = fields.String()
    contractor_address = fields.String()
    contractor_legal_rep = fields.String()
    contractor_legal_rep_title = fields.String()
    contractor_credit_code = fields.String()
    employment_denied = fields.Boolean(allow_none=True)
    injury_recognition = fields.String(metadata={"description": "'' | not_applied | applied | recognised | "
                                                                "not_recognised"})
    recognised_on = fields.String(metadata={"description": "YYYY-MM-DD or ''"})
    disability_grade = fields.Integer(allow_none=True)
    witnesses = fields.List(fields.Nested(WitnessOut))
    commission = fields.String(metadata={"description": "the arbitration commission's name; '' = derive it"})
