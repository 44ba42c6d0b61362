"""Background work by name, off the request: rq on Redis when JOBS_URL (by default REDIS_URL) is set, and an inline
runner otherwise (one process with SQLite: `make run` needs no Redis).

A domain registers its jobs at start-up (`register(name, func)`, `every=` seconds for periodic work), and asks
for one with `enqueue(name, *args)` after its commit: the arguments are ids (a notification's, never a phone),
so the failed list an admin reads holds no personal data. A job is idempotent: the row that asked for it says
whether it is done, and a second run does nothing. On the queue a job that raises is retried with back-off
(JOBS_RETRY_INTERVALS) and then kept in rq's failed registry, which admins read and retry
(`/api/v1/jobs/failed`). When Redis is down at enqueue time nothing is queued and nothing raises: the row stays
pending and the periodic sweep finds it. Inline, a failing job is logged and left to the sweep, as before.

`run_due` is the one scheduler entry point (`flask --app server schedule run-due`, from cron on every server):
each periodic job is enqueued once per period, whoever asks first — a Redis SET NX with expiry, or, without
Redis (one machine), a file lock in the instance folder.
"""
import fcntl
import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from flask import current_app

from . import metrics
from .extensions import db

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    func: Callable
    every: int | None = None  # seconds, for periodic work
    label: str = ""  # what an admin reads in the failed list and the audit log, e.g. 给工友发短信


JOBS: dict[str, Job] = {}


def register(name: str, func: Callable, every: int | None = None, label: str = "") -> None:
    """Make `name` a job; calling it again (a second app in one process) replaces it."""
    JOBS[name] = Job(func, every, label)


def label(name: str) -> str:
    """The job's name as an admin reads it (the name itself when none was given)."""
    job = JOBS.get(name)
    return job.label if job and job.label else name


def queued() -> bool:
    """Whether jobs go to a real queue (else they run inline)."""
    return bool(current_app.config.get("JOBS_URL"))


def connection():
    from redis import Redis
    url = current_app.config["JOBS_URL"]
    clients = current_app.extensions.setdefault("jobs_redis", {})
    if url not in clients:
        clients[url] = Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)
    return clients[url]


def queue():
    from rq import Queue
    return Queue(current_app.config["JOBS_QUEUE"], connection=connection())


def enqueue(name: str, *args) -> str | None:
    """Run `name(*args)` in the background; returns the queued job's id (None inline, or when Redis is down)."""
    if name not in JOBS:
        raise KeyError(f"no job named {name!r}")
    if not queued():
        _inline(name, args)
        return None
    from redis.exceptions import RedisError
    from rq import Retry
    intervals = list(current_app.config["JOBS_RETRY_INTERVALS"])
    try:
        job = queue().enqueue(perform, name, *args, retry=Retry(max=len(intervals), interval=intervals),
                              description=describe(name, args), failure_ttl=current_app.config["JOBS_KEEP_FAILED"],
                              result_ttl=3600)
    except RedisError as exc:
        log.warning("job %s not queued (%s): the sweep picks up what it leaves", name, type(exc).__name__)
        return None
    return job.id


def describe(name: str, args) -> str:
    return f"{name}({', '.join(map(str, args))})"


def _inline(name: str, args) -> None:
    try:
        JOBS[name].func(*args)
    except Exception as exc:  # noqa: BLE001  inline there is no retry: the row stays for the sweep
        db.session.rollback()
        log.warning("job %s failed inline (%s: %s); the sweep tries it again", describe(name, args),
                    type(exc).__name__, exc)


def perform(name: str, *args):
    """What the rq worker runs (`flask jobs worker` gives it the app context): the job by name, its tries counted."""
    from rq import get_current_job
    job = get_current_job()
    if job is not None:
        job.meta["attempts"] = job.meta.get("attempts", 0) + 1
        job.save_meta()
    try:
        return JOBS[name].func(*args)
    finally:
        db.session.remove()


def work(burst: bool = False) -> None:
    """Run a worker in this process (a SimpleWorker: the jobs share the app and its connection pool)."""
    from rq import SimpleWorker
    worker = SimpleWorker([queue()], connection=connection())
    worker.work(burst=burst, with_scheduler=True, logging_level="WARNING")


# Failed jobs, for admins.

def failed() -> list[dict]:
    """The jobs that failed every try, newest first: name, ids, error, when, tries."""
    if not queued():
        return []
    from rq.job import Job as RqJob
    registry = queue().failed_job_registry
    jobs = [j for j in RqJob.fetch_many(registry.get_job_ids(), connection=connection()) if j is not None]
    rows = [{"id": j.id, "name": _name(j), "label": label(_name(j)), "args": [str(a) for a in j.args[1:]],
             "error": _error(j), "failed_at": j.ended_at, "attempts": j.meta.get("attempts", 0)}
            for j in jobs]
    return sorted(rows, key=lambda r: r["failed_at"] or 0, reverse=True)


def _name(job) -> str:
    return str(job.args[0]) if job.args else job.func_name


def _error(job) -> str:
    """The last line of the last try's traceback (the exception and its message)."""
    result = job.latest_result()
    lines = [line for line in ((result and result.exc_string) or "").strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else ""


def retry(job_id: str) -> str | None:
    """Put a failed job back on the queue: its name, or None when there is no such failed job."""
    if not queued():
        return None
    from rq.exceptions import InvalidJobOperation, NoSuchJobError
    from rq.job import Job as RqJob
    registry = queue().failed_job_registry
    if job_id not in registry.get_job_ids():
        return None
    try:
        name = _name(RqJob.fetch(job_id, connection=connection()))
        registry.requeue(job_id)
    except (InvalidJobOperation, NoSuchJobError):
        return None
    return name


# What an operator watches (/metrics, read at scrape time): a queue that grows, failures that wait for an admin.

def waiting() -> int:
    """Jobs not yet run: on the queue, and retries waiting out their back-off (0 inline: nothing waits)."""
    if not queued():
        return 0
    q = queue()
    return q.count + q.scheduled_job_registry.count


def failed_count() -> int:
    """Jobs that failed every try and are kept for an admin's retry (0 inline: the sweep retries those)."""
    return queue().failed_job_registry.count if queued() else 0


metrics.scraped_gauge("gongyou_jobs_queued", "Background jobs waiting to run (on the queue, or a retry waiting out "
                      "its back-off); 0 when jobs run inline, without Redis", (), lambda: [((), waiting())])
metrics.scraped_gauge("gongyou_jobs_failed", "Background jobs that failed every try and wait for an admin's retry "
                      "(/api/v1/jobs/failed); 0 inline", (), lambda: [((), failed_count())])


# The scheduler.

def run_due(now: float | None = None) -> list[str]:
    """Enqueue each periodic job whose period has begun and that nobody has enqueued for it yet."""
    now = time.time() if now is None else now
    started = []
    for name, job in sorted(JOBS.items()):
        if job.every and _claim(name, int(now) // job.every, job.every):
            enqueue(name)
            started.append(name)
    return started


def _claim(name: str, slot: int, every: int) -> bool:
    if queued():
        key = f"{current_app.config['JOBS_QUEUE']}:schedule:{name}:{slot}"
        return bool(connection().set(key, str(time.time()), nx=True, ex=every * 2))
    path = Path(current_app.config.get("SCHEDULE_STATE") or Path(current_app.instance_path) / "schedule.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        f.seek(0)
        text = f.read()
        state = json.loads(text) if text.strip() else {}
        if state.get(name, -1) >= slot:
            return False
        state[name] = slot
        f.seek(0)
        f.truncate()
        f.write(json.dumps(state))
        f.flush()
    return True
