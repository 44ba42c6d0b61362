"""The case-handling API's edge: a move and its fields, the inbox rows, the case view (/work/contract-cases.md)."""
from datetime import datetime, time

from marshmallow import Schema, ValidationError, fields, post_dump, validate, validates_schema

from ..inputs import CHINA, Text, check_text, date_problem
from . import workflow
from .cases import FILTERS
from .schemas import CLIENT_ID, MAX_FEN, ApplicationFull, Day, MaterialsAsked, TimelineOut, TrackArgs


class AnyDay(fields.Date):
    """A calendar day between 2000 and 2100 (a due date or a hearing may be in the future)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            check_text(value)
        day = super()._deserialize(value, attr, data, **kwargs)
        problem = date_problem(datetime.combine(day, time(12), CHINA))
        if problem:
            raise ValidationError(problem)
        return day




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


class CaseListArgs(Schema):
    filter = fields.String(load_default="all", validate=validate.OneOf(FILTERS))
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=2**31 - 1))
    page_size = fields.Integer(load_default=50, validate=validate.Range(min=1, max=100))


class CaseRow(Schema):
    id = fields.Integer()
    code_display = fields.String()
    case_type = fields.String()
    case_type_label = fields.String()
    stage = fields.String()
    stage_label = fields.String()
    applicant_name = fields.String()
    phone_masked = fields.String()
    id_number_masked = fields.String()
    employer_name = fields.String()
    site = fields.String()
    city = fields.String()
    amount_owed_fen = fields.Integer(allow_none=True)
    created_at = fields.DateTime()
    green_channel = fields.Boolean()
    urgent = fields.Boolean()
    first_aid = fields.Boolean()
    overdue = fields.Boolean()
    duplicate = fields.Boolean()
    group_size = fields.Integer()
    group_key = fields.String()
    next_actor = fields.String(allow_none=True, metadata={"description": "worker | staff | lawyer | null"})
    next_actor_label = fields.String()
    due_on = fields.Date(allow_none=True, metadata={"description": "the nearest date the case must beat: the office's "
                                                                   "running clock or a limitation date"})
    due_label = fields.String(metadata={"description": "which date due_on is (决定期限, 劳动仲裁时效 …)"})
    days_left = fields.Integer(allow_none=True)
    lawyer_name = fields.String(allow_none=True)


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


class ClockOut(Schema):
    name = fields.String(metadata={"description": "decide | assign | materials | limitation | injury_recognition"})
    label = fields.String()
    due_on = fields.Date(allow_none=True)
    days_left = fields.Integer(allow_none=True)
    overdue = fields.Boolean()
    paused = fields.Boolean()
    done = fields.Boolean()
    how = fields.String(metadata={"description": "how the date was computed, citing the article"})


class LawyerOut(Schema):
    id = fields.Integer()
    name = fields.String()
    office_phone = fields.String()
    law_firm = fields.String()
    active = fields.Boolean(metadata={"description": "false: the account is switched off; reassign the case"})


class ProgressOut(Schema):
    kind = fields.String()
    kind_label = fields.String()
    note = fields.String()
    happened_on = fields.String(allow_none=True)
    next_hearing_on = fields.String(allow_none=True)
    at = fields.DateTime()
    by = fields.String()


class OutcomeOut(Schema):
    outcome = fields.String()
    outcome_label = fields.String()
    recovered_fen = fields.Integer()
    closed_on = fields.String()
    note = fields.String()


class FollowUpOut(Schema):
    reached = fields.Boolean()
    satisfaction = fields.Integer(allow_none=True)
    comment = fields.String()
    at = fields.String()


class SuppliedOut(Schema):
    text = fields.String()
    upload_ids = fields.List(fields.String())
    at = fields.String()


class MaterialsRequestOut(MaterialsAsked):
    supplied = fields.List(fields.Nested(SuppliedOut))


class GroupOut(Schema):
    key = fields.String()
    size = fields.Integer()
    total_owed_fen = fields.Integer()


class CaseTimelineOut(TimelineOut):
    note = fields.String(metadata={"description": "the handler's note, or what the worker reads when there is none"})
    worker_note = fields.String(metadata={"description": "what the worker reads on the tracking page"})
    reason = fields.String()
    by = fields.String(metadata={"description": "name (role); 工友本人 for the worker, 系统 for the daily sweep"})
    action = fields.String()
    action_label = fields.String()


class DocumentOut(Schema):
    kind = fields.String()
    label = fields.String()
    docx_url = fields.String()
    pdf_url = fields.String()


class ChecklistItem(Schema):
    key = fields.String()
    label = fields.String()


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


class CaseView(ApplicationFull):
    allowed_actions = fields.List(fields.String())
    actions = fields.List(fields.Nested(ActionFormOut), metadata={
        "description": "the form of each allowed action, in the same order: the PWA draws them from this"})
    next_actor = fields.String(allow_none=True)
    next_actor_label = fields.String()
    due_on = fields.Date(allow_none=True, metadata={"description": "the nearest date: running clock, limitation or "
                                                                   "the next hearing"})
    due_label = fields.String()
    days_left = fields.Integer(allow_none=True)
    green_channel = fields.Boolean()
    urgent = fields.Boolean()
    first_aid = fields.Boolean()
    first_aid_note = fields.String(allow_none=True,
                                   metadata={"description": "Art. 44: aid starts before the paperwork"})
    staff_alert = fields.String(allow_none=True, metadata={
        "description": "materials overdue while the limitation date is near: the sweep left it for staff to decide"})
    overdue = fields.Boolean()
    paused = fields.Boolean()
    clocks = fields.List(fields.Nested(ClockOut))
    checklist = fields.Dict(allow_none=True, metadata={"description": "as ticked on acceptance, with by and at"})
    checklist_items = fields.List(fields.Nested(ChecklistItem), metadata={
        "description": "the acceptance checklist of this case's type, in order: what the accept form shows"})
    lawyer = fields.Nested(LawyerOut, allow_none=True)
    progress = fields.List(fields.Nested(ProgressOut))
    outcome = fields.Nested(OutcomeOut, allow_none=True)
    follow_up = fields.Nested(FollowUpOut, allow_none=True)
    materials_request = fields.Nested(MaterialsRequestOut, allow_none=True)
    duplicates = fields.List(fields.Nested(CaseRow))
    group = fields.Nested(GroupOut, allow_none=True)
    timeline = fields.List(fields.Nested(CaseTimelineOut))  # richer than the worker's
    documents = fields.List(fields.Nested(DocumentOut))
    code_display = fields.String()

    @post_dump(pass_original=True)
    def _forms(self, data, view, **_):
        data["actions"] = [FORMS[a] for a in view.get("allowed_actions") or []]
        return data


class MoveAnswer(CaseView):
    handler = fields.Boolean(metadata={
        "description": "true: the full case view follows. false: the person who moved no longer handles the case "
                       "(a lawyer who declined): only id, stage, stage_label, allowed_actions ([]), handler and "
                       "message come back, nothing personal; leave the case page and show message"})
    message = fields.String(metadata={"description": "what to tell the person who moved (empty when handler)"})


class LawyerCases(Schema):
    items = fields.List(fields.Nested(CaseRow))


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


class CaseAuditRow(Schema):
    at = fields.DateTime()
    user_name = fields.String()
    user_role = fields.String()
    action = fields.String()
    action_label = fields.String(metadata={"description": "the action in Chinese (the audit log's one table)"})
    record_type = fields.String()
    record_type_label = fields.String()
    why = fields.String()
    why_code = fields.String()


class CaseAudit(Schema):
    items = fields.List(fields.Nested(CaseAuditRow))


class MaterialsIn(TrackArgs):
    text = Text(multiline=True, load_default="", validate=validate.Length(max=2000))
    upload_ids = fields.List(fields.String(validate=CLIENT_ID), load_default=list,
                             validate=validate.Length(max=30, error="一次最多 30 张照片。"))

    @validates_schema
    def _something(self, data, **_):
        if not data.get("text") and not data.get("upload_ids"):
            raise ValidationError("请写几句话或者加上照片。", "text")
        if len(set(data.get("upload_ids") or [])) != len(data.get("upload_ids") or []):
            raise ValidationError("同一张照片写了两次。", "upload_ids")
