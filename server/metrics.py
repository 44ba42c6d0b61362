"""What an operator watches: Prometheus metrics at /metrics, and one JSON log line per request.

Metrics (prometheus-client). Under gunicorn each worker is a process of its own: with
PROMETHEUS_MULTIPROC_DIR set (gunicorn.conf.py sets it to a fresh folder, and marks dead workers in its
child_exit hook) every worker writes its counts there and a scrape answered by any worker adds them all up.
Without it (flask run, tests) the counts live in this process.

- requests by endpoint (the route's rule, e.g. `/api/v1/cases/<int:application_id>`: never the raw URL, which may
  hold a tracking code, a sign-up token or a phone), method and status; latency by endpoint;
- sync results by operation type and result (applied / duplicate / refused): `sync_results`;
- SMS that could not be handed to the gateway, by kind: `sms_failed`;
- gauges computed at scrape time, which a domain (or the job queue) registers (`scraped_gauge`; aid registers the
  open cases past an Art. 43 deadline, server/jobs.py the jobs queued and failed, read from Redis).

/metrics is not public: it answers only a request bearing METRICS_TOKEN (Authorization: Bearer ...), and is
404 (as if it did not exist) when no token is configured or the one sent is wrong.

The request log line (logger `server.requests`, INFO): request id (X-Request-Id when it looks like one a proxy
made, else a new one; echoed in the answer), method, route rule, status, duration, the account's role and id
(never a phone), and `office`: the signed-in account's office id, which the accounts domain tells this module as it
loads the account for the request (`signed_in_office`: no query of its own), null without one (a worker, no sign-in).
Never the query string, never the raw path.

This is shared ground: it imports no domain; domains call the small functions below.
"""
import hmac
import json
import logging
import os
import re
import secrets
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from flask import Blueprint, Flask, Response, abort, current_app, g, request
from flask_jwt_extended import get_jwt
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from .extensions import db

log = logging.getLogger("server.requests")
bp = Blueprint("metrics", __name__)

# The metrics of this process (without multi-process mode, a scrape reads these).
LIVE = CollectorRegistry(auto_describe=True)
REQUESTS = Counter("gongyou_http_requests_total", "Requests answered, by route rule, method and status",
                   ("endpoint", "method", "status"), registry=LIVE)
# A 2G phone waits seconds; the buckets reach 30 s (gunicorn's timeout).
LATENCY = Histogram("gongyou_http_request_duration_seconds", "Time to answer a request, by route rule",
                    ("endpoint",), registry=LIVE,
                    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30))
SYNC = Counter("gongyou_sync_operations_total", "Offline operations synced, by type and result "
               "(applied, duplicate: sent again or already there, refused: rejected or conflicting)",
               ("type", "result"), registry=LIVE)
SMS_FAILURES = Counter("gongyou_sms_failures_total", "Texts the SMS gateway did not take, by kind",
                       ("kind",), registry=LIVE)

UNMATCHED = "unmatched"  # a request no route took (404, 405): its path is not a label
# A client may send any method name: one outside these is counted as "other", not as a label of its own.
METHODS = frozenset(("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"))
SYNC_RESULTS = {"applied": "applied", "duplicate": "duplicate", "rejected": "refused", "conflict": "refused"}
# What a proxy or a client library makes (nginx's $request_id is 32 hex digits, a UUID 36): hex with at least
# one letter, so neither a phone (digits only) nor an ID number (digits and X) is ever echoed into a log.
REQUEST_ID = re.compile(r"(?=.*[a-fA-F])[0-9a-fA-F-]{16,64}")


@dataclass(frozen=True)
class Scraped:
    name: str
    documentation: str
    labels: tuple[str, ...]
    read: Callable[[], Iterable[tuple[tuple[str, ...], float]]]


_SCRAPED: dict[str, Scraped] = {}


def scraped_gauge(name: str, documentation: str, labels: tuple[str, ...],
                  read: Callable[[], Iterable[tuple[tuple[str, ...], float]]]) -> None:
    """A gauge read at scrape time (in an app context): `read()` yields (label values, value)."""
    _SCRAPED[name] = Scraped(name, documentation, labels, read)


def sync_results(results: list[dict], types: list[str | None]) -> None:
    """Count a committed sync batch: `types[i]` is result i's operation type (None when it named none known)."""
    for result, kind in zip(results, types, strict=False):
        status = "duplicate" if result.get("replayed") else SYNC_RESULTS.get(result.get("status", ""), "applied")
        SYNC.labels(kind or "unknown", status).inc()


def sms_failed(kind: str) -> None:
    SMS_FAILURES.labels(kind).inc()


def route() -> str:
    """The request's route rule, the only form of its path a label or a log line may hold."""
    return request.url_rule.rule if request.url_rule is not None else UNMATCHED


class _ScrapedCollector:
    def collect(self):
        for gauge in _SCRAPED.values():
            family = GaugeMetricFamily(gauge.name, gauge.documentation, labels=gauge.labels)
            try:
                for values, value in gauge.read():
                    family.add_metric(values, value)
            except Exception:  # noqa: BLE001  a database down is when the request counts matter most
                db.session.rollback()
                logging.getLogger(__name__).exception("metrics: %s could not be read", gauge.name)
                continue  # left out of this scrape: its absence is what an alarm watches for
            yield family


def render() -> bytes:
    scraped = CollectorRegistry(auto_describe=True)
    scraped.register(_ScrapedCollector())
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        counts = CollectorRegistry()
        MultiProcessCollector(counts)
    else:
        counts = LIVE
    return generate_latest(counts) + generate_latest(scraped)


@bp.get("/metrics")
def metrics():
    token = current_app.config.get("METRICS_TOKEN") or ""
    sent = request.headers.get("Authorization", "")
    if not token or not hmac.compare_digest(sent.encode(), f"Bearer {token}".encode()):
        abort(404)
    return Response(render(), mimetype=CONTENT_TYPE_LATEST, headers={"Cache-Control": "no-store"})


def _request_id(sent: str | None) -> str:
    # 64 random bits tell a day's requests apart; 16 hex digits, not a UUID's 32, because the id goes back on every
    # answer: 16 bytes less on each of a worker's first visit's 17 responses (272 bytes of a 120 KB budget).
    return sent if sent and REQUEST_ID.fullmatch(sent) else secrets.token_hex(8)


STARTED = "gongyou.started"


class _Timer:
    """WSGI: the moment a request reaches the app, before any before-request handler may answer it."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        environ[STARTED] = time.perf_counter()
        return self.wsgi_app(environ, start_response)


def _who() -> tuple[str | None, int | None]:
    try:
        claims = get_jwt()
    except RuntimeError:  # no token was checked on this request
        return None, None
    sub = claims.get("sub")
    return claims.get("role"), int(sub) if isinstance(sub, str) and sub.isdigit() else None


def signed_in_office(office_id: int | None) -> None:
    """The office of the account this request is signed in as, for its log line (called as the account is loaded)."""
    g.gongyou_office = office_id


def _record(endpoint: str, method: str, status: int, seconds: float, request_id: str, role: str | None = None,
            account: int | None = None, office: int | None = None) -> None:
    method = method if method in METHODS else "other"
    REQUESTS.labels(endpoint, method, str(status)).inc()
    LATENCY.labels(endpoint).observe(seconds)
    log.info(json.dumps({"request_id": request_id, "method": method, "route": endpoint, "status": status,
                         "ms": round(seconds * 1000, 1), "role": role, "account": account, "office": office},
                        ensure_ascii=False))


def _finish(response: Response) -> Response:
    """Runs after every other after-request handler (registered first), so public_reads keeps no request id."""
    started = request.environ.get(STARTED)
    seconds = time.perf_counter() - started if started is not None else 0.0
    request_id = _request_id(request.headers.get("X-Request-Id"))
    # On the API's answers (and health checks) only, not on the app's own files (pages, scripts, the service worker,
    # icons): nobody quotes one of those to support, and a worker's first visit fetches seventeen of them on 2G. The
    # log line keeps the id either way.
    if request.path.startswith(("/api/", "/healthz", "/readyz", "/metrics")):
        response.headers["X-Request-Id"] = request_id
    _record(route(), request.method, response.status_code, seconds, request_id, *_who(), office=g.get("gongyou_office"))
    return response


def replayed(environ: dict, start_response: Callable, started: float) -> Callable:
    """start_response for an answer public_reads replays without entering Flask: it is counted and logged like
    any other (its path is one registered as a public read, a route's rule as it is) and given its request id."""
    request_id = _request_id(environ.get("HTTP_X_REQUEST_ID"))

    def start(status: str, headers: list, exc_info=None):
        _record(environ.get("PATH_INFO", UNMATCHED), environ.get("REQUEST_METHOD", ""), int(status.split()[0]),
                time.perf_counter() - started, request_id)
        return start_response(status, [*headers, ("X-Request-Id", request_id)], exc_info)
    return start


def init_app(app: Flask) -> None:
    """Before public_reads.init_app: its replays wrap this timer, and its kept answers are kept without a request id."""
    app.wsgi_app = _Timer(app.wsgi_app)
    app.after_request(_finish)
    app.register_blueprint(bp)
