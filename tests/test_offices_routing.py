"""Applications routed by where the work was done, and 转办 between legal-aid centres.

The tree (real 行政区划 codes): the province (the root) → 成都市法律援助中心 (510100) → 锦江区 (510104) and 青羊区
(510105) legal-aid centres, with 锦江区总工会 (510104, a union) beside them; 绵阳市涪城区法律援助中心 (510703) under the
province. An application from a site in 锦江区 lands at 锦江's centre (not the union's office of the same district),
one from 金牛区 (510106, no office) at the city's, one from another province at the fallback (the typing volunteer's
office, else the root). 锦江's staff transfer a case to 涪城 with a reason: the worker's timeline, tracking answer and
SMS name 涪城 and its phone, the case's papers name it, and 锦江's staff and the city's staff get 404 on it
afterwards while the province admin still reads it.
"""
import io
import uuid

import pytest
from docx import Document

from server.aid.models import Application, Notification, TimelineEntry
from server.extensions import db
from tests.casework import act, put_in_stage

REASON = "工地在绵阳市涪城区，由工地所在地的法律援助中心办理，离仲裁委近"


@pytest.fixture
def tree(app, client, auth):
    admin = auth(client, "admin")
    with app.app_context():
        root = admin.user.office_id

    def office(parent, name, division, kind="legal_aid", phone=""):
        resp = client.post("/api/v1/offices", json={"parent_id": parent, "name": name, "kind": kind,
                                                    "division": division, "phone": phone}, headers=admin)
        assert resp.status_code == 201, resp.get_json()
        return resp.get_json()["id"]

    city = office(root, "成都市法律援助中心", "510100", phone="028-12348")
    jinjiang = office(city, "锦江区法律援助中心", "510104", phone="028-86660000")
    union = office(city, "锦江区总工会", "510104", kind="union")
    qingyang = office(city, "青羊区法律援助中心", "510105")
    fucheng = office(root, "绵阳市涪城区法律援助中心", "510703", phone="0816-2221234")
    offices = {"root": root, "city": city, "jinjiang": jinjiang, "union": union, "qingyang": qingyang,
               "fucheng": fucheng}
    people = {"admin": admin, "city_staff": auth(client, "staff", office_id=city),
              "jinjiang_staff": auth(client, "staff", office_id=jinjiang),
              "jinjiang_volunteer": auth(client, "volunteer", office_id=jinjiang),
              "qingyang_volunteer": auth(client, "volunteer", office_id=qingyang)}
    return {"offices": offices, "people": people}


def _office_of(app, case_id):
    with app.app_context():
        return db.session.get(Application, case_id).office_id


def test_an_application_goes_to_the_office_serving_the_site(app, client, tree, make_application):
    offices = tree["offices"]
    jinjiang = make_application(client, site_division="510104", phone="13800138101")
    assert _office_of(app, jinjiang["id"]) == offices["jinjiang"]  # the legal-aid centre, not the union's office
    jinniu = make_application(client, site_division="510106", phone="13800138102")  # 金牛区: no office of its own
    assert _office_of(app, jinniu["id"]) == offices["city"]
    city_only = make_application(client, site_division="510100", phone="13800138103")  # the worker knows the city
    assert _office_of(app, city_only["id"]) == offices["city"]
    fucheng = make_application(client, site_division="５１０７０３", phone="13800138104")  # full-width digits
    assert _office_of(app, fucheng["id"]) == offices["fucheng"]
    # Another province (重庆市渝中区) and no site at all: the fallback, the root for a worker applying alone ...
    assert _office_of(app, make_application(client, site_division="500103", phone="13800138105")["id"]) == \
        offices["root"]
    assert _office_of(app, make_application(client, phone="13800138106")["id"]) == offices["root"]
    # ... the typing volunteer's office for one typed in for a worker; a site an office serves wins over that.
    volunteer = tree["people"]["qingyang_volunteer"]
    typed = make_application(client, site_division="500103", phone="13800138107", headers=volunteer,
                             worker_consent_confirmed=True)
    assert _office_of(app, typed["id"]) == offices["qingyang"]
    typed = make_application(client, site_division="510104", phone="13800138108", headers=volunteer,
                             worker_consent_confirmed=True)
    assert _office_of(app, typed["id"]) == offices["jinjiang"]
    with app.app_context():
        assert db.session.get(Application, fucheng["id"]).site_division == "510703"
    # The staff of 锦江 find theirs in the inbox; the worker's first step names the office.
    rows = client.get("/api/v1/cases", headers=tree["people"]["jinjiang_staff"]).get_json()["items"]
    assert jinjiang["id"] in {r["id"] for r in rows} and jinniu["id"] not in {r["id"] for r in rows}
    track = client.post("/api/v1/applications/track", json={"code": jinjiang["code"], "phone": "13800138101"})
    assert track.get_json()["timeline"][0]["note"] == "你的申请已经送到锦江区法律援助中心。"
    assert track.get_json()["office_name"] == "锦江区法律援助中心"
    assert track.get_json()["office_phone"] == "028-86660000"


@pytest.mark.parametrize("code", ["999999", "510199", "51010", "5101０４x", "abcdef"])
def test_a_site_code_nobody_knows_is_refused_in_plain_chinese(client, tree, make_application, code):
    body = make_application(client, site_division=code, expect=422)
    message = body["errors"]["json"]["site_division"][0]
    assert message in ("没有这个区县代码：请从列表里选，不清楚就选「不清楚」。", "区县代码是 6 位数字。")


def test_the_areas_the_offices_serve_are_public_and_named(client, tree):
    resp = client.get("/api/v1/offices/areas")
    assert resp.status_code == 200
    assert resp.get_json()["items"] == [
        {"division": "510100", "name": "成都市"}, {"division": "510104", "name": "成都市锦江区"},
        {"division": "510105", "name": "成都市青羊区"}, {"division": "510703", "name": "绵阳市涪城区"}]


def test_a_one_office_deployment_has_no_areas_and_no_transfer(client, staff, make_application):
    assert client.get("/api/v1/offices/areas").get_json() == {"items": []}
    sent = make_application(client)
    view = client.get(f"/api/v1/cases/{sent['id']}", headers=staff).get_json()
    assert "transfer" not in view["allowed_actions"]
    assert view["office"]["name"] == "法律援助机构"


def test_jinjiang_transfers_to_fucheng_and_loses_the_case(app, client, tree, make_application, make_user, auth):
    offices, people = tree["offices"], tree["people"]
    staff = people["jinjiang_staff"]
    sent = make_application(client, site_division="510104", phone="13800138201", photos=1)
    lawyer = make_user("lawyer", app=app, office_id=offices["jinjiang"], display_name="锦江律师")
    put_in_stage(app, sent["id"], "lawyer_accepted", lawyer_id=lawyer.id)
    with app.app_context():
        db.session.get(Application, sent["id"]).office_id = offices["jinjiang"]
        db.session.commit()

    view = client.get(f"/api/v1/cases/{sent['id']}", headers=staff).get_json()
    form = next(f for f in view["actions"] if f["action"] == "transfer")
    choices = next(f for f in form["fields"] if f["name"] == "office_id")["choices"]
    # every other legal-aid centre of the deployment (not the union, not 锦江 itself)
    assert {c["label"] for c in choices} == {"成都市法律援助中心", "青羊区法律援助中心", "绵阳市涪城区法律援助中心"}
    assert act(client, staff, sent["id"], "transfer", office_id=offices["fucheng"]).status_code == 422  # no reason
    assert act(client, staff, sent["id"], "transfer", office_id=offices["union"], reason=REASON).status_code == 422

    key = str(uuid.uuid4())
    resp = act(client, {**staff, "Idempotency-Key": key}, sent["id"], "transfer", office_id=offices["fucheng"],
               reason=REASON)
    body = resp.get_json()
    assert resp.status_code == 200, body
    assert body["handler"] is False and "绵阳市涪城区法律援助中心" in body["message"]
    # its retry gets the same answer, not a 404
    again = act(client, {**staff, "Idempotency-Key": key}, sent["id"], "transfer", office_id=offices["fucheng"],
                reason=REASON)
    assert again.status_code == 200 and again.get_json()["handler"] is False
    with app.app_context():
        case = db.session.get(Application, sent["id"])
        # 锦江's lawyer is not 涪城's: the case waits for 涪城 to assign one of its own
        assert (case.office_id, case.lawyer_id, case.stage) == (offices["fucheng"], None, "approved")
        entries = list(db.session.scalars(db.select(TimelineEntry).where(
            TimelineEntry.application_id == sent["id"], TimelineEntry.action == "transfer")))
        texts = list(db.session.scalars(db.select(Notification.text).where(
            Notification.application_id == sent["id"], Notification.kind == "transferred")))
    assert [e.note for e in entries] == [f"转给绵阳市涪城区法律援助中心办理：{REASON}。"]
    assert len(texts) == 1 and "绵阳市涪城区法律援助中心" in texts[0] and "0816-2221234" in texts[0]

    track = client.post("/api/v1/applications/track", json={"code": sent["code"], "phone": "13800138201"}).get_json()
    assert track["office_name"] == "绵阳市涪城区法律援助中心" and track["office_phone"] == "0816-2221234"
    assert track["timeline"][-1]["note"] == f"转给绵阳市涪城区法律援助中心办理：{REASON}。"
    assert track["lawyer_office_phone"] is None

    # 锦江's staff and the city's lose it (it left their subtree); the province admin does not
    for who in ("jinjiang_staff", "city_staff"):
        for url in (f"/api/v1/cases/{sent['id']}", f"/api/v1/cases/{sent['id']}/documents/aid_application.docx",
                    f"/api/v1/uploads/{sent['upload_ids'][0]}"):
            assert client.get(url, headers=people[who]).status_code == 404, (who, url)
        rows = client.get("/api/v1/cases", headers=people[who]).get_json()["items"]
        assert sent["id"] not in {r["id"] for r in rows}, who
    assert client.get(f"/api/v1/cases/{sent['id']}", headers=people["admin"]).status_code == 200
    # 涪城's staff find it in their inbox, waiting for one of their lawyers
    fucheng_staff = auth(client, "staff", office_id=offices["fucheng"])
    rows = client.get("/api/v1/cases", headers=fucheng_staff).get_json()["items"]
    assert [(r["id"], r["stage"]) for r in rows] == [(sent["id"], "approved")]
    paper = client.get(f"/api/v1/cases/{sent['id']}/documents/aid_application.docx", headers=people["admin"])
    text = "\n".join(p.text for p in Document(io.BytesIO(paper.data)).paragraphs)
    assert "承办机构：绵阳市涪城区法律援助中心（电话 0816-2221234）" in text
    assert "绵阳市涪城区法律援助中心经办人：" in text and "锦江区法律援助中心" not in text
    # the transfer is in the case's audit, with both offices named
    audit = client.get(f"/api/v1/cases/{sent['id']}/audit", headers=people["admin"]).get_json()["items"]
    assert any(row["action"] == "transfer" and row["action_label"] == "转办案件" for row in audit)


def test_a_transfer_up_the_tree_keeps_the_lawyer_who_is_there(app, client, tree, make_application, make_user):
    """From 锦江 to the city above it: 锦江's lawyer lies in the city's subtree, so the case keeps lawyer and stage."""
    offices = tree["offices"]
    sent = make_application(client, site_division="510104", phone="13800138301")
    lawyer = make_user("lawyer", app=app, office_id=offices["jinjiang"], display_name="锦江律师")
    put_in_stage(app, sent["id"], "in_progress", lawyer_id=lawyer.id)
    resp = act(client, tree["people"]["jinjiang_staff"], sent["id"], "transfer", office_id=offices["city"],
               reason="案情复杂，由市中心办理")
    assert resp.status_code == 200 and resp.get_json()["handler"] is False
    with app.app_context():
        case = db.session.get(Application, sent["id"])
        assert (case.office_id, case.lawyer_id, case.stage) == (offices["city"], lawyer.id, "in_progress")
    assert client.get(f"/api/v1/cases/{sent['id']}", headers=tree["people"]["city_staff"]).status_code == 200
