"""At the office PC, staff read a worker's IOU photo at full size: zoom, turn, step through the case's
photos with the arrow keys, and save one under a name that says which case and which photo (issue 18,
item 22). The saved file is the server's photo byte for byte, and the download is logged once."""
import uuid
from pathlib import Path

from playwright.sync_api import expect

from server.accounts.models import AuditEntry
from server.extensions import db
from tests import photos

from .helpers import wait_for
from .test_case_handling import PASSWORD, new_context, sign_in

LABELS = ("考勤表", "欠条", "微信聊天")


def photo_box(page) -> dict:
    return page.get_by_role("dialog").locator("img").evaluate(
        "img => { const r = img.getBoundingClientRect(); return {w: Math.round(r.width), h: Math.round(r.height)}; }")


def open_photo(page, live, case_id, label, title):
    """Staff laowang signs in, opens the case and taps one photo; the viewer once the photo has come."""
    sign_in(page, live, "laowang", "工作人员老王")
    page.goto(live.url + f"/office/cases/{case_id}")
    page.get_by_role("button", name=f"看大图：{label}").click()
    viewer = page.get_by_role("dialog", name=title)
    expect(viewer.locator("img")).to_have_attribute("alt", label)
    wait_for(page, "document.querySelector('[role=dialog] img')?.naturalWidth > 0")
    return viewer


def test_staff_zoom_turn_step_through_and_save_the_evidence(live, browser, make_user, make_application, auth, axe):
    make_user("staff", app=live.app, username="laowang", password=PASSWORD, display_name="工作人员老王")
    client = live.app.test_client()
    key, ids = str(uuid.uuid4()), [str(uuid.uuid4()) for _ in LABELS]
    for upload_id, label in zip(ids, LABELS, strict=True):
        # An IOU photographed upright on a phone: 1200 × 1600 once cleaned.
        resp = photos.post_photo(client, photos.jpeg(1200, 1600), upload_id=upload_id, submission_id=key, label=label)
        assert resp.status_code == 201, resp.get_json()
    application = make_application(client, key=key, upload_ids=ids)
    code = f"{application['code'][:4]}-{application['code'][4:]}"

    ctx, page = new_context(browser, wide=True)
    try:
        viewer = open_photo(page, live, application["id"], "欠条", "证据照片 2 / 3：欠条")
        fit = photo_box(page)
        assert fit["h"] < 900 and fit["w"] < 700, fit  # the whole photo on the screen first
        assert axe(page) == []

        viewer.get_by_role("button", name="原大 100%").click()
        expect(viewer.get_by_test_id("viewer-scale")).to_have_text("100%")
        assert photo_box(page) == {"w": 1200, "h": 1600}
        viewer.get_by_role("button", name="放大").click()
        expect(viewer.get_by_test_id("viewer-scale")).to_have_text("125%")
        assert photo_box(page) == {"w": 1500, "h": 2000}
        viewer.get_by_role("button", name="适合屏幕").click()
        assert photo_box(page) == fit
        stage = viewer.locator(".viewer-stage").bounding_box()
        page.mouse.move(stage["x"] + stage["width"] / 2, stage["y"] + stage["height"] / 2)
        page.mouse.wheel(0, -120)  # the wheel zooms in
        wait_for(page, f"document.querySelector('[role=dialog] img').getBoundingClientRect().width > {fit['w'] + 50}")
        viewer.get_by_role("button", name="适合屏幕").click()

        viewer.get_by_role("button", name="向右转").click()
        turned = photo_box(page)
        assert turned["w"] > turned["h"], turned  # lying on its side now: wider than high
        viewer.get_by_role("button", name="原大 100%").click()
        assert photo_box(page) == {"w": 1600, "h": 1200}

        page.keyboard.press("ArrowRight")
        expect(page.get_by_role("dialog", name="证据照片 3 / 3：微信聊天")).to_be_visible()
        # a new photo opens fitted and upright
        expect(page.get_by_role("dialog").get_by_test_id("viewer-scale")).not_to_have_text("100%")
        page.keyboard.press("ArrowRight")
        expect(page.get_by_role("dialog", name="证据照片 1 / 3：考勤表")).to_be_visible()
        page.keyboard.press("ArrowLeft")
        page.keyboard.press("ArrowLeft")
        dialog = page.get_by_role("dialog", name="证据照片 2 / 3：欠条")
        expect(dialog).to_be_visible()
        wait_for(page, "document.querySelector('[role=dialog] img')?.naturalWidth > 0")

        with page.expect_download() as got:
            dialog.get_by_role("button", name="下载原图").click()
        assert got.value.suggested_filename == f"{code}-2-欠条.jpg"
        saved = Path(got.value.path()).read_bytes()
        served = client.get(f"/api/v1/uploads/{ids[1]}", headers=auth(client, "admin"))
        assert saved == served.data and saved[:2] == b"\xff\xd8"
        with live.app.app_context():
            downloads = db.session.scalars(db.select(AuditEntry).where(
                AuditEntry.record_type == "evidence", AuditEntry.action == "download")).all()
        assert [(d.record_id, d.actor.username, d.detail["position"]) for d in downloads] == [(ids[1], "laowang", 2)]
        dialog.get_by_role("button", name="关闭").click()
        expect(page.get_by_role("dialog")).to_have_count(0)
        assert not page.errors, page.errors
    finally:
        ctx.close()


def test_on_a_phone_two_fingers_spread_the_photo_larger(live, browser, make_user, make_application):
    make_user("staff", app=live.app, username="laowang", password=PASSWORD, display_name="工作人员老王")
    application = make_application(live.app.test_client(), photos=1)
    ctx, page = new_context(browser, wide=False)
    try:
        viewer = open_photo(page, live, application["id"], "证据1", "证据照片 1 / 1：证据1")
        expect(viewer.get_by_role("button", name="下一张")).to_have_count(0)  # one photo: nowhere to go
        before = photo_box(page)
        assert before["w"] <= 360, before  # fitted to the phone
        stage = viewer.locator(".viewer-stage").bounding_box()
        x, y = stage["x"] + stage["width"] / 2, stage["y"] + stage["height"] / 2
        cdp = ctx.new_cdp_session(page)

        def touch(kind, spread):
            fingers = [{"x": x - spread, "y": y, "id": 0}, {"x": x + spread, "y": y, "id": 1}]
            points = [] if kind == "touchEnd" else fingers
            cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

        touch("touchStart", 30)
        for spread in (50, 70, 90):
            touch("touchMove", spread)
        touch("touchEnd", 0)
        after = photo_box(page)
        assert after["w"] > before["w"] * 2.5, (before, after)  # 3× the distance between the fingers
        assert not page.errors, page.errors
    finally:
        ctx.close()
