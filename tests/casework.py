"""Helpers for the case-handling tests: put a case in a stage, act on it, read it."""
from datetime import timedelta

from server.aid.cases.clocks import today
from server.aid.models import Application
from server.extensions import db

CHECKLIST = {"work_facts_confirmed": True, "arrears_checked": True, "employer_identified": True}


def act(client, headers, case_id, action, **fields):
    return client.post(f"/api/v1/cases/{case_id}/actions", json={"action": action, **fields}, headers=headers)


def put_in_stage(app, case_id, stage, lawyer_id=None, materials_due=None, came_from="accepted"):
    """Set a case straight into a stage (the table test's starting point), with what that stage implies."""
    with app.app_context():
        application = db.session.get(Application, case_id)
        application.stage = stage
        application.lawyer_id = lawyer_id
        if stage == "materials_requested":
            due = materials_due or today() - timedelta(days=2)
            application.stage_before_materials = came_from
            application.materials_request = {"asked": "欠条照片", "due_on": due.isoformat(),
                                             "requested_at": (due - timedelta(days=15)).isoformat(), "supplied": []}
            application.paused_since = due - timedelta(days=15)
        db.session.commit()


def change(app, case_id, **values):
    with app.app_context():
        application = db.session.get(Application, case_id)
        for name, value in values.items():
            setattr(application, name, value)
        db.session.commit()


def lawyer_with_phone(make_user, app, name="王律师", phone="028-85550000", **fields):
    user = make_user("lawyer", app=app, display_name=name, **fields)
    from server.accounts.models import User
    with app.app_context():
        db.session.get(User, user.id).office_phone = phone
        db.session.commit()
    user.office_phone = phone
    return user
