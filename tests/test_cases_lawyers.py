"""The lawyers a case is given to, as the office makes them and switches them off, and as the worker sees them
(issue 18, items 12, 13, 14 and 24): the office phone and law firm typed on the accounts screen reach the worker; a
lawyer who declines gets a plain documented answer, not half a case; a lawyer switched off hands their open cases
to another and their phone is never shown to a worker again; accepting a case texts the worker."""
from server.accounts.models import User
from server.aid.models import Application
from server.extensions import db
from tests.casework import CHECKLIST, act, change, lawyer_with_phone
from tests.fakes import SmsOutbox

FIRM = "四川蜀都律师事务所"


def track(client, sent):
    resp = client.post("/api/v1/applications/track", json={"code": sent["code"], "phone": sent["phone"]})
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def assigned(client, staff, sent, lawyer_id):
    for action, fields in (("accept", {"checklist": CHECKLIST}), ("approve", {}),
                           ("assign", {"lawyer_id": lawyer_id})):
        resp = act(client, staff, sent["id"], action, **fields)
        assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def new_lawyer(client, admin, name, username, phone="028-85551234", firm=FIRM):
    resp = client.post("/api/v1/users", headers=admin, json={
        "role": "lawyer", "username": username, "display_name": name, "office_phone": phone,
        "law_firm": firm})
    assert resp.status_code == 201, resp.get_json()
    return resp.get_json()


def test_a_lawyer_made_in_the_office_gives_the_worker_an_office_phone_and_a_firm(app, client, auth, staff,
                                                                                 make_application):
    admin = auth(client, "admin")
    app.extensions["sms_sender"] = outbox = SmsOutbox()
    lawyer = new_lawyer(client, admin, "赵律师", "zhao")
    assert (lawyer["office_phone"], lawyer["law_firm"]) == ("028-85551234", FIRM)
    resp = client.patch(f"/api/v1/users/{lawyer['id']}", headers=admin,
                        json={"office_phone": "028 8555 6666", "law_firm": "四川天府律师事务所"})
    assert resp.status_code == 200 and resp.get_json()["law_firm"] == "四川天府律师事务所"
    sent = make_application(client)
    view = assigned(client, staff, sent, lawyer["id"])
    assert view["lawyer"]["office_phone"] == "028 8555 6666" and view["lawyer"]["law_firm"] == "四川天府律师事务所"
    seen = track(client, sent)
    assert (seen["lawyer_office_phone"], seen["lawyer_law_firm"]) == ("028 8555 6666", "四川天府律师事务所")
    assert "四川天府律师事务所" in outbox[-1]["text"] and "028 8555 6666" in outbox[-1]["text"]
    assert "四川天府律师事务所" in seen["timeline"][-1]["note"]
    bad = client.patch(f"/api/v1/users/{lawyer['id']}", headers=admin, json={"law_firm": "x" * 121})
    assert bad.status_code == 422 and "law_firm" in bad.get_json()["errors"]["json"]


def test_a_lawyer_who_declines_gets_a_plain_answer_without_the_case(app, client, auth, staff, make_user,
                                                                   make_application):
    lawyer = make_user("lawyer", display_name="钱律师")
    sent = make_application(client)
    assigned(client, staff, sent, lawyer.id)
    resp = act(client, auth(client, user=lawyer), sent["id"], "lawyer_decline", reason="利益冲突")
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["handler"] is False and body["stage"] == "approved" and body["id"] == sent["id"]
    assert "我的案件" in body["message"] or "工作人员" in body["message"]
    assert not {"phone", "id_number", "applicant_name", "timeline", "evidence"} & set(body)
    described = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    assert {"handler", "message"} <= set(described["MoveAnswer"]["properties"])
    staff_view = act(client, staff, sent["id"], "assign", lawyer_id=make_user("lawyer").id).get_json()
    assert staff_view["handler"] is True and staff_view["phone_masked"] == "*******" + sent["phone"][-4:]
    assert staff_view["id_number"] == sent["body"]["id_number"]  # the full case (its phone only on a call)


def test_switching_off_a_lawyer_with_open_cases_asks_whom_to_give_them_to(app, client, auth, staff, make_user,
                                                                         make_application):
    admin = auth(client, "admin")
    leaving = new_lawyer(client, admin, "孙律师", "sun", phone="028-85550001")
    staying = new_lawyer(client, admin, "李律师", "lilawyer", phone="028-85550002")
    cases = [make_application(client, phone=f"1380000010{n}") for n in range(2)]
    for sent in cases:
        assigned(client, staff, sent, leaving["id"])
    change(app, cases[1]["id"], stage="lawyer_accepted")  # (made in the office, the lawyer has not signed in yet)
    listed = client.get(f"/api/v1/lawyers/{leaving['id']}/cases", headers=admin)
    assert listed.status_code == 200
    assert [(r["id"], r["stage"]) for r in listed.get_json()["items"]] == \
        [(cases[0]["id"], "assigned"), (cases[1]["id"], "lawyer_accepted")]
    assert "13800000100" not in listed.get_data(as_text=True)  # masked, as every list

    refused = client.patch(f"/api/v1/users/{leaving['id']}", headers=admin, json={"active": False})
    assert refused.status_code == 409 and refused.get_json()["error_code"] == "lawyer_has_open_cases"
    assert "2 件" in refused.get_json()["message"]
    assert db_user(app, leaving["id"]).active  # nothing changed
    wrong = client.patch(f"/api/v1/users/{leaving['id']}", headers=admin,
                         json={"active": False, "reassign_to": leaving["id"]})
    assert wrong.status_code == 422 and "reassign_to" in wrong.get_json()["errors"]["json"]

    app.extensions["sms_sender"] = outbox = SmsOutbox()
    done = client.patch(f"/api/v1/users/{leaving['id']}", headers=admin,
                        json={"active": False, "reassign_to": staying["id"]})
    assert done.status_code == 200 and done.get_json()["active"] is False
    with app.app_context():
        for sent in cases:
            row = db.session.get(Application, sent["id"])
            assert (row.stage, row.lawyer_id) == ("assigned", staying["id"])
            assert row.timeline[-1].action == "reassign" and "停用" in row.timeline[-1].detail["reason"]
    assert len(outbox) == 2 and all("李律师" in m["text"] for m in outbox)
    seen = track(client, cases[0])
    assert seen["lawyer_office_phone"] == "028-85550002"
    assert client.get(f"/api/v1/lawyers/{leaving['id']}/cases", headers=admin).get_json()["items"] == []


def test_changing_a_lawyers_role_with_open_cases_asks_whom_to_give_them_to(app, client, auth, staff, make_user,
                                                                          make_application):
    """A lawyer made staff (or anything else) would strand their cases as a switch-off did: the same rule."""
    admin = auth(client, "admin")
    moving = new_lawyer(client, admin, "周律师", "zhoulawyer", phone="028-85550003")
    staying = new_lawyer(client, admin, "吴律师", "wulawyer", phone="028-85550004")
    sent = make_application(client, phone="13800000110")
    assigned(client, staff, sent, moving["id"])

    refused = client.patch(f"/api/v1/users/{moving['id']}", headers=admin, json={"role": "staff"})
    assert refused.status_code == 409 and refused.get_json()["error_code"] == "lawyer_has_open_cases"
    assert "1 件" in refused.get_json()["message"] and "角色" in refused.get_json()["message"]
    assert db_user(app, moving["id"]).role == "lawyer"  # nothing changed
    for wrong_to in (moving["id"], make_user("staff").id):
        wrong = client.patch(f"/api/v1/users/{moving['id']}", headers=admin,
                             json={"role": "staff", "reassign_to": wrong_to})
        assert wrong.status_code == 422 and "reassign_to" in wrong.get_json()["errors"]["json"]
    # Only a change that takes the account away from the cases may name someone to take them.
    odd = client.patch(f"/api/v1/users/{moving['id']}", headers=admin,
                       json={"display_name": "周律师", "reassign_to": staying["id"]})
    assert odd.status_code == 422 and "reassign_to" in odd.get_json()["errors"]["json"]

    app.extensions["sms_sender"] = outbox = SmsOutbox()
    done = client.patch(f"/api/v1/users/{moving['id']}", headers=admin,
                        json={"role": "staff", "reassign_to": staying["id"]})
    assert done.status_code == 200 and done.get_json()["role"] == "staff" and done.get_json()["active"] is True
    with app.app_context():
        row = db.session.get(Application, sent["id"])
        assert (row.stage, row.lawyer_id) == ("assigned", staying["id"])
        assert row.timeline[-1].action == "reassign" and "周律师" in row.timeline[-1].detail["reason"]
        assert "停用" not in row.timeline[-1].detail["reason"]  # the account is in use, in another role
    assert len(outbox) == 1 and "吴律师" in outbox[0]["text"]
    assert track(client, sent)["lawyer_office_phone"] == "028-85550004"
    # With no open case left, the role changes freely (back to lawyer, and away again).
    for role in ("lawyer", "volunteer"):
        assert client.patch(f"/api/v1/users/{moving['id']}", headers=admin, json={"role": role}).status_code == 200


def test_an_inactive_lawyers_phone_is_never_shown_to_the_worker(app, client, staff, make_user, make_application):
    """An account switched off before the hand-over existed (or straight in the database) still holds cases."""
    lawyer = lawyer_with_phone(make_user, app, "周律师", "028-85559999")
    sent = make_application(client)
    assigned(client, staff, sent, lawyer.id)
    assert track(client, sent)["lawyer_office_phone"] == "028-85559999"
    with app.app_context():
        db.session.get(User, lawyer.id).active = False
        db.session.commit()
    seen = track(client, sent)
    assert seen["lawyer_office_phone"] is None and seen["lawyer_law_firm"] is None
    # The timeline names the lawyer; the number to call is only ever the current, active lawyer's.
    assert "028-85559999" not in client.post("/api/v1/applications/track", json={
        "code": sent["code"], "phone": sent["phone"]}).get_data(as_text=True)


def test_a_text_sent_late_never_carries_a_switched_off_lawyers_phone(app, client, auth, staff, make_user,
                                                                     make_application, runner):
    """The 已指派 and 已接受 texts name the lawyer's office phone; one that failed and is sent again by the sweep
    after the account was switched off goes without that number (the lawyer is still named)."""
    from tests.test_cases_sms import DownSender
    lawyer = lawyer_with_phone(make_user, app, "郑律师", "028-85556666")
    sent = make_application(client)
    app.extensions["sms_sender"] = DownSender()
    assigned(client, staff, sent, lawyer.id)
    assert act(client, auth(client, user=lawyer), sent["id"], "lawyer_accept").status_code == 200
    with app.app_context():
        db.session.get(User, lawyer.id).active = False
        db.session.commit()
    outbox = app.extensions["sms_sender"] = SmsOutbox()
    runner.invoke(args=["aid", "sweep"])
    late = [m["text"] for m in outbox if "郑律师" in m["text"]]
    assert len(late) == 2 and all("028-85556666" not in text for text in late), late
    assert "办公电话" not in "".join(late) and "接受指派" in late[1]


def test_accepting_a_case_texts_the_worker_the_lawyers_number(app, client, auth, staff, make_user, make_application):
    """Item 24: the accept form promised the worker a text; the worker hears that the lawyer has taken the case."""
    lawyer = lawyer_with_phone(make_user, app, "吴律师", "028-85557777")
    sent = make_application(client)
    assigned(client, staff, sent, lawyer.id)
    app.extensions["sms_sender"] = outbox = SmsOutbox()
    assert act(client, auth(client, user=lawyer), sent["id"], "lawyer_accept").status_code == 200
    assert len(outbox) == 1 and outbox[0]["phone"] == sent["phone"]
    assert "吴律师" in outbox[0]["text"] and "028-85557777" in outbox[0]["text"] and "接受" in outbox[0]["text"]


def db_user(app, user_id):
    with app.app_context():
        user = db.session.get(User, user_id)
        db.session.expunge(user)
        return user


def test_the_command_line_takes_the_law_firm_too(app, runner):
    result = runner.invoke(args=["users", "create", "--role", "lawyer", "--username", "zhou.lawyer", "--password",
                                 "a-long-password-1", "--name", "周律师", "--office-phone", "028-85551111",
                                 "--law-firm", FIRM])
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.username == "zhou.lawyer"))
        assert (user.office_phone, user.law_firm) == ("028-85551111", FIRM)
