"""Each case's first steps kept on its row (server/aid/firsts.py) as the workflow takes them: the moment of the
timeline entry the step wrote, the first of each kind only (a second assignment, a reassignment, a later lapse leave
it), NULL for a step never taken — what the work-report figures count (server/stats/aid_sql.py)."""
from sqlalchemy import func

from server.aid.firsts import FIRSTS
from server.aid.models import Application, TimelineEntry
from server.extensions import db
from tests.casework import act
from tests.stats_world import CHECKS


def _firsts(app, case_id):
    with app.app_context():
        row = db.session.get(Application, case_id)
        kept = {column: getattr(row, column) for column in FIRSTS}
        timeline = {column: db.session.scalar(db.select(func.min(TimelineEntry.at)).where(
            TimelineEntry.application_id == case_id, TimelineEntry.action.in_(actions)))
            for column, actions in FIRSTS.items()}
        return kept, timeline


def test_the_workflow_keeps_each_first_step_when_taken(app, client, auth, make_user, make_application):
    staff = auth(client, "staff")
    with app.app_context():
        office = staff.user.office_id
    lawyers = [make_user("lawyer", username=f"firsts-lawyer-{n}", office_id=office) for n in (1, 2)]
    case_id = make_application(client, phone="13800138011")["id"]
    kept, _ = _firsts(app, case_id)
    assert kept == dict.fromkeys(FIRSTS)  # received only

    for action, fields in [("request_materials", {"asked": "工资条"}), ("materials_supplied", {}),
                           ("accept", {"checklist": CHECKS["wages"]}), ("approve", {}),
                           ("assign", {"lawyer_id": lawyers[0].id}),
                           ("reassign", {"lawyer_id": lawyers[1].id, "reason": "律师出差"})]:
        resp = act(client, staff, case_id, action, **fields)
        assert resp.status_code == 200, (action, resp.get_json())
    kept, timeline = _firsts(app, case_id)
    assert kept == timeline
    assert [column for column, at in kept.items() if at is not None] == [
        "first_accept_at", "first_approve_at", "first_assign_at", "first_ask_at"]
    assert kept["first_ask_at"] < kept["first_accept_at"] < kept["first_approve_at"] < kept["first_assign_at"]

    resp = act(client, staff, case_id, "withdraw", reason="工友和老板谈好了")
    assert resp.status_code == 200, resp.get_json()
    later, timeline = _firsts(app, case_id)
    assert later == timeline and later["first_withdraw_at"] > kept["first_assign_at"]
    assert {k: v for k, v in later.items() if k != "first_withdraw_at"} == {
        k: v for k, v in kept.items() if k != "first_withdraw_at"}  # the earlier firsts untouched
