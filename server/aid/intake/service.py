"""Taking a legal-aid application in, exactly once: its code, its group and likely duplicates, its evidence photos,
its first timeline step and the receipt texted to the worker; the receipt the applicant's phone gets back."""
import hmac

from sqlalchemy import or_
from sqlalchemy.exc import IntegrityError

from ... import question_links, site_links
from ...accounts import audit
from ...clock import utcnow
from ...daylogs import service as daylogs
from ...errors import DomainError
from ...extensions import db
from ...media import service as media
from ...media.models import Upload
from ...offices import divisions, scope
from ...offices.models import Office
from ...pii import encrypt, lookup_hash, mask_contact_phone, mask_phone
from .. import codes, idnumber, linking
from ..cases import claims, clocks, notifications, workflow
from ..models import MEANS_TEST_EXEMPT, Application, TimelineEntry


def _intake_office(user, on_behalf: bool, site_division: str) -> int:
    """Where a new application lands: the office serving the site (offices/divisions.route: 《法律援助法》第三十八条,
    the place the matter arose, and the arbitration venue of the 履行地); none serving it, the office of the
    volunteer or staff member who typed it in; else the default office (the root)."""
    routed = divisions.route(site_division)
    if routed is not None:
        return routed
    if on_behalf and user.office_id is not None:
        return user.office_id
    return scope.default_office_id()


def decision_due(application: Application):
    """The day the decision is due (Art. 43: 7 days from receipt, the days waiting for materials added)."""
    return workflow.case_clocks(application, clocks.today())[0].due_on


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
    site_id = site_links.fill_application(data)  # a site's code: its id, and the board's facts where left empty
    recomputed = claims.recompute(data.get("claims") or [], clocks.today())  # refused (422) before anything is kept
    employer_enc, employer_masked = _protected_phone(data["employer_phone"])
    phone, number = data["phone"], data["id_number"]
    exempt = data["case_type"] in MEANS_TEST_EXEMPT
    application = Application(
        client_id=client_id, code=_unused_code(), case_type=data["case_type"], account=data["account"],
        employer_name=data["employer_name"], employer_phone_enc=employer_enc, employer_phone_masked=employer_masked,
        contractor=data["contractor"], site=data["site"], project=data["project"], city=data["city"],
        district=data["district"], site_division=data["site_division"], site_id=site_id,
        owner=data["owner"],
        started_on=data["started_on"], last_paid_on=data["last_paid_on"],
        left_on=data["left_on"], injured_on=data["injured_on"], amount_owed_fen=data["amount_owed_fen"],
        coworkers=[_coworker(c) for c in data["coworkers"]], applicant_name=data["applicant_name"],
        phone_hash=lookup_hash(phone), phone_enc=encrypt(phone), phone_masked=mask_phone(phone),
        id_number_hash=lookup_hash(number), id_number_enc=encrypt(number), id_number_masked=idnumber.mask(number),
        hometown=data["hometown"], claims=recomputed, consent_privacy=True, consent_sensitive=True,
        means_test="art42_exempt" if exempt else "art41_commitment",
        honesty_commitment=False if exempt else True,
        submitted_by_id=user.id if user else None, submitted_by_role=user.role if user else "",
        on_behalf=on_behalf, worker_consent_confirmed=True if not on_behalf else data["worker_consent_confirmed"],
        office_id=_intake_office(user, on_behalf, data["site_division"]))
    db.session.add(application)
    db.session.flush()
    link_new(application)
    workflow.refresh(application)
    media.attach(data["upload_ids"], client_id, application.id)
    if data.get("question_code"):  # 问一问 turned into this application: its photos and voice become evidence
        question_links.link_application(application, data["question_code"], phone)
    daylogs.attach(application.id, data.get("day_log"), data["upload_ids"])
    office = divisions.public_name(db.session.get(Office, application.office_id))
    note = f"志愿者代你提交了申请，送到{office}。" if on_behalf else f"你的申请已经送到{office}。"
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


def created_view(application: Application) -> dict:
    return {"id": application.id, "code": application.code, "code_display": codes.display(application.code),
            "stage": application.stage, "stage_label": application.stage_label, "case_type": application.case_type,
            "means_test": application.means_test, "evidence_count": evidence_count(application.id),
            "created_at": application.created_at}


def evidence_count(application_id: int) -> int:
    """The worker's own photos (the office's case files are not their evidence)."""
    return db.session.scalar(db.select(db.func.count()).select_from(Upload)
                             .where(Upload.application_id == application_id, Upload.kind.is_(None))) or 0


def link_new(application: Application) -> None:
    """Give a just-flushed application its keys, its group (merging groups it bridges) and duplicate flags."""
    application.employer_key = linking.employer_key(application.employer_name)
    application.site_key = linking.site_key(application.site, application.city)
    matches = []
    if application.employer_key:
        matches.append(Application.employer_key == application.employer_key)
    if application.site_key:
        matches.append(Application.site_key == application.site_key)
    keys: set[str] = set()
    if matches:
        keys = set(db.session.scalars(db.select(Application.group_key).where(
            or_(*matches), Application.id != application.id, Application.group_key != "")))
    if keys:
        key = min(keys, key=lambda k: int(k[1:]) if k[1:].isdigit() else 0)
        if len(keys) > 1:
            db.session.execute(db.update(Application).where(Application.group_key.in_(keys - {key}))
                               .values(group_key=key))
    else:
        key = f"g{application.id}"
    application.group_key = key
    if application.employer_key:
        since = (application.created_at or utcnow()) - linking.DUPLICATE_WINDOW
        twins = list(db.session.scalars(db.select(Application).where(
            Application.id_number_hash == application.id_number_hash,
            Application.employer_key == application.employer_key,
            Application.created_at >= since, Application.id != application.id)))
        for twin in twins:
            twin.likely_duplicate = True
        application.likely_duplicate = application.likely_duplicate or bool(twins)
