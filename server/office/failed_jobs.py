"""An admin retrying a failed background job: the job back on the queue, and the audit entry saying who did it.

The queue is shared ground (server/jobs.py); the entry is written here, one unit of work, after the job is back on
the queue (a retry that finds no such failed job writes nothing: 404).
"""
from .. import jobs
from ..accounts.audit import record_view
from ..errors import NotFound
from ..extensions import db


def retry(user, job_id: str) -> dict:
    name = jobs.retry(job_id)
    if name is None:
        raise NotFound("没有找到这个失败的任务。", "job_not_found")
    record_view(user, "retry", "job", job_id, {"job": name})
    db.session.commit()
    return {"id": job_id, "queued": True}
