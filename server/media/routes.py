"""Evidence uploads: `POST /uploads` (anyone, idempotent by the photo's id), files for the case's handlers."""
from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from ..accounts.guard import current_user, require_role
from ..errors import DomainError
from ..files import attachment, name_part
from ..inputs import CLIENT_ID, Text
from ..roles import CASE_ROLES
from ..security import limited, submission_limit
from . import forms, images, readers, service

blp = Blueprint("media", __name__, url_prefix="/api/v1", description="证据照片：上传（幂等）、经办人查看")
# The photo plus its form fields and multipart framing.
REQUEST_LIMIT = images.MAX_BYTES + 64 * 1024


class UploadForm(Schema):
    id = fields.String(required=True, validate=CLIENT_ID, metadata={"description": "the client-made id of this photo"})
    submission_id = fields.String(required=True, validate=CLIENT_ID, metadata={
        "description": "the client id (Idempotency-Key) of the application this photo is sent with"})
    label = Text(load_default="", validate=validate.Length(max=60), metadata={"description": "e.g. 欠条, 考勤表"})


class UploadOut(Schema):
    id = fields.String()
    submission_id = fields.String()
    label = fields.String()
    width = fields.Integer()
    height = fields.Integer()
    bytes_in = fields.Integer(metadata={"description": "bytes received"})
    bytes_out = fields.Integer(metadata={"description": "bytes of the clean JPEG kept"})
    created_at = fields.DateTime()


UPLOAD_BODY = {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["id", "submission_id", "file"],
    "properties": {"id": {"type": "string"}, "submission_id": {"type": "string"}, "label": {"type": "string"},
                   "file": {"type": "string", "format": "binary"}}}}}}


def _read_form() -> tuple[dict, bytes]:
    data, file = forms.read(UploadForm(), REQUEST_LIMIT, images.MAX_BYTES, images.too_big_error)
    if file is None:
        raise DomainError("没有收到照片，请重新选择照片。", "file_missing", errors={"files": {"file": ["必须填写。"]}})
    return data, file.body


@blp.route("/uploads")
class Uploads(MethodView):
    @limited(submission_limit)
    @blp.doc(requestBody=UPLOAD_BODY)
    @blp.response(201, UploadOut)
    def post(self):
        """One evidence photo. The same id with the same bytes answers as the first time; other bytes: 422."""
        data, body = _read_form()
        upload, replayed = service.accept_upload(data["id"], data["submission_id"], data["label"], body)
        return upload, 201, ({"Idempotent-Replayed": "true"} if replayed else {})


# A PDF is only ever saved, never shown in the app's origin: should a browser open it anyway, it is sandboxed
# (no script, no form, no same-origin access) and may load nothing.
PDF_HEADERS = {"Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; sandbox",
               "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store", "Pragma": "no-cache"}


def _serve(upload_id: str, thumbnail: bool, download: bool = False) -> Response:
    upload = service.get_upload(upload_id)
    if upload.content_type == service.PDF:
        download = download or not thumbnail  # a PDF is always an attachment (a thumbnail: 404 below, audited)
    detail: dict[str, object]
    if download:
        # Saved to a PC: named by the case's code, the photo's number and its label (e.g. ACD3-4EFG-2-欠条.jpg);
        # one entry per download, naming which photo (a view before it was its own entry).
        number = service.number_in_case(upload)
        detail = {"application_id": upload.application_id, "position": number}
    else:
        detail = {"application_id": upload.application_id, "size": "thumbnail" if thumbnail else "full"}
    if upload.kind:
        detail["kind"] = upload.kind
    # 404 without the case, 403 when it is not theirs; the read is in the audit log before the file leaves.
    grant = readers.read(current_user(), upload.application_id, "download" if download else "view", upload.id, detail,
                         "case_file" if upload.kind else "evidence", question_id=upload.question_id)
    body = service.read(upload, thumbnail)
    extension = "pdf" if upload.content_type == service.PDF else "jpg"
    if download:
        stem = f"{grant.name}-{'file-' if upload.kind else ''}{number}"
        label = name_part(upload.label)
        named = f"{stem}-{label}" if label else stem
        disposition = attachment(f"{stem}.{extension}", f"{named}.{extension}")
    else:
        name = f"evidence-{upload.application_id}-{upload.id[:8]}{'-thumb' if thumbnail else ''}.jpg"
        disposition = f'inline; filename="{name}"'
    if upload.content_type == service.PDF:
        return Response(body, mimetype=service.PDF, headers={"Content-Disposition": disposition, **PDF_HEADERS})
    return Response(body, mimetype="image/jpeg", headers={
        "Content-Disposition": disposition, "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store", "Pragma": "no-cache"})


class FileArgs(Schema):
    download = fields.Boolean(load_default=False, metadata={
        "description": "1: save it (attachment named code-number-label.jpg; audited as a download, not a view)"})


FILE_DOC = {"200": {"description": "the clean JPEG; a PDF the office attached to the case (always as an attachment)",
                    "content": {mime: {"schema": {"type": "string", "format": "binary"}}
                                for mime in ("image/jpeg", "application/pdf")}}}
THUMB_DOC = {"200": {"description": "the thumbnail JPEG (a PDF has none: 404)", "content": {
    "image/jpeg": {"schema": {"type": "string", "format": "binary"}}}}}


@blp.route("/uploads/<upload_id>")
class UploadFile(MethodView):
    @require_role(*CASE_ROLES)
    @blp.arguments(FileArgs, location="query")
    @blp.doc(responses=FILE_DOC)
    def get(self, args, upload_id):
        """An evidence photo, or a file the office attached (the case's handlers only; each view, download audited)."""
        return _serve(upload_id, thumbnail=False, download=args["download"])


@blp.route("/uploads/<upload_id>/thumbnail")
class UploadThumbnail(MethodView):
    @require_role(*CASE_ROLES)
    @blp.doc(responses=THUMB_DOC)
    def get(self, upload_id):
        """Its thumbnail (the case's handlers only; every view is audited)."""
        return _serve(upload_id, thumbnail=True)
