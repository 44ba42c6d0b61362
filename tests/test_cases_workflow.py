"""The one table of moves, walked whole: every action from every stage, by every kind of person.

From a stage the table lists, the move is made (200, the case in the stage the table names, one more timeline
entry with the row's sentence filled in, the row's text queued); from any other stage it is refused with 409
move_not_allowed and a plain reason; by a person the table does not name it is refused with 403 not_your_move.
Nothing is ever deleted from the timeline. The case view offers each allowed move's form as its row describes it.
Adding an action: its row in MOVES, its effect in moves.py, and its sample fields in `desk` below.
"""
import pytest

from server.aid.cases.move_schemas import ActionIn
from server.aid.cases.moves import LAWYER_STAGES
from server.aid.cases.workflow import BACK, LAWYER, MOVES, SAME, STAFF
from server.aid.models import STAGES, Application, Notification, TimelineEntry
from server.extensions import db
from server.offices.models import Office
from server.offices.scope import default_office_id
from tests.casework import CHECKLIST, act, change, put_in_stage

REASON = "工友说老板已经把钱付了"


@pytest.fixture
def desk(app, client, auth, make_user, make_application):
    lawyer_a, lawyer_b = make_user("lawyer", display_name="甲律师"), make_user("lawyer", display_name="乙律师")
    with app.app_context():  # another legal-aid centre to transfer to (the lawyers are the root's, not its)
        root = default_office_id()
        office = Office(parent_id=root, name="锦江区法律援助中心", kind="legal_aid", division="510104")
        db.session.add(office)
        db.session.flush()
        office.path, target = f"/{root}/{office.id}/", office.id
        db.session.commit()
    fields = {
        "accept": {"checklist": CHECKLIST}, "not_accept": {"reason_code": "contractor_dispute"},
        "request_materials": {"asked": "欠条和考勤表的照片"}, "materials_supplied": {"note": "工友送来了欠条"},
        "materials_timeout": {}, "approve": {}, "refuse_aid": {"reason": "不属于法律援助事项"},
        "assign": {"lawyer_id": lawyer_a.id}, "lawyer_accept": {}, "lawyer_decline": {"reason": "利益冲突"},
        "reassign": {"lawyer_id": lawyer_b.id, "reason": "甲律师出差"},
        "progress": {"kind": "mediation", "note": "约了老板调解"},
        "close": {"outcome": "mediated", "recovered_fen": 1_200_000, "closed_on": "2026-11-20"},
        "follow_up": {"reached": False}, "withdraw": {"reason": REASON},
        "terminate": {"reason": "工友自己另外请了律师"},
        "transfer": {"office_id": target, "reason": "工地在锦江区，由工地所在地的法律援助中心办理"}}
    return {"staff": auth(client, "staff"), "lawyer": auth(client, "lawyer", user=lawyer_a), "lawyer_a": lawyer_a,
            "case": make_application(client)["id"], "fields": fields, "root": root}


def test_the_table_names_every_action_and_only_known_stages():
    for name, move in MOVES.items():
        assert set(move.sources) <= set(STAGES), name
        assert move.to in (BACK, SAME) or move.to in STAGES, name
        assert set(move.asks) <= set(ActionIn._declared_fields), name  # every field it asks is one the API takes


def test_every_action_has_its_sample_row_using_only_the_fields_its_form_draws(desk):
    assert set(desk["fields"]) == set(MOVES)
    for name, sample in desk["fields"].items():
        assert set(sample) <= set(MOVES[name].asks), name


def _texts(app, case_id):
    with app.app_context():
        return list(db.session.scalars(db.select(Notification.kind).where(Notification.application_id == case_id)
                                       .order_by(Notification.id)))


def _entries(app, case_id):
    with app.app_context():
        return [(e.id, e.stage, e.action) for e in db.session.scalars(
            db.select(TimelineEntry).where(TimelineEntry.application_id == case_id).order_by(TimelineEntry.id))]


@pytest.mark.parametrize("action", sorted(MOVES))
def test_each_action_from_every_stage(app, client, desk, action):
    move = MOVES[action]
    headers = desk["staff"] if STAFF in move.who else desk["lawyer"]
    for stage in STAGES:
        put_in_stage(app, desk["case"], stage, lawyer_id=desk["lawyer_a"].id)
        change(app, desk["case"], office_id=desk["root"])  # a transfer moved it: back at the root for the next stage
        before, texts = _entries(app, desk["case"]), _texts(app, desk["case"])
        resp = act(client, headers, desk["case"], action, **desk["fields"][action])
        body = resp.get_json()
        if stage in move.sources:
            assert resp.status_code == 200, (stage, body)
            # back: to where materials were asked from; same: a transfer keeps the stage, but one away from the
            # lawyer's office (lawyer_a is the root's, the target is not) goes back to 已决定给予, to be assigned there
            expected = "accepted" if move.to == BACK else move.to if move.to != SAME else \
                "approved" if stage in LAWYER_STAGES else stage
            assert body["stage"] == expected, stage
            after = _entries(app, desk["case"])
            assert after[: len(before)] == before and len(after) == len(before) + 1, stage
            assert after[-1][1:] == (expected, action)
            with app.app_context():
                said = db.session.get(TimelineEntry, after[-1][0]).note
            assert said and "{" not in said and "}" not in said, (stage, said)  # the row's sentence, filled in
            assert _texts(app, desk["case"]) == texts + ([move.sms] if move.sms else []), stage
        else:
            assert resp.status_code == 409, (stage, body)
            assert body["error_code"] == "move_not_allowed"
            assert STAGES[stage] in body["message"], body["message"]


@pytest.mark.parametrize("action", sorted(MOVES))
def test_each_action_refused_to_the_people_the_table_does_not_name(app, client, desk, action):
    move = MOVES[action]
    put_in_stage(app, desk["case"], move.sources[0], lawyer_id=desk["lawyer_a"].id)
    for part, headers in ((STAFF, desk["staff"]), (LAWYER, desk["lawyer"])):
        if part in move.who:
            continue
        resp = act(client, headers, desk["case"], action, **desk["fields"][action])
        assert resp.status_code == 403, (part, resp.get_json())
        assert resp.get_json()["error_code"] == "not_your_move"


def test_allowed_actions_are_exactly_the_moves_this_person_may_make(app, client, desk):
    for stage in STAGES:
        put_in_stage(app, desk["case"], stage, lawyer_id=desk["lawyer_a"].id)
        for part, headers in ((STAFF, desk["staff"]), (LAWYER, desk["lawyer"])):
            view = client.get(f"/api/v1/cases/{desk['case']}", headers=headers).get_json()
            expected = [a for a, m in MOVES.items() if stage in m.sources and part in m.who]
            assert view["allowed_actions"] == expected, (stage, part)
            # each with its form, as its row describes it
            assert [f["action"] for f in view["actions"]] == expected, (stage, part)
            for form in view["actions"]:
                move = MOVES[form["action"]]
                assert form["label"] == (move.button or move.label) and form["warn"] == move.warn
                assert [f["name"] for f in form["fields"]] == list(move.asks), form["action"]
                assert {f["name"] for f in form["fields"] if f["required"]} == \
                    {n for n, ask in move.asks.items() if ask.need}, form["action"]


@pytest.mark.parametrize("action", sorted(MOVES))
def test_each_action_without_its_fields_is_told_what_its_form_needs(app, client, desk, action):
    move = MOVES[action]
    headers = desk["staff"] if STAFF in move.who else desk["lawyer"]
    put_in_stage(app, desk["case"], move.sources[0], lawyer_id=desk["lawyer_a"].id)
    needed = {n for n, ask in move.asks.items() if ask.need and not ask.shown_if}
    resp = act(client, headers, desk["case"], action)
    if needed:
        assert resp.status_code == 422, resp.get_json()
        assert set(resp.get_json()["errors"]["json"]) == needed
        for name in needed:
            assert resp.get_json()["errors"]["json"][name] == [move.asks[name].need]
    else:
        assert resp.status_code != 422, resp.get_json()


def test_an_unknown_action_or_missing_fields_are_422_field_by_field(client, desk):
    staff, case = desk["staff"], desk["case"]
    assert act(client, staff, case, "merge").status_code == 422
    resp = act(client, staff, case, "accept", checklist={**CHECKLIST, "arrears_checked": False})
    assert resp.status_code == 422 and list(resp.get_json()["errors"]["json"]["checklist"]) == ["arrears_checked"]
    resp = act(client, staff, case, "accept")
    assert resp.status_code == 422 and "checklist" in resp.get_json()["errors"]["json"]
    resp = act(client, staff, case, "not_accept")
    assert resp.status_code == 422 and "reason" in resp.get_json()["errors"]["json"]


def test_a_contractors_project_money_dispute_is_refused_with_its_standard_reason(app, client, desk, make_application):
    sent = make_application(client)
    resp = act(client, desk["staff"], sent["id"], "not_accept", reason_code="contractor_dispute")
    assert resp.status_code == 200 and resp.get_json()["stage"] == "not_accepted"
    track = client.post("/api/v1/applications/track", json={"code": sent["code"], "phone": sent["phone"]}).get_json()
    assert "工程款纠纷" in track["timeline"][-1]["note"] and "不属于拖欠农民工工资" in track["timeline"][-1]["note"]


def test_accepting_keeps_the_first_interview_checklist(app, client, desk):
    resp = act(client, desk["staff"], desk["case"], "accept", checklist=CHECKLIST, note="工友带来了考勤表")
    body = resp.get_json()
    assert body["checklist"]["work_facts_confirmed"] and body["checklist"]["by"] == desk["staff"].user.id
    assert body["timeline"][-1]["note"] == "工友带来了考勤表"
    assert "受理了你的申请" in body["timeline"][-1]["worker_note"]


def test_a_double_click_is_one_move(app, client, desk):
    headers = {**desk["staff"], "Idempotency-Key": "double-click-0001"}
    first = act(client, headers, desk["case"], "accept", checklist=CHECKLIST)
    second = act(client, headers, desk["case"], "accept", checklist=CHECKLIST)
    assert first.status_code == second.status_code == 200 and second.headers.get("Idempotent-Replayed") == "true"
    assert [a for _, _, a in _entries(app, desk["case"])] == ["", "accept"]
    with app.app_context():
        assert db.session.get(Application, desk["case"]).stage == "accepted"


@pytest.mark.parametrize("case_type", ["wages", "injury", "dismissal", "social_insurance", "other"])
def test_each_case_type_has_its_own_acceptance_checklist(client, staff, make_application, case_type):
    """Item 17: 工伤, 辞退 and 社保 cases are not checked against "已核对欠薪的期间和金额": the case view sends its
    type's items, the server accepts exactly those, and refuses another type's list item by item."""
    extra = {} if case_type in ("wages", "injury") else {"honesty_commitment": True}
    sent = make_application(client, case_type=case_type, **extra)
    view = client.get(f"/api/v1/cases/{sent['id']}", headers=staff).get_json()
    items = view["checklist_items"]
    assert len(items) >= 3 and all(i["key"] and i["label"] for i in items)
    labels = "".join(i["label"] for i in items)
    assert ("欠薪" in labels) == (case_type == "wages")
    if case_type != "wages":
        resp = act(client, staff, sent["id"], "accept", checklist=CHECKLIST)
        assert resp.status_code == 422, resp.get_json()
        missing = set(resp.get_json()["errors"]["json"]["checklist"])
        assert missing == {i["key"] for i in items} ^ set(CHECKLIST)  # its own item missing, the wages one refused
    own = {i["key"]: True for i in items}
    resp = act(client, staff, sent["id"], "accept", checklist={**own, items[-1]["key"]: False})
    assert resp.status_code == 422 and list(resp.get_json()["errors"]["json"]["checklist"]) == [items[-1]["key"]]
    resp = act(client, staff, sent["id"], "accept", checklist=own)
    assert resp.status_code == 200, resp.get_json()
    assert {k for k, v in resp.get_json()["checklist"].items() if v is True} == set(own)


def test_the_assigned_lawyer_asks_for_materials_and_the_worker_sees_it(app, client, desk, make_application):
    """The lawyer working the case asks the worker for materials (the staff's move, as the lawyer's): the worker's
    tracking answer shows what is asked; supplied, the case goes back to the lawyer's stage; not supplied, nothing
    lapses (the sweep withdraws only what was asked while the application was decided, Art. 43)."""
    from server.aid.cases.sweep import sweep

    sent = make_application(client)
    put_in_stage(app, sent["id"], "in_progress", lawyer_id=desk["lawyer_a"].id)
    view = client.get(f"/api/v1/cases/{sent['id']}", headers=desk["lawyer"]).get_json()
    assert "request_materials" in [a["action"] for a in view["actions"]]
    resp = act(client, desk["lawyer"], sent["id"], "request_materials", asked="工地考勤表的照片")
    assert resp.status_code == 200 and resp.get_json()["stage"] == "materials_requested", resp.get_json()
    with app.app_context():
        text = db.session.scalars(db.select(Notification.text).where(Notification.application_id == sent["id"])
                                  .order_by(Notification.id.desc())).first()
    assert "工地考勤表" in text and "撤回" not in text and "律师办案要用" in text
    tracked = client.post("/api/v1/applications/track", json={"code": sent["code"], "phone": sent["phone"]})
    assert tracked.get_json()["materials_request"]["asked"] == "工地考勤表的照片"
    assert "律师办案要用" in tracked.get_json()["next_step"] and "撤回" not in tracked.get_json()["next_step"]
    view = client.get(f"/api/v1/cases/{sent['id']}", headers=desk["lawyer"]).get_json()
    assert [a["action"] for a in view["actions"]] == ["materials_supplied"]  # no 逾期撤回 for a lawyer's ask
    assert act(client, desk["staff"], sent["id"], "materials_timeout").status_code == 409
    change(app, sent["id"], materials_request={"asked": "工地考勤表的照片", "due_on": "2026-01-01",
                                               "requested_at": "2025-12-17", "supplied": []})
    with app.app_context():
        sweep()
        assert db.session.get(Application, sent["id"]).stage == "materials_requested"
    resp = act(client, desk["lawyer"], sent["id"], "materials_supplied", note="工友发来了考勤表")
    assert resp.get_json()["stage"] == "in_progress", resp.get_json()
