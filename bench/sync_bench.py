"""Times `POST /api/v1/sync` with a 1,000-operation batch, on SQLite and on PostgreSQL.

    .venv/bin/python bench/sync_bench.py [--ops 1000] [--rounds 3] [--postgres URL | --no-postgres]

For each database: a fresh schema, one published event with enough signed-up workers that
every round checks in people not checked in before, and a volunteer; then gunicorn serves the
app and each round sends 1,000 operations the server has never seen (9 in 10 check-ins by QR
token, 1 in 10 walk-ins), then the same batch again (a retry after a dropped connection), timed
apart. The yardstick, started in the same run under the same gunicorn settings: a bare Flask
app that parses the same body and answers 1,000 results, so the figures say what the sync work
itself costs on this machine.
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


def yardstick():
    """Gunicorn "bench.sync_bench:yardstick()": the same bytes in and out, no database."""
    from flask import Flask, jsonify, request
    app = Flask("yardstick")

    @app.post("/api/v1/sync")
    def sync():
        ops = request.get_json()["operations"]
        results = [{"id": op["id"], "status": "applied", "message": "已签到"} for op in ops]
        return jsonify({"results": results, "counts": {"applied": len(results)}})

    return app


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


def checkins_per_round(n: int) -> int:
    return n - n // 10


def batch(setup: dict, n: int, round_no: int) -> list[dict]:
    """`n` operations never sent before: people not yet checked in, walk-ins not yet registered."""
    start = datetime(2026, 11, 20, 9, tzinfo=timezone.utc)
    fresh = iter(setup["tokens"][round_no * checkins_per_round(n):(round_no + 1) * checkins_per_round(n)])
    ops = []
    for i in range(n):
        when = (start + timedelta(seconds=i)).isoformat()
        base = {"id": str(uuid.uuid4()), "event_id": setup["event_id"], "device_time": when}
        if i % 10 == 9:  # one in ten is a walk-in
            ops.append(base | {"type": "walkin", "name": f"现场{round_no}-{i}", "phone": f"139{round_no:02d}{i:06d}"})
        else:
            ops.append(base | {"type": "checkin", "qr_token": next(fresh)})
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


def serve(app_spec: str, env: dict) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = dict(os.environ, APP_ENV="development", WEB_CONCURRENCY="2", ACCESS_LOG="/dev/null", **env)
    server = subprocess.Popen([str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
                               app_spec], cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    return server, port


def run_yardstick(args) -> float:
    setup = {"event_id": 1, "tokens": [uuid.uuid4().hex for _ in range(checkins_per_round(args.ops) * args.rounds)]}
    server, port = serve("bench.sync_bench:yardstick()", {})
    try:
        post(port, "-", batch(setup, args.ops, 0))  # warm up
        times = [post(port, "-", batch(setup, args.ops, r))[0] for r in range(args.rounds)]
    finally:
        server.terminate()
        server.wait(10)
    median = statistics.median(times)
    print(f"{'yardstick':10s} bare Flask, same body in and out: median {median * 1000:.0f} ms")
    return median


def run(name: str, url: str, args, yard: float) -> None:
    setup = prepare(url, people=checkins_per_round(args.ops) * args.rounds)
    server, port = serve("server:create_app()", {"DATABASE_URL": url})
    try:
        for w in range(4):  # each worker's first request pays for imports and connections: not timed
            post(port, setup["token"], [{"id": str(uuid.uuid4()), "type": "walkin", "event_id": setup["event_id"],
                                         "device_time": "2026-11-20T09:00:00+08:00", "name": f"预热{w}-{i}",
                                         "phone": f"137{w:02d}{i:06d}"} for i in range(10)])
        fresh, replay = [], []
        for r in range(args.rounds):
            ops = batch(setup, args.ops, r)
            t, counts = post(port, setup["token"], ops)
            if counts != {"applied": args.ops}:
                raise SystemExit(f"round {r + 1}: expected {args.ops} applied, got {counts}")
            fresh.append(t)
            t2, counts2 = post(port, setup["token"], ops)
            replay.append(t2)
            print(f"{name:10s} round {r + 1}: {args.ops} new ops in {t * 1000:6.0f} ms ({args.ops / t:5.0f} ops/s) "
                  f"{counts}; the same batch replayed {t2 * 1000:5.0f} ms")
        new, again = statistics.median(fresh), statistics.median(replay)
        print(f"{name:10s} median: {args.ops} new ops {new * 1000:.0f} ms ({new / yard:.1f}x yardstick), "
              f"replayed {again * 1000:.0f} ms ({again / yard:.1f}x yardstick)")
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
    print(f"{os.cpu_count()} cores; gunicorn 2 workers; batches of {args.ops} never-seen operations "
          "(9 in 10 check-ins by QR, 1 in 10 walk-ins), each then replayed")
    yard = run_yardstick(args)
    run("sqlite", f"sqlite:///{tmp}/bench.sqlite", args, yard)
    if not args.no_postgres:
        ensure_database(args.postgres)
        run("postgresql", args.postgres, args, yard)


if __name__ == "__main__":
    main()
