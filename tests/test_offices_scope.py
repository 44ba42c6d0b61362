"""Offices as a tree: two county offices under one city, under the province (the root).

The staff and the lawyer of county A find nothing of county B's cases: not in the inbox, not in its counts, and a
B case's view, moves, audit, documents and evidence photos answer 404 (never 403: a sibling learns nothing, not
even that the case exists). The city's staff see both counties' cases; the province admin sees everything. An
admin manages the tree and the accounts of their own subtree only.
"""
import uuid

import pytest

from server.aid.models import Application
from server.extensions import db
from tests.casework import put_in_stage


@pytest.fixture
def tree(app, client, auth, make_user, make_application):
    """Province → city → county A, county B; a staff member and a lawyer in each county, staff at the city, an
    admin at the province; one case in each county (same employer: across offices they would make a group)."""
    province_admin = auth(client, "admin")
    with app.app_context():
        province = province_admin.user.office_id

    def office(parent, name, kind="legal_aid"):
        resp = client.post("/api/v1/offices", json={"parent_id": parent, "name": name, "kind": kind,
                                                    "division": "510100"}, headers=province_admin)
        assert resp.status_code == 201, resp.get_json()
        return resp.get_json()["id"]

    city = office(province, "成都市法律援助中心")
    county_a = office(city, "甲县法律援助中心")
    county_b = office(city, "乙县法律援助中心")
    people = {
        "staff_a": auth(client, "staff", office_id=county_a), "staff_b": auth(client, "staff", office_id=county_b),
        "lawyer_a": auth(client, "lawyer", office_id=county_a), "lawyer_b": auth(client, "lawyer", office_id=county_b),
        "city_staff": auth(client, "staff", office_id=city), "province_admin": province_admin,
    }
    cases = {}
    for name, where, phone in (("a", county_a, "13800138011"), ("b", county_b, "13800138022")):
        sent = make_application(client, photos=1, phone=phone)
        with app.app_context():
            db.session.get(Application, sent["id"]).office_id = where
            db.session.commit()
        cases[name] = sent
    lawyers = {"a": people["lawyer_a"].user.id, "b": people["lawyer_b"].user.id}
    for name in ("a", "b"):
        put_in_stage(app, cases[name]["id"], "assigned", lawyer_id=lawyers[name])
    return {"offices": {"province": province, "city": city, "a": county_a, "b": county_b}, "people": people,
            "cases": cases}


def _inbox(client, headers):
    body = client.get("/api/v1/cases", headers=headers).get_json()
    return {row["id"] for row in body["items"]}, body["counts"]["all"]


def test_county_a_finds_nothing_of_county_b(client, tree):
    a, b = tree["cases"]["a"], tree["cases"]["b"]
    for who in ("staff_a", "lawyer_a"):
        headers = tree["people"][who]
        assert _inbox(client, headers) == ({a["id"]}, 1), who
        # (a case's own audit log is the office's alone: a lawyer is refused it by role, whatever the case)
        audit = [f"/api/v1/cases/{b['id']}/audit"] if who == "staff_a" else []
        for url in (f"/api/v1/cases/{b['id']}", *audit, f"/api/v1/cases/{b['id']}/documents/aid_application.pdf",
                    f"/api/v1/cases/{b['id']}/documents/arbitration_claim.docx",
                    f"/api/v1/uploads/{b['upload_ids'][0]}", f"/api/v1/uploads/{b['upload_ids'][0]}/thumbnail"):
            resp = client.get(url, headers=headers)
            assert resp.status_code == 404, (who, url, resp.status_code)
            assert "application_id" not in (resp.get_json(silent=True) or {}), (who, url)
        moved = client.post(f"/api/v1/cases/{b['id']}/actions", json={"action": "lawyer_accept"},
                            headers={**headers, "Idempotency-Key": str(uuid.uuid4())})
        assert moved.status_code == 404, who
    # The same reads of its own case work: the 404 is the office's, not a broken route.
    assert client.get(f"/api/v1/cases/{a['id']}", headers=tree["people"]["staff_a"]).status_code == 200
    assert client.get(f"/api/v1/uploads/{a['upload_ids'][0]}", headers=tree["people"]["staff_a"]).status_code == 200


def test_a_move_on_a_sibling_county_case_changes_nothing(app, client, tree):
    b = tree["cases"]["b"]
    resp = client.post(f"/api/v1/cases/{b['id']}/actions", json={"action": "terminate", "reason": "不再需要"},
                       headers={**tree["people"]["staff_a"], "Idempotency-Key": str(uuid.uuid4())})
    assert resp.status_code == 404
    with app.app_context():
        assert db.session.get(Application, b["id"]).stage == "assigned"


def test_county_lists_figures_groups_and_lawyers_hold_only_the_county(client, tree):
    staff_a = tree["people"]["staff_a"]
    figures = client.get("/api/v1/cases/figures", headers=staff_a).get_json()
    assert figures["green_channel"] == 1
    lawyers = {row["id"] for row in client.get("/api/v1/lawyers", headers=staff_a).get_json()["items"]}
    assert lawyers == {tree["people"]["lawyer_a"].user.id}
    lawyer_b = tree["people"]["lawyer_b"].user.id
    assert client.get(f"/api/v1/lawyers/{lawyer_b}/cases", headers=staff_a).status_code == 404
    held = client.get(f"/api/v1/lawyers/{lawyer_b}/cases", headers=tree["people"]["city_staff"]).get_json()
    assert [row["id"] for row in held["items"]] == [tree["cases"]["b"]["id"]]
    with client.application.app_context():
        key = db.session.get(Application, tree["cases"]["a"]["id"]).group_key
    assert key
    # Two workers of one employer, one in each county: county A sees one application, no group claim.
    assert client.get(f"/api/v1/cases/groups/{key}", headers=staff_a).status_code == 404
    assert client.get(f"/api/v1/cases/groups/{key}", headers=tree["people"]["city_staff"]).get_json()["size"] == 2


def test_the_city_sees_both_counties_and_the_province_everything(client, tree, make_application):
    a, b = tree["cases"]["a"]["id"], tree["cases"]["b"]["id"]
    city = tree["people"]["city_staff"]
    assert _inbox(client, city) == ({a, b}, 2)
    assert client.get(f"/api/v1/cases/{b}", headers=city).status_code == 200
    lawyers = {row["id"] for row in client.get("/api/v1/lawyers", headers=city).get_json()["items"]}
    assert lawyers == {tree["people"]["lawyer_a"].user.id, tree["people"]["lawyer_b"].user.id}
    # A new application naming no site lands at the default office (the root; routing by the site:
    # test_offices_routing.py): the province sees it, the city and the counties do not.
    fresh = make_application(client, phone="13800138033")["id"]
    assert _inbox(client, tree["people"]["province_admin"]) == ({a, b, fresh}, 3)
    assert fresh not in _inbox(client, city)[0]
    assert client.get(f"/api/v1/cases/{fresh}", headers=city).status_code == 404


def test_the_county_lawyer_still_sees_only_the_cases_assigned_to_them(app, client, tree, make_application):
    other = make_application(client, phone="13800138044")["id"]
    with app.app_context():
        db.session.get(Application, other).office_id = tree["offices"]["a"]
        db.session.commit()
    lawyer_a = tree["people"]["lawyer_a"]
    assert _inbox(client, lawyer_a) == ({tree["cases"]["a"]["id"]}, 1)
    assert client.get(f"/api/v1/cases/{other}", headers=lawyer_a).status_code == 403  # in the county, not theirs
    accepted = client.post(f"/api/v1/cases/{tree['cases']['a']['id']}/actions", json={"action": "lawyer_accept"},
                           headers={**lawyer_a, "Idempotency-Key": str(uuid.uuid4())})
    assert accepted.status_code == 200, accepted.get_json()


def test_each_office_reads_its_own_subtree_of_the_tree(client, tree):
    o = tree["offices"]

    def seen(who):
        return [row["id"] for row in client.get("/api/v1/offices", headers=tree["people"][who]).get_json()["items"]]

    assert seen("province_admin") == [o["province"], o["city"], o["a"], o["b"]]
    assert seen("city_staff") == [o["city"], o["a"], o["b"]]
    assert seen("staff_a") == [o["a"]]
    assert seen("lawyer_b") == [o["b"]]


def test_an_office_admin_manages_only_their_subtree(client, auth, tree):
    o = tree["offices"]
    admin_a = auth(client, "admin", office_id=o["a"])
    station = client.post("/api/v1/offices", json={"parent_id": o["a"], "name": "甲县某工地工作站", "kind": "station",
                                                   "phone": "0838-1234567"}, headers=admin_a)
    assert station.status_code == 201
    assert station.get_json() | {"id": 0} == {"id": 0, "parent_id": o["a"], "name": "甲县某工地工作站",
                                              "kind": "station", "kind_label": "工作站/联络点", "division": "",
                                              "phone": "0838-1234567", "address": "", "depth": 3,
                                              "accept_days": 3}
    # A sibling's office, or one above: not there for county A's admin.
    assert client.patch(f"/api/v1/offices/{o['b']}", json={"name": "改名"}, headers=admin_a).status_code == 404
    assert client.patch(f"/api/v1/offices/{o['city']}", json={"name": "改名"}, headers=admin_a).status_code == 404
    refused = client.post("/api/v1/offices", json={"parent_id": o["b"], "name": "乙县工作站"}, headers=admin_a)
    assert (refused.status_code, refused.get_json()["error_code"]) == (422, "office_not_found")
    changed = client.patch(f"/api/v1/offices/{o['a']}", json={"address": "甲县人民路 1 号", "division": "510121"},
                           headers=admin_a)
    assert changed.get_json()["address"] == "甲县人民路 1 号"
    assert client.patch(f"/api/v1/offices/{o['a']}", json={"division": "5101"},
                        headers=admin_a).status_code == 422

    # Accounts: made in the admin's subtree only; a sibling county's accounts are not there.
    made = client.post("/api/v1/users", json={"role": "staff", "username": "jia-staff",
                                              "office_id": station.get_json()["id"]}, headers=admin_a)
    assert (made.status_code, made.get_json()["office_id"]) == (201, station.get_json()["id"])
    default = client.post("/api/v1/users", json={"role": "lawyer", "username": "jia-lawyer"}, headers=admin_a)
    assert default.get_json()["office_id"] == o["a"]
    outside = client.post("/api/v1/users", json={"role": "staff", "username": "yi-staff", "office_id": o["b"]},
                          headers=admin_a)
    assert (outside.status_code, outside.get_json()["error_code"]) == (422, "office_not_found")
    staff_b = tree["people"]["staff_b"].user.id
    assert client.get(f"/api/v1/users/{staff_b}", headers=admin_a).status_code == 404
    assert client.patch(f"/api/v1/users/{staff_b}", json={"display_name": "x"}, headers=admin_a).status_code == 404
    listed = {u["id"] for u in client.get("/api/v1/users?page_size=100", headers=admin_a).get_json()}
    assert staff_b not in listed and tree["people"]["staff_a"].user.id in listed
    moved = client.patch(f"/api/v1/users/{tree['people']['staff_a'].user.id}", json={"office_id": o["b"]},
                         headers=admin_a)
    assert moved.status_code == 422
    # The province admin may move anyone anywhere, and sees the workers too (they belong to no office).
    province = tree["people"]["province_admin"]
    assert client.patch(f"/api/v1/users/{staff_b}", json={"office_id": o["a"]},
                        headers=province).get_json()["office_id"] == o["a"]
    worker = auth(client, "worker").user.id
    assert client.get(f"/api/v1/users/{worker}", headers=province).status_code == 200
    assert client.get(f"/api/v1/users/{worker}", headers=admin_a).status_code == 404


def _move(client, headers, case_id, action, **data):
    return client.post(f"/api/v1/cases/{case_id}/actions", json={"action": action, **data},
                       headers={**headers, "Idempotency-Key": str(uuid.uuid4())})


def _refused_on(resp, field):
    assert resp.status_code == 422, resp.get_json()
    assert field in resp.get_json()["errors"]["json"], resp.get_json()


def test_a_case_goes_only_to_a_lawyer_of_its_office_subtree(app, client, auth, tree, make_application):
    o, people = tree["offices"], tree["people"]
    a = tree["cases"]["a"]["id"]
    lawyer_a, lawyer_b = people["lawyer_a"].user.id, people["lawyer_b"].user.id
    city_lawyer = auth(client, "lawyer", office_id=o["city"]).user.id
    other_a = auth(client, "lawyer", office_id=o["a"]).user.id
    # Reassigning county A's case: a county B lawyer, or the city's (above the case's office), is refused, even by
    # the city's staff who see both; nothing changes.
    for who in ("staff_a", "city_staff"):
        for lawyer in (lawyer_b, city_lawyer):
            _refused_on(_move(client, people[who], a, "reassign", lawyer_id=lawyer, reason="出差"), "lawyer_id")
    with app.app_context():
        assert db.session.get(Application, a).lawyer_id == lawyer_a
    assert _move(client, people["staff_a"], a, "reassign", lawyer_id=other_a, reason="出差").status_code == 200
    # Assigning an approved case: the same rule.
    fresh = make_application(client, phone="13800138055")["id"]
    with app.app_context():
        db.session.get(Application, fresh).office_id = o["a"]
        db.session.commit()
    put_in_stage(app, fresh, "approved")
    _refused_on(_move(client, people["city_staff"], fresh, "assign", lawyer_id=lawyer_b), "lawyer_id")
    assert _move(client, people["city_staff"], fresh, "assign", lawyer_id=lawyer_a).status_code == 200


def test_a_leaving_lawyers_cases_go_only_to_a_lawyer_of_their_office_subtree(app, client, auth, tree):
    o, people = tree["offices"], tree["people"]
    province = people["province_admin"]
    lawyer_a, lawyer_b = people["lawyer_a"].user.id, people["lawyer_b"].user.id
    city_lawyer = auth(client, "lawyer", office_id=o["city"]).user.id
    for to in (lawyer_b, city_lawyer):
        _refused_on(client.patch(f"/api/v1/users/{lawyer_a}", json={"active": False, "reassign_to": to},
                                 headers=province), "reassign_to")
    with app.app_context():
        assert db.session.get(Application, tree["cases"]["a"]["id"]).lawyer_id == lawyer_a
    other_a = auth(client, "lawyer", office_id=o["a"]).user.id
    done = client.patch(f"/api/v1/users/{lawyer_a}", json={"active": False, "reassign_to": other_a}, headers=province)
    assert done.status_code == 200, done.get_json()
    with app.app_context():
        assert db.session.get(Application, tree["cases"]["a"]["id"]).lawyer_id == other_a


def _in_office(app, case_id, office_id):
    with app.app_context():
        db.session.get(Application, case_id).office_id = office_id
        db.session.commit()


def _row(client, headers, case_id, filter="all"):
    body = client.get(f"/api/v1/cases?filter={filter}", headers=headers).get_json()
    return {row["id"]: row for row in body["items"]}.get(case_id), body["counts"]


def test_group_figures_count_only_the_readers_offices(client, tree):
    """Cases a and b share an employer (a group of two across the counties): county A is shown one application,
    no group, no group filter; the city, which sees both, the group of two and its total owed."""
    a = tree["cases"]["a"]["id"]
    staff_a, city = tree["people"]["staff_a"], tree["people"]["city_staff"]
    row, counts = _row(client, staff_a, a)
    assert (row["group_size"], counts["group"]) == (1, 0)
    assert client.get(f"/api/v1/cases/{a}", headers=staff_a).get_json()["group"] is None
    lawyer_a = tree["people"]["lawyer_a"]
    assert _row(client, lawyer_a, a)[0]["group_size"] == 1
    assert client.get(f"/api/v1/cases/{a}", headers=lawyer_a).get_json()["group"] is None
    row, counts = _row(client, city, a)
    assert (row["group_size"], counts["group"]) == (2, 2)
    assert client.get(f"/api/v1/cases/{a}", headers=city).get_json()["group"]["size"] == 2
    assert client.get(f"/api/v1/cases/{a}", headers=city).get_json()["group"]["total_owed_fen"] == 4_800_000


def test_a_duplicate_in_a_sibling_county_is_not_flagged_to_the_county(app, client, tree, make_application):
    from tests import photos as files
    same_person = files.id_number(serial="456")  # (cases a and b are one person too: the tests' one ID number)
    mine, theirs = (make_application(client, phone=phone, id_number=same_person, employer_name="王老板")["id"]
                    for phone in ("13800138066", "13800138077"))
    _in_office(app, mine, tree["offices"]["a"])
    _in_office(app, theirs, tree["offices"]["b"])
    with app.app_context():
        assert db.session.get(Application, mine).likely_duplicate  # flagged at intake, across the deployment
    staff_a, city = tree["people"]["staff_a"], tree["people"]["city_staff"]
    row, counts = _row(client, staff_a, mine)
    assert (row["duplicate"], counts["duplicate"]) == (False, 0)
    view = client.get(f"/api/v1/cases/{mine}", headers=staff_a).get_json()
    assert (view["duplicate"], view["duplicates"]) == (False, [])
    row, counts = _row(client, city, mine)
    assert (row["duplicate"], counts["duplicate"]) == (True, 4)  # this pair, and cases a and b
    assert client.get(f"/api/v1/cases/{mine}", headers=city).get_json()["duplicate"] is True
