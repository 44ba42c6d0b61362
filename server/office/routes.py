"""The office API: load a device's exported queue; which content is live."""
from flask.views import MethodView
from flask_smorest import Blueprint

from ..accounts.guard import current_user, require_role
from ..roles import OFFICE_ROLES
from ..security import limited, never_cached, submission_limit
from . import service
from .schemas import ContentOut, ImportIn, ImportOut

blp = Blueprint("office", __name__, url_prefix="/api/v1/office",
                description="办公室：导入设备导出的待发送记录、在用的内容版本")
blp.after_request(never_cached)


@blp.route("/import")
class Import(MethodView):
    @limited(submission_limit)
    @require_role(*OFFICE_ROLES)
    @blp.arguments(ImportIn)
    @blp.response(200, ImportOut)
    def post(self, args):
        """A file saved by 导出待发送记录: with dry_run (the default) what it holds, per kind and per event;
        without, each entry applied through /sync's path (once, however often the file is loaded), with its result."""
        return service.import_queue(current_user(), args["file"], args["dry_run"])


@blp.route("/content")
class Content(MethodView):
    @require_role(*OFFICE_ROLES)
    @blp.response(200, ContentOut)
    def get(self):
        """The live content version, when it was loaded, how many cards, quiz questions and topics."""
        return service.live_content()
