"""The case file: what the office side attaches to a case (the mediation agreement, the award, a judgment, a power
of attorney, paper materials scanned at the office), each with its kind, its date and a label, through media's one
pipeline (a photo re-encoded and stripped, a PDF checked as a PDF and kept as sent, never rendered here).

Who: the case's handlers (staff and admins of the case's office or above, the lawyer assigned now), the same door
as the case (`access`): 404 outside the reader's offices, 403 for a lawyer not on the case. Listing the files is a
read of the case, audited; so is each file fetched (`GET /uploads/{id}`, media's reader, record "case_file").

A file attached by mistake is removed (`remove`) by whoever added it or by staff of the case's office or above:
the row stays, marked with when and by whom (the audit log names it, with its kind, never its label or content),
and the case file, the case view and `GET /uploads/{id}` no longer show it. The worker's evidence is never removed
here. The stored bytes stay too: media's sweeps delete only files no row points to (media/service.py)."""
from datetime import date

from ...accounts.audit import record_view
from ...accounts.models import ROLE_NAMES, User
from ...clock import utcnow
from ...errors import DomainError, NotFound
from ...extensions import db
from ...media import service as media
from ...media.models import Upload
from ..access import HANDLER_ROLES, application_for_handler, case_role, read_case
from ..models import Application

KINDS = {"mediation_agreement": "调解协议", "arbitration_award": "仲裁裁决书", "judgment": "判决书",
         "power_of_attorney": "授权委托书", "paper_scan": "纸质材料扫描件", "other": "其他"}


def owner(application_id: int) -> str:
    """The `submission_id` the case's files are kept under: a file's id used for another case is refused."""
    return f"case-{application_id}"


def attach(application_id: int, user, upload_id: str, kind: str, dated_on: date, label: str, body: bytes,
           said_pdf: bool) -> tuple[Upload, bool]:
    """One file for the case, under its client id (the request's Idempotency-Key); (upload, replayed). The same id
    with the same bytes for the same case answers as the first time; another file or case under it: 422."""
    application = application_for_handler(application_id, user)
    return media.accept_file(upload_id, owner(application.id), label, body, pdf=True, said_pdf=said_pdf,
                             application_id=application.id, kind=kind, dated_on=dated_on, added_by_id=user.id,
                             attached_at=utcnow())


EVIDENCE_STAYS = ("这是工友自己提交的证据照片，不能在这里删除：工友的证据要完整留在案卷里。"
                  "放错了的，请在办理进展或私人备注里写明。")
NOT_YOURS = "只有添加这份材料的人，或者承办机构的工作人员，才能删除它。"


def rows(application: Application, reader: User | None = None) -> list[dict]:
    """The office's files of a case (the removed left out), by their date, then as they came: what the case page
    lists beside the worker's evidence (the caller has read the case through the audited door)."""
    files = db.session.execute(
        db.select(Upload, User.display_name, User.role).outerjoin(User, User.id == Upload.added_by_id)
        .where(Upload.application_id == application.id, Upload.kind.is_not(None), Upload.removed_at.is_(None))
        .order_by(Upload.dated_on, Upload.attached_at, Upload.id)).all()
    return [row(upload, name, role, reader) for upload, name, role in files]


def may_remove(user: User | None, upload: Upload) -> bool:
    """Who may remove an office file of a case they handle: whoever added it, staff and admins."""
    return user is not None and (user.role in HANDLER_ROLES or upload.added_by_id == user.id)


def remove(application_id: int, upload_id: str, user: User) -> None:
    """Take an office file off the case (kept, marked removed, audited with its kind); one unit of work. Removing
    it again changes nothing."""
    application = application_for_handler(application_id, user)
    upload = db.session.get(Upload, upload_id)
    if upload is None or upload.application_id != application.id:
        raise NotFound("这个案件没有这份材料。", "upload_not_found")
    if upload.kind is None:
        raise DomainError(EVIDENCE_STAYS, "evidence_not_removable", 409)
    if not may_remove(user, upload):
        raise DomainError(NOT_YOURS, "not_your_file", 403)
    if upload.removed_at is not None:
        return
    upload.removed_at, upload.removed_by_id = utcnow(), user.id
    record_view(user, "remove", "case_file", upload.id, {"application_id": application.id, "kind": upload.kind,
                                                         "why": case_role(user, application)})
    db.session.commit()


def row(upload: Upload, name: str | None = None, role: str | None = None, reader: User | None = None) -> dict:
    if role is None and upload.added_by_id is not None:
        adder = db.session.get(User, upload.added_by_id)
        name, role = (adder.display_name, adder.role) if adder else (None, None)
    pdf = upload.content_type == media.PDF
    by = ROLE_NAMES.get(role or "", role or "")
    return {"id": upload.id, "kind": upload.kind, "kind_label": KINDS.get(upload.kind or "", upload.kind or ""),
            "dated_on": upload.dated_on, "label": upload.label, "content_type": upload.content_type,
            "pages": upload.pages, "bytes": upload.bytes_out, "width": upload.width, "height": upload.height,
            "added_at": upload.attached_at, "added_by": f"{name}（{by}）" if name else by,
            "url": f"/api/v1/uploads/{upload.id}",
            "download_url": f"/api/v1/uploads/{upload.id}?download=1",
            "thumbnail_url": None if pdf else f"/api/v1/uploads/{upload.id}/thumbnail",
            "removable": may_remove(reader, upload)}


def listing(application_id: int, user) -> dict:
    """`GET /cases/{id}/files`: the worker's evidence and the office's files, each in its order; one audited read."""
    application = read_case(user, application_id, "view", None, part="files")
    evidence = db.session.scalars(db.select(Upload).where(Upload.application_id == application.id,
                                                          Upload.kind.is_(None))
                                  .order_by(Upload.position, Upload.attached_at, Upload.id))
    return {"evidence": [{"id": u.id, "label": u.label, "width": u.width, "height": u.height,
                          "url": f"/api/v1/uploads/{u.id}", "thumbnail_url": f"/api/v1/uploads/{u.id}/thumbnail"}
                         for u in evidence],
            "files": rows(application, user)}
