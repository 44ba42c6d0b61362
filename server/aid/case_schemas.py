"""The case-handling API's edge: the inbox rows, the case view with its move forms, the audit (/work/contract-cases.md);
a move's request and its form are move_schemas.py's."""
from marshmallow import Schema, ValidationError, fields, post_dump, validate, validates_schema

from ..inputs import Text
from .cases import FILTERS
from .move_schemas import FORMS, ActionFormOut
from .schemas import CLIENT_ID, ApplicationFull, MaterialsAsked, TimelineOut, TrackArgs


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
    duplicate = fields.Boolean(metadata={"description": "疑似重复: a twin (same ID number and employer) is still "
                                                        "counted; false once every twin is withdrawn or not accepted"})
    duplicates = fields.List(fields.Nested(CaseRow), metadata={
        "description": "every twin within 30 days, a settled one too (its row's duplicate is false)"})
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
