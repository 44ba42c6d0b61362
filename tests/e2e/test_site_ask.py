"""Issue 23's site page: 「问一问」 opens a question bound to the site (its board's code), so the question goes to the
office serving the site's district and the answerers see which site it came from."""
from playwright.sync_api import expect

from server.extensions import db
from server.questions.models import Question
from server.sites.models import Site

from .test_ask import PHONE
from .test_site_daylog import site_from_its_board


def test_a_worker_asks_from_the_site_page_and_the_question_is_bound_to_the_site(live, page, auth):
    site, path = site_from_its_board(live, auth)
    page.goto(live.url + path)
    page.get_by_role("link", name="问一问").click()
    expect(page.get_by_role("heading", name="问一问")).to_be_visible()
    expect(page.get_by_test_id("q-site")).to_contain_text(site["code"])
    page.get_by_role("textbox", name="或者写下来").fill("这个工地的包工头两个月没发工资，我该找谁？")
    page.get_by_role("radio", name="欠薪").click()
    page.get_by_label("手机号").fill(PHONE)
    page.get_by_label("同意上面的隐私说明").check()
    page.get_by_label("我单独同意提供录音和经过").check()
    page.get_by_role("button", name="发送问题").click()
    expect(page.get_by_test_id("question-code")).to_be_visible(timeout=30000)
    with live.app.app_context():
        (question,) = db.session.scalars(db.select(Question)).all()
        office = db.session.scalar(db.select(Site.office_id).where(Site.id == site["id"]))
        assert (question.site_id, question.site_division, question.office_id) == (site["id"], "510104", office)
