"""Many people signing up at once on SQLite: how many short writes time out (503 database_busy)?

    .venv/bin/python bench/signup_bench.py [--clients 40] [--each 18]

The app served as in production (tests/served.py: gunicorn with gunicorn.conf.py, WEB_CONCURRENCY=5
workers × 8 threads, as on a 2-core machine) on a fresh SQLite database, one published event, and
--clients clients each sending --each sign-ups (a new phone each, an Idempotency-Key each, as the
PWA's outbox sends them) as fast as answers come back. Each client has its own address
(X-Forwarded-For behind PROXY_HOPS=1), so the per-address limit of 30 a minute is not what answers.
Printed per run: answers by status, the 503s, and latency percentiles.

The yardstick, in the same run and on the same machine: the same load against the app with SQLite's
busy timeout as it was before issue 18 item 30 (SQLITE_BUSY_TIMEOUT_MS=5000; the per-process writer
lock of server/db.py stays on, so the code before that change did worse still), then as configured now.
"""
import argparse
import collections
import http.client
import json
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def make_event(url: str) -> int:
    from server import create_app
    from server.events.models import Event
    from server.extensions import db
    with create_app({"SQLALCHEMY_DATABASE_URI": url}).app_context():
        event = Event(title="工地普法讲座", kind="lecture", place="幸福里工地食堂", status="published",
                      starts_at=datetime.now(timezone.utc) + timedelta(days=3))
        db.session.add(event)
        db.session.commit()
        event_id = event.id
        db.engine.dispose()
    return event_id


def client(port: int, event_id: int, n: int, each: int, answers: list, start: threading.Event) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    start.wait()
    for i in range(each):
        body = json.dumps({"name": f"工友{n}", "phone": f"139{n:04d}{i:04d}"}).encode()
        headers = {"Content-Type": "application/json", "Idempotency-Key": str(uuid.uuid4()),
                   "X-Forwarded-For": f"10.0.{n // 250}.{n % 250 + 1}"}
        t0 = time.perf_counter()
        try:
            conn.request("POST", f"/api/v1/events/{event_id}/signups", body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            status = resp.status
            code = json.loads(data).get("error_code") if status >= 400 else None
        except (OSError, http.client.HTTPException) as exc:
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            status, code = 0, type(exc).__name__
        answers.append((status, code, time.perf_counter() - t0))
    conn.close()


def run(label: str, env: dict, clients: int, each: int) -> None:
    from tests.served import Gunicorn

    with tempfile.TemporaryDirectory(prefix="signup-bench-") as tmp:
        settings = {"APP_ENV": "development", "WEB_CONCURRENCY": "5", "WEB_THREADS": "8", "PROXY_HOPS": "1", **env}
        with Gunicorn(settings, Path(tmp), migrate=True) as app:
            if app.code is not None:
                raise SystemExit(f"gunicorn exited: {app.err}")
            event_id = make_event(app.env["DATABASE_URL"])
            answers: list = []
            start = threading.Event()
            threads = [threading.Thread(target=client, args=(app.port, event_id, n, each, answers, start))
                       for n in range(clients)]
            for thread in threads:
                thread.start()
            t0 = time.perf_counter()
            start.set()
            for thread in threads:
                thread.join()
            wall = time.perf_counter() - t0
    statuses = collections.Counter(status for status, _code, _t in answers)
    busy = sum(1 for status, code, _t in answers if status == 503)
    times = sorted(t for _s, _c, t in answers)
    p50, p95 = statistics.median(times), times[int(len(times) * 0.95) - 1]
    print(f"{label}: {len(answers)} sign-ups from {clients} clients in {wall:.1f} s; answers {dict(statuses)}; "
          f"503 busy: {busy}; latency median {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
          f"max {times[-1] * 1000:.0f} ms", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=40)
    ap.add_argument("--each", type=int, default=18)
    args = ap.parse_args()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{os.cpu_count()} cores, load average {load:.1f} at start", flush=True)
    run("yardstick (busy timeout 5 s, as before)", {"SQLITE_BUSY_TIMEOUT_MS": "5000"}, args.clients, args.each)
    run("as configured", {}, args.clients, args.each)


if __name__ == "__main__":
    main()
