"""A lawyer on a phone fills in a case's particulars (当事人和案件要素, issue 21) and finds them kept.

The section is folded away on the case page, with a line saying nothing is filled yet; the lawyer opens it, types
the employer's address and legal representative, says the employer denies the employment (单位不承认劳动关系),
adds a witness, saves, reloads the page and finds it all there (and the server has it too); a wrong 统一社会信用代码
is refused beside its field in plain Chinese, the rest kept as typed.
"""
from playwright.sync_api import expect

from .helpers import wait_for
from .test_case_handling import PASSWORD, new_context, sign_in
from .test_case_lawyers import assign

ADDRESS = "成都市武侯区武侯大道一段 99 号"


def test_a_lawyer_fills_in_the_particulars_saves_and_finds_them_after_a_reload(
        live, browser, make_user, make_application, auth, axe):
    client = live.app.test_client()
    staff = auth(client, "staff")
    lawyer = make_user("lawyer", app=live.app, username="lawyer-zhou", password=PASSWORD, display_name="周律师")
    sent = make_application(client, applicant_name="张建国")
    assign(client, staff, sent["id"], lawyer.id)
    ctx, page = new_context(browser, wide=False)
    try:
        sign_in(page, live, "lawyer-zhou", "周律师")
        page.goto(live.url + f"/cases/{sent['id']}")
        box = page.get_by_role("region", name="当事人和案件要素")
        expect(box.get_by_test_id("particulars-line")).to_contain_text("还没填")
        address = box.get_by_label("单位住所地（营业执照上写的住所）", exact=True)
        expect(address).to_be_hidden()  # folded away until opened
        box.locator("summary").click()
        address.fill(ADDRESS)
        box.get_by_label("单位法定代表人（或主要负责人）姓名", exact=True).fill("王大成")
        box.get_by_role("radiogroup", name="单位承认和工友之间有劳动关系吗？").get_by_role(
            "radio", name="不承认", exact=True).click()
        box.get_by_role("button", name="加一个证人").click()
        box.get_by_label("证人 1 姓名").fill("赵六")
        code = box.get_by_label("单位统一社会信用代码（18 位，营业执照上有）", exact=True)
        code.fill("91110000600037341A")  # the check character is L
        box.get_by_role("button", name="保存").click()
        expect(box.locator(".field-error")).to_contain_text("校验码")
        expect(address).to_have_value(ADDRESS)  # kept as typed
        code.fill("")
        box.get_by_role("button", name="保存").click()
        expect(box.get_by_role("status")).to_contain_text("已保存")

        page.reload()
        box = page.get_by_role("region", name="当事人和案件要素")
        expect(box.get_by_test_id("particulars-line")).to_contain_text("已填 4 项，还没填：工友住址")
        box.locator("summary").click()
        expect(box.get_by_label("单位住所地（营业执照上写的住所）", exact=True)).to_have_value(ADDRESS)
        expect(box.get_by_label("单位法定代表人（或主要负责人）姓名", exact=True)).to_have_value("王大成")
        expect(box.get_by_role("radio", name="不承认", exact=True)).to_have_attribute("aria-checked", "true")
        expect(box.get_by_label("证人 1 姓名")).to_have_value("赵六")
        assert not axe(page), axe(page)
        wait_for(page, "document.readyState === 'complete'")
        assert not page.errors, page.errors
    finally:
        ctx.close()
    saved = client.get(f"/api/v1/cases/{sent['id']}/particulars", headers=staff).get_json()
    assert (saved["employer_address"], saved["employer_legal_rep"], saved["employment_denied"]) == (
        ADDRESS, "王大成", True)
    assert saved["witnesses"] == [{"name": "赵六", "address": ""}] and saved["employer_credit_code"] == ""
