"""The long fault runs of the attack suite: a real gunicorn, real databases, real faults.

    .venv/bin/python bench/attack.py [--postgres URL | --no-postgres] [--only NAME ...]

Each scenario prepares its own database, starts gunicorn on loopback, attacks it, and ends by
counting rows against what the server acknowledged. Clients behave as the PWA's outbox does: a
network failure, 409, 429 or 5xx is retried with the same key or operation id; a 4xx is final.
Prints one table: scenario, database, acknowledged, in the database, lost, doubled, 500s, 503s.
Exits 1 when anything was lost or doubled or a 500 was answered (503 with Retry-After is the
honest answer to a database that is down or locked, and is counted apart).

Scenarios:
  signup-retries   40 clients sign up at once, each key sent three times, then a fresh key for the
                   same phone; ten phones shared by two clients, one of them typed in full-width digits
  capacity         30 simultaneous sign-ups for an event with 10 places
  two-devices      200 people checked in by two devices in opposite orders, a walk-in after every
                   tenth, sent at once, four times over
  kill-worker      kill -9 of every gunicorn worker while a 1,000-operation batch is in flight,
                   at seven moments from mid-batch to after commit; the device then re-sends
  pg-terminate     (PostgreSQL) every backend of the database terminated every 300 ms for 10 s
                   while 10 clients sign up and sync
  sqlite-locked    (SQLite) another process holds the write lock past the busy timeout while a
                   device syncs and a worker signs up
"""
import argparse
import base64
import http.client
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
BIN = Path(sys.executable).parent
from sync_bench import ensure_database, free_port  # noqa: E402

KEYS = {"SECRET_KEY": base64.b64encode(os.urandom(32)).decode(),
        "JWT_SECRET_KEY": base64.b64encode(os.urandom(32)).decode(),
        "DATA_KEY": base64.b64encode(os.urandom(32)).decode()}
RETRYABLE = {409, 429, 500, 502, 503, 504}


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.status: dict[int, int] = {}

    def saw(self, status: int) -> None:
        with self.lock:
            self.status[status] = self.status.get(status, 0) + 1

    @property
    def s500(self) -> int:
        return sum(n for s, n in self.status.items() if s >= 500 and s != 503)


class Target:
    """A database prepared through the services and a gunicorn serving it."""

    def __init__(self, url: str, workers: int = 2, threads: int = 4, capacity: int | None = None, people: int = 0):
        self.url = url
        self.port = free_port()
        self.env = dict(os.environ, DATABASE_URL=url, WEB_CONCURRENCY=str(workers), WEB_THREADS=str(threads),
                        ACCESS_LOG="/dev/null", APP_ENV="development", RATELIMIT_ENABLED="false",
                        PUBLIC_URL="http://127.0.0.1", **KEYS)
        self._prepare(capacity, people)
        self.proc = None

    def _prepare(self, capacity, people):
        import sqlalchemy as sa
        from flask_migrate import upgrade

        from server import create_app
        from server.accounts import tokens
        from server.accounts.models import User
        from server.events import service as events
        from server.extensions import db

        old = dict(os.environ)
        os.environ.update({k: v for k, v in self.env.items() if k in KEYS or k == "APP_ENV"})
        try:
            app = create_app({"SQLALCHEMY_DATABASE_URI": self.url, "RATELIMIT_ENABLED": False})
        finally:
            os.environ.clear()
            os.environ.update(old)
        with app.app_context():
            if self.url.startswith("postgresql"):
                with db.engine.begin() as conn:
                    conn.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            upgrade()
            volunteer = User(role="volunteer", username="attack-volunteer", display_name="志愿者")
            db.session.add(volunteer)
            db.session.commit()
            self.events = []
            for _ in range(4):
                event = events.create_event({"title": "攻击测试", "kind": "lecture", "place": "工地",
                                             "starts_at": datetime.now(timezone.utc) + timedelta(days=1),
                                             "status": "published", "capacity": capacity}, None)
                events.set_volunteers(event, [volunteer.id])
                self.events.append(event.id)
            self.qr = {eid: [] for eid in self.events}
            for eid in self.events:
                event = db.session.get(events.Event, eid)
                for i in range(people):
                    a, _ = events.register(event, f"工友{i}", f"137{eid:03d}{i:05d}")
                    self.qr[eid].append(a.qr_token)
            db.session.commit()
            with app.test_request_context():
                self.token = tokens.sign_in(volunteer, "header")["access_token"]
            db.engine.dispose()
        self.app = app

    def start(self):
        self.proc = subprocess.Popen([str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "--bind",
                                      f"127.0.0.1:{self.port}",
                                      # Rate limits off: the attack is many clients from one address.
                                      "server:create_app({'RATELIMIT_ENABLED': False})"],
                                     cwd=ROOT, env=self.env, stderr=subprocess.DEVNULL)
        for _ in range(600):
            if self.request("GET", "/healthz", timeout=30)[0] == 200:
                break
            time.sleep(0.1)
        else:
            raise SystemExit("gunicorn did not start")
        # Every worker imports and connects before the attack starts, so the clock measures the attack.
        run_threads(lambda _i: self.request("GET", "/api/v1/events", timeout=60), 16)
        return self

    def stop(self):
        if self.proc:
            self.proc.terminate()
            self.proc.wait(20)

    def workers(self) -> list[int]:
        out = subprocess.run(["pgrep", "-P", str(self.proc.pid)], capture_output=True, text=True).stdout
        return [int(p) for p in out.split()]

    def request(self, method, path, body=None, headers=None, timeout=60):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=json.dumps(body).encode() if body is not None else None,
                         headers={"Content-Type": "application/json", **(headers or {})})
            resp = conn.getresponse()
            raw = resp.read()
            try:
                data = json.loads(raw)
            except ValueError:
                data = None
            return resp.status, data, resp.getheader("Retry-After")
        except (OSError, http.client.HTTPException):
            return 0, None, None
        finally:
            conn.close()

    def until_final(self, tally: Tally, method, path, body=None, headers=None, tries=40):
        """Send as the outbox does until the answer is final; returns (status, body)."""
        for _ in range(tries):
            status, data, retry_after = self.request(method, path, body, headers)
            if status:
                tally.saw(status)
            if status and status not in RETRYABLE:
                return status, data
            time.sleep(min(float(retry_after or 0.2), 2.0))
        return status, data

    def sync(self, tally, ops, device="dev"):
        return self.until_final(tally, "POST", "/api/v1/sync", {"device_id": device, "operations": ops},
                                {"Authorization": f"Bearer {self.token}"})

    def signup(self, tally, event_id, name, phone, key):
        return self.until_final(tally, "POST", f"/api/v1/events/{event_id}/signups", {"name": name, "phone": phone},
                                {"Idempotency-Key": key})

    def rows(self, sql: str, **params) -> list:
        import sqlalchemy as sa
        engine = sa.create_engine(self.url)
        with engine.connect() as conn:
            found = [r[0] for r in conn.execute(sa.text(sql), params)]
        engine.dispose()
        return found

    def count(self, sql: str, **params) -> int:
        import sqlalchemy as sa
        engine = sa.create_engine(self.url)
        with engine.connect() as conn:
            n = conn.execute(sa.text(sql), params).scalar()
        engine.dispose()
        return int(n)


def fold(text: str) -> str:
    return text.translate({ord("０") + d: ord("0") + d for d in range(10)})


def fullwidth(digits: str) -> str:
    return "".join(chr(ord(c) - ord("0") + ord("０")) for c in digits)


def ops_for(target, event_id, order, walkin_every=10, tag="a", start=0, typed=lambda p: p):
    ops, when = [], datetime(2026, 11, 20, 9, tzinfo=timezone.utc)
    for n, i in enumerate(order):
        ops.append({"id": str(uuid.uuid4()), "type": "checkin", "event_id": event_id,
                    "qr_token": target.qr[event_id][i], "device_time": (when + timedelta(seconds=n)).isoformat()})
        if walkin_every and n % walkin_every == walkin_every - 1:
            k = start + n // walkin_every
            ops.append({"id": str(uuid.uuid4()), "type": "walkin", "event_id": event_id, "name": f"现场{k}",
                        "phone": typed(f"136{event_id:03d}{k:05d}"),
                        "device_time": (when + timedelta(seconds=n)).isoformat()})
    return ops


def acknowledged(data) -> list[dict]:
    if not data or "results" not in data:
        return []
    return [r for r in data["results"] if r.get("status") in ("applied", "duplicate")]


# --- scenarios: each returns (acknowledged, in_database, lost, doubled, tally) ---

def signup_retries(url):
    t = Target(url, workers=4, threads=8).start()
    tally, acked, lock = Tally(), set(), threading.Lock()
    eid = t.events[0]
    phones = [f"1350000{i:04d}" for i in range(30)]

    def client(i):
        phone = phones[i % 30]
        typed = fullwidth(phone) if i == 31 else phone  # one person types full-width digits
        key = str(uuid.uuid4())
        statuses = [t.signup(tally, eid, f"工友{i}", typed, key)[0] for _ in range(3)]
        # A fresh key for a phone already signed up is told so (422 already_signed_up), never a second person.
        statuses.append(t.signup(tally, eid, f"工友{i}", typed, str(uuid.uuid4()))[0])
        if {200, 201} & set(statuses):
            with lock:
                acked.add(phone)

    run_threads(client, 40)
    rows = t.count("SELECT count(*) FROM attendees WHERE event_id = :e", e=eid)
    # A full-width copy of a phone has other last digits' code points but is the same person.
    distinct_last = t.count("SELECT count(DISTINCT translate(phone_last4, '０１２３４５６７８９', '0123456789')) "
                            "FROM attendees WHERE event_id = :e", e=eid) if url.startswith("postgresql") else len(
        {fold(r) for r in t.rows("SELECT phone_last4 FROM attendees WHERE event_id = :e", e=eid)})
    t.stop()
    return len(acked), rows, max(0, len(acked) - rows), rows - distinct_last, tally


def capacity(url):
    t = Target(url, workers=4, threads=8, capacity=10).start()
    tally, acked, lock = Tally(), [], threading.Lock()
    eid = t.events[0]

    def client(i):
        status, _ = t.signup(tally, eid, f"工友{i}", f"1340000{i:04d}", str(uuid.uuid4()))
        if status in (200, 201):
            with lock:
                acked.append(i)

    run_threads(client, 30)
    rows = t.count("SELECT count(*) FROM attendees WHERE event_id = :e", e=eid)
    t.stop()
    # Over capacity counts as doubled: places given that did not exist.
    return len(acked), rows, max(0, len(acked) - rows), max(0, rows - 10), tally


def two_devices(url):
    t = Target(url, people=200).start()
    tally, acked_ids, lock = Tally(), set(), threading.Lock()
    for eid in t.events:
        forward = ops_for(t, eid, range(200), tag="a")
        # The second volunteer's phone keyboard types full-width digits: the same walk-ins.
        backward = ops_for(t, eid, reversed(range(200)), tag="b", typed=fullwidth)

        def device(ops, name, eid=eid):
            for _ in range(2):  # sent, then sent again as after a lost answer
                _s, data = t.sync(tally, ops, device=name)
                with lock:
                    acked_ids.update((eid, r.get("attendee_id")) for r in acknowledged(data))

        run_threads(lambda i, forward=forward, backward=backward: device([forward, backward][i], f"dev{i}"), 2)
    checkins = t.count("SELECT count(*) FROM checkins")
    distinct = t.count("SELECT count(DISTINCT attendee_id) FROM checkins")
    walkins = t.count("SELECT count(*) FROM attendees WHERE source <> 'online'")
    walkin_people = len({fold(r) for r in t.rows(
        "SELECT event_id || '-' || phone_last4 FROM attendees WHERE source <> 'online'")})
    t.stop()
    return (len(acked_ids), checkins, max(0, len(acked_ids) - distinct),
            (checkins - distinct) + (walkins - walkin_people), tally)


def kill_worker(url):
    t = Target(url, workers=2, threads=2, people=900).start()
    tally, acked_total, expected, expected_walkins = Tally(), 0, 0, 0
    delays = [0.05, 0.15, 0.3, 0.5, 0.8, 1.2, 2.0]
    for n, delay in enumerate(delays):
        eid = t.events[n % 4]
        order = range((n // 4) * 450, (n // 4) * 450 + 450)
        ops = ops_for(t, eid, order, tag=f"k{n}", start=n * 100)
        box = {}
        sender = threading.Thread(target=lambda box=box, ops=ops: box.update(r=t.request(
            "POST", "/api/v1/sync", {"device_id": "killed", "operations": ops},
            {"Authorization": f"Bearer {t.token}"}, timeout=120)))
        sender.start()
        time.sleep(delay)
        for pid in t.workers():
            os.kill(pid, signal.SIGKILL)
        sender.join()
        if box["r"][0]:
            tally.saw(box["r"][0])
        time.sleep(1.5)  # the master starts new workers
        _s, data = t.sync(tally, ops, device="killed")
        acked_total += len(acknowledged(data))
        expected += len(ops)
        expected_walkins += sum(op["type"] == "walkin" for op in ops)
    checkins = t.count("SELECT count(*) FROM checkins")
    walkins = t.count("SELECT count(*) FROM attendees WHERE source <> 'online'")
    t.stop()
    # Every operation is one check-in (a walk-in makes its person and checks them in).
    return (acked_total, checkins, max(0, acked_total - checkins),
            max(0, checkins - expected) + max(0, walkins - expected_walkins), tally)


def pg_terminate(url):
    import psycopg
    from sqlalchemy.engine import make_url
    t = Target(url, people=300).start()
    tally, acked_signups, acked_checkins, lock = Tally(), set(), set(), threading.Lock()
    u = make_url(url)
    stop = time.monotonic() + 10

    def terminator():
        with psycopg.connect(host=u.host, port=u.port or 5432, user=u.username, dbname="postgres",
                             autocommit=True) as conn:
            while time.monotonic() < stop:
                conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                             "WHERE datname = %s AND pid <> pg_backend_pid()", (u.database,))
                time.sleep(0.3)

    def client(i):
        k = 0
        while time.monotonic() < stop:
            phone = f"1330{i:02d}{k:05d}"
            status, _ = t.signup(tally, t.events[1], "工友", phone, str(uuid.uuid4()))
            if status in (200, 201):
                with lock:
                    acked_signups.add(phone)
            ops = ops_for(t, t.events[0], range(i * 30 + k % 30, i * 30 + k % 30 + 1), walkin_every=0)
            _s, data = t.sync(tally, ops, device=f"d{i}")
            with lock:
                acked_checkins.update(r.get("attendee_id") for r in acknowledged(data))
            k += 1

    killer = threading.Thread(target=terminator)
    killer.start()
    run_threads(client, 10)
    killer.join()
    signups = t.count("SELECT count(*) FROM attendees WHERE event_id = :e", e=t.events[1]) - 300
    checkins = t.count("SELECT count(DISTINCT attendee_id) FROM checkins WHERE event_id = :e", e=t.events[0])
    t.stop()
    acked = len(acked_signups) + len(acked_checkins)
    in_db = signups + checkins
    return acked, in_db, max(0, len(acked_signups) - signups) + max(0, len(acked_checkins) - checkins), \
        max(0, signups - len(acked_signups)), tally


def sqlite_locked(url):
    t = Target(url, people=50).start()
    tally = Tally()
    path = url.split("sqlite:///", 1)[1]
    holder = sqlite3.connect(path, isolation_level=None, timeout=1, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    release = threading.Timer(25.0, lambda: holder.execute("ROLLBACK"))
    release.start()
    ops = ops_for(t, t.events[0], range(50))
    results = {}
    threads = [threading.Thread(target=lambda: results.update(sync=t.sync(tally, ops))),
               threading.Thread(target=lambda: results.update(signup=t.signup(tally, t.events[1], "工友", "13200000001",
                                                                                str(uuid.uuid4()))))]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    release.join()
    holder.close()
    acked = len(acknowledged(results["sync"][1])) + (1 if results["signup"][0] in (200, 201) else 0)
    # The batch's 50 check-ins and 5 walk-ins make 55 check-ins; the sign-up adds one person to the 50.
    in_db = t.count("SELECT count(*) FROM checkins") + t.count(
        "SELECT count(*) FROM attendees WHERE event_id = :e", e=t.events[1]) - 50
    t.stop()
    return acked, in_db, max(0, acked - in_db), max(0, in_db - acked), tally


def run_threads(fn, n):
    """N clients released at the same moment."""
    barrier = threading.Barrier(n)

    def start(i):
        barrier.wait()
        fn(i)

    threads = [threading.Thread(target=start, args=(i,)) for i in range(n)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()


SCENARIOS = {"signup-retries": (signup_retries, "both"), "capacity": (capacity, "both"),
             "two-devices": (two_devices, "both"), "kill-worker": (kill_worker, "both"),
             "pg-terminate": (pg_terminate, "postgresql"), "sqlite-locked": (sqlite_locked, "sqlite")}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--postgres", default=os.environ.get("BENCH_POSTGRES_URL",
                                                        "postgresql+psycopg://postgres@127.0.0.1:5432/gyattack"))
    ap.add_argument("--no-postgres", action="store_true")
    ap.add_argument("--only", nargs="*", choices=sorted(SCENARIOS))
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="attack-")
    rows, bad = [], False
    for name, (fn, where) in SCENARIOS.items():
        if args.only and name not in args.only:
            continue
        for db in ("sqlite", "postgresql"):
            if where not in ("both", db) or (db == "postgresql" and args.no_postgres):
                continue
            if db == "postgresql":
                ensure_database(args.postgres)
                url = args.postgres
            else:
                url = f"sqlite:///{tmp}/{name}.sqlite"
            acked, in_db, lost, doubled, tally = fn(url)
            s503 = tally.status.get(503, 0)
            rows.append((name, db, acked, in_db, lost, doubled, tally.s500, s503))
            bad |= bool(lost or doubled or tally.s500)
            print(f"  {name} on {db}: answers {dict(sorted(tally.status.items()))}", flush=True)
    print()
    print(f"| {'scenario':15s} | {'database':10s} | acknowledged | in database | lost | doubled | 500s | 503s |")
    print(f"|{'-' * 17}|{'-' * 12}|{'-' * 14}|{'-' * 13}|{'-' * 6}|{'-' * 9}|{'-' * 6}|{'-' * 6}|")
    for r in rows:
        print(f"| {r[0]:15s} | {r[1]:10s} | {r[2]:12d} | {r[3]:11d} | {r[4]:4d} | {r[5]:7d} | {r[6]:4d} | {r[7]:4d} |")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
