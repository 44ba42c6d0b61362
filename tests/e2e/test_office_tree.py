"""办公室 → 机构, as a city's admin at a PC and the admin of a district beside the new one.

The admin of 成都市 adds 武侯区法律援助中心 under the city, fixes its phone after a typo the server refuses (the
refusal shown by the field, in Chinese), and sees it indented under the city with its kind, division code and
phone. The admin of 锦江区 (a district of the same city: a sibling of the new office) sees only their own office:
not the new one, not the city. The accounts screen then puts a new account in the new office.
"""
from playwright.sync_api import expect

from server.extensions import db
from server.offices.models import Office
from server.offices.scope import default_office_id

CITY_PASSWORD = "city-admin-2026"
SIBLING_PASSWORD = "jinjiang-admin-2026"


def office_pc(browser):
    ctx = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 800})
    ctx.set_default_timeout(15000)
    return ctx


def sign_in(page, url, username, password):
    page.goto(url + "/me")
    page.get_by_role("radio", name="志愿者、律师、工作人员").click()
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录", exact=True).click()
    expect(page.get_by_test_id("signed-in-name")).to_be_visible()


def _offices(app) -> dict:
    """四川省 (the root) → 成都市法律援助中心 (510100) → 锦江区法律援助中心 (510104)."""
    with app.app_context():
        parent = db.session.get(Office, default_office_id())
        parent.name, parent.division = "四川省法律援助中心", "510000"
        made = {}
        for key, name, division in (("city", "成都市法律援助中心", "510100"),
                                    ("jinjiang", "锦江区法律援助中心", "510104")):
            office = Office(parent_id=parent.id, name=name, kind="legal_aid", division=division, phone="028-12348")
            db.session.add(office)
            db.session.flush()
            office.path = f"{parent.path}{office.id}/"
            made[key], parent = office.id, office
        db.session.commit()
        return made


def test_a_city_admin_adds_a_district_and_a_sibling_admin_does_not_see_it(live, browser, make_user, axe):
    offices = _offices(live.app)
    make_user("admin", app=live.app, username="chengdu", password=CITY_PASSWORD, display_name="市管理员",
              office_id=offices["city"])
    make_user("admin", app=live.app, username="jinjiang", password=SIBLING_PASSWORD, display_name="锦江管理员",
              office_id=offices["jinjiang"])
    pc = office_pc(browser)
    admin = pc.new_page()
    errors: list[str] = []
    admin.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(admin, live.url, "chengdu", CITY_PASSWORD)

    admin.goto(live.url + "/office/offices")
    expect(admin.get_by_role("heading", name="机构", exact=True)).to_be_visible()
    expect(admin.get_by_role("navigation", name="办公室").get_by_role("link", name="机构")).to_have_attribute(
        "aria-current", "page")
    table = admin.get_by_role("table", name="机构")
    expect(table.get_by_role("rowheader")).to_have_text(["成都市法律援助中心", "└ 锦江区法律援助中心"])
    expect(table.get_by_text("四川省法律援助中心")).to_have_count(0)  # above the admin's office: not theirs

    table.get_by_role("button", name="加下级：成都市法律援助中心").click()
    form = admin.locator("section", has=admin.get_by_role("heading", name="在 成都市法律援助中心 下加机构"))
    expect(form.get_by_label("行政区划代码（6 位数字）")).to_have_value("510100")  # the parent's, to narrow down
    form.get_by_label("名称").fill("武侯区法律援助中心")
    form.get_by_label("类型").select_option(label="法律援助中心")
    form.get_by_label("行政区划代码（6 位数字）").fill("51010")
    form.get_by_label("对外电话").fill("028-8555 1234")
    form.get_by_label("地址").fill("武侯区洗面桥街 8 号")
    form.get_by_role("button", name="添加").click()
    # The server's refusal, by its field, in Chinese; what was typed stays.
    expect(form.get_by_label("行政区划代码（6 位数字）")).to_have_attribute("aria-invalid", "true")
    expect(form.get_by_text("行政区划代码是 6 位数字。")).to_be_visible()
    assert axe(admin) == []
    form.get_by_label("行政区划代码（6 位数字）").fill("510107")
    form.get_by_role("button", name="添加").click()
    expect(form).to_have_count(0)
    rows = table.get_by_role("rowheader")
    expect(rows).to_have_text(["成都市法律援助中心", "└ 锦江区法律援助中心", "└ 武侯区法律援助中心"])
    wuhou = table.get_by_role("row", name="武侯区法律援助中心")
    expect(wuhou).to_contain_text("法律援助中心510107028-8555 1234")

    # Its phone changes; a letter in it is refused by the field first.
    wuhou.get_by_role("button", name="修改：武侯区法律援助中心").click()
    edit = admin.locator("section", has=admin.get_by_role("heading", name="修改机构：武侯区法律援助中心"))
    expect(edit.get_by_label("地址")).to_have_value("武侯区洗面桥街 8 号")
    edit.get_by_label("对外电话").fill("028-12348 转 3")
    edit.get_by_role("button", name="保存").click()
    expect(edit.get_by_text("电话只能有数字、空格、+ 和 -。")).to_be_visible()
    edit.get_by_label("对外电话").fill("028-85556789")
    edit.get_by_role("button", name="保存").click()
    expect(edit).to_have_count(0)
    expect(wuhou).to_contain_text("028-85556789")
    admin.reload()
    expect(table.get_by_role("row", name="武侯区法律援助中心")).to_contain_text("510107028-85556789")

    # The accounts screen offers the admin's offices: a new staff member goes to 武侯区.
    admin.goto(live.url + "/office/accounts")
    admin.get_by_role("button", name="新建账号").click()
    new = admin.locator("section", has=admin.get_by_role("heading", name="新建账号"))
    new.get_by_label("角色").select_option("staff")
    new.get_by_label("用户名").fill("wuhou.staff")
    new.get_by_label("姓名").fill("武侯经办")
    pick = new.get_by_label("所属机构")
    expect(pick.locator("option")).to_have_text(["我所在的机构", "成都市法律援助中心", "　锦江区法律援助中心",
                                                 "　武侯区法律援助中心"])
    pick.select_option(label="　武侯区法律援助中心")
    new.get_by_role("button", name="建账号").click()
    expect(admin.get_by_role("heading", name="已建好账号：武侯经办（工作人员）")).to_be_visible()
    made = admin.evaluate("fetch('/api/v1/users?q=wuhou.staff').then(r => r.json())")
    wuhou_id = admin.evaluate("fetch('/api/v1/offices').then(r => r.json())")["items"][-1]["id"]
    assert [u["office_id"] for u in made] == [wuhou_id]
    assert errors == []

    # The admin of 锦江区, a sibling of the new office: their own office only.
    sibling = office_pc(browser).new_page()
    sign_in(sibling, live.url, "jinjiang", SIBLING_PASSWORD)
    sibling.goto(live.url + "/office/offices")
    sibling_table = sibling.get_by_role("table", name="机构")
    expect(sibling_table.get_by_role("rowheader")).to_have_text(["锦江区法律援助中心"])
    expect(sibling.get_by_text("武侯区")).to_have_count(0)
    answer = sibling.evaluate(f"fetch('/api/v1/offices/{wuhou_id}', {{method: 'PATCH', headers: "
                              "{'Content-Type': 'application/json', 'X-CSRF-TOKEN': document.cookie.match("
                              "/csrf_access_token=([^;]+)/)[1]}, body: JSON.stringify({phone: '110'})})"
                              ".then(r => r.status)")
    assert answer == 404
