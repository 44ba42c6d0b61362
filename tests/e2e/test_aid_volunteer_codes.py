"""A volunteer at a site gate files applications for several workers on one phone: each tracking
code that comes back must say whose it is (the worker's surname and the phone's last four digits),
on the sent page, in 援助's list and in 待发送's delivered list, so the right code goes to the right
worker; a phone typed with full-width digits (as Chinese input methods give them) is masked as any other."""
import re

from playwright.sync_api import expect

from server import codes
from server.aid.models import Application
from server.extensions import db
from tests import photos

from .events_helpers import PASSWORD, sign_in_with_password
from .test_aid_apply import expect_step, next_step

WORKERS = [  # name, the phone as typed, its last four digits, ID number
    ("孙七", "１３７ １２３４ ５６７８", "5678", photos.id_number(region="500103", birth="19820815", serial="031")),
    ("周八", "139-8765-4321", "4321", photos.id_number(region="510104", birth="19850620", serial="042")),
]


def file_for(page, live, name, phone, id_number, *, volunteer=True):
    page.goto(live.url + "/aid/apply?type=wages")
    expect_step(page, 1, "是什么事？")
    for _ in range(8):
        next_step(page)
    expect_step(page, 9, "申请人是谁？")
    page.get_by_label("姓名").fill(name)
    page.get_by_label("手机号").fill(phone)
    page.get_by_label("身份证号").fill(id_number)
    next_step(page)
    page.get_by_label("同意上面的隐私说明").check()
    page.get_by_label("我单独同意提供身份证号").check()
    if volunteer:
        page.get_by_label("工友本人已经知道并同意以上内容").check()
    next_step(page)
    page.get_by_role("button", name="提交申请").click()
    expect(page.get_by_test_id("tracking-code")).to_be_visible(timeout=20000)


def test_a_volunteer_sees_whose_code_is_whose(live, page, make_user, axe):
    make_user("volunteer", app=live.app, username="xiaoli", password=PASSWORD, display_name="志愿者小李")
    sign_in_with_password(page, live, "xiaoli")
    for name, phone, last4, id_number in WORKERS:
        file_for(page, live, name, phone, id_number)
        whose = page.get_by_test_id("whose-code")
        expect(whose).to_have_text(f"这是工友{name[0]}*（尾号 {last4}）的查询码：")
        expect(page.get_by_text(f"工友的手机号（*******{last4}）")).to_be_visible()
        assert name not in page.inner_text("main")  # the name is masked on the screen, as in any list
        assert axe(page) == []

    with live.app.app_context():
        shown = {a.applicant_name: codes.display(a.code) for a in db.session.query(Application)}
    assert set(shown) == {name for name, *_ in WORKERS}
    for where in ("/aid", "/outbox"):
        page.goto(live.url + where)
        for name, _phone, last4, _id in WORKERS:
            other = next(shown[n] for n in shown if n != name)
            row = page.get_by_role("link", name=re.compile(re.escape(shown[name])))
            expect(row).to_contain_text(f"{name[0]}*（尾号 {last4}）")
            expect(row).not_to_contain_text(other)
        assert axe(page) == []


def test_a_worker_applying_for_themselves_reads_your_code(live, page):
    name, phone, last4, id_number = WORKERS[0]  # the phone typed in full-width digits
    file_for(page, live, name, phone, id_number, volunteer=False)
    expect(page.get_by_text(f"手机号（*******{last4}）")).to_be_visible()
    expect(page.get_by_test_id("whose-code")).to_have_text("你的查询码：")
