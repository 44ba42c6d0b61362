"""The API description tells the truth about errors: one error shape, and every status an operation returns.

Shared ground (imports no domain). The statuses follow from what an operation declares: a body
can be malformed (400), too large (413) or wrong (422); a token can be missing or too weak (401,
403); a path names a record that may not exist (404); a rate limit (429); an Idempotency-Key
(400, 409, 422). What a declaration cannot show is listed in EXTRA, next to the reason.
There is no catch-all `default` answer, so a status nobody wrote down fails the contract tests.
"""
import http

import flask_smorest
from apispec import BasePlugin
from marshmallow import Schema, fields

RATE_LIMITED = "x-rate-limited"

# Statuses a service decides that no decorator shows (the sign-in endpoints check credentials
# without require_role; WeChat and SMS are outside services).
EXTRA = {
    ("post", "/api/v1/auth/otp"): {503: "the SMS service could not send the code (sms_failed)"},
    ("post", "/api/v1/auth/otp/verify"): {401: "wrong, expired or used-up code", 403: "account switched off"},
    ("post", "/api/v1/auth/login"): {401: "wrong username or password", 403: "account switched off"},
    ("post", "/api/v1/auth/wechat"): {
        401: "the wx.login() code is invalid or used", 403: "WeChat blocked this account or it is switched off",
        404: "WeChat sign-in is not enabled on this server (wechat_not_enabled)",
        429: "WeChat's own rate limit", 502: "WeChat refused our app credentials (wechat_error)",
        503: "WeChat is busy or unreachable"},
    ("post", "/api/v1/applications"): {
        401: "a sign-in token was sent but has expired: refresh, then send again (never sent anonymously)",
        428: "no Idempotency-Key: the application's client id is required (idempotency_key_required)"},
    ("get", "/api/v1/applications/track"): {404: "no application with that code and phone (one answer for either)"},
    ("post", "/api/v1/applications/track"): {404: "no application with that code and phone (one answer for either)"},
    ("post", "/api/v1/applications/track/materials"): {
        404: "no application with that code and phone (one answer for either)",
        409: "the case is not waiting for materials (move_not_allowed)",
        428: "photos named without an Idempotency-Key: they are taken only under this key (idempotency_key_required)"},
    ("post", "/api/v1/cases/{application_id}/actions"): {
        403: "not this person's move (not_your_move) or not their case (not_your_case)",
        409: "not from the case's stage (move_not_allowed)"},
    ("get", "/api/v1/cases/{application_id}/documents/{kind}.{fmt}"): {
        404: "no such case, or a paper the case does not offer: 工伤认定申请表 beyond injury cases, 支付令申请书 "
             "beyond wage cases with an amount owed (document_not_offered)",
        409: "the lawyer's papers (公函, 委托代理协议, 授权委托书) before a lawyer is assigned (lawyer_not_assigned)"},
    ("patch", "/api/v1/cases/{application_id}/hearings/{hearing_id}"): {
        409: "the hearing was cancelled: record a new one (hearing_cancelled)"},
    ("delete", "/api/v1/cases/{application_id}/files/{upload_id}"): {
        409: "the worker's own evidence is not removed here (evidence_not_removable)"},
    ("post", "/api/v1/quiz/answers"): {
        404: "no sign-up with that QR token (signup_not_found)",
        409: "not checked in yet (not_checked_in): the check-in may still be on a volunteer's offline phone"},
    # 问一问 (server/questions/)
    ("post", "/api/v1/questions"): {
        428: "no Idempotency-Key: the question's client id is required (idempotency_key_required)",
        429: "this phone has asked too many questions today (question_throttled), or too many sends from here"},
    ("post", "/api/v1/questions/track"): {404: "no question with that code and phone (one answer for either)"},
    ("post", "/api/v1/questions/track/messages"): {
        404: "no question with that code and phone (one answer for either)",
        409: "the question is closed or marked (question_closed)",
        428: "no Idempotency-Key: the follow-up's client id is required (idempotency_key_required)"},
    ("post", "/api/v1/questions/track/audio"): {
        404: "no question with that code and phone, or the clip is not this thread's (audio_not_found)",
        409: "the clip is still being converted (audio_converting)"},
    ("post", "/api/v1/questions/{question_id}/claim"): {
        409: "someone else holds the claim (question_claimed), or the question is closed (question_not_open)"},
    ("post", "/api/v1/questions/{question_id}/release"): {409: "someone else holds the claim (question_claimed)"},
    ("post", "/api/v1/questions/{question_id}/answer"): {
        409: "someone else holds the claim (question_claimed), not claimed (question_not_claimed) or closed",
        428: "no Idempotency-Key: the answer's client id is required (idempotency_key_required)"},
    ("post", "/api/v1/questions/{question_id}/convert"): {409: "closed or converted already (question_not_open)"},
    ("post", "/api/v1/questions/logged"): {
        428: "no Idempotency-Key: the consultation's client id is required (idempotency_key_required)"},
    ("post", "/api/v1/uploads"): {415: "the file is not a photo (checked by its content, not its name)"},
    ("patch", "/api/v1/users/{user_id}"): {
        409: "switching off a lawyer, or changing their role, while they still have open cases without reassign_to "
             "(lawyer_has_open_cases; "
             "GET /lawyers/{id}/cases lists them)"},
    ("post", "/api/v1/users/{user_id}/password-reset"): {
        422: "a worker's account has no password (no_password_account), or it is the admin's own (self_reset)"},
}


class ErrorSchema(Schema):
    """Every error answer, for every status (server/errors.py builds it)."""

    code = fields.Integer(required=True, metadata={"description": "the HTTP status", "example": 422})
    status = fields.String(required=True, metadata={"description": "the HTTP status phrase",
                                                    "example": "Unprocessable Entity"})
    message = fields.String(required=True, metadata={"description": "for the person, in plain Chinese",
                                                     "example": "填写的内容有误，请按提示修改。"})
    error_code = fields.String(metadata={"description": "for the client: a stable machine code",
                                         "example": "event_full"})
    errors = fields.Dict(metadata={"description": "field by field, by location: {\"json\": {\"phone\": [\"...\"]}}"})


class StatusPlugin(BasePlugin):
    """Adds to each operation the error statuses that follow from its declarations."""

    def operation_helper(self, path=None, operations=None, **kwargs):
        for method, operation in (operations or {}).items():
            responses = operation.setdefault("responses", {})
            for status in sorted(self._statuses(path or "", operation) | set(EXTRA.get((method, path), {}))):
                # A name refers to the shared response of that status, whose body is ErrorSchema.
                responses.setdefault(str(status), http.HTTPStatus(status).name)

    @staticmethod
    def _statuses(path: str, operation: dict) -> set[int]:
        params = [p for p in operation.get("parameters", []) if isinstance(p, dict)]
        out = {503}  # the database is busy or down: retry after Retry-After
        # Any request: gunicorn refuses a request line or headers over its limits (gunicorn.conf.py), in this format.
        out |= {400, 431}
        if "requestBody" in operation:
            out |= {400, 413, 422}  # not JSON or nested too deep; too large; fields wrong
        if any(p.get("in") == "query" for p in params):
            out.add(422)
        if any(p.get("name") == "Idempotency-Key" for p in params):
            out |= {400, 409, 422}  # a malformed key; the first request still running; the key with another body
        if operation.get("security"):
            out |= {401, 403}
        if "{" in path:
            out.add(404)  # the record named in the path does not exist (or may not be seen)
        if operation.get(RATE_LIMITED):
            out.add(429)
        return out


class Api(flask_smorest.Api):
    ERROR_SCHEMA = ErrorSchema
    DEFAULT_ERROR_RESPONSE_NAME = None  # no catch-all: each status is written down

    def init_app(self, app, *, spec_kwargs=None):
        spec_kwargs = dict(spec_kwargs or {})
        spec_kwargs["extra_plugins"] = [*spec_kwargs.get("extra_plugins", ()), StatusPlugin()]
        super().init_app(app, spec_kwargs=spec_kwargs)
