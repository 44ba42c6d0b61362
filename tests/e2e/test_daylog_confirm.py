"""记工 (issue 23): a co-worker at the same site confirms days of a worker's log by scanning its QR — two phones.

The worker opens the site's page, keeps a log of ten March days there, and shows 「请工友确认 2026-03」: a QR drawn in
the browser, which reads back (zxing) as this app's /confirm link with everything in the fragment (no query, nothing
personal in the path). The co-worker's phone, which had opened the app once, has no signal when the QR is scanned
(the link the camera opens): it shows the site and the days; the co-worker ticks three, gives name and phone, and
it waits in the outbox; with the signal back it is sent. The worker then applies with the log (offline, as in
test_site_daylog.py); the office's case page marks the three days with the co-worker's name and lists them with
the phone masked, and the 劳动仲裁申请书 says whose word it is."""
import io
import re
from urllib.parse import urlsplit

import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from server.daylogs.models import DayLogConfirmation
from server.extensions import db
from tests.test_aid_documents import docx_text, squeezed
from tests.test_sites import BOARD

from .helpers import cut_network, restore_network, wait_until_later_kept, wait_until_offline_ready
from .test_case_handling import PASSWORD, new_context, sign_in
from .test_daylog import apply_with_the_log, log_days, sent_when_online
from .test_site_daylog import FIRMS, PLACE

CONFIRMED = ["2026-03-02", "2026-03-03", "2026-03-04"]


def confirmations(live) -> int:
    with live.app.app_context():
        return db.session.scalar(db.select(db.func.count()).select_from(DayLogConfirmation))


def the_qr_link(page, live) -> str:
    """The worker's 「请工友确认」 for March: the QR read back from the screen is the link (returned, as a path)."""
    page.get_by_role("button", name="请工友确认 2026-03").click()
    qr = page.get_by_test_id("daylog-confirm-qr")
    expect(qr.get_by_role("img", name="请工友确认 2026-03 的出工")).to_be_visible()
    shot = Image.open(io.BytesIO(qr.locator("svg").screenshot()))
    (read,) = [c.text for c in zxingcpp.read_barcodes(shot)]
    url = urlsplit(read)
    assert f"{url.scheme}://{url.netloc}" == live.url and url.path == "/confirm" and url.query == "", read
    assert "log-" in url.fragment and "2026-03:2.3.4.5.6.9.10.11.12.13" in url.fragment.replace("%3A", ":"), read
    return f"{url.path}#{url.fragment}"


def test_a_co_worker_confirms_days_offline_and_the_case_says_who(live, browser, context, page, make_user, auth,
                                                                 axe):
    client = live.app.test_client()
    made = client.post("/api/v1/sites", json=BOARD, headers=auth(client, "staff"))
    assert made.status_code == 201, made.get_json()
    code = made.get_json()["code"]
    page.goto(live.url + f"/s/{code}")
    wait_until_offline_ready(page)
    wait_until_later_kept(page, live)
    page.get_by_role("link", name="记工").click()
    log_days(page)
    link = the_qr_link(page, live)
    assert axe(page) == []

    # The co-worker's phone: the app opened once with a signal, then none at all when the QR is scanned.
    ctx, mate = new_context(browser, wide=False)
    try:
        mate.goto(live.url + "/")
        wait_until_offline_ready(mate)
        wait_until_later_kept(mate, live)
        cut_network(live, ctx)
        mate.goto(live.url + link)
        expect(mate.get_by_role("heading", level=1, name="帮工友确认出工")).to_be_visible()
        expect(mate.get_by_text(f"工地 {code}")).to_be_visible()
        days = mate.get_by_test_id("confirm-days")
        expect(days.get_by_role("checkbox")).to_have_count(10)
        mate.get_by_role("button", name="确认", exact=True).click()
        expect(mate.get_by_role("alert")).to_have_text("请勾选你看到他出工的日子。")
        for day in CONFIRMED:
            days.get_by_label(day).check()
        mate.get_by_label("你的姓名").fill("王五")
        mate.get_by_label("你的手机号").fill("139 1111 2222")
        mate.get_by_label(re.compile("我和他在这个工地一起干活")).check()
        assert axe(mate) == []
        mate.get_by_role("button", name="确认", exact=True).click()
        expect(mate.get_by_test_id("confirm-outcome")).to_contain_text("有网时自动发出")
        assert mate.errors == []
        restore_network(live, ctx)
        for _ in range(150):
            if confirmations(live):
                break
            mate.wait_for_timeout(200)
        assert confirmations(live) == 1
    finally:
        ctx.close()

    # The worker applies with the log, offline, and the signal comes back.
    cut_network(live, context)
    page.reload()
    apply_with_the_log(page, live, site={"firms": FIRMS, "place": PLACE})
    application = sent_when_online(page, live, context)

    make_user("staff", app=live.app, username="staff-confirm", password=PASSWORD, display_name="王工作人员")
    octx, office = new_context(browser, wide=True)
    try:
        sign_in(office, live, "staff-confirm", "王工作人员")
        office.goto(live.url + f"/office/cases/{application.id}")
        table = office.get_by_test_id("case-daylog")
        for day in CONFIRMED:
            expect(table.get_by_role("row", name=re.compile(day))).to_contain_text("✓ 王五")
        expect(table.get_by_role("row", name=re.compile("2026-03-05"))).not_to_contain_text("王五")
        listed = office.get_by_test_id("case-daylog-confirmations")
        expect(listed).to_contain_text("王五（手机 *******2222）确认了 3 天：2026-03-02、2026-03-03、2026-03-04")
        expect(listed).not_to_contain_text("13911112222")
        docx = office.request.get(live.url + f"/api/v1/cases/{application.id}/documents/arbitration_claim.docx")
        assert docx.ok
        text = squeezed(docx_text(docx.body()))
        assert "同一工地的工友王五（确认其中3天）用自己的手机确认了记工表上的出工日期" in text, text
    finally:
        octx.close()
