"""The staff inbox: filters with counts, the most pressing case first, masked rows; group claims and likely
duplicates linked (never merged); the green channel's figures."""
from datetime import timedelta

from server.aid.cases.clocks import today
from tests.casework import CHECKLIST, act, change


def inbox(client, headers, **query):
    resp = client.get("/api/v1/cases", query_string=query, headers=headers)
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def test_an_injury_about_to_run_out_comes_first_and_says_aid_starts_before_the_paperwork(
        app, client, staff, make_application):
    older = make_application(client, applicant_name="老王", phone="13800000001", employer_name="甲公司", site="甲工地")
    days = 5
    injured = (today() - timedelta(days=365 - days)).isoformat()
    hurt = make_application(client, case_type="injury", injured_on=injured, applicant_name="小李",
                            phone="13800000002", employer_name="乙公司", site="乙工地")
    body = inbox(client, staff)
    assert [r["id"] for r in body["items"]] == [hurt["id"], older["id"]]
    row = body["items"][0]
    assert row["urgent"] and row["first_aid"] and body["counts"]["urgent"] == 1
    view = client.get(f"/api/v1/cases/{hurt['id']}", headers=staff).get_json()
    assert view["first_aid"] and "先行提供法律援助" in view["first_aid_note"] and "第四十四条" in view["first_aid_note"]
    clock = next(c for c in view["clocks"] if c["name"] == "injury_recognition")
    assert clock["days_left"] == days and "《工伤保险条例》第十七条" in clock["how"]


def test_urgent_but_not_first_aid_between_7_and_30_days(client, staff, make_application):
    left_on = (today() - timedelta(days=365 - 20)).isoformat()
    sent = make_application(client, started_on="2025-01-01", left_on=left_on)
    row = inbox(client, staff, filter="urgent")["items"][0]
    assert row["id"] == sent["id"] and row["urgent"] and not row["first_aid"]


def test_filters_and_their_counts(app, client, staff, make_application):
    green = make_application(client, phone="13800000011", employer_name="甲公司", site="一号工地")
    other = make_application(client, case_type="dismissal", honesty_commitment=True, phone="13800000012",
                             employer_name="乙公司", site="二号工地")
    late = make_application(client, phone="13800000013", employer_name="丙公司", site="三号工地")
    change(app, late["id"], due_on=today() - timedelta(days=1))
    act(client, staff, other["id"], "request_materials", asked="劳动合同")
    body = inbox(client, staff)
    assert body["counts"] == {"all": 3, "new": 2, "green": 2, "urgent": 0, "overdue": 1, "accept_overdue": 0,
                              "group": 0, "duplicate": 0, "materials": 1, "mine": 1}
    assert {r["id"] for r in inbox(client, staff, filter="green")["items"]} == {green["id"], late["id"]}
    assert [r["id"] for r in inbox(client, staff, filter="overdue")["items"]] == [late["id"]]
    assert [r["id"] for r in inbox(client, staff, filter="mine")["items"]] == [other["id"]]
    assert inbox(client, staff)["items"][0]["id"] == late["id"]  # overdue before the rest


def test_the_inbox_is_paginated(client, staff, make_application):
    for n in range(3):
        make_application(client, phone=f"1380000002{n}")
    first = inbox(client, staff, page=1, page_size=2)
    second = inbox(client, staff, page=2, page_size=2)
    assert (first["total"], len(first["items"]), len(second["items"])) == (3, 2, 1)
    assert not {r["id"] for r in first["items"]} & {r["id"] for r in second["items"]}
    assert client.get("/api/v1/cases?page_size=101", headers=staff).status_code == 422


def test_lists_are_masked(client, staff, make_application):
    sent = make_application(client)
    text = client.get("/api/v1/cases", headers=staff).get_data(as_text=True)
    assert "13800138000" not in text and sent["body"]["id_number"] not in text
    row = inbox(client, staff)["items"][0]
    assert row["phone_masked"] == "*******8000" and "*" in row["id_number_masked"]


def test_workers_of_one_employer_or_one_site_make_a_group_claim(client, staff, make_application):
    a = make_application(client, employer_name="成都某某劳务有限公司", site="幸福里工地", amount_owed_fen=100_00,
                         phone="13800000031")
    b = make_application(client, employer_name=" 成都某某劳务 ", site="别的工地", amount_owed_fen=200_00,
                         phone="13800000032")
    # Another employer's name, but the same site in the same city: linked too, and so the groups join.
    c = make_application(client, employer_name="某某建设", site="幸福里工地", amount_owed_fen=300_00,
                         phone="13800000033")
    alone = make_application(client, employer_name="别家", site="幸福里工地", city="重庆市", phone="13800000034")
    rows = {r["id"]: r for r in inbox(client, staff)["items"]}
    assert [rows[i]["group_size"] for i in (a["id"], b["id"], c["id"], alone["id"])] == [3, 3, 3, 1]
    assert inbox(client, staff)["counts"]["group"] == 3
    view = client.get(f"/api/v1/cases/{a['id']}", headers=staff).get_json()
    assert view["group"]["size"] == 3 and view["group"]["total_owed_fen"] == 600_00
    group = client.get(f"/api/v1/cases/groups/{view['group']['key']}", headers=staff).get_json()
    assert {r["id"] for r in group["items"]} == {a["id"], b["id"], c["id"]} and group["total_owed_fen"] == 600_00
    assert client.get(f"/api/v1/cases/groups/{rows[alone['id']]['group_key']}", headers=staff).status_code == 404


def test_the_same_person_against_the_same_employer_is_a_likely_duplicate_shown_side_by_side(
        app, client, staff, make_application):
    first = make_application(client)
    again = make_application(client, account="上次没有回音，再申请一次。")
    elsewhere = make_application(client, employer_name="另一个老板", site="另一个工地")
    rows = {r["id"]: r for r in inbox(client, staff)["items"]}
    assert rows[first["id"]]["duplicate"] and rows[again["id"]]["duplicate"] and not rows[elsewhere["id"]]["duplicate"]
    view = client.get(f"/api/v1/cases/{again['id']}", headers=staff).get_json()
    assert [d["id"] for d in view["duplicates"]] == [first["id"]]
    assert inbox(client, staff)["counts"]["all"] == 3  # flagged, never merged


def test_a_month_apart_is_not_a_duplicate(app, client, staff, make_application):
    first = make_application(client)
    from server.aid.models import Application
    from server.extensions import db
    with app.app_context():
        row = db.session.get(Application, first["id"])
        row.created_at = row.created_at - timedelta(days=31)
        db.session.commit()
    again = make_application(client)
    assert not any(r["duplicate"] for r in inbox(client, staff)["items"])
    assert client.get(f"/api/v1/cases/{again['id']}", headers=staff).get_json()["duplicates"] == []


def test_green_channel_figures_count_same_day_accept_and_assign(app, client, staff, make_user, make_application):
    lawyer = make_user("lawyer")
    quick = make_application(client, phone="13800000041")
    slow = make_application(client, phone="13800000042")
    make_application(client, case_type="other", honesty_commitment=True, phone="13800000043")
    for sent in (quick, slow):
        act(client, staff, sent["id"], "accept", checklist=CHECKLIST)
        act(client, staff, sent["id"], "approve")
        assert act(client, staff, sent["id"], "assign", lawyer_id=lawyer.id).status_code == 200
    from server.aid.models import Application
    from server.extensions import db
    with app.app_context():
        row = db.session.get(Application, slow["id"])
        row.assigned_at = row.assigned_at + timedelta(days=2)
        db.session.commit()
    figures = client.get("/api/v1/cases/figures", headers=staff).get_json()
    assert {k: figures[k] for k in ("green_channel", "same_day_accept", "same_day_assign")} == \
        {"green_channel": 2, "same_day_accept": 2, "same_day_assign": 1}
    assert "第四十二条" in figures["how"]
    lawyers = client.get("/api/v1/lawyers", headers=staff).get_json()["items"]
    assert [(x["id"], x["open_cases"]) for x in lawyers] == [(lawyer.id, 2)]


def test_an_application_that_links_two_groups_joins_them(client, staff, make_application):
    x = make_application(client, employer_name="甲劳务", site="东区工地", phone="13800000061")
    y = make_application(client, employer_name="乙劳务", site="西区工地", phone="13800000062")
    assert {r["group_size"] for r in inbox(client, staff)["items"]} == {1}
    z = make_application(client, employer_name="甲劳务", site="西区工地", phone="13800000063")
    rows = {r["id"]: r for r in inbox(client, staff)["items"]}
    assert len({rows[i]["group_key"] for i in (x["id"], y["id"], z["id"])}) == 1
    assert [rows[i]["group_size"] for i in (x["id"], y["id"], z["id"])] == [3, 3, 3]


def test_employer_names_are_compared_as_people_write_them():
    from server.aid.linking import employer_key, groups, site_key
    assert employer_key("成都某某劳务有限公司") == employer_key(" 成都某某劳务 ") \
        == employer_key("成都某某劳务（有限公司）")
    assert employer_key("ＡＢＣ建筑公司") == employer_key("abc建筑")
    assert employer_key("") == "" and employer_key("公司") == "公司"
    assert site_key("", "成都市") == "" and site_key("幸福里 工地", "成都市") == site_key("幸福里工地", "成都市")
    assert groups([(1, "a", ""), (2, "b", "s"), (3, "a", "s"), (4, "", "")]) == {1: "g1", 2: "g1", 3: "g1", 4: "g4"}


def test_a_withdrawn_duplicate_is_not_counted_in_the_group(client, staff, make_application):
    """Issue 18 item 15: the same worker applied twice and the second was withdrawn as a duplicate: the group is
    3 people owed 55,500 元, not 4 owed 79,500 元 — in the case view, the group page and the inbox rows."""
    from tests.photos import id_number
    a = make_application(client, employer_name="成都某某劳务有限公司", site="幸福里工地", amount_owed_fen=2_400_000,
                         phone="13800000071", id_number=id_number(serial="071"))
    make_application(client, employer_name="成都某某劳务有限公司", site="幸福里工地", amount_owed_fen=1_500_000,
                     phone="13800000072", id_number=id_number(serial="072"))
    make_application(client, employer_name="成都某某劳务有限公司", site="幸福里工地", amount_owed_fen=1_650_000,
                     phone="13800000073", id_number=id_number(serial="073"))
    again = make_application(client, employer_name="成都某某劳务有限公司", site="幸福里工地",
                             amount_owed_fen=2_400_000, phone="13800000071", id_number=id_number(serial="071"))
    view = client.get(f"/api/v1/cases/{a['id']}", headers=staff).get_json()
    assert view["group"]["size"] == 4 and view["group"]["total_owed_fen"] == 7_950_000  # before: both still open
    assert inbox(client, staff)["counts"]["duplicate"] == 2
    assert act(client, staff, again["id"], "withdraw", reason="重复申请").status_code == 200
    # The pair is settled: neither is a likely duplicate waiting for someone to look at it any more.
    assert inbox(client, staff)["counts"]["duplicate"] == 0
    assert not any(r["duplicate"] for r in inbox(client, staff)["items"])
    view = client.get(f"/api/v1/cases/{a['id']}", headers=staff).get_json()
    assert (view["group"]["size"], view["group"]["total_owed_fen"]) == (3, 5_550_000)
    group = client.get(f"/api/v1/cases/groups/{view['group']['key']}", headers=staff).get_json()
    assert (group["size"], group["total_owed_fen"]) == (3, 5_550_000)
    assert len(group["items"]) == 4  # still listed, never hidden
    rows = {r["id"]: r for r in inbox(client, staff)["items"]}
    assert rows[a["id"]]["group_size"] == 3 and inbox(client, staff)["counts"]["group"] == 3


def test_a_group_of_one_person_and_their_withdrawn_duplicate_is_no_group(client, staff, make_application):
    first = make_application(client, phone="13800000081")
    again = make_application(client, phone="13800000081")
    act(client, staff, again["id"], "withdraw", reason="重复申请")
    view = client.get(f"/api/v1/cases/{first['id']}", headers=staff).get_json()
    assert view["group"] is None and inbox(client, staff)["counts"]["group"] == 0


def test_a_case_whose_only_twin_is_settled_is_not_tagged_a_likely_duplicate(client, staff, make_application):
    """Issue 18 item 15, the case page: once the twin was withdrawn (or not accepted) the case is no longer 疑似重复,
    as in the inbox; the twin is still listed for comparison, marked as not counted, with its stage."""
    first = make_application(client, phone="13800000091")
    again = make_application(client, phone="13800000091")
    view = client.get(f"/api/v1/cases/{first['id']}", headers=staff).get_json()
    assert view["duplicate"] is True
    assert [(d["id"], d["duplicate"]) for d in view["duplicates"]] == [(again["id"], True)]
    assert act(client, staff, again["id"], "withdraw", reason="重复申请").status_code == 200
    view = client.get(f"/api/v1/cases/{first['id']}", headers=staff).get_json()
    assert view["duplicate"] is False
    assert [(d["id"], d["stage"], d["duplicate"]) for d in view["duplicates"]] == [(again["id"], "withdrawn", False)]
    assert client.get(f"/api/v1/cases/{again['id']}", headers=staff).get_json()["duplicate"] is False
    # A third application of the same person: a live pair again, whichever page it is looked at from.
    third = make_application(client, phone="13800000091")
    assert client.get(f"/api/v1/cases/{first['id']}", headers=staff).get_json()["duplicate"] is True
    assert act(client, staff, third["id"], "not_accept", reason="重复申请").status_code == 200
    view = client.get(f"/api/v1/cases/{first['id']}", headers=staff).get_json()
    assert view["duplicate"] is False and [d["stage"] for d in view["duplicates"]] == ["withdrawn", "not_accepted"]
    assert inbox(client, staff)["counts"]["duplicate"] == 0


def test_the_most_urgent_date_is_shown_first_whichever_clock_it_is(client, staff, make_application):
    """Item 16: a new application whose arbitration limitation runs out in 3 days shows that date in the inbox and
    in 下一步, not the 7-day decision date; the clock itself says how many days are left."""
    left_on = (today() - timedelta(days=365 - 3)).isoformat()
    sent = make_application(client, started_on="2025-01-01", left_on=left_on)
    row = inbox(client, staff)["items"][0]
    limitation = (today() + timedelta(days=3))
    assert (row["due_on"], row["days_left"]) == (limitation.isoformat(), 3)
    assert row["due_label"] == "劳动仲裁时效"
    view = client.get(f"/api/v1/cases/{sent['id']}", headers=staff).get_json()
    assert (view["due_on"], view["days_left"], view["due_label"]) == (limitation.isoformat(), 3, "劳动仲裁时效")
    assert not view["overdue"]  # the office's own clock (7 days to decide) is not late
    clock = next(c for c in view["clocks"] if c["name"] == "limitation")
    assert clock["days_left"] == 3
    calm = make_application(client, phone="13800000091", employer_name="别家", site="别处")
    row = next(r for r in inbox(client, staff)["items"] if r["id"] == calm["id"])
    assert (row["days_left"], row["due_label"]) == (7, "决定期限")
