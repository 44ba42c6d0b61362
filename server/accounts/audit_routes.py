"""`GET /audit/choices`: what the audit log page offers to filter by, with the Chinese it shows."""
from flask.views import MethodView
from flask_smorest import Blueprint

from . import audit_labels
from .guard import require_role
from .schemas import AuditChoices

blp = Blueprint("audit_labels", __name__, url_prefix="/api/v1", description="审计日志的记录类型、操作和角色（中文）")


@blp.route("/audit/choices")
class AuditChoiceList(MethodView):
    @require_role("admin")
    @blp.response(200, AuditChoices)
    def get(self):
        """The record types, actions and roles the log writes, each with its Chinese label (one table on
        the server: the page, its rows and the exports read the same)."""
        return audit_labels.choices()
