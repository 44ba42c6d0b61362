"""An admin retrying a failed background job: the job back on the queue, and the audit entry saying who did it.

The queue is shared ground (server/jobs.py); the entry is written here, one unit of work, after the job is back on
the queue (a retry that finds no such failed job writes nothing: 404).
"""
from .. import jobs
from ..accounts.audit import record_view
from ..errors import DomainError, NotFound
from ..extensions import db
from ..offices.scope import default_office_id


def _deployment_admin(user) -> None:
    """Jobs are the whole deployment's (a text to any office's worker, the sweeps): only an admin of the root office
    reads and retries them, as only they see every office."""
    if getattr(user, "office_id", None) != default_office_id():
        raise DomainError("后台任务属于整个系统，只有最上级机构的管理员能查看和重试。", "deployment_admins_only", 403)


def failed(user) -> dict:
    _deployment_admin(user)
    return {"items": jobs.failed(), "queued": jobs.queued()}


def retry(user, job_id: str) -> dict:
    _deployment_admin(user)
    name = jobs.retry(job_id)
    if name is None:
        raise NotFound("没有找到这个失败的任务。", "job_not_found")
    record_view(user, "retry", "job", job_id, {"job": name})
    db.session.commit()
    return {"id": job_id, "queued": True}
