"""Times the staff inbox (GET /api/v1/cases) and one case (GET /api/v1/cases/<id>) over many applications.

    .venv/bin/python bench/cases_bench.py [--cases 5000] [--rounds 20] [--database-url URL]

A fresh SQLite file (or the PostgreSQL database named, made empty first) gets `--cases` applications
spread over employers and sites (so groups and duplicates exist), a fifth of them further along;
then the app's own test client asks, signed in as staff, for each inbox filter (page 1, 50 rows, with
all nine counts) and for a case view, `--rounds` times each. Printed: the median and the slowest, in ms.
In-process (no HTTP server): these figures are the query and serialising work itself.
"""
import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()

    import sqlalchemy as sa
    from flask_migrate import upgrade

    from server import create_app
    from server.accounts import tokens
    from server.accounts.models import User
    from server.aid import linking
    from server.aid.cases.clocks import today
    from server.aid.models import Application
    from server.extensions import db
    from server.pii import encrypt
    from tests.conftest import base_config

    url = args.database_url or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite"
    app = create_app(base_config(SQLALCHEMY_DATABASE_URI=url, RATELIMIT_ENABLED=False))
    rng = random.Random(13)
    with app.app_context():
        if url.startswith("postgresql"):
            with db.engine.begin() as conn:
                conn.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        upgrade()
        staff = User(role="staff", username="bench-staff", display_name="工作人员")
        db.session.add(staff)
        db.session.commit()
        rows = []
        on = today()
        phone_enc, id_enc = encrypt("13800138000"), encrypt("510104199001011234")
        for n in range(args.cases):
            employer, site = f"劳务公司{n % 400}", f"工地{n % 300}"
            left = on - timedelta(days=rng.randint(10, 400)) if rng.random() < 0.7 else None
            stage = rng.choice(["submitted"] * 4 + ["accepted", "approved", "in_progress", "closed",
                                                    "materials_requested"])
            rows.append(dict(
                client_id=f"bench-{n:08d}", code=f"B{n:07d}", case_type=rng.choice(["wages", "wages", "injury"]),
                account="", employer_name=employer, employer_phone_masked="", contractor="", site=site, project="",
                city="成都市", district="", coworkers=[], applicant_name=f"工友{n}", phone_hash=f"p{n}",
                phone_enc=phone_enc, phone_masked="*******0000", id_number_hash=f"i{n % (args.cases - 50)}",
                id_number_enc=id_enc, id_number_masked="5101**********0000", hometown="", consent_privacy=True,
                consent_sensitive=True, means_test="art42_exempt", honesty_commitment=False, submitted_by_role="",
                on_behalf=False, worker_consent_confirmed=True, stage=stage, left_on=left,
                limitation_due_on=left.replace(year=left.year + 1) if left else None,
                due_on=on + timedelta(days=rng.randint(-3, 7)) if stage in ("submitted", "accepted") else None,
                employer_key=linking.employer_key(employer), site_key=linking.site_key(site, "成都市"),
                group_key=f"g{n % 400 + 1}", likely_duplicate=n % 97 == 0))
        db.session.execute(sa.insert(Application), rows)
        db.session.commit()
        with app.test_request_context():
            token = tokens.sign_in(db.session.get(User, staff.id), "header")["access_token"]
        some_id = db.session.scalar(sa.select(Application.id).limit(1))
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    print(f"{args.cases} cases on {url.split(':')[0]}, {args.rounds} rounds each (ms: median / slowest)")
    targets = [f"/api/v1/cases?filter={f}" for f in ("all", "new", "urgent", "overdue", "group", "duplicate")]
    for target in [*targets, f"/api/v1/cases/{some_id}"]:
        times = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            resp = client.get(target, headers=headers)
            times.append((time.perf_counter() - start) * 1000)
            assert resp.status_code == 200, resp.get_json()
        print(f"  {target:40s} {statistics.median(times):7.1f} / {max(times):7.1f}")



if __name__ == "__main__":
    main()
