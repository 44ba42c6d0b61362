"""Helpers for the 问一问 stories: an office tree (real 行政区划 codes), a worker asking through the API."""
import uuid

import pytest

ASKER = "13800138222"


@pytest.fixture
def tree(app, client, auth):
    """The province (root) → 成都市 (510100) → 锦江区 (510104) and 青羊区 (510105) legal-aid centres."""
    admin = auth(client, "admin")
    with app.app_context():
        root = admin.user.office_id

    def office(parent, name, division):
        resp = client.post("/api/v1/offices", json={"parent_id": parent, "name": name, "kind": "legal_aid",
                                                    "division": division, "phone": ""}, headers=admin)
        assert resp.status_code == 201, resp.get_json()
        return resp.get_json()["id"]

    city = office(root, "成都市法律援助中心", "510100")
    jinjiang = office(city, "锦江区法律援助中心", "510104")
    qingyang = office(city, "青羊区法律援助中心", "510105")
    return {"offices": {"root": root, "city": city, "jinjiang": jinjiang, "qingyang": qingyang},
            "people": {"admin": admin, "jinjiang_volunteer": auth(client, "volunteer", office_id=jinjiang),
                       "jinjiang_lawyer": auth(client, "lawyer", office_id=jinjiang),
                       "jinjiang_staff": auth(client, "staff", office_id=jinjiang),
                       "qingyang_volunteer": auth(client, "volunteer", office_id=qingyang),
                       "city_staff": auth(client, "staff", office_id=city)}}


def ask(client, *, key=None, expect=201, **fields):
    """POST /questions as the PWA's outbox does; the answer's JSON plus `key` and `phone`."""
    key = key or str(uuid.uuid4())
    body = {"text": "老板欠了我两个月工资，包工头说等年底，我该怎么办？", "audio_id": None, "upload_ids": [],
            "case_type": "wages", "started_on": None, "left_on": None, "injured_on": None, "city": "成都市",
            "district": "锦江区", "site_division": "510104", "site_code": "", "phone": ASKER,
            "consent_privacy": True, "consent_sensitive": True, **fields}
    resp = client.post("/api/v1/questions", json=body, headers={"Idempotency-Key": key})
    assert resp.status_code == expect, resp.get_json()
    return {**resp.get_json(), "key": key, "phone": body["phone"], "body": body}


def answer(client, headers, question_id, expect=201, **fields):
    body = {"text": "先把欠条、考勤记录收好，再申请法律援助。", "audio_id": None, "card_slugs": [],
            "next_step": "apply_aid", "offer_application": False, **fields}
    resp = client.post(f"/api/v1/questions/{question_id}/answer", json=body,
                       headers={**headers, "Idempotency-Key": str(uuid.uuid4())})
    assert resp.status_code == expect, resp.get_json()
    return resp.get_json()
