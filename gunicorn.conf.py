"""gunicorn settings, from the environment (PORT, WEB_CONCURRENCY, WEB_THREADS, APP_ENV, REDIS_URL).

A served app is production unless told otherwise: APP_ENV defaults to `production` here (the Procfile
and any bare `gunicorn -c gunicorn.conf.py` get it), so it refuses to start without real secrets;
`make run` says APP_ENV=development explicitly.

gthread workers read a request's headers in a worker thread with no deadline, so each connection
that trickles its headers holds one thread: workers × threads slow clients stall this server alone.
In production it runs behind a buffering reverse proxy (deploy/nginx.conf, README "Deploying") that
reads whole requests first; the settings below only cap what the bare server can be held by.

The app's own log lines are configured here, once for the master and the workers, not in create_app.
"""
import logging
import multiprocessing
import os
import re
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from gunicorn.glogging import Logger

os.environ.setdefault("APP_ENV", "production")

# /metrics adds up every worker's counts (server/metrics.py): each worker writes them to files in this folder,
# which must be empty when the server starts. Unless one is named, a new folder of this run's own, removed at exit.
METRICS_DIR_MADE = not os.environ.get("PROMETHEUS_MULTIPROC_DIR")
if METRICS_DIR_MADE:
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="gongyou-metrics-")

# Behind nginx (deploy/nginx.conf), BIND=127.0.0.1:8000 keeps everyone else out.
bind = os.environ.get("BIND") or f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Threads mostly wait on the database or the network; more of them cost little memory and raise the
# number of slow connections it takes to stall the server (5 workers × 8 threads on 2 cores: 40).
# Not more: each thread may hold a database connection and SQLAlchemy's pool keeps 5 + 10 per worker.
threads = int(os.environ.get("WEB_THREADS", 8))
worker_class = "gthread"
timeout = 30
graceful_timeout = 20
# An idle keep-alive connection goes back to the poller; close it soon so it holds nothing for long.
keepalive = 2
# Behind nginx (PROXY_HOPS set) the only client is nginx, which lets an idle connection go after 1 s (deploy/nginx.conf,
# keepalive_timeout): kept longer here, gunicorn never closes one just as nginx sends on it (a reset, a 502 for a
# POST). With 1 s against 2 s, a machine loaded ~10 deep still met one such reset per faults run (bench/faults.py).
if int(os.environ.get("PROXY_HOPS") or 0) > 0:
    keepalive = 5
# Per worker: beyond this many open connections new ones wait in the listen queue.
worker_connections = 200
accesslog = os.environ.get("ACCESS_LOG", "-")
# Headers of a phone's request are small: refuse long lines, many fields and big fields outright.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Sign-up QR tokens travel in URLs (GET /api/v1/signups/<token>); the access log keeps the path, not the token.
TOKEN_IN_PATH = re.compile(r"(/signups/)[^/?#\s\"]+")
# A texted short link to the tracking page (/t/<code>) keeps the path, not the code, in the request and the Referer.
SHORT_LINK = re.compile(r"(/t/)[^/?#\s\"]+")
# A tracking look-up by URL (?code=&phone=) and an account search (?q= may be a phone) keep their names only.
PERSONAL_QUERY = re.compile(r"((?:^|[?&])(?:phone|code|q|id_number)=)[^&#\s\"]*")


def redact(text: str) -> str:
    text = SHORT_LINK.sub(r"\1[code]", TOKEN_IN_PATH.sub(r"\1[token]", text))
    return PERSONAL_QUERY.sub(r"\1[hidden]", text)


def redact_referer(referer: str) -> str:
    """The page a request came from, without its query or fragment (a page's address may have held a
    tracking code or a phone, and a referring site's may hold anything): where from, not what."""
    parts = urlsplit(referer)
    if not parts.scheme:
        return referer if referer == "-" else "[hidden]"
    hidden = "?[hidden]" if parts.query or parts.fragment else ""
    return f"{parts.scheme}://{parts.netloc}{redact(parts.path)}{hidden}"


class RedactingLogger(Logger):
    """gunicorn's access log with tokens taken out of the request line, the path and the Referer."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "q"):
            if isinstance(atoms.get(key), str):
                atoms[key] = redact(atoms[key])
        for key in ("f", "{referer}i"):
            if isinstance(atoms.get(key), str):
                atoms[key] = redact_referer(atoms[key])
        return atoms


logger_class = RedactingLogger


def on_starting(server):
    """Refuse to start production with several workers and no shared store for rate limits.

    Each worker would count alone: a limit of 10 code checks would let 10 per worker through.
    A metrics folder named in the environment is emptied of an earlier run's counts.
    """
    for stale in Path(os.environ["PROMETHEUS_MULTIPROC_DIR"]).glob("*.db"):
        stale.unlink()
    cfg = server.cfg
    if os.environ.get("APP_ENV") == "production" and not os.environ.get("REDIS_URL") and cfg.workers > 1:
        raise RuntimeError(f"APP_ENV=production with {cfg.workers} workers but REDIS_URL is not set: rate limits "
                           "would be counted per worker; set REDIS_URL (or WEB_CONCURRENCY=1); refusing to start")


# The app's own log lines (server.*, INFO and up) on stderr beside gunicorn's: configured here,
# once for the master and the workers it forks, not in create_app (which every test calls).
logging.basicConfig(level=logging.INFO, format="%(asctime)s [%(process)d] [%(levelname)s] %(name)s: %(message)s")
# One JSON line per request (server/metrics.py), as it is: a log shipper reads it without a prefix to cut off.
_requests = logging.getLogger("server.requests")
_requests_handler = logging.StreamHandler()
_requests_handler.setFormatter(logging.Formatter("%(message)s"))
_requests.addHandler(_requests_handler)
_requests.propagate = False


def child_exit(server, worker):
    """A worker gone: its live gauges leave the metrics folder (its counters stay in the sums)."""
    from prometheus_client import multiprocess
    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    if METRICS_DIR_MADE:
        shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)


# --- gunicorn's own refusals in the API's one error format ------------------------------------------
# A request gunicorn refuses before the app sees it (a request line over limit_request_line, headers
# over their limits, not HTTP at all) would get gunicorn's HTML page; every client of this API reads
# {"code", "status", "message", "error_code"} (server/errors.py, documented as 400 and 431 on every
# operation by server/apidoc.py). The message is for a person; gunicorn's own text (which may quote
# the request) stays out of the answer.
SERVER_REFUSALS = {400: "请求的网址太长或格式不对，服务器无法处理。请返回上一页重试。",
                   431: "请求带的信息太多，服务器无法处理。请返回上一页重试。"}


def json_error(sock, status_int, reason, mesg):
    import json

    from gunicorn import util
    body = json.dumps({"code": status_int, "status": reason, "error_code": "request_refused",
                       "message": SERVER_REFUSALS.get(status_int, "服务器无法处理这个请求，请稍后再试。")},
                      ensure_ascii=False).encode()
    head = (f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode("latin1")
    util.write_nonblock(sock, head + body)


def post_fork(server, worker):
    """In each worker: gunicorn's error pages (gunicorn.util.write_error, called by the worker's
    handle_error) written as the API's JSON instead."""
    from gunicorn import util
    util.write_error = json_error
