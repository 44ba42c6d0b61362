"""The worker's side of a case: their view by code and phone (a wrong code and a wrong phone answer alike), their
own applications, the materials they add, and their codes texted again."""
import hmac

from sqlalchemy import or_

from ... import codes
from ...accounts.models import ROLE_NAMES, User
from ...errors import DomainError, NotFound
from ...extensions import db
from ...media import service as media
from ...offices import divisions
from ...offices.models import Office
from ...pii import InvalidPhone, lookup_hash, normalise_phone
from ..cases import clocks, hearings, moves, notifications, workflow
from ..intake.service import evidence_count
from ..models import STAGES, Application, TimelineEntry
from ..stages import OPEN_STAGES, STAGE

NOT_FOUND = "没有找到这份申请：请核对查询码和手机号。"
FORGOT_SENT = ("如果这个手机号申请过法律援助，查询码会用短信发到这个手机上，请留意短信。"
               "几分钟还没收到，请核对手机号，或者打 12348。")
# Notes written before the wording was fixed began with the step's own name: shown once, not twice.
_OLD_PREFIXES = ("不予受理：", "决定不予法律援助：")


LAWYER_ASKS = "请在 {materials} 前补上材料，在这个页面就能补。律师办案要用，请按时补上。"


def next_step(application: Application) -> str:
    """What happens next, with the real dates (the decision counts from the day the application arrived)."""
    text = STAGE[application.stage].next_step if application.stage in STAGE else ""
    if application.stage == "materials_requested" and not moves.may_lapse(application):
        text = LAWYER_ASKS  # the lawyer's ask: nothing is withdrawn if it comes late
    if "{" not in text:
        return text
    on = clocks.today()
    due = {c.name: c.due_on for c in workflow.case_clocks(application, on)}
    return text.format(decide=due.get("decide"), assign=due.get("assign"), materials=due.get("materials"))


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


def worker_timeline(application: Application) -> list[dict]:
    return [{"at": e.at, "stage": e.stage, "label": STAGES.get(e.stage, e.stage), "note": _note(e.note),
             "by": _by(e, application)} for e in application.timeline]


def tracking_view(application: Application) -> dict:
    request = application.materials_request if application.stage == "materials_requested" else None
    lawyer = db.session.get(User, application.lawyer_id) if application.lawyer_id else None
    # A switched-off lawyer's number answers nobody any more (the office reassigns the case), and once aid
    # has ended the lawyer no longer acts for the worker: no number to call either way.
    if lawyer is not None and (not lawyer.active or application.stage == "terminated"):
        lawyer = None
    office = db.session.get(Office, application.office_id)  # who handles it now: the worker calls them
    return {"code": application.code, "code_display": codes.display(application.code),
            "case_type": application.case_type, "case_type_label": application.case_type_label,
            "stage": application.stage, "stage_label": application.stage_label,
            "submitted_at": application.created_at, "evidence_count": evidence_count(application.id),
            "next_step": next_step(application), "timeline": worker_timeline(application),
            "materials_request": {"asked": request["asked"], "due_on": request["due_on"]} if request else None,
            "lawyer_office_phone": (lawyer.office_phone or None) if lawyer else None,
            "lawyer_law_firm": (lawyer.law_firm or None) if lawyer else None,
            "office_name": divisions.public_name(office), "office_phone": (office.phone or None) if office else None,
            "next_hearing": hearings.next_for_worker(application) if application.stage in OPEN_STAGES else None}


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
