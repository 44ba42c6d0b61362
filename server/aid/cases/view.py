"""One case as its handler reads it (every read audited): the application in full, decrypted (the worker's phone
masked: it comes whole only through the call, cases/desk.py), with its clocks,
flags, moves, duplicates, group, progress and papers; the answer to a move; the case's own audit log."""
from datetime import date

from sqlalchemy import or_

from ... import question_links, site_links
from ...accounts import audit_labels
from ...accounts.models import ROLE_NAMES, AuditEntry, User
from ...daylogs.service import for_case as day_log
from ...errors import DomainError
from ...extensions import db
from ...media.models import Upload
from ...offices import divisions, scope
from ...offices.models import Office
from ...pii import decrypt
from .. import codes, idnumber, linking
from ..access import (
    WHY_LABELS,
    application_for_handler,
    application_in_scope,
    get_application,
    in_scope,
    may_handle,
    read_case,
)
from ..models import MEANS_TEST, STAGES, Application
from . import accept, case_papers, checklists, claims, clocks, documents, files, particulars, workflow
from .rows import flags, group_figures, live_duplicates, rows
from .sweep import staff_alert

# The papers' labels on the case page; which a case offers (by its type, amount, lawyer): case_papers.offered.
DOCUMENTS = {"aid_application": "法律援助申请表", "arbitration_claim": "劳动仲裁申请书（草稿）",
             "injury_recognition": "工伤认定申请表（草稿）", "payment_order": "支付令申请书（草稿）",
             "appointment_letter": "法律援助公函（指派通知书）", "agency_agreement": "委托代理协议",
             "power_of_attorney": "授权委托书"}
LEFT_CASE = "已拒绝指派，案件交回工作人员重新指派。这个案件不再出现在你的「我的案件」里。"
TRANSFERRED = "已转给{office}办理。这个案件不再由你的机构办理，也不再出现在你的案件列表里。"


# --- one case, for its handler ---------------------------------------------------------------------

def full_dict(application: Application) -> dict:
    """The decrypted application (the caller has checked who reads it and logged the read); the case view adds
    the rest (its timeline is the handler's, build_view's)."""
    evidence = db.session.scalars(db.select(Upload).where(Upload.application_id == application.id,
                                                          Upload.kind.is_(None))  # the office's: files.rows
                                  .order_by(Upload.position, Upload.attached_at, Upload.id))
    id_number = decrypt(application.id_number_enc)
    return {
        **{name: getattr(application, name) for name in (
            "id", "code", "case_type", "case_type_label", "stage", "stage_label", "applicant_name", "phone_masked",
            "id_number_masked", "employer_name", "site", "city", "amount_owed_fen", "means_test", "on_behalf",
            "created_at", "account", "contractor", "project", "district", "started_on", "last_paid_on", "left_on",
            "injured_on", "hometown", "consent_privacy", "consent_sensitive", "honesty_commitment",
            "submitted_by_id", "submitted_by_role", "worker_consent_confirmed", "site_division", "owner")},
        "site_division_name": divisions.name(application.site_division) if application.site_division else "",
        "linked_site": site_links.ref(application.site_id),  # the site whose board or code it came from
        # The worker's own phone is not in the view: phone_masked is; the whole number comes only on a tap of
        # 打电话 (POST /cases/{id}/call, audited as a call), and on the papers, which print it.
        "id_number": id_number,
        "id_number_note": idnumber.region_note(id_number),
        "employer_phone": decrypt(application.employer_phone_enc) if application.employer_phone_enc else None,
        "coworkers": [{"name": c["name"], "phone": decrypt(c["phone_enc"]) if c.get("phone_enc") else None}
                      for c in application.coworkers or []],
        "means_test_label": MEANS_TEST.get(application.means_test, application.means_test),
        "evidence": [{"id": u.id, "label": u.label, "width": u.width, "height": u.height,
                      "url": f"/api/v1/uploads/{u.id}", "thumbnail_url": f"/api/v1/uploads/{u.id}/thumbnail"}
                     for u in evidence],
        "day_log": day_log(application.id),
        "question_audio": question_links.audio_for(application.id),  # 问一问's voice, heard via GET /audio/{id}
    }


def case_view(application_id: int, user: User) -> dict:
    """The full case for its handler; the read is written to the audit log (why: the reader's part in it)."""
    return build_view(read_case(user, application_id), user)


def document(application_id: int, kind: str, fmt: str, user: User) -> tuple[bytes, str]:
    """A case's paper (documents.KINDS, as .docx or .pdf) and the case's code: one read, one audit entry naming
    the paper, and why; the paper is drawn from the case as its page shows it (lawyer, progress notes)."""
    # Refused before any read is logged: a paper the case does not offer (404), a lawyer's paper before one (409).
    handled = application_for_handler(application_id, user)
    case_papers.refuse_unless_offered(kind, handled.case_type, handled.amount_owed_fen)
    if kind in documents.NEEDS_LAWYER and handled.lawyer_id is None:
        raise DomainError(documents.NO_LAWYER, "lawyer_not_assigned", 409)
    application = read_case(user, application_id, "document", kind=kind, format=fmt)
    assigned = [e.at for e in application.timeline if e.action in ("assign", "reassign")]
    paper = {**build_view(application, user), "phone": decrypt(application.phone_enc),
             "assigned_at": max(assigned) if assigned else None}
    return case_papers.render(kind, fmt, paper), application.code


def build_view(application: Application, user: User) -> dict:
    on = clocks.today()
    hearing = _next_hearing(application, on) if application.stage in ("lawyer_accepted", "in_progress") else None
    case_flags = flags(application, on, [(hearing, "下次开庭/调解")] if hearing else [])
    case_clocks = workflow.case_clocks(application, on)
    # the office's own deadline for the lawyer to accept (not a statute): staff's alone
    accept_clock, accept_alert = accept.for_case(application, on) if user.role != "lawyer" else (None, None)
    lawyer = db.session.get(User, application.lawyer_id) if application.lawyer_id else None
    group = None
    if application.group_key:
        size, owed = group_figures({application.group_key}, user).get(application.group_key, (0, 0))
        if size > 1:
            group = {"key": application.group_key, "size": size, "total_owed_fen": int(owed)}
    request = application.materials_request
    actors = _actors(application)
    allowed = workflow.allowed_actions(application, user)
    office = db.session.get(Office, application.office_id)
    return {
        **full_dict(application),
        "code_display": codes.display(application.code),
        **case_flags,
        "allowed_actions": allowed,
        "field_choices": {"office_id": [{"value": o.id, "label": o.name} for o in
                                        divisions.transfer_targets(application.office_id)]}
        if "transfer" in allowed else {},
        "office": {"id": office.id, "name": divisions.public_name(office), "phone": office.phone,
                   "address": office.address} if office else None,
        "paused": application.paused_since is not None,
        "first_aid_note": clocks.FIRST_AID_NOTE if case_flags["first_aid"] else None,
        "staff_alert": staff_alert(application, on) or accept_alert,
        "clocks": [c.as_dict() for c in [*case_clocks, *([accept_clock] if accept_clock else [])]],
        "checklist": application.checklist,
        "checklist_items": checklists.items(application.case_type),
        "lawyer": {"id": lawyer.id, "name": lawyer.display_name, "office_phone": lawyer.office_phone,
                   "law_firm": lawyer.law_firm, "active": lawyer.active} if lawyer else None,
        "progress": [{"kind": e.detail.get("kind"),
                      "kind_label": workflow.PROGRESS_KINDS.get(e.detail.get("kind") or "", ""),
                      "note": e.detail.get("note", ""), "happened_on": e.detail.get("happened_on"),
                      "next_hearing_on": e.detail.get("next_hearing_on"), "at": e.at, "by": actors.get(e.actor_id, "")}
                     for e in application.timeline if e.action == "progress" and e.detail],
        "outcome": {**application.outcome,
                    "outcome_label": workflow.OUTCOMES.get(application.outcome.get("outcome") or "", "")}
        if application.outcome else None,
        "follow_up": application.follow_up,
        "materials_request": {"asked": request["asked"], "due_on": request["due_on"],
                              "supplied": request.get("supplied") or []} if request else None,
        # The tag counts only a live pair; the list keeps a withdrawn or not accepted twin for comparison (its own
        # row says duplicate false, with its stage).
        "duplicate": application.id in live_duplicates([application], user),
        "duplicates": rows(_duplicates(application, user), user, on),
        "group": group,
        "timeline": [{"at": e.at, "stage": e.stage, "label": STAGES.get(e.stage, e.stage),
                      "note": (e.detail or {}).get("note") or e.note, "worker_note": e.note,
                      "reason": (e.detail or {}).get("reason", ""), "by": actors.get(e.actor_id, "工友本人"),
                      "action": e.action, "action_label": workflow.ACTION_LABELS.get(e.action, "")}
                     for e in application.timeline],
        "documents": [{"kind": kind, "label": label,
                       "docx_url": f"/api/v1/cases/{application.id}/documents/{kind}.docx",
                       "pdf_url": f"/api/v1/cases/{application.id}/documents/{kind}.pdf"}
                      for kind, label in DOCUMENTS.items()
                      if kind in case_papers.offered(application.case_type, application.amount_owed_fen,
                                                     application.lawyer_id is not None)],
        "office_files": files.rows(application, user),
        "particulars": particulars.read(application),  # every key, always: the papers are drawn from it
        "claims": claims.view(application.claims, on),  # the server's numbers, with each line's deadline
    }


def _actors(application: Application) -> dict:
    ids = {e.actor_id for e in application.timeline if e.actor_id}
    if not ids:
        return {}
    return {i: f"{name or ROLE_NAMES.get(role, role)}（{ROLE_NAMES.get(role, role)}）" for i, name, role in
            db.session.execute(db.select(User.id, User.display_name, User.role).where(User.id.in_(ids)))}


def _next_hearing(application: Application, on: date) -> date | None:
    for entry in reversed(application.timeline):
        if entry.action == "progress" and entry.detail and entry.detail.get("next_hearing_on"):
            day = date.fromisoformat(entry.detail["next_hearing_on"])
            return day if day >= on else None
    return None


def _duplicates(application: Application, user: User) -> list[Application]:
    """The likely duplicates of the case among those the reader's offices hold."""
    if not application.employer_key or application.created_at is None:
        return []
    window = linking.DUPLICATE_WINDOW
    return list(db.session.scalars(scope.within(db.select(Application), Application.office_id, user).where(
        Application.id_number_hash == application.id_number_hash,
        Application.employer_key == application.employer_key, Application.id != application.id,
        Application.created_at >= application.created_at - window,
        Application.created_at <= application.created_at + window).order_by(Application.id)))


# --- a move, and the answer to it ------------------------------------------------------------------

def act(application_id: int, action: str, data: dict, user: User) -> None:
    """A move on the case (workflow.py decides whether it is allowed); view_after_move answers it."""
    workflow.apply(application_for_handler(application_id, user), action, data, user)


def view_after_move(application_id: int, user: User) -> dict:
    """The answer to a move, and to its retry: the case as it is now, in full (and audited) for whoever may
    handle it now; for one who may not any more (a lawyer who declined, or whose case was given to
    another) the stage alone, which holds nothing personal."""
    application = get_application(application_id)
    if not in_scope(user, application) and _transferred_by(application, user):
        # 转办 to an office outside the mover's subtree: the case is no longer theirs to read (scope), only its stage.
        office = divisions.public_name(db.session.get(Office, application.office_id))
        return {"id": application.id, "stage": application.stage, "stage_label": application.stage_label,
                "allowed_actions": [], "handler": False, "message": TRANSFERRED.format(office=office)}
    application = application_in_scope(application_id, user)
    if not may_handle(user, application):
        # A lawyer who declined is no longer the case's handler: they get the stage and a sentence, not the case
        # (MoveAnswer.handler false); the PWA leaves the case page for 我的案件.
        return {"id": application.id, "stage": application.stage, "stage_label": application.stage_label,
                "allowed_actions": [], "handler": False, "message": LEFT_CASE}
    return {**build_view(read_case(user, application.id), user), "handler": True, "message": ""}


def _transferred_by(application: Application, user: User) -> bool:
    """Whether the case's last step is a transfer `user` made (the answer to that move, and to its retry)."""
    last = application.timeline[-1] if application.timeline else None
    return last is not None and last.action == "transfer" and last.actor_id == user.id


# --- the case's audit log --------------------------------------------------------------------------

def case_audit(application_id: int, user: User) -> dict:
    application = application_for_handler(application_id, user)
    uploads = list(db.session.scalars(db.select(Upload.id).where(Upload.application_id == application.id)))
    record = str(application.id)
    query = db.select(AuditEntry, User).outerjoin(User, User.id == AuditEntry.actor_id).where(or_(
        (AuditEntry.record_type.in_(("aid_application", "aid_document", "document")))
        & (AuditEntry.record_id == record),
        (AuditEntry.record_type.in_(("evidence", "case_file"))) & AuditEntry.record_id.in_(uploads or [""]))) \
        .order_by(AuditEntry.id.desc())
    items = []
    for entry, actor in db.session.execute(query):
        # A read without its reason written down (a document download, an entry from before) was by a handler:
        # a lawyer could only read it while assigned.
        why = (entry.detail or {}).get("why") or ("assigned_lawyer" if entry.actor_role == "lawyer"
                                                  else entry.actor_role)
        items.append({"at": entry.at, "user_name": actor.display_name if actor else "",
                      "user_role": ROLE_NAMES.get(entry.actor_role, entry.actor_role), "action": entry.action,
                      "action_label": audit_labels.ACTIONS.get(entry.action, entry.action),
                      "record_type": entry.record_type,
                      "record_type_label": audit_labels.RECORD_TYPES.get(entry.record_type, entry.record_type),
                      "why": WHY_LABELS.get(why, why), "why_code": why})
    return {"items": items}
