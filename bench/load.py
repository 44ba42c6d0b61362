"""200 people at once for a fixed time, against one app server and then two behind nginx, in one run.

    .venv/bin/python bench/load.py [--seconds 60] [--clients 200] [--yard-seconds 20]

On a private deployment of this run (bench/cluster.py), concurrent asyncio clients, each from its own loopback
address (so per-address limits and nginx see one phone each): workers reading cards and signing up to an event,
workers applying with two photos (real JPEGs), volunteers syncing check-in batches, staff working the inbox
(accept, approve, assign) and lawyers moving their cases (accept the assignment, record progress, download the
case's papers). A write is retried under the same key on a timeout, a dropped connection or a 503 (after its
Retry-After); submissions are paced under the per-address limit (30 a minute) as a phone would be.
Phases, each --seconds long: the app on instance A alone, then A and B behind nginx. Before them, the yardstick:
a bare Flask "hello" under the same gunicorn settings, hit by the same clients. Printed: throughput and p50/p99
per endpoint, requests per second per core and per server, the CPU the client itself used. Then every write the
clients meant is counted in the database: each acknowledged one exactly once, none twice; photo rows against
the bucket; texts queued against texts sent. Exit 1 if any check fails.
"""
import argparse
import asyncio
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import workload as w  # noqa: E402
from bench.cluster import BIN, Cluster, free_port, interrupted_cleanly, wait_port  # noqa: E402

MIX = {"reader": 0.45, "applicant": 0.15, "volunteer": 0.10, "staff": 0.10, "lawyer": 0.20}


def yardstick():
    """The app gunicorn serves as "bench.load:yardstick()": hello, nothing else."""
    from flask import Flask
    app = Flask("yardstick")

    @app.get("/api/v1/hello")
    def hello():
        return {"hello": "工友"}

    return app


def machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of the whole machine so far."""
    fields = [float(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


class Phase:
    """One timed run of the people against `bases`, sharing the ledger; `think` seconds between one's requests."""

    def __init__(self, world: w.World, bases: list[str], seconds: float, ledger: w.Ledger, pics: list[bytes],
                 clients: int, think: float = 0.0):
        self.world, self.bases, self.seconds, self.ledger, self.pics = world, bases, seconds, ledger, pics
        self.clients, self.think, self.stats = clients, think, w.Stats()
        self.slugs: list[str] = []

    async def pause(self) -> None:
        if self.think:
            await asyncio.sleep(random.uniform(0.5, 1.5) * self.think)

    async def reader(self, c: w.Client, n: int) -> None:
        status, page = await c.call("GET", "/api/v1/cards", "GET cards")
        if status == 200 and isinstance(page, dict):
            self.slugs = self.slugs or [card["slug"] for card in page.get("items", [])]
        if self.slugs:
            await c.call("GET", f"/api/v1/cards/{random.choice(self.slugs)}", "GET card")
        if n % 3 == 0:
            signup = await w.sign_up(c, self.ledger, self.world.public_event)
            if signup:
                await c.call("GET", f"/api/v1/signups/{signup['qr_token']}", "GET signup")

    async def applicant(self, c: w.Client, n: int) -> None:
        await w.apply(c, self.ledger, self.pics)

    async def volunteer(self, c: w.Client, n: int) -> None:
        _uid, _token, event, qr = self.world.volunteers[c.n % len(self.world.volunteers)]
        await w.sync(c, self.ledger, w.sync_ops(event, qr, 10, 2), f"bench-{c.n}")
        if n % 5 == 0:
            await c.call("GET", f"/api/v1/events/{event}/roster", "GET roster")

    async def staff(self, c: w.Client, n: int) -> None:
        status, page = await c.call("GET", "/api/v1/cases?filter=new&page_size=50", "GET cases (inbox)")
        if n % 4 == 0:
            await c.call("GET", "/api/v1/cases/figures", "GET cases/figures")
        if status != 200:
            return
        staff_count = len(self.world.staff)
        mine = [row["id"] for row in page["items"] if row["id"] % staff_count == c.n % staff_count]
        if not mine:
            return
        case = random.choice(mine)
        await c.call("GET", f"/api/v1/cases/{case}", "GET case")
        for action in ("accept", "approve", "assign"):
            lawyer = random.choice(self.world.lawyers)[0]
            status, _ = await w.move(c, self.ledger, case, action, lawyer)
            if status != 200:
                return

    async def lawyer(self, c: w.Client, n: int) -> None:
        status, page = await c.call("GET", "/api/v1/cases?filter=all&page_size=50", "GET cases (lawyer)")
        if status != 200 or not page["items"]:
            return
        rows = page["items"]
        waiting = [r["id"] for r in rows if r["stage"] == "assigned"]
        working = [r["id"] for r in rows if r["stage"] in ("lawyer_accepted", "in_progress")]
        if waiting:
            await w.move(c, self.ledger, waiting[0], "lawyer_accept")
        elif working:
            case = random.choice(working)
            await c.call("GET", f"/api/v1/cases/{case}", "GET case")
            await w.move(c, self.ledger, case, "progress")
            if n % 4 == 0:
                fmt = "docx" if n % 8 else "pdf"
                await c.call("GET", f"/api/v1/cases/{case}/documents/aid_application.{fmt}", f"GET document {fmt}",
                             timeout=60)

    async def person(self, role: str, n: int, deadline: float) -> None:
        token = {"staff": self.world.staff, "lawyer": self.world.lawyers}.get(role)
        token = token[n % len(token)][1] if token else (
            self.world.volunteers[n % len(self.world.volunteers)][1] if role == "volunteer" else None)
        pace = 2.2 if role in ("reader", "applicant", "volunteer") else 0
        async with w.Client(n, self.bases, self.stats, token=token, pace=pace) as c:
            await asyncio.sleep(random.uniform(0, 2))  # not all at the same instant
            i = 0
            while time.monotonic() < deadline:
                await getattr(self, role)(c, i)
                i += 1
                await self.pause()

    async def run(self) -> float:
        roles = [role for role, share in MIX.items() for _ in range(round(share * self.clients))]
        deadline = time.monotonic() + self.seconds
        t0 = time.monotonic()
        await asyncio.gather(*(self.person(role, n, deadline) for n, role in enumerate(roles)))
        return time.monotonic() - t0


async def hello_phase(base: str, seconds: float, clients: int) -> tuple[w.Stats, float]:
    stats = w.Stats()
    deadline = time.monotonic() + seconds

    async def one(n):
        async with w.Client(n, [base], stats) as c:
            while time.monotonic() < deadline:
                await c.call("GET", "/api/v1/hello", "GET hello (yardstick)")

    t0 = time.monotonic()
    await asyncio.gather(*(one(n) for n in range(clients)))
    return stats, time.monotonic() - t0


def serve_yardstick(c: Cluster):
    import subprocess
    port = free_port()
    env = c.env | {"PROMETHEUS_MULTIPROC_DIR": str(c.tmp / "metrics-yard")}
    Path(env["PROMETHEUS_MULTIPROC_DIR"]).mkdir(exist_ok=True)
    proc = c._spawn("yardstick", [BIN / "gunicorn", "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
                                  "bench.load:yardstick()"], env=env)
    wait_port(port, proc, what="the yardstick")
    assert isinstance(proc, subprocess.Popen)
    return port


def seed_cases(c: Cluster, world: w.World, per_lawyer: int, pics: list[bytes]) -> None:
    """Cases already with each lawyer when the clock starts (applied over HTTP, then put straight at `assigned`)."""
    import psycopg
    ledger, stats = w.Ledger(), w.Stats()

    async def one(n):
        async with w.Client(1000 + n, [f"http://127.0.0.1:{c.a}"], stats, pace=0) as client:
            return await w.apply(client, ledger, pics, photos=0)

    async def all_of_them():
        return await asyncio.gather(*(one(n) for n in range(per_lawyer * len(world.lawyers))))

    made = [r for r in asyncio.run(all_of_them()) if r]
    with psycopg.connect(f"host=127.0.0.1 port={c.pg_port} user=postgres dbname=gongyou") as conn:
        for i, case in enumerate(made):
            conn.execute("UPDATE aid_applications SET stage = 'assigned', lawyer_id = %s WHERE id = %s",
                         (world.lawyers[i % len(world.lawyers)][0], case["id"]))


def verify(c: Cluster, ledger: w.Ledger) -> bool:
    print("exactly once, counted in the database:")
    ok = w.print_counts(w.count(c, ledger))
    objs = w.objects(c)
    ok_objs = objs["dangling"] == 0 and objs["orphaned"] == 0
    print(f"photos: {objs['rows']} rows ({objs['attached']} attached to an application), {objs['objects']} objects "
          f"in the bucket, {objs['dangling']} rows without their objects, {objs['orphaned']} objects without a row")
    sms = w.texts(c)
    ok_sms = sms["not_sent"] == 0 and sms["sent_twice"] == 0 and sms["handed_to_sms"] == sms["sent"]
    print(f"texts (jobs): {sms['queued']} queued, {sms['sent']} sent, {sms['not_sent']} not sent, "
          f"{sms['handed_to_sms']} handed to the SMS sender, {sms['sent_twice']} twice")
    return ok and ok_objs and ok_sms


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--yard-seconds", type=float, default=20)
    ap.add_argument("--clients", type=int, default=200)
    args = ap.parse_args()
    cores = os.cpu_count() or 1
    print(f"{cores} cores, load average {os.getloadavg()[0]:.1f} at start; {args.clients} clients "
          f"({', '.join(f'{int(s * 100)}% {r}s' for r, s in MIX.items())}), {args.seconds:.0f} s per phase")
    ledger, pics, failed = w.Ledger(), w.photos(8), False
    with interrupted_cleanly(), Cluster(job_workers=1) as c:
        print(c.describe(), flush=True)
        world = w.prepare(c, staff=max(1, args.clients // 10), lawyers=max(1, args.clients // 5),
                          volunteers=max(1, args.clients // 10), roster=300)
        seed_cases(c, world, 2, pics)
        port = serve_yardstick(c)
        before = machine_busy()
        time.sleep(3)
        after = machine_busy()
        print(f"before the phases, with this run idle: machine CPU busy "
              f"{(after[0] - before[0]) / max(1.0, after[1] - before[1]) * 100:.0f}% (others' work on the shared "
              f"machine)", flush=True)
        results = []
        for label, bases, servers, seconds in (
                ("yardstick: bare Flask hello, one gunicorn", [f"http://127.0.0.1:{port}"], 1, args.yard_seconds),
                ("the app on instance A alone", [f"http://127.0.0.1:{c.a}"], 1, args.seconds),
                ("the app on A and B behind nginx", [f"http://127.0.0.1:{c.lb}"], 2, args.seconds)):
            cpu0, busy0 = os.times(), machine_busy()
            if label.startswith("yardstick"):
                stats, elapsed = asyncio.run(hello_phase(bases[0], seconds, args.clients))
                c._stop("yardstick")
            else:
                phase = Phase(world, bases, seconds, ledger, pics, args.clients)
                elapsed = asyncio.run(phase.run())
                stats = phase.stats
            cpu1, busy1 = os.times(), machine_busy()
            client_cpu = (cpu1.user + cpu1.system) - (cpu0.user + cpu0.system)
            busy = (busy1[0] - busy0[0]) / max(1.0, busy1[1] - busy0[1])
            print()
            results.append(w.report(stats, elapsed, cores, label, servers))
            print(f"  machine CPU busy {busy * 100:.0f}%; the load client itself used {client_cpu / elapsed:.2f} "
                  f"of {cores} cores")
            fives = stats.count(lambda s: isinstance(s, int) and s >= 500 and s != 503)
            if fives:
                print(f"  FAIL: {fives} answers 5xx other than 503")
                failed = True
        print(f"\nthe app per server: one instance {results[1]['rps']:.1f} req/s "
              f"({results[1]['rps'] / results[0]['rps'] * 100:.1f}% of the yardstick's {results[0]['rps']:.0f}); "
              f"two behind nginx {results[2]['rps']:.1f} req/s in all on the same {cores} cores")
        time.sleep(2)
        if not verify(c, ledger):
            failed = True
    print("FAIL" if failed else "PASS: every acknowledged write exactly once, no 500")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
