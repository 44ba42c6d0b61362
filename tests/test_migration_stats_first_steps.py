"""Migration 0031_stats_first_steps: aid_applications gains each case's first steps (server/aid/firsts.py), filled
for the cases there are from their timelines — the first of each kind, a withdrawal's the earlier of a withdrawal and
a lapse, NULL for a step never taken — matching the models, and gone again on downgrade."""
import sqlite3

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from server.aid.firsts import FIRSTS
from server.extensions import db
from tests.conftest import app_at_revision

BEFORE = "0030_daylog_confirmations"
STEPS = [("accept", "2026-03-01 02:00:00.000000"), ("request_materials", "2026-03-02 02:00:00.000000"),
         ("approve", "2026-03-05 02:00:00.000000"), ("assign", "2026-03-06 02:00:00.000000"),
         ("reassign", "2026-03-07 02:00:00.000000"), ("assign", "2026-03-08 02:00:00.000000"),
         ("materials_timeout", "2026-03-09 02:00:00.000000"), ("withdraw", "2026-03-03 02:00:00.000000")]


def _old_case(path):
    con = sqlite3.connect(path)
    con.execute("INSERT INTO offices (id, parent_id, path, name, kind, created_at)"
                " VALUES (9, NULL, '/9/', '中心', 'legal_aid', '2026-01-01 00:00:00')")
    for n in (1, 2):
        con.execute(
            "INSERT INTO aid_applications (id, client_id, code, case_type, account, employer_name,"
            " employer_phone_masked, contractor, site, project, city, district, coworkers, applicant_name,"
            " phone_hash, phone_enc, phone_masked,"
            " id_number_hash, id_number_enc, id_number_masked, hometown, consent_privacy, consent_sensitive,"
            " means_test, honesty_commitment, submitted_by_role, on_behalf, worker_consent_confirmed, stage,"
            " office_id, created_at, updated_at, employer_key, site_key, group_key)"
            f" VALUES ({n}, 'c{n}', 'S000000{n}', 'wages', '', '', '', '', '', '', '', '', '[]', '工友', 'h{n}', 'x',"
            " '', 'i', 'x', '', '', 1, 1, 'art42_exempt', 0, '', 0, 1, 'submitted', 9, '2026-03-01 01:00:00.000000',"
            " '2026-03-01 01:00:00.000000', '', '', '')")
    con.executemany("INSERT INTO aid_timeline (application_id, at, stage, note, actor_role, action)"
                    " VALUES (1, ?, 'x', '', 'staff', ?)", [(at, action) for action, at in STEPS])
    con.commit()
    con.close()


def columns() -> dict:
    return {c["name"]: c for c in db.inspect(db.engine).get_columns("aid_applications")}


def test_the_first_steps_come_filled_from_the_timeline_and_go(tmp_path):
    path = tmp_path / "old.db"
    app = app_at_revision(path, BEFORE)
    _old_case(path)
    with app.app_context():
        upgrade()
        got = db.session.execute(sa.text(f"SELECT id, {', '.join(FIRSTS)} FROM aid_applications ORDER BY id")).all()
        with db.engine.connect() as conn:
            diff = [d for d in compare_metadata(MigrationContext.configure(conn), db.metadata)
                    if "aid_applications" in repr(d)]
        downgrade(revision=BEFORE)
        left = set(columns()) & set(FIRSTS)
        db.engine.dispose()
    first = dict(zip(FIRSTS, got[0][1:], strict=True))
    assert {k: v[5:16] if v else v for k, v in first.items()} == {
        "first_accept_at": "03-01 02:00", "first_approve_at": "03-05 02:00", "first_refuse_at": None,
        "first_not_accept_at": None, "first_withdraw_at": "03-03 02:00", "first_assign_at": "03-06 02:00",
        "first_close_at": None, "first_follow_up_at": None, "first_ask_at": "03-02 02:00"}
    assert got[1][1:] == (None,) * len(FIRSTS)  # a case with no steps but its receipt
    assert diff == [] and left == set()
