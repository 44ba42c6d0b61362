"""The case file: what the office side attaches to a case (the mediation agreement, the award, a judgment, a power
of attorney, paper materials scanned at the office), each with its kind, its date and a label, through media's one
pipeline (a photo re-encoded and stripped, a PDF checked as a PDF and kept as sent, never rendered here).

Who: the case's handlers (staff and admins of the case's office or above, the lawyer assigned now), the same door
as the case (`access`): 404 outside the reader's offices, 403 for a lawyer not on the case. Listing the files is a
read of the case, audited; so is each file fetched (`GET /uploads/{id}`, media's reader, record "case_file")."""
from datetime import date

from ...accounts.models import ROLE_NAMES, User
from ...clock import utcnow
from ...extensions import db
from ...media import service as media
from ...media.models import Upload
from ..access import application_for_handler, read_case
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


def rows(application: Application) -> list[dict]:
    """The office's files of a case, by their date, then as they came: what the case page lists beside the worker's
    evidence (the caller has read the case through the audited door)."""
    files = db.session.execute(
        db.select(Upload, User.display_name, User.role).outerjoin(User, User.id == Upload.added_by_id)
        .where(Upload.application_id == application.id, Upload.kind.is_not(None))
        .order_by(Upload.dated_on, Upload.attached_at, Upload.id)).all()
    return [row(upload, name, role) for upload, name, role in files]


def row(upload: Upload, name: str | None = None, role: str | None = None) -> dict:
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
            "thumbnail_url": None if pdf else f"/api/v1/uploads/{upload.id}/thumbnail"}


def listing(application_id: int, user) -> dict:
    """`GET /cases/{id}/files`: the worker's evidence and the office's files, each in its order; one audited read."""
    application = read_case(user, application_id, "view", None, part="files")
    evidence = db.session.scalars(db.select(Upload).where(Upload.application_id == application.id,
                                                          Upload.kind.is_(None))
                                  .order_by(Upload.position, Upload.attached_at, Upload.id))
    return {"evidence": [{"id": u.id, "label": u.label, "width": u.width, "height": u.height,
                          "url": f"/api/v1/uploads/{u.id}", "thumbnail_url": f"/api/v1/uploads/{u.id}/thumbnail"}
                         for u in evidence],
            "files": rows(application)}
