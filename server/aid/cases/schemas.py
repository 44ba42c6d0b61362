"""One case at the edge (/work/contract-cases.md): the application, a row, the view, the audit; moves: move_schemas."""
from marshmallow import Schema, fields, post_dump

from ...daylogs.schemas import DayLogView
from .claim_schemas import ClaimOut
from .file_schemas import CaseFileOut
from .move_schemas import ActionFormOut, form
from .particular_schemas import ParticularsOut


class TimelineOut(Schema):
    at = fields.DateTime()
    stage = fields.String()
    label = fields.String()
    note = fields.String()
    by = fields.String(metadata={"description": "a role (你, 志愿者, 工作人员 …), never a name"})


class MaterialsAsked(Schema):
    asked = fields.String()
    due_on = fields.String()


class ApplicationSummary(Schema):
    """The application's own masked fields (the base of the case view; lists send CaseRow)."""

    id = fields.Integer()
    code = fields.String()
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
    means_test = fields.String()
    on_behalf = fields.Boolean()
    created_at = fields.DateTime()


class EvidenceOut(Schema):
    id = fields.String()
    label = fields.String()
    width = fields.Integer()
    height = fields.Integer()
    url = fields.String()
    thumbnail_url = fields.String()


class CoworkerOut(Schema):
    name = fields.String()
    phone = fields.String(allow_none=True)


class QuestionAudio(Schema):
    id = fields.String()
    duration_ms = fields.Integer(allow_none=True)


class ApplicationFull(ApplicationSummary):
    """Everything the application holds, decrypted: the base of the case view (each read is audited)."""

    account = fields.String()
    employer_phone = fields.String(allow_none=True)
    contractor = fields.String()
    project = fields.String()
    district = fields.String()
    started_on = fields.Date(allow_none=True)
    last_paid_on = fields.Date(allow_none=True)
    left_on = fields.Date(allow_none=True)
    injured_on = fields.Date(allow_none=True)
    coworkers = fields.List(fields.Nested(CoworkerOut))
    id_number = fields.String()
    id_number_note = fields.String(metadata={
        "description": "for staff, or '': the region code is in no known table (accepted; check the card)"})
    hometown = fields.String()
    consent_privacy = fields.Boolean()
    consent_sensitive = fields.Boolean()
    means_test_label = fields.String()
    honesty_commitment = fields.Boolean()
    submitted_by_id = fields.Integer(allow_none=True)
    submitted_by_role = fields.String()
    worker_consent_confirmed = fields.Boolean()
    evidence = fields.List(fields.Nested(EvidenceOut))
    day_log = fields.Nested(DayLogView, allow_none=True, metadata={"description": "记工: the worker's own day log"})
    question_audio = fields.List(fields.Nested(QuestionAudio), metadata={
        "description": "问一问: the voice of the question the application came from (GET /audio/{id})"})
    timeline = fields.List(fields.Nested(TimelineOut))


class LinkedSite(Schema):
    code = fields.String()
    code_display = fields.String()
    name = fields.String()
    status = fields.String()
    status_label = fields.String()


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
    accept_overdue = fields.Boolean(metadata={
        "description": "staff only: assigned, and the lawyer has not accepted within the office's accept_days"})
    accept_overdue_label = fields.String(allow_none=True, metadata={"description": "e.g. 律师超过3天未接受指派"})
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


class ClockOut(Schema):
    name = fields.String(metadata={"description": "decide | assign | materials | limitation | injury_recognition | "
                                                  "claim (a 算一算 amount's earliest line) | "
                                                  "accept (the office's own deadline to accept, staff only)"})
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


class HandlingOfficeOut(Schema):
    id = fields.Integer()
    name = fields.String(metadata={"description": "the office handling the case now (法律援助机构 for the unnamed "
                                                  "default office)"})
    phone = fields.String(metadata={"description": "its public phone"})
    address = fields.String()


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
        "description": "for staff: materials overdue while the limitation date is near (the sweep left it to them), "
                       "or the lawyer has not accepted within the office's accept_days"})
    overdue = fields.Boolean()
    paused = fields.Boolean()
    clocks = fields.List(fields.Nested(ClockOut))
    checklist = fields.Dict(allow_none=True, metadata={"description": "as ticked on acceptance, with by and at"})
    checklist_items = fields.List(fields.Nested(ChecklistItem), metadata={
        "description": "the acceptance checklist of this case's type, in order: what the accept form shows"})
    lawyer = fields.Nested(LawyerOut, allow_none=True)
    office = fields.Nested(HandlingOfficeOut, allow_none=True, metadata={
        "description": "the office handling the case (routed by the site at intake, changed by 转办)"})
    site_division = fields.String(metadata={"description": "where the work was done: 6-digit 行政区划代码, '' unknown"})
    site_division_name = fields.String(metadata={"description": "its name, e.g. 成都市锦江区"})
    owner = fields.String(metadata={"description": "建设单位, when known (filled from the site's board)"})
    linked_site = fields.Nested(LinkedSite, allow_none=True, metadata={
        "description": "the site (its board's QR or code) the application came from: GET /sites/{code}"})
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
    office_files = fields.List(fields.Nested(CaseFileOut), metadata={
        "description": "the office's side of the case file, by date (evidence: the worker's)"})
    code_display = fields.String()
    particulars = fields.Nested(ParticularsOut, metadata={"description": "案件要素, every key (particulars.py)"})
    claims = fields.List(fields.Nested(ClaimOut), metadata={"description": "the worker's 算一算 amounts, recomputed"})

    @post_dump(pass_original=True)
    def _forms(self, data, view, **_):
        choices = view.get("field_choices") or {}
        data["actions"] = [form(a, choices) for a in view.get("allowed_actions") or []]
        return data


class MoveAnswer(CaseView):
    handler = fields.Boolean(metadata={
        "description": "true: the full case view follows. false: the person who moved no longer handles the case "
                       "(a lawyer who declined): only id, stage, stage_label, allowed_actions ([]), handler and "
                       "message come back, nothing personal; leave the case page and show message"})
    message = fields.String(metadata={"description": "what to tell the person who moved (empty when handler)"})


class LawyerCases(Schema):
    items = fields.List(fields.Nested(CaseRow))

