"""A 算一算 claim at the edge: as an application carries it (ClaimIn) and as the case page reads it (ClaimOut)."""
import json

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate

from ...inputs import Text, text_problem, too_deep
from ..fields import MAX_FEN
from .claims import LABELS

MAX_INPUTS = 64_000  # characters of JSON: a year's day log is about a third of it
MAX_LINES = 200
AMOUNT = validate.Range(min=0, max=MAX_FEN, error="金额不在合理范围内。")
LINE_AMOUNT = validate.Range(min=-MAX_FEN, max=MAX_FEN, error="金额不在合理范围内。")  # what was received: below 0


def _inputs_ok(value: dict) -> None:
    if too_deep(value, 6):
        raise ValidationError("输入的格式不对。")
    text = json.dumps(value, ensure_ascii=False)
    if len(text) > MAX_INPUTS:
        raise ValidationError("算一算带来的内容太多了。")
    stack: list = [value]
    while stack:
        item = stack.pop()
        for v in ([*item.keys(), *item.values()] if isinstance(item, dict) else item):
            if isinstance(v, str) and (problem := text_problem(v)):
                raise ValidationError(problem)
            if isinstance(v, (dict, list)):
                stack.append(v)


class ClaimLineIn(Schema):
    """One line of the phone's result (its other keys, text and basis, are the server's to say)."""

    class Meta:
        unknown = EXCLUDE

    kind = Text(required=True, validate=validate.Length(min=1, max=40))
    amount_fen = fields.Integer(required=True, strict=True, validate=LINE_AMOUNT)
    expires_on = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=10))


class ClaimResultIn(Schema):
    class Meta:
        unknown = EXCLUDE

    total_fen = fields.Integer(required=True, strict=True, validate=AMOUNT)
    lines = fields.List(fields.Nested(ClaimLineIn), required=True, validate=validate.Length(max=MAX_LINES))


class ClaimIn(Schema):
    calc = fields.String(required=True, validate=validate.OneOf(list(LABELS)), metadata={
        "description": "the calculator: " + " | ".join(f"{k}={v}" for k, v in LABELS.items())})
    inputs = fields.Dict(keys=fields.String(validate=validate.Length(max=64)), required=True, validate=_inputs_ok,
                         metadata={"description": "what the worker answered (content/calculators/README.md)"})
    result = fields.Nested(ClaimResultIn, required=True,
                           metadata={"description": "the phone's answer: recomputed here, compared, never trusted"})


class ClaimLineOut(Schema):
    kind = fields.String()
    text = fields.String(metadata={"description": "the working, in plain words"})
    amount_fen = fields.Integer()
    basis = fields.String(metadata={"description": "the article"})
    period_from = fields.String(allow_none=True)
    period_to = fields.String(allow_none=True)
    expires_on = fields.String(allow_none=True, metadata={"description": "after this day the part may be lost"})
    expires_note = fields.String()
    days_left = fields.Integer(allow_none=True)
    expired = fields.Boolean()


class ClaimOut(Schema):
    calc = fields.String()
    label = fields.String()
    computed_on = fields.String()
    total_fen = fields.Integer(metadata={"description": "the server's own total (what the case and papers use)"})
    sent_total_fen = fields.Integer(metadata={"description": "what the worker's phone said"})
    mismatch = fields.Boolean()
    mismatch_note = fields.String(metadata={"description": "for staff, when the phone's numbers differ"})
    lines = fields.List(fields.Nested(ClaimLineOut))
    not_covered = fields.List(fields.String())
    notes = fields.List(fields.String())
    inputs = fields.Dict(metadata={"description": "what the worker answered"})
