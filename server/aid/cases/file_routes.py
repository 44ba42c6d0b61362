"""The case file's API: `GET /cases/{id}/files` (the worker's evidence and the office's files, one audited read),
`POST /cases/{id}/files` (a photo or a PDF with its kind, date and label; idempotent by its Idempotency-Key, which
is the file's id, as a worker's photo is by its own) and `DELETE /cases/{id}/files/{upload_id}` (one attached by
mistake, kept and marked removed). The file itself is `GET /uploads/{id}` (media, audited)."""
from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from ...accounts.guard import current_user, require_role
from ...errors import DomainError
from ...inputs import Text
from ...media import forms, pdfs
from ...security import limited, never_cached, submission_limit
from ..access import HANDLER_ROLES
from ..fields import CLIENT_ID, Day
from . import files
from .file_schemas import CaseFileOut
from .schemas import EvidenceOut

blp = Blueprint("case_files", __name__, url_prefix="/api/v1",
                description="案件材料：办案方附加的调解协议、裁决书、判决书、授权委托书、扫描件（照片或 PDF）")
blp.after_request(never_cached)
# The largest file (a PDF: photos are smaller) plus its form fields and multipart framing.
REQUEST_LIMIT = pdfs.MAX_BYTES + 64 * 1024
KIND_CHOICES = validate.OneOf(list(files.KINDS), error="请选择材料类别。")


class CaseFileForm(Schema):
    kind = fields.String(required=True, validate=KIND_CHOICES, metadata={
        "description": ", ".join(f"{k} ({v})" for k, v in files.KINDS.items())})
    dated_on = Day(required=True, metadata={"description": "the document's date (signed, issued, scanned)"})
    label = Text(required=True, validate=validate.Length(min=1, max=60), metadata={
        "description": "e.g. 区劳动争议仲裁院调解书"})


class CaseFiles(Schema):
    evidence = fields.List(fields.Nested(EvidenceOut), metadata={"description": "the worker's photos, in their order"})
    files = fields.List(fields.Nested(CaseFileOut), metadata={
        "description": "the office's files, by their date, then as they came"})


FILE_BODY = {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["kind", "dated_on", "label", "file"],
    "properties": {"kind": {"type": "string", "enum": list(files.KINDS)}, "dated_on": {"type": "string",
                                                                                      "format": "date"},
                   "label": {"type": "string"}, "file": {"type": "string", "format": "binary"}}}}}}
KEY_DOC = {"in": "header", "name": "Idempotency-Key", "required": True, "schema": {"type": "string"},
           "description": "a client-made id of this file (8-80 of A-Z a-z 0-9 _ - : .): a retry with it and the "
                          "same file answers as the first time"}


def _key() -> str:
    key = request.headers.get("Idempotency-Key", "")
    try:
        CLIENT_ID(key)
    except Exception:  # noqa: BLE001  marshmallow's ValidationError: said in the one format below
        raise DomainError("缺少提交编号（Idempotency-Key）或格式不对，请刷新页面后再传。", "idempotency_key_missing",
                          400) from None
    return key


@blp.route("/cases/<int:application_id>/files")
class CaseFileList(MethodView):
    @require_role("lawyer", *HANDLER_ROLES)
    @blp.response(200, CaseFiles)
    def get(self, application_id):
        """The case file: the worker's evidence photos and the office's files side by side (every read audited)."""
        return files.listing(application_id, current_user())

    @require_role("lawyer", *HANDLER_ROLES)
    @limited(submission_limit)
    @blp.doc(requestBody=FILE_BODY, parameters=[KEY_DOC])
    @blp.response(201, CaseFileOut)
    def post(self, application_id):
        """Attach a photo or a PDF to the case (staff, admins, the assigned lawyer). A photo is re-encoded without its
        metadata; a PDF must parse, have at most 500 pages and hold no script, embedded file, launch action, rich
        media or XFA form (422, 415 for a file that is no PDF, 413 over 20 MB). Never rendered by the server."""
        key = _key()
        data, sent = forms.read(CaseFileForm(), REQUEST_LIMIT, pdfs.MAX_BYTES, pdfs.too_big_error)
        if sent is None:
            raise DomainError("没有收到文件，请重新选择文件。", "file_missing",
                              errors={"files": {"file": ["必须填写。"]}})
        said_pdf = sent.mimetype == "application/pdf" or sent.filename.lower().endswith(".pdf")
        upload, replayed = files.attach(application_id, current_user(), key, data["kind"], data["dated_on"],
                                        data["label"], sent.body, said_pdf)
        return files.row(upload, reader=current_user()), 201, ({"Idempotent-Replayed": "true"} if replayed else {})


@blp.route("/cases/<int:application_id>/files/<upload_id>")
class CaseFileItem(MethodView):
    @require_role("lawyer", *HANDLER_ROLES)
    @blp.response(204)
    def delete(self, application_id, upload_id):
        """Remove a file the office side attached by mistake: whoever added it, or staff of the case's office or
        above (403 not_your_file otherwise). Kept for the audit (marked removed, by whom, when); gone from the case
        file and the case view; the entry names its kind, never its content. The worker's evidence is not removed
        here (409 evidence_not_removable). Removing it again answers the same."""
        files.remove(application_id, upload_id, current_user())
        return "", 204
