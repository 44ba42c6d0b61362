"""统计's line by month (issue 25): `GET /stats?by=month` answers applications received and cases closed in each
China month of the period, counted as aid.received and aid.closed count them (the months add up to the figures),
the first and last months cut to the period; the sibling county's cases only from the city."""
import pytest

from tests.stats_world import P1, P2, build


@pytest.fixture
def world(app, client, auth, make_application):
    return build(app, client, auth, make_application)


def _get(client, headers, **query):
    resp = client.get("/api/v1/stats", query_string=query, headers=headers)
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def _line(body):
    return [(m["month"], m["received"], m["closed"]) for m in body["months"]]


def test_each_month_of_both_periods(client, world):
    staff = world["people"]["staff_a"]
    p1, p2 = _get(client, staff, **P1, by="month"), _get(client, staff, **P2, by="month")
    assert _line(p1) == [("2026-01", 0, 0), ("2026-02", 0, 0), ("2026-03", 2, 0), ("2026-04", 0, 0),
                         ("2026-05", 0, 1), ("2026-06", 1, 0)]
    assert _line(p2) == [("2026-07", 3, 0), ("2026-08", 1, 0), ("2026-09", 0, 1), ("2026-10", 0, 0),
                         ("2026-11", 0, 0), ("2026-12", 0, 0)]
    for body in (p1, p2):
        figures = {f["id"]: f["value"] for f in body["figures"]}
        assert sum(m["received"] for m in body["months"]) == figures["aid.received"]
        assert sum(m["closed"] for m in body["months"]) == figures["aid.closed"]
    assert "months" not in _get(client, staff, **P1)


def test_the_first_and_last_months_are_cut_to_the_period(client, world):
    body = _get(client, world["people"]["staff_a"], **{"from": "2026-03-03", "to": "2026-05-10"}, by="month")
    assert _line(body) == [("2026-03", 1, 0), ("2026-04", 0, 0), ("2026-05", 0, 1)]  # c1 came on 2 March


def test_the_sibling_county_only_from_the_city(client, world):
    people = world["people"]
    assert _line(_get(client, people["city_staff"], **P1, by="month"))[2:4] == [("2026-03", 3, 0), ("2026-04", 0, 1)]
    assert _line(_get(client, people["staff_a"], **P1, by="month"))[3] == ("2026-04", 0, 0)


def test_an_unknown_grouping_is_refused(client, world):
    for by in ("week", "month\x00", "ｍｏｎｔｈ", "x" * 10_000):
        resp = client.get("/api/v1/stats", query_string={**P1, "by": by}, headers=world["people"]["staff_a"])
        assert resp.status_code in (400, 422) and resp.get_json()["message"], by
