"""Voice clips: `POST /audio` (anyone, idempotent by the clip's id), `GET /audio/{id}` (whom its domain lets)."""
from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from ..accounts.guard import current_user, require_role
from ..errors import DomainError
from ..inputs import CLIENT_ID
from ..security import limited, submission_limit
from . import audio_codec, audio_service, forms

blp = Blueprint("audio", __name__, url_prefix="/api/v1",
                description="录音：上传（幂等，转成 AAC/MP4 单声道）、有权的人收听（每次收听都记录）")
# The clip plus its form fields and multipart framing.
REQUEST_LIMIT = audio_codec.MAX_BYTES + 64 * 1024


class AudioForm(Schema):
    id = fields.String(required=True, validate=CLIENT_ID, metadata={"description": "the client-made id of this clip"})
    submission_id = fields.String(required=True, validate=CLIENT_ID, metadata={
        "description": "the client id (Idempotency-Key) of the question, follow-up or answer it is sent with"})


class AudioOut(Schema):
    id = fields.String()
    submission_id = fields.String()
    duration_ms = fields.Integer(metadata={"description": "how long the clip plays"})
    content_type = fields.Constant(audio_codec.CONTENT_TYPE, metadata={
        "type": "string", "enum": [audio_codec.CONTENT_TYPE], "description": "what GET /audio/{id} serves"})
    state = fields.String(metadata={"description": "ready, or converting while the queue makes the MP4"})
    bytes_in = fields.Integer(metadata={"description": "bytes received"})
    bytes_out = fields.Integer(metadata={"description": "bytes of the MP4 kept (0 while converting)"})
    created_at = fields.DateTime()


AUDIO_BODY = {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["id", "submission_id", "file"],
    "properties": {"id": {"type": "string"}, "submission_id": {"type": "string"},
                   "file": {"type": "string", "format": "binary", "description":
                            "what the browser recorded: Opus in WebM or Ogg, AAC in MP4, or a WAV; at most 60 s"}}}}}}

SOUND_DOC = {"200": {"description": "the clip as AAC in MP4, mono", "content": {
    audio_codec.CONTENT_TYPE: {"schema": {"type": "string", "format": "binary"}}}},
    "409": "CONFLICT"}  # still converting (audio_converting), with Retry-After


@blp.route("/audio")
class Clips(MethodView):
    @limited(submission_limit)
    @blp.doc(requestBody=AUDIO_BODY)
    @blp.response(201, AudioOut)
    def post(self):
        """One voice clip. The same id with the same bytes answers as the first time; other bytes: 422. Refused at
        once with a plain reason: empty, not a recording, a video, over 60 s or 4 MB, silent, under half a second."""
        data, file = forms.read(AudioForm(), REQUEST_LIMIT, audio_codec.MAX_BYTES, audio_codec.too_big_error)
        if file is None:
            raise DomainError("没有收到录音，请重新录一段。", "file_missing",
                              errors={"files": {"file": ["必须填写。"]}})
        clip, replayed = audio_service.accept_clip(data["id"], data["submission_id"], file.body)
        return clip, 201, ({"Idempotent-Replayed": "true"} if replayed else {})


@blp.route("/audio/<clip_id>")
class Clip(MethodView):
    @require_role()
    @blp.doc(responses=SOUND_DOC)
    def get(self, clip_id):
        """A clip, for whom the domain it belongs to lets hear it (each listen audited); not attached yet: 404."""
        body = audio_service.hear(current_user(), clip_id)
        return Response(body, mimetype=audio_codec.CONTENT_TYPE, headers={
            "Content-Disposition": 'inline; filename="voice.m4a"', "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store", "Pragma": "no-cache"})
