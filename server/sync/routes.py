"""`POST /api/v1/sync`: a device's queued offline operations, one request per batch."""
from collections import Counter

from flask import jsonify
from flask.views import MethodView
from flask_smorest import Blueprint

from ..accounts.guard import current_user, require_role
from ..roles import ORGANISER_ROLES
from ..security import limited, submission_limit
from . import service
from .schemas import SyncIn, SyncOut

blp = Blueprint("sync", __name__, url_prefix="/api/v1", description="离线同步：设备排队的操作，每条只生效一次")


@blp.route("/sync")
class Sync(MethodView):
    @limited(submission_limit)
    @require_role(*ORGANISER_ROLES)
    @blp.arguments(SyncIn)
    @blp.response(200, SyncOut)
    def post(self, data):
        """Apply queued operations; each result is applied, duplicate, rejected or conflict."""
        user = current_user()
        results = service.apply_batch(data["operations"], data["device_id"], user.id, user.role)
        # The results are plain JSON already (SyncOut documents them): sent as they are, since
        # dumping 1,000 of them through the schema costs more than applying them. no-store: the
        # answer names attendees and tokens; no cache may keep it.
        resp = jsonify({"results": results, "counts": dict(Counter(r["status"] for r in results))})
        resp.headers["Cache-Control"] = "no-store"
        return resp
