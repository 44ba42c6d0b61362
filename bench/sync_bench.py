"""Times `POST /api/v1/sync` with a 1,000-operation batch, on SQLite and on PostgreSQL.

    .venv/bin/python bench/sync_bench.py [--ops 1000] [--rounds 3] [--postgres URL | --no-postgres]

For each database: a fresh schema, one published event with 500 signed-up workers, and a
volunteer; then gunicorn serves the app and each round sends a new batch of check-ins (by QR
token), walk-ins and repeats, followed by the same batch again (a retry after a dropped
connection). Prints the time of each request and the operations per second.
"""
import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_database(url: str) -> None:
    """Benchmarks get their own PostgreSQL database, so they never touch the test suite's."""
    import psycopg
    from sqlalchemy.engine import make_url
    u = make_url(url)
    with psycopg.connect(host=u.host, port=u.port or 5432, user=u.username, dbname="postgres",
                         autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (u.database,)).fetchone():
            conn.execute(f'CREATE DATABASE "{u.database}"')


def prepare(url: str, people: int) -> dict:
    """Schema, event, sign-ups and a volunteer token, made in-process through the services."""
    import sqlalchemy as sa
    from flask_migrate import upgrade

    from server import create_app
    from server.accounts import tokens
    from server.accounts.models import User
    from server.events import service as events
    from server.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False})
    with app.app_context():
        if url.startswith("postgresql"):
            with db.engine.begin() as conn:
                conn.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        upgrade()
        volunteer = User(role="volunteer", username="bench-volunteer", display_name="志愿者")
        db.session.add(volunteer)
        db.session.commit()
        event = events.create_event({"title": "基准测试活动", "kind": "lecture", "place": "工地",
                                     "starts_at": datetime.now(timezone.utc) + timedelta(days=1),
                                     "status": "published"}, None)
        events.set_volunteers(event, [volunteer.id])
        attendees = []
        for i in range(people):
            a, _ = events.register(event, f"工友{i}", f"138{i:08d}")
            attendees.append(a.qr_token)
        db.session.commit()
        with app.test_request_context():
            token = tokens.sign_in(volunteer, "header")["access_token"]
        db.engine.dispose()
        return {"event_id": event.id, "tokens": attendees, "token": token}


def batch(setup: dict, n: int, round_no: int) -> list[dict]:
    start = datetime(2026, 11, 20, 9, tzinfo=timezone.utc)
    ops = []
    for i in range(n):
        when = (start + timedelta(seconds=i)).isoformat()
        base = {"id": str(uuid.uuid4()), "event_id": setup["event_id"], "device_time": when}
        if i % 10 == 9:  # one in ten is a walk-in
            ops.append(base | {"type": "walkin", "name": f"现场{round_no}-{i}", "phone": f"139{round_no:02d}{i:06d}"})
        else:
            ops.append(base | {"type": "checkin", "qr_token": setup["tokens"][i % len(setup["tokens"])]})
    return ops


def post(port: int, token: str, ops: list[dict]) -> tuple[float, dict]:
    body = json.dumps({"device_id": "bench", "operations": ops}).encode()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    t0 = time.perf_counter()
    conn.request("POST", "/api/v1/sync", body=body, headers={"Content-Type": "application/json",
                                                             "Authorization": f"Bearer {token}"})
    resp = conn.getresponse()
    data = json.loads(resp.read())
    elapsed = time.perf_counter() - t0
    if resp.status != 200:
        raise SystemExit(f"sync answered {resp.status}: {data}")
    return elapsed, data["counts"]


def run(name: str, url: str, args) -> None:
    setup = prepare(url, people=500)
    port = free_port()
    env = dict(os.environ, DATABASE_URL=url, APP_ENV="development", WEB_CONCURRENCY="2", ACCESS_LOG="/dev/null")
    server = subprocess.Popen([str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
                               "server:create_app()"], cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        fresh, replay = [], []
        for r in range(args.rounds):
            ops = batch(setup, args.ops, r)
            t, counts = post(port, setup["token"], ops)
            fresh.append(t)
            t2, _ = post(port, setup["token"], ops)
            replay.append(t2)
            print(f"{name:10s} round {r + 1}: {args.ops} ops in {t * 1000:7.0f} ms ({args.ops / t:6.0f} ops/s) "
                  f"{counts}; replay of the same batch {t2 * 1000:6.0f} ms")
        print(f"{name:10s} median: new batch {statistics.median(fresh) * 1000:.0f} ms, "
              f"replayed batch {statistics.median(replay) * 1000:.0f} ms")
    finally:
        server.terminate()
        server.wait(10)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ops", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--postgres", default=os.environ.get("BENCH_POSTGRES_URL",
                                                        "postgresql+psycopg://postgres@127.0.0.1:5432/gybench"))
    ap.add_argument("--no-postgres", action="store_true")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="sync-bench-")
    print(f"{os.cpu_count()} cores; gunicorn 2 workers; 500 signed-up workers; batches of {args.ops} "
          "(9 in 10 check-ins by QR, 1 in 10 walk-ins)")
    run("sqlite", f"sqlite:///{tmp}/bench.sqlite", args)
    if not args.no_postgres:
        ensure_database(args.postgres)
        run("postgresql", args.postgres, args)


if __name__ == "__main__":
    main()
