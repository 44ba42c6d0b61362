"""Legal-aid applications: accept one (exactly once), track it, list it masked, show it in full to its handlers."""
import hmac

from sqlalchemy import or_
from sqlalchemy.exc import IntegrityError

from ..accounts import audit
from ..accounts.models import ROLE_NAMES, User
from ..errors import DomainError, NotFound
from ..extensions import db
from ..media import service as media
from ..media.models import Upload
from ..pii import InvalidPhone, decrypt, encrypt, lookup_hash, mask_contact_phone, mask_phone, normalise_phone
from . import clocks, codes, idnumber, notifications, workflow
from .access import application_for_handler, case_role
from .models import MEANS_TEST, MEANS_TEST_EXEMPT, STAGES, Application, TimelineEntry
from .stages import STAGE

# Notes written before the wording was fixed began with the step's own name: shown once, not twice.
_OLD_PREFIXES = ("不予受理：", "决定不予法律援助：")


def next_step(application: Application) -> str:
    """What happens next, with the real dates (the decision counts from the day the application arrived)."""
    text = STAGE[application.stage].next_step if application.stage in STAGE else ""
    if "{" not in text:
        return text
    on = clocks.today()
    due = {c.name: c.due_on for c in workflow.case_clocks(application, on)}
    return text.format(decide=due.get("decide"), assign=due.get("assign"), materials=due.get("materials"))


def decision_due(application: Application):
    """The day the decision is due (Art. 43: 7 days from receipt, the days waiting for materials added)."""
    return workflow.case_clocks(application, clocks.today())[0].due_on


NOT_FOUND = "没有找到这份申请：请核对查询码和手机号。"
FORGOT_SENT = ("如果这个手机号申请过法律援助，查询码会用短信发到这个手机上，请留意短信。"
               "几分钟还没收到，请核对手机号，或者打 12348。")


def _protected_phone(phone: str | None) -> tuple[str | None, str]:
    return (encrypt(phone), mask_contact_phone(phone)) if phone else (None, "")


def create_application(data: dict, client_id: str, user) -> Application:
    """Store one application with its evidence and its first timeline step, in one transaction."""
    on_behalf = user is not None and user.role != "worker"
    if on_behalf and not data["worker_consent_confirmed"]:
        raise DomainError("代工友提交前，请确认工友本人已经同意以上内容。", "worker_consent_missing",
                          errors={"json": {"worker_consent_confirmed": ["请确认工友本人同意。"]}})
    existing = db.session.scalar(db.select(Application).where(Application.client_id == client_id))
    if existing is not None:
        # The key outlived its idempotency record (kept 7 days): the same applicant gets the same application.
        if hmac.compare_digest(existing.phone_hash, lookup_hash(data["phone"])):
            return existing
        raise DomainError("这个提交编号已经用于另一份申请，请重新提交。", "idempotency_mismatch")
    employer_enc, employer_masked = _protected_phone(data["employer_phone"])
    phone, number = data["phone"], data["id_number"]
    exempt = data["case_type"] in MEANS_TEST_EXEMPT
    application = Application(
        client_id=client_id, code=_unused_code(), case_type=data["case_type"], account=data["account"],
        employer_name=data["employer_name"], employer_phone_enc=employer_enc, employer_phone_masked=employer_masked,
        contractor=data["contractor"], site=data["site"], project=data["project"], city=data["city"],
        district=data["district"], started_on=data["started_on"], last_paid_on=data["last_paid_on"],
        left_on=data["left_on"], injured_on=data["injured_on"], amount_owed_fen=data["amount_owed_fen"],
        coworkers=[_coworker(c) for c in data["coworkers"]], applicant_name=data["applicant_name"],
        phone_hash=lookup_hash(phone), phone_enc=encrypt(phone), phone_masked=mask_phone(phone),
        id_number_hash=lookup_hash(number), id_number_enc=encrypt(number), id_number_masked=idnumber.mask(number),
        hometown=data["hometown"], consent_privacy=True, consent_sensitive=True,
        means_test="art42_exempt" if exempt else "art41_commitment",
        honesty_commitment=False if exempt else True,
        submitted_by_id=user.id if user else None, submitted_by_role=user.role if user else "",
        on_behalf=on_behalf, worker_consent_confirmed=True if not on_behalf else data["worker_consent_confirmed"])
    db.session.add(application)
    db.session.flush()
    from .cases import link_new  # cases.py builds on this module's views
    link_new(application)
    workflow.refresh(application)
    media.attach(data["upload_ids"], client_id, application.id)
    note = "志愿者代你提交了申请。" if on_behalf else "你的申请已经送到法律援助机构。"
    db.session.add(TimelineEntry(application_id=application.id, stage="submitted", note=note,
                                 actor_id=user.id if user else None, actor_role=user.role if user else ""))
    if user is not None:
        audit.record_view(user, "create", "aid_application", application.id, {"on_behalf": on_behalf})
    # The code and the link by text too: a worker a volunteer filed for has no other way to get them.
    receipt = notifications.queue(application, "received", due_on=decision_due(application))
    try:
        db.session.commit()
    except IntegrityError:
        # Two first attempts with one key at once, or a code drawn twice: the loser is retried by the client.
        db.session.rollback()
        raise DomainError("申请正在处理，请稍等几秒再试。", "retry", 409) from None
    notifications.send_after_commit([receipt.id])
    return application


def _coworker(person: dict) -> dict:
    enc, masked = _protected_phone(person["phone"])
    return {"name": person["name"], "phone_enc": enc, "phone_masked": masked,
            "phone_hash": lookup_hash(person["phone"]) if person["phone"] else None}


def _unused_code() -> str:
    for _ in range(10):
        code = codes.new_code()
        if db.session.scalar(db.select(Application.id).where(Application.code == code)) is None:
            return code
    raise RuntimeError("no free tracking code after 10 draws")  # 1.5e11 codes: not in this universe


def get_application(application_id: int) -> Application:
    application = db.session.get(Application, application_id)
    if application is None:
        raise NotFound("没有找到这份申请。", "application_not_found")
    return application


def created_view(application: Application) -> dict:
    return {"id": application.id, "code": application.code, "code_display": codes.display(application.code),
            "stage": application.stage, "stage_label": application.stage_label, "case_type": application.case_type,
            "means_test": application.means_test, "evidence_count": _evidence_count(application.id),
            "created_at": application.created_at}


def _evidence_count(application_id: int) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(Upload)
                             .where(Upload.application_id == application_id)) or 0


# --- tracking ------------------------------------------------------------------------------------

def track(code: str, phone: str) -> dict:
    """The worker's view by code and phone; a wrong code and a wrong phone get the same answer."""
    return tracking_view(_tracked(code, phone))


def supply_materials(code: str, phone: str, text: str, upload_ids: list[str], supplement_key: str) -> None:
    """The worker adds what was asked for, on the tracking page: the case goes back, the Art. 43 clock resumes.

    Only photos uploaded under this supplement's own key (its Idempotency-Key, as the PWA sends them) are
    taken: a photo id alone would let anyone with a case take a photo uploaded for someone else's."""
    application = _tracked(code, phone)
    if application.stage != "materials_requested":
        raise DomainError("现在不需要补充材料。", "move_not_allowed", 409)
    media.attach(upload_ids, supplement_key, application.id)
    workflow.apply(application, "materials_supplied", {"text": text, "upload_ids": upload_ids}, None)


def _tracked(code: str, phone: str) -> Application:
    try:
        normal_phone = normalise_phone(phone)
    except InvalidPhone:
        normal_phone = None
    application = db.session.scalar(db.select(Application).where(Application.code == codes.normalise(code)))
    expected = application.phone_hash if application else lookup_hash("no such application")
    given = lookup_hash(normal_phone) if normal_phone else ""
    if application is None or not hmac.compare_digest(expected, given):
        raise NotFound(NOT_FOUND, "application_not_found")
    return application


def _by(entry: TimelineEntry, application: Application) -> str:
    if entry.actor_role == "system":
        return "系统"
    if not entry.actor_role or (entry.actor_role == "worker" and not application.on_behalf):
        return "你"
    return ROLE_NAMES.get(entry.actor_role, "工作人员")


def _note(note: str) -> str:
    for prefix in _OLD_PREFIXES:
        note = note.removeprefix(prefix)
    return note


def _timeline(application: Application) -> list[dict]:
    return [{"at": e.at, "stage": e.stage, "label": STAGES.get(e.stage, e.stage), "note": _note(e.note),
             "by": _by(e, application)} for e in application.timeline]


def tracking_view(application: Application) -> dict:
    request = application.materials_request if application.stage == "materials_requested" else None
    lawyer = db.session.get(User, application.lawyer_id) if application.lawyer_id else None
    # A switched-off lawyer's number answers nobody any more (the office reassigns the case), and once aid
    # has ended the lawyer no longer acts for the worker: no number to call either way.
    if lawyer is not None and (not lawyer.active or application.stage == "terminated"):
        lawyer = None
    return {"code": application.code, "code_display": codes.display(application.code),
            "case_type": application.case_type, "case_type_label": application.case_type_label,
            "stage": application.stage, "stage_label": application.stage_label,
            "submitted_at": application.created_at, "evidence_count": _evidence_count(application.id),
            "next_step": next_step(application), "timeline": _timeline(application),
            "materials_request": {"asked": request["asked"], "due_on": request["due_on"]} if request else None,
            "lawyer_office_phone": (lawyer.office_phone or None) if lawyer else None,
            "lawyer_law_firm": (lawyer.law_firm or None) if lawyer else None}


def forgot_code(phone: str) -> None:
    """「忘了查询码」: text this phone the codes of its applications (the newest five); nothing when it has none.

    The caller answers the same either way, so nobody learns whether a phone ever applied.
    """
    applications = list(db.session.scalars(db.select(Application).where(
        Application.phone_hash == lookup_hash(phone)).order_by(Application.id.desc()).limit(5)))
    if not applications:
        return
    reminder = notifications.queue(applications[0], "codes", text=notifications.codes_text(applications))
    db.session.commit()
    notifications.send_after_response([reminder.id])


def my_applications(user) -> list[dict]:
    """A worker signed in by phone code: every application with their phone as the applicant's, or sent by them."""
    conditions = [Application.submitted_by_id == user.id]
    if user.phone_hash:
        conditions.append(Application.phone_hash == user.phone_hash)
    rows = db.session.scalars(db.select(Application).where(or_(*conditions)).order_by(Application.id.desc()))
    return [tracking_view(a) for a in rows]


# --- the handlers' views -------------------------------------------------------------------------

def list_query(stage: str | None = None, case_type: str | None = None):
    query = db.select(Application).order_by(Application.id.desc())
    if stage:
        query = query.where(Application.stage == stage)
    if case_type:
        query = query.where(Application.case_type == case_type)
    return query


def full_view(application_id: int, user) -> dict:
    """Everything about one application, decrypted; the read is written to the audit log first."""
    application = application_for_handler(application_id, user)
    audit.record_view(user, "view", "aid_application", application.id, {"why": case_role(user, application)})
    db.session.commit()
    return full_dict(application)


def full_dict(application: Application) -> dict:
    """The decrypted application (the caller has checked who reads it and logged the read)."""
    evidence = db.session.scalars(db.select(Upload).where(Upload.application_id == application.id)
                                  .order_by(Upload.position, Upload.attached_at, Upload.id))
    id_number = decrypt(application.id_number_enc)
    return {
        **{name: getattr(application, name) for name in (
            "id", "code", "case_type", "case_type_label", "stage", "stage_label", "applicant_name", "phone_masked",
            "id_number_masked", "employer_name", "site", "city", "amount_owed_fen", "means_test", "on_behalf",
            "created_at", "account", "contractor", "project", "district", "started_on", "last_paid_on", "left_on",
            "injured_on", "hometown", "consent_privacy", "consent_sensitive", "honesty_commitment",
            "submitted_by_id", "submitted_by_role", "worker_consent_confirmed")},
        "phone": decrypt(application.phone_enc),
        "id_number": id_number,
        "id_number_note": idnumber.region_note(id_number),
        "employer_phone": decrypt(application.employer_phone_enc) if application.employer_phone_enc else None,
        "coworkers": [{"name": c["name"], "phone": decrypt(c["phone_enc"]) if c.get("phone_enc") else None}
                      for c in application.coworkers or []],
        "means_test_label": MEANS_TEST.get(application.means_test, application.means_test),
        "evidence": [{"id": u.id, "label": u.label, "width": u.width, "height": u.height,
                      "url": f"/api/v1/uploads/{u.id}", "thumbnail_url": f"/api/v1/uploads/{u.id}/thumbnail"}
                     for u in evidence],
        "timeline": _timeline(application),
    }
