"""A case move's request and its form: ActionIn, the one published body of POST /cases/{id}/actions (every
field declared once: type, choices, limits), and each move's form as the case view sends it, read from ActionIn
and the move's row in workflow.MOVES (which fields, their labels, which are needed)."""

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from ...inputs import Text
from ..fields import MAX_FEN, AnyDay, Day
from . import workflow


def _one_of(labels: dict[str, str]) -> validate.OneOf:
    return validate.OneOf(list(labels), labels=list(labels.values()))  # the labels go to the form, not the API


class ActionIn(Schema):
    """Every field a move may take, each declared once (type, choices, limits); which ones a move takes and needs,
    and what its form says beside them, is its row in workflow.MOVES: the body is checked against that row."""

    action = fields.String(required=True, validate=validate.OneOf(workflow.ACTIONS), metadata={
        "description": " | ".join(f"{k}={v}" for k, v in workflow.ACTION_LABELS.items())})
    note = Text(multiline=True, load_default="", validate=validate.Length(max=2000))
    checklist = fields.Dict(keys=fields.String(validate=validate.Length(max=40)), values=fields.Boolean(),
                            load_default=None, allow_none=True, validate=validate.Length(max=10), metadata={
        "description": "accept: every item of the case view's checklist_items ticked ({key: true}); "
                       "the items depend on the case type"})
    reason = Text(multiline=True, load_default="", validate=validate.Length(max=1000))
    reason_code = fields.String(load_default=None, allow_none=True,
                                validate=_one_of(workflow.REASON_LABELS),
                                metadata={"description": "contractor_dispute = 工程款纠纷，不属于欠薪 (its reason text "
                                                         "is standard); not_aid_matter; other"})
    asked = Text(multiline=True, load_default="", validate=validate.Length(max=1000))
    due_on = AnyDay(load_default=None, allow_none=True, metadata={"description": "default: 15 days from today"})
    lawyer_id = fields.Integer(load_default=None, allow_none=True, strict=True,
                               validate=validate.Range(min=1, max=2**31 - 1))
    kind = fields.String(load_default=None, allow_none=True, validate=_one_of(workflow.PROGRESS_KINDS))
    happened_on = Day(load_default=None, allow_none=True)
    next_hearing_on = AnyDay(load_default=None, allow_none=True)
    outcome = fields.String(load_default=None, allow_none=True, validate=_one_of(workflow.OUTCOMES))
    recovered_fen = fields.Integer(load_default=None, allow_none=True, strict=True,
                                   validate=validate.Range(min=0, max=MAX_FEN, error="金额不在合理范围内。"))
    closed_on = Day(load_default=None, allow_none=True)
    reached = fields.Boolean(load_default=None, allow_none=True)
    satisfaction = fields.Integer(load_default=None, allow_none=True, strict=True,
                                  validate=validate.Range(min=1, max=5, error="满意度是 1 到 5。"))
    comment = Text(multiline=True, load_default="", validate=validate.Length(max=1000))
    office_id = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=1, max=2**31 - 1),
                               metadata={"description": "transfer: the legal-aid centre the case goes to, one of "
                                                        "the form's choices (the case view fills them per case)"})

    @validates_schema
    def _what_the_action_needs(self, data, **_):
        problems = workflow.missing(data.get("action"), data)
        if problems:
            raise ValidationError(problems)


def _kind(field: fields.Field, ask: workflow.Ask) -> str:
    if ask.kind:
        return ask.kind
    if isinstance(field, fields.Dict):
        return "checklist"
    if isinstance(field, fields.Date):
        return "date"
    if isinstance(field, fields.Boolean):
        return "yesno"
    return "choice" if _choices(field) else "text"


def _choices(field: fields.Field) -> list[dict]:
    out: list[dict] = []
    for rule in field.validators:
        if isinstance(rule, validate.OneOf):
            out += [{"value": value, "label": label} for value, label in zip(rule.choices, rule.labels, strict=True)]
        elif isinstance(rule, validate.Range) and isinstance(field, fields.Integer) and rule.min is not None \
                and rule.max is not None and rule.max - rule.min < 10:  # a small scale: each step a choice
            out += [{"value": n, "label": str(n)} for n in range(int(rule.min), int(rule.max) + 1)]
    return out


def _limits(field: fields.Field) -> dict:
    out: dict = {}
    for rule in field.validators:
        if isinstance(rule, validate.Length) and rule.max is not None:
            out["max_length"] = rule.max
        if isinstance(rule, validate.Range):
            out |= {k: v for k, v in (("min", rule.min), ("max", rule.max)) if v is not None}
    return out


def describe(action: str) -> dict:
    """A move's form as the case view sends it: its label, whether it ends or sets back the case, and each field
    (type, choices and limits from ActionIn; label, need, hint from the move's row)."""
    move = workflow.MOVES[action]
    out = []
    for name, ask in move.asks.items():
        field = ActionIn._declared_fields[name]
        choices = [{"value": v, "label": label} for v, label in ask.choices] or _choices(field)
        if ask.kind == "preset":  # only the choices with a standard text are offered, each with its text
            texts = workflow.PRESET_TEXTS[name]
            choices = [{**c, "text": texts[c["value"]]} for c in choices if texts.get(c["value"])]
        out.append({"name": name, "kind": _kind(field, ask), "label": ask.label, "required": bool(ask.need),
                    "need": ask.need, "hint": ask.hint, "default": ask.default, "shown_if": ask.shown_if,
                    "fills": ask.fills, "rows": ask.rows, "choices": choices, **_limits(field)})
    return {"action": action, "label": move.button or move.label, "warn": move.warn, "explain": move.explain,
            "fields": out}


FORMS = {action: describe(action) for action in workflow.MOVES}


def form(action: str, choices: dict[str, list[dict]]) -> dict:
    """A move's form for one case: FORMS, with the choices that depend on the case (a transfer's offices) filled."""
    base = FORMS[action]
    if not any(f["name"] in choices for f in base["fields"]):
        return base
    return {**base, "fields": [{**f, "choices": choices[f["name"]]} if f["name"] in choices else f
                               for f in base["fields"]]}


class ChoiceOut(Schema):
    value = fields.Raw(metadata={"description": "what the request sends: a string, a number or true/false"})
    label = fields.String()
    text = fields.String(metadata={"description": "a preset's standard text, written into the field it fills"})


class FormFieldOut(Schema):
    name = fields.String(metadata={"description": "the request field (POST /cases/{id}/actions)"})
    kind = fields.String(metadata={"description": "text | date | choice | yesno | lawyer (GET /lawyers) | money "
                                                  "(typed in yuan, sent in fen) | checklist (checklist_items, sent "
                                                  "as {key: true}) | preset (buttons filling the field `fills`)"})
    label = fields.String()
    required = fields.Boolean()
    need = fields.String(metadata={"description": "the message when a required field is empty"})
    hint = fields.String()
    default = fields.String(metadata={"description": "today: the form starts at today's date in Beijing"})
    shown_if = fields.String(metadata={"description": "shown (and needed) only when this yes/no field is yes"})
    fills = fields.String()
    rows = fields.Integer()
    choices = fields.List(fields.Nested(ChoiceOut))
    max_length = fields.Integer()
    min = fields.Integer()
    max = fields.Integer()


class ActionFormOut(Schema):
    action = fields.String()
    label = fields.String(metadata={"description": "the button and the form's name"})
    warn = fields.Boolean(metadata={"description": "the move ends or sets back the case: drawn in red"})
    explain = fields.String(metadata={"description": "a line the form shows before its buttons"})
    fields_ = fields.List(fields.Nested(FormFieldOut), data_key="fields")
