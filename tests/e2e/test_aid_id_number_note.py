"""Staff open a case whose ID number begins with a region code no table lists (the worker's card
cannot be changed, so the application was taken): the case view says so beside the number, to be
checked against the card; a real county's code, however much younger than its holder, says nothing."""
from playwright.sync_api import expect

from tests.photos import id_number

from .test_case_handling import PASSWORD, new_context, sign_in


def test_staff_see_a_note_beside_an_id_number_whose_region_no_table_lists(live, browser, make_user,
                                                                          make_application, axe):
    client = live.app.test_client()
    make_user("staff", app=live.app, username="staff-wang", password=PASSWORD, display_name="王主任")
    odd = make_application(client, id_number=id_number(region="990105"))
    chongqing = make_application(client, applicant_name="李四", phone="13900002222",
                                 id_number=id_number(region="500103", birth="19820815", serial="031"))
    ctx, page = new_context(browser, wide=True)
    try:
        sign_in(page, live, "staff-wang", "王主任")
        page.goto(live.url + f"/office/cases/{odd['id']}")
        number = page.get_by_role("definition").filter(has_text=id_number(region="990105"))
        expect(number).to_contain_text("前 6 位（地区代码）不在已知的行政区划代码里")
        expect(number).to_contain_text("请对照身份证原件核对")
        assert axe(page) == []
        page.goto(live.url + f"/office/cases/{chongqing['id']}")
        expect(page.get_by_text("李四").first).to_be_visible()
        expect(page.get_by_text("不在已知的行政区划代码里")).to_have_count(0)
        assert not page.errors, page.errors
    finally:
        ctx.close()
