"""Every form the case view offers is drawn in the browser, from every stage, with the server's words.

The PWA holds no table of actions: for the staff member and for the assigned lawyer, at each stage of the table,
the buttons under 可以做的操作 are exactly the actions the case view sends (with their labels, in order), and
each opens a form named with the server's label that has a control for each field the server describes.
"""
from playwright.sync_api import expect

from server.aid.cases.workflow import MOVES
from server.aid.models import STAGES
from server.extensions import db
from server.offices.models import Office
from server.offices.scope import default_office_id
from tests.casework import put_in_stage

from .test_case_handling import PASSWORD, new_context, sign_in


def _controls(form, field):
    label = field["label"]
    if field["kind"] in ("checklist", "preset"):
        return form.get_by_role("group", name=label, exact=True)
    if field["kind"] in ("choice", "yesno") and len(field["choices"]) <= 5:
        return form.get_by_role("radiogroup", name=label, exact=True)
    return form.get_by_label(label, exact=True)


def _check_every_offered_form(page, live, path):
    page.goto(live.url + path)
    view = page.request.get(live.url + "/api/v1" + path.removeprefix("/office")).json()
    offered = view["actions"]
    assert [f["action"] for f in offered] == view["allowed_actions"]
    if not offered:
        expect(page.get_by_text("现在没有需要你做的操作。")).to_be_visible()
        return set()
    buttons = page.get_by_role("group", name="可以做的操作").get_by_role("button")
    expect(buttons).to_have_text([f["label"] for f in offered])
    for form_spec in offered:
        buttons.filter(has_text=form_spec["label"]).first.click()
        form = page.get_by_role("form", name=form_spec["label"], exact=True)
        expect(form).to_be_visible()
        expect(form.get_by_role("button", name="确认" + form_spec["label"], exact=True)).to_be_visible()
        for field in form_spec["fields"]:
            if field["shown_if"]:
                continue  # drawn once its yes/no field is yes
            expect(_controls(form, field)).to_be_visible()
        if form_spec["explain"]:
            expect(form).to_contain_text(form_spec["explain"])
        form.get_by_role("button", name="取消").click()
        expect(form).to_have_count(0)
    return {f["action"] for f in offered}


def test_the_pwa_draws_a_form_for_every_action_the_case_view_offers(live, browser, make_user, make_application):
    make_user("staff", app=live.app, username="desk-forms", password=PASSWORD, display_name="工作人员小周")
    lawyer = make_user("lawyer", app=live.app, username="lawyer-forms", password=PASSWORD, display_name="周律师")
    make_user("lawyer", app=live.app, display_name="吴律师")
    case_id = make_application(live.app.test_client())["id"]
    with live.app.app_context():  # another legal-aid centre, so that 转办 is offered
        root = default_office_id()
        other = Office(parent_id=root, name="锦江区法律援助中心", kind="legal_aid", division="510104")
        db.session.add(other)
        db.session.flush()
        other.path = f"/{root}/{other.id}/"
        db.session.commit()
    office_ctx, office = new_context(browser, wide=True)
    phone_ctx, phone = new_context(browser, wide=False)
    try:
        sign_in(office, live, "desk-forms", "工作人员小周")
        sign_in(phone, live, "lawyer-forms", "周律师")
        drawn = set()
        for stage in STAGES:
            put_in_stage(live.app, case_id, stage, lawyer_id=lawyer.id)
            drawn |= _check_every_offered_form(office, live, f"/office/cases/{case_id}")
            drawn |= _check_every_offered_form(phone, live, f"/cases/{case_id}")
        assert drawn == set(MOVES)  # every action drawn, from some stage
        assert not office.errors and not phone.errors, office.errors + phone.errors
    finally:
        office_ctx.close()
        phone_ctx.close()
