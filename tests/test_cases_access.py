"""A lawyer sees only the cases assigned to them now: changing the id in the URL gets 403, and a lawyer who is
unassigned (declined, or the case moved to another lawyer) loses the case at once. Every read is audited."""
from server.accounts.models import AuditEntry
from server.extensions import db
from tests.casework import CHECKLIST, act


def assigned(client, staff, make_application, lawyer, **fields):
    sent = make_application(client, **fields)
    act(client, staff, sent["id"], "accept", checklist=CHECKLIST)
    act(client, staff, sent["id"], "approve")
    resp = act(client, staff, sent["id"], "assign", lawyer_id=lawyer.id)
    assert resp.status_code == 200, resp.get_json()
    return sent


def test_a_lawyer_cannot_read_another_lawyers_case_by_changing_the_id(client, auth, staff, make_user,
                                                                     make_application):
    wang, li = make_user("lawyer"), make_user("lawyer")
    mine = assigned(client, staff, make_application, wang, phone="13800000051")
    theirs = assigned(client, staff, make_application, li, phone="13800000052")
    as_wang = auth(client, "lawyer", user=wang)
    assert client.get(f"/api/v1/cases/{mine['id']}", headers=as_wang).status_code == 200
    resp = client.get(f"/api/v1/cases/{theirs['id']}", headers=as_wang)
    assert resp.status_code == 403 and resp.get_json()["error_code"] == "not_your_case"
    assert act(client, as_wang, theirs["id"], "lawyer_accept").status_code == 403
    assert [r["id"] for r in client.get("/api/v1/cases", headers=as_wang).get_json()["items"]] == [mine["id"]]
    assert client.get("/api/v1/cases/figures", headers=as_wang).status_code == 403
    assert client.get(f"/api/v1/cases/{mine['id']}/audit", headers=as_wang).status_code == 403


def test_after_reassignment_the_old_lawyer_gets_403_at_once(client, auth, staff, make_user, make_application):
    wang, li = make_user("lawyer"), make_user("lawyer")
    sent = assigned(client, staff, make_application, wang, photos=1)
    as_wang = auth(client, "lawyer", user=wang)
    assert client.get(f"/api/v1/uploads/{sent['upload_ids'][0]}", headers=as_wang).status_code == 200
    resp = act(client, staff, sent["id"], "reassign", lawyer_id=li.id, reason="王律师住院")
    assert resp.status_code == 200 and resp.get_json()["lawyer"]["id"] == li.id
    assert client.get(f"/api/v1/cases/{sent['id']}", headers=as_wang).status_code == 403
    assert client.get(f"/api/v1/uploads/{sent['upload_ids'][0]}", headers=as_wang).status_code == 403
    assert client.get("/api/v1/cases", headers=as_wang).get_json()["items"] == []
    as_li = auth(client, "lawyer", user=li)
    assert client.get(f"/api/v1/cases/{sent['id']}", headers=as_li).status_code == 200


def test_a_lawyer_who_declines_loses_the_case_and_it_waits_for_a_new_lawyer(client, auth, staff, make_user,
                                                                          make_application):
    wang = make_user("lawyer")
    sent = assigned(client, staff, make_application, wang)
    as_wang = auth(client, "lawyer", user=wang)
    resp = act(client, as_wang, sent["id"], "lawyer_decline", reason="与对方有利益冲突")
    assert resp.status_code == 200 and resp.get_json()["stage"] == "approved"
    assert client.get(f"/api/v1/cases/{sent['id']}", headers=as_wang).status_code == 403
    view = client.get(f"/api/v1/cases/{sent['id']}", headers=staff).get_json()
    assert view["lawyer"] is None and view["next_actor_label"] == "等工作人员指派律师"
    assert view["timeline"][-1]["reason"] == "与对方有利益冲突"


def test_every_read_of_a_case_and_its_evidence_is_audited_with_why(app, client, auth, staff, make_user,
                                                                 make_application):
    wang = make_user("lawyer", display_name="王律师")
    sent = assigned(client, staff, make_application, wang, photos=1)
    as_wang = auth(client, "lawyer", user=wang)
    client.get(f"/api/v1/cases/{sent['id']}", headers=as_wang)
    client.get(f"/api/v1/uploads/{sent['upload_ids'][0]}/thumbnail", headers=as_wang)
    with app.app_context():
        entries = db.session.scalars(db.select(AuditEntry).where(AuditEntry.actor_id == wang.id)).all()
        assert [(e.record_type, e.detail["why"]) for e in entries] == [("aid_application", "assigned_lawyer"),
                                                                       ("evidence", "assigned_lawyer")]
    items = client.get(f"/api/v1/cases/{sent['id']}/audit", headers=staff).get_json()["items"]
    lawyer_rows = [i for i in items if i["user_name"] == "王律师"]
    assert [(i["record_type"], i["why"]) for i in lawyer_rows] == [("evidence", "指派的援助律师"),
                                                                  ("aid_application", "指派的援助律师")]
    assert any(i["why"] == "经办工作人员" for i in items)
    # A list is not a read of a full case: it leaves no entry.
    before = len(items)
    client.get("/api/v1/cases", headers=staff)
    assert len(client.get(f"/api/v1/cases/{sent['id']}/audit", headers=staff).get_json()["items"]) == before


def test_the_case_view_links_the_documents(client, staff, make_application):
    sent = make_application(client)
    view = client.get(f"/api/v1/cases/{sent['id']}", headers=staff).get_json()
    assert [(d["kind"], d["docx_url"], d["pdf_url"]) for d in view["documents"]] == [
        ("aid_application", f"/api/v1/cases/{sent['id']}/documents/aid_application.docx",
         f"/api/v1/cases/{sent['id']}/documents/aid_application.pdf"),
        ("arbitration_claim", f"/api/v1/cases/{sent['id']}/documents/arbitration_claim.docx",
         f"/api/v1/cases/{sent['id']}/documents/arbitration_claim.pdf"),
        ("payment_order", f"/api/v1/cases/{sent['id']}/documents/payment_order.docx",
         f"/api/v1/cases/{sent['id']}/documents/payment_order.pdf")]  # a wage claim with an amount: 支付令


def test_a_volunteer_who_applied_for_a_worker_sees_only_the_tracking_view(client, auth, make_application):
    volunteer = auth(client, "volunteer")
    sent = make_application(client, headers=volunteer, worker_consent_confirmed=True)
    assert client.get(f"/api/v1/cases/{sent['id']}", headers=volunteer).status_code == 403
    assert client.get("/api/v1/cases", headers=volunteer).status_code == 403


def test_a_document_download_shows_in_the_case_audit_with_the_readers_part(app, client, auth, staff, make_user,
                                                                          make_application):
    wang = make_user("lawyer", display_name="王律师")
    sent = assigned(client, staff, make_application, wang)
    from server.accounts import audit
    from server.accounts.models import User
    with app.app_context():
        # What the documents route wrote before it said why (an older entry): no `why` of its own.
        audit.record_view(db.session.get(User, wang.id), "document", "aid_application", sent["id"],
                          {"kind": "arbitration_claim", "format": "docx"})
        db.session.commit()
    items = client.get(f"/api/v1/cases/{sent['id']}/audit", headers=staff).get_json()["items"]
    assert (items[0]["action"], items[0]["user_name"], items[0]["why"]) == ("document", "王律师", "指派的援助律师")


def test_an_admin_sets_a_lawyers_office_phone_and_staff_see_it_when_assigning(client, auth, make_user):
    admin, staff = auth(client, "admin"), auth(client, "staff")
    wang = make_user("lawyer", display_name="王律师")
    resp = client.patch(f"/api/v1/users/{wang.id}", json={"office_phone": "028-8555 0000"}, headers=admin)
    assert resp.status_code == 200 and resp.get_json()["office_phone"] == "028-8555 0000"
    assert client.patch(f"/api/v1/users/{wang.id}", json={"office_phone": "call me"}, headers=admin).status_code == 422
    lawyers = client.get("/api/v1/lawyers", headers=staff).get_json()["items"]
    assert lawyers == [{"id": wang.id, "name": "王律师", "office_phone": "028-8555 0000", "law_firm": "",
                        "active": True, "open_cases": 0}]


def test_the_case_page_shows_the_tracking_code_as_the_worker_reads_it(client, staff, make_application):
    sent = make_application(client)
    code = sent["code"]
    view = client.get(f"/api/v1/cases/{sent['id']}", headers=staff).get_json()
    assert view["code"] == code and view["code_display"] == f"{code[:4]}-{code[4:]}"
    moved = client.post(f"/api/v1/cases/{sent['id']}/actions", json={"action": "withdraw", "note": "不申请了"},
                        headers=staff).get_json()
    assert moved["code_display"] == f"{code[:4]}-{code[4:]}", moved
