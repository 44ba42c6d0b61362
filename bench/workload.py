"""The people a bench plays, against a `cluster.Cluster`: their accounts and events, their requests, and the count.

- `prepare(cluster)`: accounts (staff, lawyers, volunteers), a public event to sign up to, one event per
  volunteer with its roster, made in-process through the services on the cluster's database; access tokens.
- `Client`: one phone or desk (its own loopback address, so per-address limits and nginx see one person each);
  every request timed by endpoint; a write is retried under the same key (Idempotency-Key, an upload's id, a sync
  operation's id) on a timeout, a dropped connection or a 503, honouring Retry-After.
- `Ledger`: every write the bench meant, each with a mark stored in plain text beside it (a sign-up's site, a
  walk-in's name, an application's account, a progress note), and whether the server acknowledged it;
  `count(cluster, ledger)` reads the database and the bucket: each acknowledged write exactly once, none twice.
"""
import asyncio
import io
import json
import random
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import aiohttp

CHECKLIST = {"work_facts_confirmed": True, "arrears_checked": True, "employer_identified": True}
TIMEOUT = 15  # seconds before a client gives up on one try (then retries a write under the same key)


def id_number(n: int) -> str:
    body = "510104" + f"1990{1 + n % 12:02d}{1 + n % 28:02d}" + f"{n % 1000:03d}"
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(body))
    check = (12 - total % 11) % 11
    return body + ("X" if check == 10 else str(check))


def photos(n: int = 8, size=(1280, 960)) -> list[bytes]:
    """Real JPEGs from Pillow (noise: the costly kind to decode), each different."""
    from PIL import Image
    out = []
    for i in range(n):
        img = Image.effect_noise(size, 30 + i).convert("RGB")
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=85)
        out.append(buf.getvalue())
    return out


def multipart(fields: dict, data: bytes) -> tuple[bytes, str]:
    from werkzeug.datastructures import FileStorage
    from werkzeug.test import encode_multipart
    boundary, body = encode_multipart({**fields, "file": FileStorage(io.BytesIO(data), "photo.jpg",
                                                                     content_type="image/jpeg")})
    return body, f"multipart/form-data; boundary={boundary}"


@dataclass
class World:
    public_event: int
    staff: list[tuple[int, str]]
    lawyers: list[tuple[int, str]]
    volunteers: list[tuple[int, str, int, list[str]]]  # (user id, token, event id, unused QR tokens)


def prepare(cluster, staff=4, lawyers=8, volunteers=10, roster=300) -> World:
    import os
    os.environ.update(cluster.env)
    from server import create_app
    from server.accounts import tokens
    from server.accounts.models import User
    from server.events import service as events
    from server.events.signups import register
    from server.extensions import db
    from server.offices.scope import default_office_id

    app = create_app()
    with app.app_context():
        office = default_office_id()
        made = {}
        for role, n in (("staff", staff), ("lawyer", lawyers), ("volunteer", volunteers)):
            made[role] = [User(role=role, username=f"bench-{role}-{i}-{uuid.uuid4().hex[:6]}",
                               display_name=f"{role}{i}", office_id=office, active=True) for i in range(n)]
            for user in made[role]:
                if role == "lawyer":
                    user.office_phone = "028-85550000"
                db.session.add(user)
        db.session.commit()
        when = datetime.now(timezone.utc) + timedelta(days=3)
        public = events.create_event({"title": "工地普法讲座", "kind": "lecture", "place": "幸福里工地",
                                      "starts_at": when, "status": "published"}, made["staff"][0].id)
        vols = []
        for i, user in enumerate(made["volunteer"]):
            event = events.create_event({"title": f"签到活动{i}", "kind": "lecture", "place": "工地",
                                         "starts_at": when, "status": "published"}, made["staff"][0].id)
            events.set_volunteers(event, [user.id])
            qr = [register(event, f"工友{j}", f"13{i:03d}{j:06d}", enforce_capacity=False)[0].qr_token
                  for j in range(roster)]
            db.session.commit()
            vols.append((user.id, event.id, qr))
        with app.test_request_context():
            def token(u):
                return tokens.sign_in(u, "header")["access_token"]
            world = World(public.id, [(u.id, token(u)) for u in made["staff"]],
                          [(u.id, token(u)) for u in made["lawyer"]],
                          [(uid, token(db.session.get(User, uid)), eid, qr) for uid, eid, qr in vols])
        db.engine.dispose()
    return world


@dataclass
class Ledger:
    """Writes meant: kind → mark → acknowledged? (a mark once acknowledged stays so)."""

    writes: dict = field(default_factory=lambda: defaultdict(dict))

    def meant(self, kind: str, mark: str) -> None:
        self.writes[kind].setdefault(mark, False)

    def acked(self, kind: str, mark: str) -> None:
        self.writes[kind][mark] = True


class Stats:
    def __init__(self):
        self.times: dict[str, list[float]] = defaultdict(list)
        self.status: dict[str, Counter] = defaultdict(Counter)
        self.started = time.perf_counter()
        self.trouble: list[tuple[float, str, object]] = []  # (monotonic time, endpoint, 5xx / timeout / dropped)

    def add(self, name: str, status, seconds: float) -> None:
        self.status[name][status] += 1
        if not isinstance(status, int) or status >= 500:
            self.trouble.append((time.monotonic(), name, status))
        if isinstance(status, int) and status < 500:
            self.times[name].append(seconds)

    def count(self, pred) -> int:
        return sum(n for c in self.status.values() for s, n in c.items() if pred(s))


class Client:
    """One person: a session from its own loopback address to one base URL (or alternating over several)."""

    def __init__(self, n: int, bases: list[str], stats: Stats, token: str | None = None, pace: float = 2.2):
        self.n, self.bases, self.stats, self.token = n, bases, stats, token
        self.addr = f"127.{10 + n // 250}.{n % 250 // 250 + 1}.{n % 250 + 1}"
        self.turn, self.pace, self.last_submission = 0, pace, 0.0
        self.session: aiohttp.ClientSession | None = None

    async def __aenter__(self):
        conn = aiohttp.TCPConnector(local_addr=(self.addr, 0), limit=4, force_close=False)
        self.session = aiohttp.ClientSession(connector=conn)
        return self

    async def __aexit__(self, *_):
        await self.session.close()

    def base(self) -> str:
        self.turn += 1
        return self.bases[self.turn % len(self.bases)]

    async def submission_turn(self) -> None:
        """A phone sends at most ~27 submissions a minute (the per-address limit is 30)."""
        wait = self.last_submission + self.pace - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        self.last_submission = time.monotonic()

    async def call(self, method: str, path: str, name: str, *, body=None, json_body=None, ctype=None, headers=None,
                   write=False, tries=6, timeout=TIMEOUT, base=None):
        """(status, parsed JSON or bytes); a write is tried again under the same key until answered (not 503)."""
        hdrs = dict(headers or {})
        if self.token:
            hdrs["Authorization"] = f"Bearer {self.token}"
        if json_body is not None:
            body, ctype = json.dumps(json_body).encode(), "application/json"
        if ctype:
            hdrs["Content-Type"] = ctype
        status, data = None, None
        for attempt in range(tries if write else 2):
            if write:
                await self.submission_turn()
            url = (base or self.base()) + path
            t0 = time.perf_counter()
            try:
                async with self.session.request(method, url, data=body, headers=hdrs,
                                                timeout=aiohttp.ClientTimeout(total=timeout)) as resp:
                    raw = await resp.read()
                    status, retry_after = resp.status, resp.headers.get("Retry-After")
            except (asyncio.TimeoutError, aiohttp.ClientError, OSError) as exc:
                self.stats.add(name, "timeout" if isinstance(exc, asyncio.TimeoutError) else "dropped",
                               time.perf_counter() - t0)
                await asyncio.sleep(min(8, 0.5 * 2 ** attempt) * random.uniform(0.5, 1.5))
                continue
            self.stats.add(name, status if status != 503 or retry_after else "503 without Retry-After",
                           time.perf_counter() - t0)
            if status == 503 or (status >= 500 and write):
                await asyncio.sleep(min(10, float(retry_after or 1)) * random.uniform(0.8, 1.2))
                continue
            try:
                data = json.loads(raw) if raw[:1] in (b"{", b"[") else raw
            except ValueError:
                data = raw
            return status, data
        return status, data


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def report(stats: Stats, seconds: float, cores: int, label: str, servers: int = 1) -> dict:
    rows, total = [], 0
    for name in sorted(stats.status):
        n = sum(stats.status[name].values())
        total += n
        statuses = ", ".join(f"{s}×{c}" for s, c in sorted(stats.status[name].items(), key=lambda kv: str(kv[0])))
        t = stats.times[name]
        rows.append(f"  {name:24s} {n / seconds:7.1f}/s  p50 {percentile(t, 50) * 1000:6.0f} ms  "
                    f"p99 {percentile(t, 99) * 1000:6.0f} ms  [{statuses}]")
    rps = total / seconds
    print(f"{label}: {total} requests in {seconds:.0f} s = {rps:.1f} req/s, {rps / cores:.1f} per core, "
          f"{rps / servers:.1f} per server ({servers} server(s) on {cores} cores)")
    print("\n".join(rows))
    return {"rps": rps}


def count(cluster, ledger: Ledger) -> dict:
    """Each meant write in the database: acknowledged ones exactly once (else missing), none twice (doubled)."""
    import psycopg
    out = {}
    queries = {
        "signup": "SELECT site, count(*) FROM attendees WHERE site = ANY(%s) GROUP BY site",
        "walkin": "SELECT name, count(*) FROM attendees WHERE name = ANY(%s) GROUP BY name",
        "checkin": "SELECT operation_id, count(*) FROM checkins WHERE operation_id = ANY(%s) GROUP BY operation_id",
        "application": "SELECT account, count(*) FROM aid_applications WHERE account = ANY(%s) GROUP BY account",
        "upload": "SELECT id, count(*) FROM uploads WHERE id = ANY(%s) GROUP BY id",
        "move": "SELECT detail->>'note', count(*) FROM aid_timeline WHERE detail->>'note' = ANY(%s) GROUP BY 1",
    }
    with psycopg.connect(f"host=127.0.0.1 port={cluster.pg_port} user=postgres dbname=gongyou") as conn:
        for kind, marks in ledger.writes.items():
            found = dict(conn.execute(queries[kind], (list(marks),)).fetchall())
            acked = [m for m, a in marks.items() if a]
            out[kind] = {"meant": len(marks), "acknowledged": len(acked),
                         "stored": sum(1 for m in marks if found.get(m)),
                         "missing": sum(1 for m in acked if not found.get(m)),
                         "doubled": sum(1 for m in marks if found.get(m, 0) > 1)}
    return out


def print_counts(counts: dict) -> bool:
    ok = True
    print(f"  {'write':12s} {'meant':>7s} {'acked':>7s} {'stored':>7s} {'missing':>8s} {'doubled':>8s}")
    for kind, c in counts.items():
        ok &= c["missing"] == 0 and c["doubled"] == 0
        print(f"  {kind:12s} {c['meant']:7d} {c['acknowledged']:7d} {c['stored']:7d} {c['missing']:8d} "
              f"{c['doubled']:8d}")
    return ok


# --- what people do (each returns what the next step or a check needs) ------------------------------------------

_phones = iter(range(10**8))


def mark(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex[:16]}"


async def sign_up(c: Client, ledger: Ledger, event_id: int, **kw) -> dict | None:
    site = mark("S")
    ledger.meant("signup", site)
    status, data = await c.call("POST", f"/api/v1/events/{event_id}/signups", "POST signups", write=True,
                                json_body={"name": "张工友", "phone": f"15{next(_phones):09d}", "site": site},
                                headers={"Idempotency-Key": str(uuid.uuid4())}, **kw)
    if status in (200, 201):
        ledger.acked("signup", site)
        return data
    return None


def sync_ops(event_id: int, qr: list[str], checkins: int, walkins: int) -> list[dict]:
    start = datetime.now(timezone.utc) - timedelta(minutes=5)
    ops = []
    for i in range(checkins + walkins):
        when = (start + timedelta(seconds=i)).isoformat()
        base = {"id": str(uuid.uuid4()), "event_id": event_id, "device_time": when}
        if i < checkins and qr:
            ops.append(base | {"type": "checkin", "qr_token": qr.pop()})
        else:
            ops.append(base | {"type": "walkin", "name": mark("W"), "phone": f"16{next(_phones):09d}"})
    return ops


async def sync(c: Client, ledger: Ledger, ops: list[dict], device: str, **kw) -> dict | None:
    for op in ops:
        ledger.meant(*(("checkin", op["id"]) if op["type"] == "checkin" else ("walkin", op["name"])))
    status, data = None, None
    for _ in range(4):  # 409 sync_busy: another batch of this device still running
        status, data = await c.call("POST", "/api/v1/sync", "POST sync", write=True, timeout=60,
                                    json_body={"device_id": device, "operations": ops}, **kw)
        if status != 409:
            break
        await asyncio.sleep(1)
    if status != 200:
        return None
    done = {r["id"] for r in data["results"] if r["status"] in ("applied", "duplicate")}
    for op in ops:
        if op["id"] in done:
            ledger.acked(*(("checkin", op["id"]) if op["type"] == "checkin" else ("walkin", op["name"])))
    return data


async def apply(c: Client, ledger: Ledger, pics: list[bytes], photos: int = 2, **kw) -> dict | None:
    """Two photos (uploads under the submission's key), then the application naming them."""
    key, ids = str(uuid.uuid4()), []
    for i, data in enumerate(random.sample(pics, photos)):
        upload_id = str(uuid.uuid4())
        ledger.meant("upload", upload_id)
        body, ctype = multipart({"id": upload_id, "submission_id": key, "label": "欠条" if i else "工地照片"}, data)
        status, _ = await c.call("POST", "/api/v1/uploads", "POST uploads", body=body, ctype=ctype, write=True, **kw)
        if status not in (200, 201):
            return None
        ledger.acked("upload", upload_id)
        ids.append(upload_id)
    account = mark("A") + " 老板欠了三个月工资，一直拖着不给。"
    ledger.meant("application", account)
    n = next(_phones)
    status, data = await c.call("POST", "/api/v1/applications", "POST applications", write=True,
                                headers={"Idempotency-Key": key}, json_body={
                                    "case_type": "wages", "account": account, "employer_name": "李老板",
                                    "site": "幸福里工地", "city": "成都市", "started_on": "2026-03-01",
                                    "amount_owed_fen": 2_400_000, "applicant_name": "张三", "phone": f"17{n:09d}",
                                    "id_number": id_number(n), "consent_privacy": True, "consent_sensitive": True,
                                    "honesty_commitment": True, "upload_ids": ids}, **kw)
    if status in (200, 201):
        ledger.acked("application", account)
        return data | {"upload_ids": ids}
    return None


MOVE_FIELDS = {"accept": lambda _: {"checklist": CHECKLIST}, "approve": lambda _: {},
               "assign": lambda lawyer: {"lawyer_id": lawyer}, "lawyer_accept": None,
               "progress": lambda _: {"kind": "mediation"}}


async def move(c: Client, ledger: Ledger, case_id: int, action: str, lawyer: int | None = None, **kw):
    body = {"action": action}
    if MOVE_FIELDS[action] is not None:
        note = mark("N")
        ledger.meant("move", note)
        body |= MOVE_FIELDS[action](lawyer) | {"note": note}
    status, data = await c.call("POST", f"/api/v1/cases/{case_id}/actions", f"POST case {action}", write=True,
                                json_body=body, headers={"Idempotency-Key": str(uuid.uuid4())}, **kw)
    if status in (200, 201) and "note" in body:
        ledger.acked("move", body["note"])
    return status, data


def objects(cluster) -> dict:
    """Upload rows against the bucket: dangling (a row whose object is gone), orphaned (an object no row names)."""
    import psycopg
    with psycopg.connect(f"host=127.0.0.1 port={cluster.pg_port} user=postgres dbname=gongyou") as conn:
        rows = conn.execute("SELECT image_key, thumb_key, application_id FROM uploads").fetchall()
    named = {k for row in rows for k in row[:2]}
    keys = cluster.bucket_keys()
    return {"rows": len(rows), "attached": sum(1 for r in rows if r[2] is not None), "objects": len(keys),
            "dangling": len(named - keys), "orphaned": len(keys - named)}


def texts(cluster, wait: float = 60) -> dict:
    """The texts the app queued (aid_notifications) against what the SMS sender was handed, once the queue is idle."""
    import psycopg
    deadline = time.time() + wait
    while True:
        with psycopg.connect(f"host=127.0.0.1 port={cluster.pg_port} user=postgres dbname=gongyou") as conn:
            by = dict(conn.execute("SELECT status, count(*) FROM aid_notifications GROUP BY status").fetchall())
        if not set(by) - {"sent"} or time.time() > deadline:
            break
        time.sleep(1)
    path = cluster.tmp / "sms.log"
    lines = [x for x in path.read_text().split("\n") if x and x != "code"] if path.exists() else []
    return {"queued": sum(by.values()), "sent": by.get("sent", 0), "not_sent": sum(by.values()) - by.get("sent", 0),
            "handed_to_sms": len(lines), "sent_twice": len(lines) - len(set(lines))}
