"""The case file in the browser (issue 21): staff at the office PC attach the mediation agreement PDF to a case
(kind, date, label), see it listed beside the worker's photos, are told plainly why a PDF with a script is refused,
and save the agreement byte for byte; the lawyer assigned to the case sees it on a phone and saves it too."""
import re
from pathlib import Path

from playwright.sync_api import expect

from server.accounts.models import AuditEntry
from server.extensions import db
from tests import pdfs

from .helpers import wait_for
from .test_case_handling import PASSWORD, new_context, sign_in
from .test_case_lawyers import assign


def test_staff_attach_a_mediation_agreement_and_the_assigned_lawyer_sees_it(live, browser, make_user,
                                                                           make_application, auth, axe, tmp_path):
    make_user("staff", app=live.app, username="laowang", password=PASSWORD, display_name="工作人员老王")
    lawyer = make_user("lawyer", app=live.app, username="lawyer-zhao", password=PASSWORD, display_name="赵律师")
    client = live.app.test_client()
    sent = make_application(client, photos=2, applicant_name="张三")
    assign(client, auth(client, "staff"), sent["id"], lawyer.id)
    agreement, hostile = tmp_path / "调解协议.pdf", tmp_path / "带脚本.pdf"
    agreement.write_bytes(pdfs.mediation_agreement())
    hostile.write_bytes(pdfs.with_javascript())

    ctx, page = new_context(browser, wide=True)
    try:
        sign_in(page, live, "laowang", "工作人员老王")
        page.goto(live.url + f"/office/cases/{sent['id']}")
        evidence, files = page.get_by_test_id("evidence-list"), page.get_by_test_id("office-files")
        expect(page.get_by_role("region", name=re.compile("^证据照片"))).to_contain_text("证据照片（2 张）工友提交")
        expect(page.get_by_role("region", name=re.compile("^附加的材料"))).to_contain_text("附加的材料（0 份）")
        expect(files.get_by_text("还没有附加材料。")).to_be_visible()
        form = page.get_by_role("form", name="附加材料")
        form.get_by_label("材料类别").select_option(label="调解协议")
        form.get_by_label("材料上的日期").fill("2026-11-20")
        form.get_by_label("说明").fill("区劳动争议仲裁院调解书")

        form.get_by_label("文件").set_input_files(hostile)  # a PDF that would run a script: refused, said why
        form.get_by_role("button", name="附加到案件").click()
        expect(form.get_by_role("alert")).to_contain_text("含有脚本（JavaScript），为了安全不能收")
        expect(files.get_by_test_id("office-file")).to_have_count(0)

        form.get_by_label("文件").set_input_files(agreement)
        form.get_by_role("button", name="附加到案件").click()
        expect(form.get_by_role("status")).to_have_text("已附加：调解协议 · 区劳动争议仲裁院调解书")
        row = files.get_by_test_id("office-file")
        expect(row).to_have_count(1)
        expect(row).to_contain_text("调解协议 · 2026-11-20 · 区劳动争议仲裁院调解书")
        expect(row).to_contain_text("PDF 1 页 · 工作人员老王（工作人员）附加")
        # side by side on the office PC: the two lists share a row
        boxes = [evidence.bounding_box(), files.bounding_box()]
        assert boxes[0]["y"] == boxes[1]["y"] and boxes[0]["x"] < boxes[1]["x"], boxes
        assert axe(page) == []

        with page.expect_download() as got:
            row.get_by_role("button", name="下载").click()
        assert Path(got.value.path()).read_bytes() == agreement.read_bytes()
        assert got.value.suggested_filename.endswith("-区劳动争议仲裁院调解书.pdf")
        page.reload()  # the file is the case's, not the page's
        expect(page.get_by_test_id("office-file")).to_have_count(1)
        assert not page.errors, page.errors
    finally:
        ctx.close()

    ctx, page = new_context(browser, wide=False)
    try:
        sign_in(page, live, "lawyer-zhao", "赵律师")
        page.goto(live.url + f"/cases/{sent['id']}")
        row = page.get_by_test_id("office-file")
        expect(row).to_contain_text("调解协议 · 2026-11-20 · 区劳动争议仲裁院调解书")
        with page.expect_download() as got:
            row.get_by_role("button", name="下载").click()
        assert Path(got.value.path()).read_bytes() == agreement.read_bytes()
        wait_for(page, "document.readyState === 'complete'")
        assert not page.errors, page.errors
    finally:
        ctx.close()
    with live.app.app_context():
        reads = db.session.scalars(db.select(AuditEntry).where(AuditEntry.record_type == "case_file")
                                   .order_by(AuditEntry.id)).all()
    assert [(r.action, r.actor.username, r.detail["why"]) for r in reads] == [
        ("download", "laowang", "staff"), ("download", "lawyer-zhao", "assigned_lawyer")]
