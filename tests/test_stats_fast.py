"""`GET /stats` counts in the database (aid_sql.py, aid_tally.tally, the events' and the Art. 43 counts, the months)
and only the cases moved after the period began from their rows; the drill-downs list rows. The two must never
drift: every figure's `compute` equals its value from the rows (`rows_value`), and `by_month` equals
`rows_by_month`, for both half-years, an empty one, the days on either side of a China midnight, for each county and
the city above them, in a world with transfers across the periods' boundaries (tests/stats_world.py, plus the moves
below)."""
from datetime import date

import pytest

from server.aid.models import Application, TimelineEntry
from server.extensions import db
from server.offices import scope
from server.stats.aid_rows import one_reading
from server.stats.aid_sql import moved
from server.stats.figures import FIGURES
from server.stats.months import by_month, rows_by_month
from server.stats.registry import Period
from tests.casework import act
from tests.stats_world import build, china

PERIODS = {"P1": (date(2026, 1, 1), date(2026, 6, 30)), "P2": (date(2026, 7, 1), date(2026, 12, 31)),
           "empty": (date(2025, 1, 1), date(2025, 6, 30)), "30 June": (date(2026, 6, 30), date(2026, 6, 30)),
           "1 July": (date(2026, 7, 1), date(2026, 7, 1)), "year": (date(2026, 1, 1), date(2026, 12, 31))}


def _moved(app, case_id, at, from_office, to_office):
    """A 转办 written straight into the timeline at a chosen moment, the case now in `to_office`."""
    with app.app_context():
        db.session.add(TimelineEntry(application_id=case_id, at=at, stage="closed", action="transfer",
                                     detail={"from_office_id": from_office, "to_office_id": to_office}))
        db.session.get(Application, case_id).office_id = to_office
        db.session.commit()


@pytest.fixture
def world(app, client, auth, make_application):
    world = build(app, client, auth, make_application)
    cases, offices, people = world["cases"], world["offices"], world["people"]
    # c2 (A's, accepted at 23:59 on 30 June, approved on 1 July at 08:00) moved to B half a minute after midnight
    resp = act(client, people["staff_a"], cases["c2"], "transfer", office_id=offices["b"], reason="工地在乙县。")
    assert resp.status_code == 200, resp.get_json()
    with app.app_context():
        entry = db.session.scalars(db.select(TimelineEntry).where(TimelineEntry.application_id == cases["c2"],
                                                                  TimelineEntry.action == "transfer")).one()
        entry.at = china(7, 1, 0, 0).replace(second=30)
        db.session.commit()
    # c8 (B's: received, accepted, aided, assigned and its paper drawn up in March) moved to A on 1 April, closed in A
    _moved(app, cases["c8"], china(4, 1), offices["b"], offices["a"])
    # c6 (A's, received and withdrawn in July) came from B in June: before P2 began, so P2 counts it in A
    _moved(app, cases["c6"], china(6, 1), offices["b"], offices["a"])
    return world


def test_the_database_counts_what_the_rows_count(app, world):
    offices, cases = world["offices"], world["cases"]
    compared = 0
    with app.app_context():
        for name, (first, last) in PERIODS.items():
            for office in ("a", "b", "city"):
                period = Period(first, last, scope.subtree(offices[office]))
                with one_reading():
                    fast = {fid: figure.compute(period) for fid, figure in FIGURES.items()}
                for fid, figure in FIGURES.items():
                    rows = (figure.rows_value or figure.compute)(Period(first, last, scope.subtree(offices[office])))
                    assert fast[fid] == rows, (name, office, fid)
                    compared += 1
                fresh = Period(first, last, scope.subtree(offices[office]))
                assert by_month(period) == rows_by_month(fresh), (name, office, "by month")
        p1 = Period(*PERIODS["P1"], scope.subtree(offices["a"]))
        assert set(db.session.scalars(moved(p1))) == {cases["c2"], cases["c6"], cases["c8"]}
        assert set(db.session.scalars(moved(Period(*PERIODS["P2"], scope.subtree(offices["a"]))))) == {cases["c2"]}
    assert compared == len(PERIODS) * 3 * len(FIGURES)


def test_the_moves_count_for_the_office_that_held_the_case_then(client, world):
    """The fast path's answers for the moved cases, checked by hand: c2's accept (30 June, 23:59) is A's, its
    approval (1 July, 08:00) B's; c8's steps in March are B's, its close in April A's."""
    people = world["people"]

    def value(who, figure, first, last):
        body = client.get("/api/v1/stats", query_string={"from": first, "to": last}, headers=people[who]).get_json()
        return next(f["value"] for f in body["figures"] if f["id"] == figure)

    assert value("staff_a", "aid.accepted", "2026-06-30", "2026-06-30") == 1
    assert value("staff_b", "aid.accepted", "2026-06-30", "2026-06-30") == 0
    assert value("staff_b", "aid.approved", "2026-07-01", "2026-07-01") == 1
    assert value("staff_a", "aid.approved", "2026-07-01", "2026-07-01") == 0
    assert value("staff_b", "aid.assigned", "2026-03-01", "2026-03-31") == 1
    assert value("staff_a", "aid.closed", "2026-04-01", "2026-04-30") == 1
    assert value("staff_b", "aid.documents", "2026-03-01", "2026-03-31") == 1
    assert value("city_staff", "aid.closed", "2026-01-01", "2026-06-30") == 2
