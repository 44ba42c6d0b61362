"""Failed background jobs, for the root office's admins: what failed every try (name, ids, error, when, tries)
and a retry.

A retry is audited (failed_jobs.py). Without Redis the jobs run inline and a failed one is left to the sweep (its row
stays failed): the list is then empty. The arguments are ids (a notification's), never a phone or a name.
"""
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from ..accounts.guard import current_user, require_role
from ..security import never_cached
from . import failed_jobs

blp = Blueprint("jobs", __name__, url_prefix="/api/v1/jobs", description="后台任务：失败的任务和重试（管理员）")
blp.after_request(never_cached)


class FailedJob(Schema):
    id = fields.String(metadata={"description": "the queue's job id (for retry)"})
    name = fields.String(metadata={"description": "the job, e.g. aid.send_text (a text to a worker) or aid.sweep"})
    label = fields.String(metadata={"description": "the job in Chinese, e.g. 给工友发短信"})
    args = fields.List(fields.String(), metadata={"description": "what it was asked with: ids, never personal data"})
    error = fields.String(metadata={"description": "the last line of the last try's error"})
    failed_at = fields.DateTime(allow_none=True)
    attempts = fields.Integer(metadata={"description": "tries made, the retries with back-off included"})


class FailedJobs(Schema):
    items = fields.List(fields.Nested(FailedJob))
    queued = fields.Boolean(metadata={
        "description": "whether jobs go to a queue (Redis); false: each runs at once, in the request that asks for it, "
                       "and one that fails is tried again by the periodic sweep (the list is then always empty)"})


class Retried(Schema):
    id = fields.String()
    queued = fields.Boolean()


@blp.route("/failed")
class Failed(MethodView):
    @require_role("admin")
    @blp.response(200, FailedJobs)
    @blp.alt_response(403, description="an admin of an office below the root: jobs are the whole deployment's")
    def get(self):
        """Jobs that failed every try, newest first (empty when jobs run inline, without Redis); root office admins."""
        return failed_jobs.failed(current_user())


@blp.route("/<job_id>/retry")
class Retry(MethodView):
    @require_role("admin")
    @blp.response(200, Retried)
    @blp.alt_response(403, description="an admin of an office below the root: jobs are the whole deployment's")
    @blp.alt_response(404, description="no failed job with this id")
    def post(self, job_id):
        """Put a failed job back on the queue (audited); the job itself does nothing when its work is done already."""
        return failed_jobs.retry(current_user(), job_id)
