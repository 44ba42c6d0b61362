"""Two app servers share nothing but PostgreSQL, Redis and S3: one client's requests alternate between them.

    .venv/bin/python bench/two_instances.py

On a private deployment of this run (bench/cluster.py: its own PostgreSQL, Redis, moto S3, two gunicorn
instances A and B, nginx in front of both), twice — first with the client alternating between A and B
directly, then with every request through nginx — a worker signs up to an event, a volunteer syncs a
1,000-operation check-in batch (and sends it again, as after a dropped answer), a worker applies with two
photos (each upload and the application sent again under the same key, to the other instance), staff move
the case (accept, approve, assign; each sent twice), the lawyer accepts it, and the case's papers are downloaded
as Word and PDF. After each write a read on the other instance must see it. At the end the database is
counted: each write landed exactly once; every photo row has its objects in the bucket and no object lacks a
row; every text queued was handed to the SMS sender once. A pass/fail table; exit 1 on any failure.
"""
import asyncio
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import workload as w  # noqa: E402
from bench.cluster import Cluster, interrupted_cleanly  # noqa: E402


class Checks:
    def __init__(self):
        self.rows: list[tuple[str, str, bool, str]] = []

    def __call__(self, route: str, what: str, ok: bool, detail: str = "") -> bool:
        self.rows.append((route, what, bool(ok), detail))
        print(f"  {'PASS' if ok else 'FAIL'}  {what}{'  — ' + detail if detail else ''}", flush=True)
        return bool(ok)


async def scenario(route: str, x: str, y: str, world: w.World, vol: tuple, stats: w.Stats, ledger: w.Ledger,
                   check: Checks, pics: list[bytes]) -> None:
    """X and y: the instance a write goes to and the other one (both nginx's address when through the balancer)."""
    worker = w.Client(1, [x, y], stats)
    staff = w.Client(2, [x, y], stats, token=world.staff[0][1], pace=0)
    lawyer = w.Client(3, [x, y], stats, token=world.lawyers[0][1], pace=0)
    volunteer = w.Client(4, [x, y], stats, token=vol[1], pace=0)
    worker.pace = 0
    async with worker, staff, lawyer, volunteer:
        # 1. A sign-up, sent again under its key to the other instance; the other instance reads it by its token.
        key, site = str(uuid.uuid4()), w.mark("S")
        ledger.meant("signup", site)
        body = {"name": "张工友", "phone": f"15{next(w._phones):09d}", "site": site}
        answers = [await worker.call("POST", f"/api/v1/events/{world.public_event}/signups", "POST signups",
                                     json_body=body, headers={"Idempotency-Key": key}, write=True, base=b)
                   for b in (x, y)]
        ok = answers[0][0] == 201 and answers[1][0] == 201 and answers[0][1]["attendee_id"] == answers[1][1][
            "attendee_id"]
        if ok:
            ledger.acked("signup", site)
        check(route, "sign-up, retried on the other instance: one attendee", ok, f"{answers[0][0]}, {answers[1][0]}")
        if ok:
            status, seen = await worker.call("GET", f"/api/v1/signups/{answers[0][1]['qr_token']}", "GET signup",
                                             base=y)
            check(route, "the other instance reads the sign-up", status == 200 and seen["attendee_id"] ==
                  answers[0][1]["attendee_id"], str(status))

        # 2. 1,000 check-in operations (900 by QR, 100 walk-ins), the same batch again on the other instance.
        ops = w.sync_ops(vol[2], vol[3], 900, 100)
        first = await w.sync(volunteer, ledger, ops, "bench-device", base=x)
        again = await w.sync(volunteer, ledger, ops, "bench-device", base=y)
        check(route, "1,000-op sync: all applied", first and first["counts"] == {"applied": 1000},
              str(first and first["counts"]))
        check(route, "the same batch on the other instance: each op's first answer, marked replayed", again and first
              and [r | {"replayed": True} for r in first["results"]] == again["results"],
              str(again and again["counts"]))
        status, head = await volunteer.call("GET", f"/api/v1/events/{vol[2]}/headcount", "GET headcount", base=x)
        check(route, "the other instance counts them", status == 200 and head["walk_ins"] >= 100 and
              head["checked_in"] >= 1000, str(head))

        # 3. Two photos and the application, each sent twice (to x, then to y) under the same key.
        submission, ids = str(uuid.uuid4()), []
        for i, data in enumerate(pics[:2]):
            upload_id = str(uuid.uuid4())
            ledger.meant("upload", upload_id)
            part, ctype = w.multipart({"id": upload_id, "submission_id": submission, "label": f"照片{i}"}, data)
            sent = [await worker.call("POST", "/api/v1/uploads", "POST uploads", body=part, ctype=ctype, write=True,
                                      base=b) for b in (x, y)]
            ok = all(s in (200, 201) for s, _ in sent)
            if ok:
                ledger.acked("upload", upload_id)
            check(route, f"photo {i + 1} uploaded, retried on the other instance", ok, f"{sent[0][0]}, {sent[1][0]}")
            ids.append(upload_id)
        account = w.mark("A") + " 老板欠了三个月工资。"
        ledger.meant("application", account)
        n = next(w._phones)
        form = {"case_type": "wages", "account": account, "employer_name": "李老板", "site": "幸福里工地",
                "city": "成都市", "started_on": "2026-03-01", "amount_owed_fen": 2_400_000, "applicant_name": "张三",
                "phone": f"17{n:09d}", "id_number": w.id_number(n), "consent_privacy": True,
                "consent_sensitive": True, "honesty_commitment": True, "upload_ids": ids}
        sent = [await worker.call("POST", "/api/v1/applications", "POST applications", json_body=form, write=True,
                                  headers={"Idempotency-Key": submission}, base=b) for b in (x, y)]
        ok = sent[0][0] == 201 and sent[1][0] == 201 and sent[0][1]["code"] == sent[1][1]["code"]
        if ok:
            ledger.acked("application", account)
        check(route, "application, retried on the other instance: one code", ok, f"{sent[0][0]}, {sent[1][0]}")
        if not ok:
            return
        case = sent[0][1]["id"]
        status, view = await staff.call("GET", f"/api/v1/cases/{case}", "GET case", base=y)
        check(route, "staff read it on the other instance, with both photos", status == 200 and sorted(
            e["id"] for e in view.get("evidence", [])) == sorted(ids), str(status))
        status, image = await staff.call("GET", f"/api/v1/uploads/{ids[0]}", "GET upload", base=x)
        check(route, "a photo comes back from the bucket", status == 200 and bytes(image[:3]) == b"\xff\xd8\xff",
              str(status))

        # 4. Moves, each sent twice (x then y) under one key; the other instance reads the stage.
        for who, action, stage in ((staff, "accept", "accepted"), (staff, "approve", "approved"),
                                   (staff, "assign", "assigned"), (lawyer, "lawyer_accept", "lawyer_accepted")):
            fields = w.MOVE_FIELDS[action]
            body = {"action": action} | ({} if fields is None else fields(world.lawyers[0][0]) | {"note": w.mark("N")})
            if "note" in body:
                ledger.meant("move", body["note"])
            key = str(uuid.uuid4())
            sent = [await who.call("POST", f"/api/v1/cases/{case}/actions", f"POST case {action}", json_body=body,
                                   headers={"Idempotency-Key": key}, write=True, base=b) for b in (x, y)]
            ok = [s for s, _ in sent] == [200, 200]
            if ok and "note" in body:
                ledger.acked("move", body["note"])
            status, view = await who.call("GET", f"/api/v1/cases/{case}", "GET case", base=y)
            check(route, f"{action}, retried on the other instance; the other reads stage {stage}",
                  ok and status == 200 and view["stage"] == stage, f"{[s for s, _ in sent]}, {view.get('stage')}")

        # 5. The case's papers, one format from each instance.
        for fmt, magic, base in (("docx", b"PK", x), ("pdf", b"%PDF", y)):
            status, doc = await lawyer.call("GET", f"/api/v1/cases/{case}/documents/aid_application.{fmt}",
                                            f"GET document {fmt}", base=base, timeout=60)
            check(route, f"document download ({fmt})", status == 200 and bytes(doc[:len(magic)]) == magic, str(status))


def main() -> int:
    check, stats, ledger = Checks(), w.Stats(), w.Ledger()
    t0 = time.time()
    with interrupted_cleanly(), Cluster(job_workers=1) as c:
        print(c.describe(), flush=True)
        world = w.prepare(c, staff=1, lawyers=1, volunteers=2, roster=900)
        pics = w.photos(2)
        a, b, lb = (f"http://127.0.0.1:{p}" for p in (c.a, c.b, c.lb))
        for route, x, y, vol in (("A↔B", a, b, world.volunteers[0]), ("nginx", lb, lb, world.volunteers[1])):
            print(f"{route}: {'alternating between instance A and instance B' if x != y else 'through nginx'}")
            asyncio.run(scenario(route, x, y, world, vol, stats, ledger, check, pics))
        print("in the database:")
        ok = w.print_counts(w.count(c, ledger))
        check("db", "each write stored exactly once", ok)
        objs = w.objects(c)
        check("db", "photos: every row's objects in the bucket, no object without a row",
              objs["dangling"] == 0 and objs["orphaned"] == 0 and objs["rows"] == 4, str(objs))
        sms = w.texts(c)
        check("jobs", "every text queued went to the SMS sender once", sms["not_sent"] == 0 and
              sms["handed_to_sms"] == sms["sent"] and sms["sent_twice"] == 0 and sms["queued"] > 0, str(sms))
        errors = stats.count(lambda s: isinstance(s, int) and s >= 500)
        check("all", "no 5xx answer", errors == 0, f"{errors} 5xx")
    failed = [r for r in check.rows if not r[2]]
    print(f"\n{'route':6s} {'result':6s} check")
    for route, what, ok, _ in check.rows:
        print(f"{route:6s} {'pass' if ok else 'FAIL':6s} {what}")
    print(f"{len(check.rows) - len(failed)} passed, {len(failed)} failed, {time.time() - t0:.0f} s in all")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
