"""Routing by the site and 转办, in the browser: the apply form asks 在哪个区县干的活 among the areas the offices
serve; 锦江区's staff transfer a case from 锦江 to 涪城 with a reason on the office PC, and the worker's tracking page
then says who handles it now, with the new office's number to tap.
"""
import re

from playwright.sync_api import expect

from server.aid.models import Application
from server.extensions import db
from server.offices.models import Office
from server.offices.scope import default_office_id

from .test_case_handling import PASSWORD, new_context, sign_in

REASON = "工地在绵阳市涪城区，由工地所在地的法律援助中心办理"


def _offices(app) -> dict:
    with app.app_context():
        root = default_office_id()
        made = {}
        for key, parent, name, division, phone in (
                ("city", root, "成都市法律援助中心", "510100", "028-12348"),
                ("jinjiang", "city", "锦江区法律援助中心", "510104", "028-86660000"),
                ("fucheng", root, "绵阳市涪城区法律援助中心", "510703", "0816-2221234")):
            parent_id = made[parent].id if isinstance(parent, str) else parent
            office = Office(parent_id=parent_id, name=name, kind="legal_aid", division=division, phone=phone)
            db.session.add(office)
            db.session.flush()
            office.path = (made[parent].path if isinstance(parent, str) else f"/{root}/") + f"{office.id}/"
            made[key] = office
        db.session.commit()
        return {key: office.id for key, office in made.items()}


def test_the_apply_form_asks_where_the_work_was_done_among_the_offices_areas(live, page):
    _offices(live.app)
    page.goto(live.url + "/aid/apply?type=wages")
    for _ in range(3):
        page.get_by_role("button", name="下一步").click()
    expect(page.get_by_role("heading", level=1, name="在哪里干的活？")).to_be_visible()
    area = page.get_by_label("在哪个区县干的活")
    expect(area.locator("option")).to_have_text(["不清楚", "成都市", "成都市锦江区", "绵阳市涪城区"])
    area.select_option(label="成都市锦江区")
    page.get_by_role("button", name="下一步").click()
    page.go_back()  # the phone's back button: the screen comes back with the choice kept in the draft
    expect(page.get_by_label("在哪个区县干的活")).to_have_value("510104")


def test_jinjiang_transfers_a_case_to_fucheng_and_the_worker_sees_who_has_it(live, browser, make_user,
                                                                               make_application):
    offices = _offices(live.app)
    make_user("staff", app=live.app, username="jinjiang-desk", password=PASSWORD, display_name="锦江小周",
              office_id=offices["jinjiang"])
    sent = make_application(live.app.test_client(), site_division="510104")
    with live.app.app_context():
        assert db.session.get(Application, sent["id"]).office_id == offices["jinjiang"]
    office_ctx, office = new_context(browser, wide=True)
    phone_ctx, phone = new_context(browser, wide=False)
    try:
        sign_in(office, live, "jinjiang-desk", "锦江小周")
        office.goto(live.url + f"/office/cases/{sent['id']}")
        expect(office.get_by_test_id("case-office")).to_have_text(
            "锦江区法律援助中心 · 电话 028-86660000 · 干活的地方：成都市锦江区")
        office.get_by_role("group", name="可以做的操作").get_by_role("button", name="转办").click()
        form = office.get_by_role("form", name="转办", exact=True)
        form.get_by_role("radiogroup", name="转给哪个法律援助中心").get_by_text("绵阳市涪城区法律援助中心").click()
        form.get_by_label("转办的原因（工友会看到）").fill(REASON)
        form.get_by_role("button", name="确认转办").click()
        expect(office.get_by_text(re.compile("已转给绵阳市涪城区法律援助中心办理"))).to_be_visible()
        # the case left 锦江: its page answers as if there were no such case
        assert office.request.get(live.url + f"/api/v1/cases/{sent['id']}").status == 404

        phone.goto(live.url + "/aid/track")
        phone.get_by_label("查询码").fill(sent["code"])
        phone.get_by_label("申请时填的手机号").fill(sent["phone"])
        phone.get_by_role("button", name="查进度").click()
        handling = phone.get_by_test_id("track-office")
        expect(handling).to_contain_text("现在由 绵阳市涪城区法律援助中心 办理，电话 0816-2221234")
        expect(handling.get_by_role("link", name="0816-2221234")).to_have_attribute("href", "tel:08162221234")
        timeline = phone.get_by_role("list", name="办理经过")
        expect(timeline).to_contain_text(f"转给绵阳市涪城区法律援助中心办理：{REASON}")
        assert not office.errors and not phone.errors, office.errors + phone.errors
    finally:
        office_ctx.close()
        phone_ctx.close()
