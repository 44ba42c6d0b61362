"""Staff and a lawyer carry a worker's wage claim from 收到申请 to 已回访; the worker's tracking page follows."""
from tests.fakes import SmsOutbox

CHECKLIST = {"work_facts_confirmed": True, "arrears_checked": True, "employer_identified": True}


def act(client, headers, case_id, action, **fields):
    return client.post(f"/api/v1/cases/{case_id}/actions", json={"action": action, **fields}, headers=headers)


def test_a_green_channel_wage_claim_goes_from_application_to_follow_up(app, client, auth, make_user,
                                                                        make_application):
    outbox = app.extensions["sms_sender"] = SmsOutbox()
    staff = auth(client, "staff")
    lawyer_user = make_user("lawyer", display_name="王律师")
    with app.app_context():
        from server.accounts.models import User
        from server.extensions import db
        db.session.get(User, lawyer_user.id).office_phone = "028-85550000"
        db.session.commit()
    lawyer = auth(client, "lawyer", user=lawyer_user)
    sent = make_application(client, photos=1)
    case_id = sent["id"]

    inbox = client.get("/api/v1/cases?filter=green", headers=staff)
    assert inbox.status_code == 200, inbox.get_json()
    body = inbox.get_json()
    assert body["counts"]["new"] == 1 and body["counts"]["green"] == 1
    row = body["items"][0]
    assert row["green_channel"] and row["next_actor"] == "staff" and row["phone_masked"].endswith("8000")
    assert "13800138000" not in inbox.get_data(as_text=True)

    view = client.get(f"/api/v1/cases/{case_id}", headers=staff).get_json()
    assert view["allowed_actions"] == ["accept", "not_accept", "request_materials", "withdraw"]
    assert view["clocks"][0]["name"] == "decide" and "第四十三条" in view["clocks"][0]["how"]

    resp = act(client, staff, case_id, "accept", checklist=CHECKLIST)
    assert resp.status_code == 200, resp.get_json()
    assert act(client, staff, case_id, "approve").status_code == 200
    resp = act(client, staff, case_id, "assign", lawyer_id=lawyer_user.id)
    assert resp.status_code == 200, resp.get_json()
    assert resp.get_json()["lawyer"]["office_phone"] == "028-85550000"

    mine = client.get("/api/v1/cases", headers=lawyer).get_json()
    assert [r["id"] for r in mine["items"]] == [case_id]
    assert act(client, lawyer, case_id, "lawyer_accept").status_code == 200
    resp = act(client, lawyer, case_id, "progress", kind="mediation", note="约了老板下周调解",
               next_hearing_on="2030-01-10")
    assert resp.status_code == 200, resp.get_json()
    resp = act(client, staff, case_id, "close", outcome="mediated", recovered_fen=2_400_000, closed_on="2026-11-30")
    assert resp.status_code == 200, resp.get_json()
    resp = act(client, staff, case_id, "follow_up", reached=True, satisfaction=5, comment="很满意")
    assert resp.status_code == 200, resp.get_json()
    assert resp.get_json()["stage"] == "followed_up"

    track = client.post("/api/v1/applications/track", json={"code": sent["code"], "phone": sent["phone"]}).get_json()
    assert [e["stage"] for e in track["timeline"]] == ["submitted", "accepted", "approved", "assigned",
                                                       "lawyer_accepted", "in_progress", "closed", "followed_up"]
    assert track["lawyer_office_phone"] == "028-85550000"
    texts = [m["text"] for m in outbox if "text" in m]
    # 已收到, 已受理, 已指派, 律师已接受指派 (the accept form promises it, issue 18 item 24), 已结案
    assert len(texts) == 5 and "已收到" in texts[0] and "028-85550000" in texts[2], texts
    assert "已接受指派" in texts[3] and "028-85550000" in texts[3], texts
