"""Times the work-report figures (GET /api/v1/stats) over a year of legal aid on PostgreSQL.

    .venv/bin/python bench/stats_bench.py [--cases 50000] [--runs 7] [--database-url postgresql://postgres@127.0.0.1:5432/test]
    make stats-bench

A database of this run's own is made beside the one named (`<name>_stats_bench_<pid>`), migrated with the app's own
migrations (flask_migrate upgrade) and dropped at the end. Bulk inserts give it a realistic year (2025, China time)
over a small office tree (province → city → three counties): `--cases` applications received across the year, each
with its timeline (received; accepted, or not accepted, or withdrawn; materials asked and lapsed; approved or
refused; assigned, the lawyer accepting, progress, closed with an outcome and money recovered, followed up), a few
transferred between counties, group claims naming co-workers, documents drawn up (audit entries), and events with
sign-ups, walk-ins, check-ins and debriefs. Each case row carries its first steps as the workflow keeps them when they
are taken (server/aid/firsts.py: the earliest timeline entry of each kind).

Then the app's own test client (in-process: the query and serialising work itself, no HTTP server) asks, signed in
as the province's staff, GET /api/v1/stats for the whole year and for its first half, `--runs` times each (one
unmeasured warm-up first). The yardstick, in the same run on the same database: a plain
`SELECT COUNT(*) FROM aid_timeline WHERE at >= start AND at < end` over the same period's timeline rows.
Printed: median and 90th percentile in ms, and (with --per-figure) each figure's own time once, slowest first.
"""
import argparse
import math
import os
import random
import statistics
import sys
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

YEAR = 2025
OFFICES = [(2, 1, "/1/2/", "成都市法律援助中心"), (3, 2, "/1/2/3/", "甲县法律援助中心"),
           (4, 2, "/1/2/4/", "乙县法律援助中心"), (5, 2, "/1/2/5/", "丙县法律援助中心")]
COUNTIES = (3, 4, 5)
OUTCOMES = ["mediated"] * 5 + ["award"] * 2 + ["judgment", "settled", "withdrawn_by_worker", "other"]


def china(day: date, minutes: int) -> datetime:
    from server.clock import CHINA
    return datetime.combine(day, datetime.min.time(), CHINA) + timedelta(minutes=minutes)


def world(cases: int, rng: random.Random) -> tuple[list, list, list]:
    """The applications, their timeline entries and their document audit entries, as rows for bulk inserts."""
    from server.aid.firsts import FIRSTS
    from server.pii import encrypt
    phone_enc, id_enc = encrypt("13800138000"), encrypt("510104199001011234")
    apps, steps, docs = [], [], []
    first = date(YEAR, 1, 1)
    for n in range(1, cases + 1):
        case_type = rng.choice(["wages"] * 6 + ["injury"] * 2 + ["dismissal", "social_insurance", "other"])
        received = china(first + timedelta(days=rng.randrange(365)), rng.randrange(8 * 60, 20 * 60))
        office = rng.choice(COUNTIES)
        coworkers = ([{"name": f"同事{k}", "phone_hash": f"w{rng.randrange(cases * 2)}"}
                      for k in range(rng.randint(1, 4))] if rng.random() < 0.08 else [])
        app = dict(id=n, client_id=f"bench-{n:08d}", code=f"S{n:07d}", case_type=case_type, account="",
                   employer_name=f"劳务公司{n % 400}", employer_phone_masked="", contractor="", site=f"工地{n % 300}",
                   project="", city="成都市", district="", coworkers=coworkers, applicant_name=f"工友{n}",
                   phone_hash=f"p{rng.randrange(int(cases * 0.8))}", phone_enc=phone_enc, phone_masked="*******0000",
                   id_number_hash=f"i{n}", id_number_enc=id_enc, id_number_masked="5101**********0000", hometown="",
                   consent_privacy=True, consent_sensitive=True,
                   means_test="art42_exempt" if case_type in ("wages", "injury") else "art41_commitment",
                   honesty_commitment=case_type not in ("wages", "injury"), submitted_by_role="", on_behalf=False,
                   worker_consent_confirmed=True, stage="submitted", office_id=office, created_at=received,
                   updated_at=received, outcome=None, follow_up=None, employer_key="", site_key="", group_key="")
        apps.append(app)
        timeline = [("", "submitted", received, None)]

        def step(action, stage, after_minutes, detail=None, timeline=timeline, app=app):
            at = timeline[-1][2] + timedelta(minutes=after_minutes)
            timeline.append((action, stage, at, detail))
            app["stage"] = stage

        roll = rng.random()
        if roll < 0.04:
            step("not_accept", "not_accepted", rng.randint(60, 5 * 1440), {"reason": "不属于受理范围"})
        elif roll < 0.07:
            step("withdraw", "withdrawn", rng.randint(60, 10 * 1440))
        elif roll < 0.09:
            step("request_materials", "materials_requested", rng.randint(60, 3 * 1440))
            step("materials_timeout", "withdrawn", 16 * 1440)
        else:
            same_day = app["means_test"] == "art42_exempt" and rng.random() < 0.3
            if rng.random() < 0.02:  # moved to a sibling county before it was accepted
                to = rng.choice([c for c in COUNTIES if c != office])
                step("transfer", "submitted", rng.randint(30, 1440), {"from_office_id": office, "to_office_id": to})
                app["office_id"] = to
            step("accept", "accepted", rng.randint(10, 120) if same_day else rng.randint(60, 7 * 1440),
                 {"checklist": True})
            if rng.random() < 0.1:
                step("refuse_aid", "refused", rng.randint(60, 5 * 1440), {"reason": "不符合条件"})
            else:
                step("approve", "approved", rng.randint(5, 60) if same_day else rng.randint(60, 5 * 1440))
                step("assign", "assigned", rng.randint(5, 60) if same_day else rng.randint(60, 3 * 1440))
                if rng.random() < 0.05:
                    step("reassign", "assigned", rng.randint(1440, 5 * 1440), {"reason": "律师出差"})
                step("lawyer_accept", "lawyer_accepted", rng.randint(60, 2 * 1440))
                for _ in range(rng.randint(1, 3)):
                    step("progress", "in_progress", rng.randint(1440, 20 * 1440), {"kind": "mediation"})
                if rng.random() < 0.85:
                    outcome = rng.choice(OUTCOMES)
                    recovered = rng.randrange(0, 5_000_000, 100) if outcome != "withdrawn_by_worker" else 0
                    step("close", "closed", rng.randint(1440, 60 * 1440), {"outcome": outcome})
                    app["outcome"] = {"outcome": outcome, "recovered_fen": recovered,
                                      "closed_on": timeline[-1][2].date().isoformat()}
                    if rng.random() < 0.8:
                        reached = rng.random() < 0.85
                        step("follow_up", "followed_up", rng.randint(1440, 20 * 1440))
                        app["follow_up"] = {"reached": reached, "satisfaction": rng.choice([3, 4, 5, 5, 5]) if reached
                                            else None, "comment": ""}
                if rng.random() < 0.3:
                    for kind in rng.sample(["complaint", "arbitration", "evidence_list"], rng.randint(1, 2)):
                        docs.append(dict(at=timeline[-1][2], action="document", record_type="aid_application",
                                         record_id=str(n), detail={"kind": kind, "format": "pdf", "why": "staff"},
                                         actor_role="staff"))
        for column, actions in FIRSTS.items():  # the row's first steps, as the workflow keeps them (aid/firsts.py)
            app[column] = min((moment for action, _, moment, _ in timeline if action in actions), default=None)
        for action, stage, moment, detail in timeline:
            steps.append(dict(application_id=n, at=moment, stage=stage, note="", actor_role="staff" if action else "",
                              action=action, detail=detail))
    return apps, steps, docs


def events(rng: random.Random) -> tuple[list, list, list, list]:
    rows, people, checks, reports = [], [], [], []
    attendee = 0
    for n in range(1, 601):
        starts = china(date(YEAR, 1, 1) + timedelta(days=rng.randrange(365)), rng.randrange(9 * 60, 19 * 60))
        rows.append(dict(id=n, title=f"普法活动{n}", kind=rng.choice(["lecture", "site_visit", "clinic",
                                                                       "consultation_day"]),
                         starts_at=starts, place="工地食堂", status="published" if rng.random() < 0.95 else "cancelled",
                         office_id=rng.choice((2, *COUNTIES)), description="", created_at=starts, updated_at=starts))
        for phone in rng.sample(range(60000), rng.randint(10, 60)):
            attendee += 1
            source = rng.choice(["online"] * 5 + ["offline"] * 2 + ["walkin"] * 3)
            people.append(dict(id=attendee, event_id=n, name=f"参加者{attendee}", phone_hash=f"p{phone}",
                               phone_enc="x", phone_last4="0000", qr_token=uuid.uuid4().hex, source=source,
                               created_at=starts - timedelta(days=2), updated_at=starts))
            if source == "walkin" or rng.random() < 0.7:
                checks.append(dict(attendee_id=attendee, event_id=n, device_id="d", device_time=starts,
                                   operation_id=str(uuid.uuid4()), method="qr", created_at=starts))
        if rng.random() < 0.8:
            reports.append(dict(event_id=n, people_reached=rng.randint(20, 300), leaflets_given=rng.randint(50, 500),
                                updated_at=starts))
    return rows, people, checks, reports


def fill(db, sa, cases: int) -> dict:
    from server.accounts.models import AuditEntry
    from server.aid.models import Application, TimelineEntry
    from server.events.models import Attendee, CheckIn, Event, EventReport
    from server.offices.models import Office
    rng = random.Random(25)
    apps, steps, docs = world(cases, rng)
    rows, people, checks, reports = events(rng)
    counts = {}
    with db.engine.begin() as conn:
        conn.execute(sa.insert(Office.__table__), [dict(id=i, parent_id=p, path=path, name=name, kind="legal_aid")
                                                   for i, p, path, name in OFFICES])
        for model, data in ((Application, apps), (TimelineEntry, steps), (AuditEntry, docs), (Event, rows),
                            (Attendee, people), (CheckIn, checks), (EventReport, reports)):
            for k in range(0, len(data), 5000):
                conn.execute(sa.insert(model.__table__), data[k:k + 5000])
            counts[model.__tablename__] = len(data)
        for table in ("offices", "aid_applications", "events", "attendees"):
            conn.execute(sa.text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                 f"(SELECT max(id) FROM {table}))"))
    # VACUUM as well as ANALYZE, as autovacuum does to a live database soon after such inserts: the visibility map
    # lets the yardstick and the figures read the timeline's indexes alone (outside a transaction: VACUUM needs that)
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text("VACUUM ANALYZE"))
    return counts


def timed(fn, runs: int) -> list[float]:
    fn()  # warm-up, not counted
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def p90(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[math.ceil(0.9 * len(ordered)) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL")
                        or "postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--per-figure", action="store_true", help="also time each figure once, slowest first")
    args = parser.parse_args()

    import sqlalchemy as sa
    from flask_migrate import upgrade

    from server import create_app
    from server.accounts import tokens
    from server.accounts.models import User
    from server.config import database_url
    from server.extensions import db
    from tests.conftest import base_config

    base = sa.engine.make_url(database_url(args.database_url))
    if not base.drivername.startswith("postgresql"):
        raise SystemExit("stats_bench needs PostgreSQL (--database-url postgresql://...)")
    name = f"{base.database}_stats_bench_{os.getpid()}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = base.set(database=name).render_as_string(hide_password=False)
    try:
        app = create_app(base_config(SQLALCHEMY_DATABASE_URI=url, RATELIMIT_ENABLED=False))
        with app.app_context():
            upgrade()
            t0 = time.perf_counter()
            counts = fill(db, sa, args.cases)
            filled = time.perf_counter() - t0
            staff = User(role="staff", username="bench-staff", display_name="工作人员", office_id=1)
            db.session.add(staff)
            db.session.commit()
            with app.test_request_context():
                token = tokens.sign_in(db.session.get(User, staff.id), "header")["access_token"]
        client = app.test_client()
        headers = {"Authorization": f"Bearer {token}"}
        periods = {"year": (date(YEAR, 1, 1), date(YEAR, 12, 31)), "half year": (date(YEAR, 1, 1), date(YEAR, 6, 30))}
        print(f"PostgreSQL, {', '.join(f'{v} {k}' for k, v in counts.items())} (filled in {filled:.0f} s); "
              f"{args.runs} runs each after a warm-up", flush=True)
        print(f"  {'period':10s} {'what':44s} {'median ms':>10s} {'p90 ms':>8s}")
        for label, (first, last) in periods.items():
            def stats(first=first, last=last):
                resp = client.get(f"/api/v1/stats?from={first}&to={last}&office=1", headers=headers)
                assert resp.status_code == 200, resp.get_json()

            with app.app_context():
                start, end = china(first, 0), china(last + timedelta(days=1), 0)

                def count(start=start, end=end):
                    return db.session.scalar(sa.text("SELECT COUNT(*) FROM aid_timeline WHERE at >= :s AND at < :e"),
                                             {"s": start, "e": end})

                rows = count()
                yard = timed(count, args.runs)
            got = timed(stats, args.runs)
            print(f"  {label:10s} {f'yardstick: COUNT(*) of {rows} timeline rows':44s} "
                  f"{statistics.median(yard):10.1f} {p90(yard):8.1f}")
            print(f"  {label:10s} {'GET /api/v1/stats (every figure)':44s} {statistics.median(got):10.1f} "
                  f"{p90(got):8.1f}", flush=True)
        if args.per_figure:
            per_figure(app, db, periods["year"])
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def per_figure(app, db, period) -> None:
    from server.offices import scope
    from server.stats.figures import FIGURES
    from server.stats.registry import Period
    with app.app_context():
        times = []
        for figure in FIGURES.values():
            start = time.perf_counter()
            figure.compute(Period(period[0], period[1], scope.subtree(1)))
            times.append(((time.perf_counter() - start) * 1000, figure.id))
            db.session.rollback()
        print("  each figure alone, the year (ms):", ", ".join(f"{fid} {ms:.0f}" for ms, fid in sorted(times)[::-1]))


if __name__ == "__main__":
    main()
