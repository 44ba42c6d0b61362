"""Accept, attach, serve and sweep evidence uploads.

Order matters for never losing or dangling anything: files are written before the row that points
to them is committed; the sweep deletes the row (only while still unattached) before the files.
So a crash can leave a file without a row (never a row without its file): `sweep_orphan_files`
removes those once they are a day old, when no row can still be on its way.
"""
import hashlib
from datetime import timedelta

from flask import current_app
from sqlalchemy.exc import IntegrityError

from ..db import utcnow
from ..errors import DomainError, NotFound
from ..extensions import db
from . import audio_service, images, pdfs
from .models import Upload
from .storage import PREFIX, MissingFile, delete_quietly, new_key, storage

UNATTACHED_FOR = timedelta(days=1)
# A file the office removed from a case (attached by mistake, perhaps someone else's paper) keeps its bytes this
# long, in case the removal itself was the mistake; then the bytes go and the row stays for the audit.
REMOVED_KEPT_FOR = timedelta(days=30)
JPEG = "image/jpeg"
PDF = "application/pdf"


def accept_upload(upload_id: str, submission_id: str, label: str, data: bytes) -> tuple[Upload, bool]:
    """Store one photo under its client id; (upload, replayed). A retry with the same bytes is the same upload."""
    return accept_file(upload_id, submission_id, label, data, pdf=False)


def accept_file(upload_id: str, submission_id: str, label: str, data: bytes, *, pdf: bool, said_pdf: bool = False,
                **attached) -> tuple[Upload, bool]:
    """Store one file under its client id; (upload, replayed). A photo is re-encoded (images.py); with `pdf`, a file
    that says it is a PDF (its bytes, or its name or type as sent: `said_pdf`) is checked as one (pdfs.py) and
    kept as sent. `attached`: the row's other columns, for
    a file attached at once (the office's case file: application_id, kind, dated_on, added_by_id, attached_at).
    One unit of work: the files are written, then the row is committed (or the files removed)."""
    digest = hashlib.sha256(data).hexdigest()
    existing = db.session.get(Upload, upload_id)
    if existing is not None:
        return _same_or_refuse(existing, digest, submission_id), True
    with images.image_slot(current_app.config["IMAGE_JOBS"], current_app.config["IMAGE_WAIT_SECONDS"]):
        if pdf and (said_pdf or pdfs.is_pdf(data)):
            pages, processed = pdfs.check(data), None
        else:
            pages, processed = None, _image(data, pdf)
    store = storage()
    if processed is None:
        image_key, thumb_key = new_key(".pdf"), ""
        shape = {"content_type": PDF, "pages": pages, "width": 0, "height": 0, "bytes_out": len(data)}
    else:
        image_key = new_key(".jpg")
        thumb_key = image_key[:-4] + "-thumb.jpg"
        shape = {"content_type": JPEG, "width": processed.width, "height": processed.height,
                 "bytes_out": len(processed.image)}
    try:
        if processed is None:
            store.put(image_key, data, PDF)
        else:
            store.put(image_key, processed.image, JPEG)
            store.put(thumb_key, processed.thumbnail, JPEG)
    except BaseException:
        _delete_files(image_key, thumb_key)  # the photo may be in without its thumbnail; if the store is gone
        raise                                # altogether, the daily sweep of orphan files takes it
    upload = Upload(id=upload_id, submission_id=submission_id, sha256=digest, label=label, image_key=image_key,
                    thumb_key=thumb_key, bytes_in=len(data), **shape, **attached)
    db.session.add(upload)
    try:
        db.session.commit()
    except IntegrityError:
        # The same id arrived twice at once; the other one won. Ours is an orphan: remove it.
        db.session.rollback()
        _delete_files(image_key, thumb_key)
        existing = db.session.get(Upload, upload_id)
        if existing is None:
            raise
        return _same_or_refuse(existing, digest, submission_id), True
    except BaseException:
        db.session.rollback()
        _delete_files(image_key, thumb_key)
        raise
    return upload, False


def _image(data: bytes, pdf: bool) -> images.Processed:
    try:
        return images.process(data)
    except images.ImageRefused as refused:
        if pdf and refused.code == "not_an_image":
            raise images.ImageRefused("这个文件既不是照片也不是 PDF（只收 JPEG、PNG、WebP 照片和 PDF），请换一个文件。",
                                      "not_an_image", 415) from None
        raise


def _same_or_refuse(existing: Upload, digest: str, submission_id: str) -> Upload:
    if existing.sha256 != digest or existing.submission_id != submission_id:
        raise DomainError("这个照片编号已经用于另一张照片，请重新选择照片后再提交。", "upload_id_reused")
    return existing


def attach(upload_ids: list[str], submission_id: str, application_id: int) -> list[Upload]:
    """Claim uploads for an application in the caller's transaction; refuse unknown or foreign ones."""
    if not upload_ids:
        return []
    rows = _yours(upload_ids, submission_id, application_id)
    now = utcnow()
    # Numbered in the order given, after the application's photos already attached (materials sent later).
    taken = db.session.scalar(db.select(db.func.max(Upload.position))
                              .where(Upload.application_id == application_id, Upload.id.not_in(upload_ids)))
    start = -1 if taken is None else taken
    for number, upload_id in enumerate(upload_ids, start + 1):
        upload = rows[upload_id]
        upload.application_id, upload.attached_at, upload.position = application_id, now, number
    return [rows[i] for i in upload_ids]


def hold(upload_ids: list[str], submission_id: str, question_id: int) -> None:
    """Keep a question's photos (问一问) from the sweep until the question becomes an application (`attach`)."""
    if upload_ids:
        for upload in _yours(upload_ids, submission_id, None).values():
            upload.question_id = question_id


def _yours(upload_ids: list[str], submission_id: str, application_id: int | None) -> dict[str, Upload]:
    """The uploads named, locked; refused when one is missing or was sent for another submission or case."""
    rows = {u.id: u for u in db.session.scalars(db.select(Upload).where(Upload.id.in_(upload_ids))
                                                .with_for_update())}
    missing = [i for i in upload_ids if i not in rows]
    if missing:
        raise DomainError("有照片还没有传到服务器（或已过期），请重新上传照片后再提交。", "upload_missing",
                          errors={"json": {"upload_ids": [f"找不到照片 {i}。" for i in missing]}})
    foreign = [i for i in upload_ids if rows[i].submission_id != submission_id
               or rows[i].application_id not in (None, application_id)]
    if foreign:
        raise DomainError("有照片属于另一份申请，不能用在这份申请里。", "upload_not_yours",
                          errors={"json": {"upload_ids": [f"照片 {i} 属于另一份申请。" for i in foreign]}})
    return rows


def get_upload(upload_id: str) -> Upload:
    upload = db.session.get(Upload, upload_id)
    if upload is None:
        raise NotFound("没有找到这张照片。", "upload_not_found")
    if upload.removed_at is not None:  # an office file removed from its case: kept for the audit, not served
        raise NotFound("这份材料已经从案件里删除了。", "upload_removed")
    return upload


def number_in_case(upload: Upload) -> int:
    """The photo's number as the case page shows it (照片 1, 2 …): the order the worker gave, then arrival; a file
    from the office among the office's files, by its date, then arrival."""
    if upload.kind is not None:
        ids = list(db.session.scalars(db.select(Upload.id).where(Upload.application_id == upload.application_id,
                                                                 Upload.kind.is_not(None), Upload.removed_at.is_(None))
                                      .order_by(Upload.dated_on, Upload.attached_at, Upload.id)))
        return ids.index(upload.id) + 1
    ids = list(db.session.scalars(db.select(Upload.id).where(Upload.application_id == upload.application_id,
                                                             Upload.kind.is_(None))
                                  .order_by(Upload.position, Upload.attached_at, Upload.id)))
    return ids.index(upload.id) + 1


def read(upload: Upload, thumbnail: bool = False) -> bytes:
    if thumbnail and not upload.thumb_key:
        raise NotFound("这个文件是 PDF，没有缩略图，请下载后查看。", "no_thumbnail")
    try:
        return storage().get(upload.thumb_key if thumbnail else upload.image_key)
    except MissingFile:
        raise NotFound("这张照片的文件找不到了，请联系管理员。", "upload_file_missing") from None


def sweep(now=None) -> int:
    """Remove uploads never attached to an application within a day; attached ones are never touched."""
    cutoff = (now or utcnow()) - UNATTACHED_FOR
    stale = db.session.execute(db.select(Upload.id, Upload.image_key, Upload.thumb_key)
                               .where(Upload.application_id.is_(None), Upload.question_id.is_(None),
                                      Upload.created_at < cutoff)).all()
    removed = 0
    for upload_id, image_key, thumb_key in stale:
        # Conditional: an application attaching it this very moment keeps it.
        gone = db.session.execute(db.delete(Upload).where(Upload.id == upload_id,
                                                          Upload.application_id.is_(None),
                                                          Upload.question_id.is_(None))).rowcount  # type: ignore[attr-defined]
        db.session.commit()
        if gone:
            _delete_files(image_key, thumb_key)
            removed += 1
    return removed


def sweep_removed(now=None) -> int:
    """Delete the stored bytes of files removed from their case more than REMOVED_KEPT_FOR ago; the row stays,
    its keys emptied, so the audit still names the file and nothing can serve it."""
    cutoff = (now or utcnow()) - REMOVED_KEPT_FOR
    due = db.session.scalars(db.select(Upload).where(Upload.removed_at < cutoff, Upload.image_key != "")).all()
    for upload in due:
        keys = (upload.image_key, upload.thumb_key)
        upload.image_key = upload.thumb_key = ""
        db.session.commit()  # the row first: a crash between leaves a file no row points to, which the sweep takes
        _delete_files(*keys)
    return len(due)


def sweep_orphan_files(now=None, chunk: int = 500) -> int:
    """Delete stored files older than a day that no upload or voice clip points to (the writer died before its row)."""
    cutoff = (now or utcnow()) - UNATTACHED_FOR
    store = storage()
    old = [key for key, modified in store.keys(PREFIX) if modified < cutoff]
    removed = 0
    for start in range(0, len(old), chunk):
        keys = old[start:start + chunk]
        kept = set(db.session.scalars(db.select(Upload.image_key).where(Upload.image_key.in_(keys))))
        kept |= set(db.session.scalars(db.select(Upload.thumb_key).where(Upload.thumb_key.in_(keys))))
        kept |= audio_service.kept_keys(keys)
        db.session.rollback()  # end the read; nothing is held while the files go
        for key in keys:
            if key not in kept:
                store.delete(key)
                removed += 1
    return removed


_delete_files = delete_quietly  # a PDF has no thumbnail key: "" is skipped
