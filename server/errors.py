"""The API's one error format, for every status and for unhandled exceptions.

{"code": 422, "status": "Unprocessable Entity", "message": "<plain Chinese>",
"errors": {"json": {"phone": ["..."]}}}
"""
import logging
import time
import traceback
from http import HTTPStatus

from flask import jsonify, request
from sqlalchemy.exc import DataError, DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException

from .metrics import route

log = logging.getLogger(__name__)

MESSAGES = {
    400: "请求格式不对，请检查后再试。",
    401: "请先登录。",
    403: "你没有权限做这件事。",
    404: "没有找到你要的内容。",
    405: "不支持这种操作。",
    409: "这条记录正在处理，请稍后再试。",
    412: "内容已经变了，请刷新后再试。",
    413: "上传的内容太大了。",
    415: "上传的文件类型不支持。",
    422: "填写的内容有误，请按提示修改。",
    428: "缺少必要的请求信息。",
    429: "操作太频繁了，请稍后再试。",
    500: "服务器出了点问题，请稍后再试。",
    503: "服务暂时不可用，请稍后再试。",
}

# marshmallow's default field messages, said in plain Chinese.
FIELD_MESSAGES = {
    "Missing data for required field.": "必须填写。",
    "Field may not be null.": "不能为空。",
    "Not a valid integer.": "请填写数字。",
    "Not a valid string.": "请填写文字。",
    "Not a valid boolean.": "请填写是或否。",
    "Not a valid datetime.": "日期时间格式不对。",
    "Not a valid date.": "日期格式不对。",
    "Not a valid email address.": "邮箱格式不对。",
    "Not a valid UUID.": "编号格式不对。",
    "Not a valid list.": "应该是一个列表。",
    "Unknown field.": "不认识这个字段。",
    "Invalid input type.": "格式不对。",
    "Invalid value.": "取值不对。",
}


class DomainError(Exception):
    """A rule of the domain was broken; `message` is for the person, `code` for the client."""

    status = 422

    def __init__(self, message: str, code: str = "invalid", status: int | None = None, errors=None, headers=None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.errors = errors
        self.headers = headers  # e.g. Retry-After on a 503
        if status:
            self.status = status


class NotFound(DomainError):
    status = 404


def chinese_messages(messages):
    """Marshmallow's field messages in plain Chinese (unknown ones pass through)."""
    if isinstance(messages, dict):
        return {k: chinese_messages(v) for k, v in messages.items()}
    if isinstance(messages, list):
        return [chinese_messages(m) for m in messages]
    if isinstance(messages, str):
        if messages in FIELD_MESSAGES:
            return FIELD_MESSAGES[messages]
        if messages.startswith("Must be one of"):
            return "只能选给出的选项之一。"
        if messages.startswith("Must be greater than") or messages.startswith("Must be less than"):
            return "数值超出允许的范围。"
        if messages.startswith(("Length must be", "Shorter than", "Longer than")):
            return "长度不对。"
    return messages


def error_response(status: int, message: str | None = None, errors=None, error_code: str | None = None, headers=None):
    body = {
        "code": status,
        "status": HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error",
        "message": message or MESSAGES.get(status, MESSAGES[500] if status >= 500 else MESSAGES[400]),
    }
    if errors:
        body["errors"] = errors
    if error_code:
        body["error_code"] = error_code
    resp = jsonify(body)
    resp.status_code = status
    for k, v in (headers or {}).items():
        resp.headers[k] = v
    return resp


def handle_http_exception(exc: HTTPException):
    data = getattr(exc, "data", None) or {}
    errors = data.get("messages") or data.get("errors")
    message = data.get("message")
    if errors and not message:
        message = MESSAGES.get(exc.code)  # type: ignore[arg-type]  # a code of None finds nothing
    if message is None and exc.code in MESSAGES:
        message = MESSAGES[exc.code]
    elif message is None:
        message = exc.description
    headers = dict(data.get("headers") or {})
    if exc.code == 429 and "Retry-After" not in headers:
        headers["Retry-After"] = str(_rate_limit_wait())
    if exc.code == 405 and exc.get_response().headers.get("Allow"):
        headers["Allow"] = exc.get_response().headers["Allow"]
    return error_response(exc.code or 500, message, chinese_messages(errors) if errors else None, headers=headers)


def _rate_limit_wait() -> int:
    """Seconds until the rate limit that was hit lets the next request through."""
    from .extensions import limiter
    try:
        limit = limiter.current_limit
        return max(1, int(limit.reset_at - time.time())) if limit else 60
    except Exception:  # noqa: BLE001  the storage may be down; a guess beats no header
        return 60


def handle_domain_error(exc: DomainError):
    return error_response(exc.status, exc.message, exc.errors, error_code=exc.code, headers=exc.headers)


def _number_out_of_range(exc: Exception) -> bool:
    """An id or page number too big for the database's integers (SQLite or PostgreSQL)."""
    if isinstance(exc, OverflowError):
        return True
    orig = getattr(exc, "orig", None)
    return isinstance(exc, DataError) and type(orig).__name__ == "NumericValueOutOfRange"


def _database_busy(exc: Exception) -> bool:
    """SQLite's one writer was busy past the busy timeout, or the database dropped this connection
    (PostgreSQL restarted or a backend was terminated): the transaction was rolled back whole, so
    sending the same request again is safe. A moment's wait, not a fault."""
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, OperationalError) and "database is locked" in str(exc.orig)


def _database_unreachable(exc: Exception) -> bool:
    """The database could not be reached: no connection was made (no statement ran: PostgreSQL down or restarting,
    the connection refused), or the server said it is shutting down or starting up (SQLSTATE 57P01-57P03), or the
    connection broke (class 08). Nothing was done, so the same request may be sent again once it is back."""
    if not isinstance(exc, OperationalError):
        return False
    sqlstate = str(getattr(exc.orig, "sqlstate", "") or "")
    return exc.statement is None or sqlstate.startswith(("08", "57P"))


def handle_unexpected(exc: Exception):
    if isinstance(exc, HTTPException):
        return handle_http_exception(exc)
    if _database_unreachable(exc) and not _database_busy(exc):
        from .extensions import db
        db.session.rollback()
        log.warning("database unreachable on %s %s (%s)", request.method, route(),
                    type(getattr(exc, "orig", exc)).__name__)
        return error_response(503, "服务暂时不可用，请稍后再试。", error_code="database_unavailable",
                              headers={"Retry-After": "5"})
    if _database_busy(exc):
        from .extensions import db
        db.session.rollback()
        log.warning("database busy on %s %s", request.method, route())
        return error_response(503, "服务器正忙，请稍后再试。", error_code="database_busy", headers={"Retry-After": "5"})
    if _number_out_of_range(exc):
        # Such a number names no record: it is "not found", not a server fault.
        from .extensions import db
        db.session.rollback()
        return error_response(404)
    if isinstance(exc, DBAPIError):
        # The driver's message can quote what was bound (PostgreSQL: "Key (qr_token)=(...)",
        # 'invalid input syntax: "<value>"'): log where and which statement, never the values.
        log.error("unhandled database error on %s %s: %s\n%s", request.method, route(),
                  _database_error_summary(exc), "".join(traceback.format_tb(exc.__traceback__)))
    else:
        log.exception("unhandled error on %s %s", request.method, route())
    return error_response(500)


def _database_error_summary(exc: DBAPIError) -> str:
    orig = exc.orig
    diag = getattr(orig, "diag", None)
    parts = [type(orig).__name__]
    sqlstate = getattr(orig, "sqlstate", None)
    if sqlstate:
        parts.append(f"SQLSTATE {sqlstate}")
    if diag is not None and diag.constraint_name:
        parts.append(f"constraint {diag.constraint_name}")
    if diag is None:
        parts.append(str(orig))  # SQLite's messages name columns and constraints, not values
    elif not str(getattr(orig, "sqlstate", "") or "").startswith("22") and diag.message_primary:
        parts.append(diag.message_primary)  # class 22 (data exceptions) quotes the input; others do not
    return f"{'; '.join(parts)}; statement: {exc.statement}"


def register(app):
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(DomainError, handle_domain_error)
    app.register_error_handler(Exception, handle_unexpected)
