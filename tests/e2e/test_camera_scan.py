"""The camera path itself: Chromium's fake camera films a worker's sign-up QR code, the page
reads it (with the qr package's decoder: Chromium on Linux has no BarcodeDetector) and the
worker is checked in."""
import re

import qrcode
from PIL import Image
from playwright.sync_api import expect

from .conftest import CHROMIUM, CHROMIUM_ARGS
from .events_helpers import assign_volunteer, make_event, read_store, sign_in_with_password

W = H = 480


def y4m_of_qr(text: str, path) -> None:
    """A few seconds of video of the code on white: YUV4MPEG2, grey (U and V at 128)."""
    img = qrcode.make(text, box_size=10, border=4).get_image().convert("L").resize((360, 360))
    frame = Image.new("L", (W, H), 255)
    frame.paste(img, ((W - 360) // 2, (H - 360) // 2))
    y = frame.tobytes()
    uv = bytes([128]) * (W // 2 * H // 2 * 2)
    with open(path, "wb") as f:
        f.write(f"YUV4MPEG2 W{W} H{H} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(30):
            f.write(b"FRAME\n" + y + uv)


def test_the_camera_reads_a_sign_up_code_and_checks_the_worker_in(browser, live, auth, make_user, tmp_path):
    event, staff, client = make_event(live, auth, signups=2)
    assign_volunteer(live, client, staff, event, make_user)
    with live.app.app_context():
        from server.events.models import Attendee
        from server.extensions import db
        worker = db.session.query(Attendee).order_by(Attendee.id).first()
        name, token = worker.name, worker.qr_token
    video = tmp_path / "qr.y4m"
    y4m_of_qr(token, video)
    camera = browser.browser_type.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + [
        "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-video-capture={video}"])
    try:
        ctx = camera.new_context(locale="zh-CN", viewport={"width": 360, "height": 740}, permissions=["camera"])
        ctx.set_default_timeout(15000)
        page = ctx.new_page()
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        sign_in_with_password(page, live, "xiaoli")
        page.goto(live.url + f"/checkin/{event['id']}")
        page.get_by_role("button", name="下载名单").click()
        expect(page.get_by_text("名单：2 人")).to_be_visible()
        assert page.evaluate("'BarcodeDetector' in window") is False  # so the JS decoder is what reads it
        page.get_by_role("button", name="扫码签到").click()
        expect(page.get_by_label("摄像头画面：对准工友的报名二维码")).to_be_visible()
        expect(page.get_by_role("alert")).to_have_text(re.compile(f"签到成功：{name}"), timeout=20000)
        expect(page.get_by_test_id("checked-in-count")).to_have_text("1")
        page.get_by_role("button", name="关闭摄像头").click()
        # There is signal: it goes a moment later, as one check-in by code.
        expect(page.get_by_test_id("waiting-here")).to_have_text("0", timeout=20000)
        assert read_store(page, "outbox") == []
        with live.app.app_context():
            from server.events.models import CheckIn
            checkins = db.session.query(CheckIn).all()
            assert [(c.attendee_id, c.method) for c in checkins] == [(worker.id, "qr")]
        assert not errors, errors
        ctx.close()
    finally:
        camera.close()
