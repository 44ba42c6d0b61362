"""记工 backups: a worker signed in by phone code keeps a copy of the day log on the server (under DATA_KEY) and
restores it on a new phone. Only the owner reads or writes their own; nothing here is cached. And a co-worker's
confirmation of some days of a worker's log (confirm.py), sent by anyone holding the log's QR."""
import re

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from ..accounts.guard import current_user, require_role
from ..errors import DomainError
from ..idempotency import idempotent, once
from ..inputs import CLIENT_ID_PATTERN
from ..security import limited, never_cached, submission_limit
from . import confirm, service
from .schemas import ConfirmationCreated, ConfirmationIn, DayLogBackup, DayLogSummary

blp = Blueprint("daylogs", __name__, url_prefix="/api/v1", description="记工：工友自己记的出工和收钱（备份与恢复）")
blp.after_request(never_cached)


class DayLogList(Schema):
    items = fields.List(fields.Nested(DayLogSummary))


def _client_id(client_id: str) -> str:
    if not re.fullmatch(CLIENT_ID_PATTERN, client_id):
        raise DomainError("编号格式不对。", "invalid", errors={"path": {"client_id": ["编号格式不对。"]}})
    return client_id


@blp.route("/me/daylogs")
class MyDayLogs(MethodView):
    @require_role("worker")
    @blp.response(200, DayLogList)
    def get(self):
        """The worker's backed-up day logs (which log, how many days, when), to restore on a new phone."""
        return {"items": service.list_backups(current_user().id)}


@blp.route("/me/daylogs/<client_id>")
class MyDayLog(MethodView):
    @require_role("worker")
    @blp.response(200, DayLogBackup)
    def get(self, client_id):
        """One backed-up day log, whole (photos stay on the phone that took them)."""
        return service.get_backup(current_user().id, _client_id(client_id))

    @require_role("worker")
    @blp.arguments(DayLogBackup)
    @blp.response(200, DayLogBackup)
    def put(self, data, client_id):
        """Back the log up (the whole log each time; the last one wins)."""
        return service.put_backup(current_user().id, _client_id(client_id), data)


@blp.route("/daylogs/confirmations")
class Confirmations(MethodView):
    @limited(submission_limit)
    @idempotent
    @blp.arguments(ConfirmationIn)
    @blp.response(201, ConfirmationCreated)
    def post(self, data):
        """A co-worker at the same site confirms days of a worker's log (from the log's QR; no account needed).
        Kept under the log's id and joined to the log only when the worker sends it with an application."""
        return once(lambda: confirm.record(data))
