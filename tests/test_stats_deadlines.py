"""The Art. 43 deadline figure (issue 25): cases whose 7-day decision clock (《法律援助法》第四十三条) ran out in
the period undecided, by the case screen's own clock rebuilt from the stored steps: a wait for materials moves the
deadline, a decision on the last day or a withdrawal before it saves it, a day not over yet never counts."""
from datetime import date, datetime, timedelta

import pytest

from server.aid.cases.clocks import today
from server.aid.cases.workflow import case_clocks
from server.aid.models import Application
from server.clock import CHINA
from server.extensions import db
from server.stats.aid_deadlines import Steps, overdue_from
from tests.stats_world import build

D = date(2026, 3, 2)  # received


@pytest.fixture
def world(app, client, auth, make_application):
    return build(app, client, auth, make_application)


def _rows(client, headers, **period):
    resp = client.get("/api/v1/stats/aid.art43_overdue/records", query_string={**period, "page_size": 50},
                      headers=headers)
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def _value(client, headers, **period):
    body = client.get("/api/v1/stats", query_string=period, headers=headers).get_json()
    return next(f for f in body["figures"] if f["id"] == "aid.art43_overdue")


def test_each_overdue_case_with_its_last_day(client, world):
    staff, cases = world["people"]["staff_a"], world["cases"]
    rows = _rows(client, staff, **{"from": "2026-01-01", "to": "2026-12-31"})
    assert [(r["id"], r["detail"]) for r in rows] == [
        (cases["c2"], "应于 2026-03-14 前决定"),  # 3 March + 7 days + the 4 days waiting for materials
        (cases["c3"], "应于 2026-06-27 前决定"),
        (cases["c7"], "应于 2026-08-08 前决定"),  # materials asked only after the deadline had passed
    ]
    assert all(r["label"].startswith("工***") and "138" not in str(r) for r in rows)  # masked
    definition = _value(client, staff, **{"from": "2026-01-01", "to": "2026-06-30"})["definition"]
    assert "第四十三条" in definition and "7 日" in definition


def test_the_last_day_decides_the_period(client, world):
    staff = world["people"]["staff_a"]
    for day, want in (("2026-03-13", 0), ("2026-03-14", 1), ("2026-03-15", 0)):
        assert _value(client, staff, **{"from": day, "to": day})["value"] == want, day


def test_the_sibling_and_the_city(client, world):
    people = world["people"]
    assert _value(client, people["staff_b"], **{"from": "2026-01-01", "to": "2026-06-30"})["value"] == 0
    assert _value(client, people["city_staff"], **{"from": "2026-01-01", "to": "2026-06-30"})["value"] == 2


def test_a_deadline_not_over_yet_never_counts(app, client, auth, make_application):
    staff = auth(client, "staff")
    with app.app_context():
        office = db.session.get(type(staff.user), staff.user.id).office_id
    ids = []
    for n, days_ago in enumerate((7, 8)):  # last day today (not over), yesterday (over)
        case_id = make_application(client, case_type="wages", phone=f"1390013000{n}", applicant_name="工友")["id"]
        with app.app_context():
            application = db.session.get(Application, case_id)
            application.office_id = office
            application.created_at = datetime.combine(today() - timedelta(days=days_ago), datetime.min.time(),
                                                      CHINA) + timedelta(hours=10)
            db.session.commit()
        ids.append(case_id)
    period = {"from": (today() - timedelta(days=30)).isoformat(), "to": today().isoformat()}
    assert [r["id"] for r in _rows(client, staff, **period)] == [ids[1]]
    with app.app_context():  # the case screen's clock says the same
        shown = [case_clocks(db.session.get(Application, case_id), today())[0] for case_id in ids]
        assert [(c.overdue, c.due_on) for c in shown] == [(False, today()), (True, today() - timedelta(days=1))]


@pytest.mark.parametrize(("steps", "first"), [
    (Steps(D, None, None, ()), D + timedelta(days=8)),
    (Steps(D, D + timedelta(days=7), D + timedelta(days=7), ()), None),  # decided on the last day
    (Steps(D, D + timedelta(days=8), D + timedelta(days=8), ()), D + timedelta(days=8)),  # a day late
    (Steps(D, D + timedelta(days=3), None, ()), None),  # withdrawn before
    (Steps(D, None, None, ((D + timedelta(days=2), D + timedelta(days=12)),)), D + timedelta(days=18)),
    (Steps(D, None, None, ((D + timedelta(days=2), None),)), None),  # still waiting
    (Steps(D, None, None, ((D + timedelta(days=9), D + timedelta(days=20)),)), D + timedelta(days=8)),
])
def test_the_first_overdue_day(steps, first):
    assert overdue_from(steps, D + timedelta(days=400)) == first
