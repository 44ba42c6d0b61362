"""Issue 23, the first "done when": a worker scans a site's board QR (the URL it encodes, read back from the A4 PDF),
the site's page opens on a 150 kbit/s link with the board's facts painted before the app's script has arrived;
then, with no signal at all, the site page's 「记工」: ten days, two 借支, a photo; 「用记工申请」 with the site's firms
already in the form, sent offline. With the signal back: one application, linked to the site, its employer, 总包 and
建设单位 from the board, the period and the amount owed from the log; the office sees the log on the case page and
in the 劳动仲裁申请书's facts."""
import io
from urllib.parse import urlsplit

import zxingcpp
from playwright.sync_api import expect
from pypdf import PdfReader

from server.extensions import db
from server.sites.models import Site
from tests.test_sites import BOARD

from .helpers import cut_network, wait_until_later_kept, wait_until_offline_ready
from .test_cold_apply_link import throttle
from .test_daylog import apply_with_the_log, log_days, sent_when_online, the_office_sees_the_log

# When the board's facts first come into the page.
FACTS_FIRST = """(() => {
  new MutationObserver((_, watch) => {
    if (!document.querySelector('[data-testid="site-facts"]')) return;
    window.__factsFirst = performance.now();
    watch.disconnect();
  }).observe(document, { childList: true, subtree: true });
})()"""
# When the app's own script (index-*.js) had arrived, and the first paint.
TIMES = """() => ({
  script: performance.getEntriesByType('resource').filter((e) => /\\/assets\\/index-[\\w-]+\\.js$/.test(e.name))
    .map((e) => e.responseEnd),
  paint: performance.getEntriesByName('first-contentful-paint').map((e) => e.startTime),
})"""
FIRMS = {"老板、包工头或单位的名字": BOARD["subcontractor"], "总包单位（工地大门的告示牌上有）": BOARD["contractor"]}
PLACE = {"工地名称": BOARD["name"], "区县": "成都市锦江区"}


def site_from_its_board(live, auth):
    """Staff make the site (API) and print its A4 board; the QR on the PDF, read back, is the URL a phone opens."""
    client = live.app.test_client()
    staff = auth(client, "staff")
    made = client.post("/api/v1/sites", json=BOARD, headers=staff)
    assert made.status_code == 201, made.get_json()
    pdf = client.get(f"/api/v1/sites/{made.get_json()['code']}/board.pdf?size=A4", headers=staff)
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    (page,) = PdfReader(io.BytesIO(pdf.data)).pages
    urls = [code.text for picture in page.images for code in zxingcpp.read_barcodes(picture.image)]
    assert urls == [f"{live.app.config['PUBLIC_URL']}/s/{made.get_json()['code']}"], urls
    return made.get_json(), urlsplit(urls[0]).path


def test_a_worker_scans_the_board_logs_days_offline_at_the_site_and_applies_with_the_log(
        live, browser, context, page, make_user, auth):
    site, path = site_from_its_board(live, auth)

    page.add_init_script(FACTS_FIRST)
    cdp = throttle(page)
    first = page.goto(live.url + path, wait_until="commit")
    assert BOARD["contractor"] in first.text()  # the facts are in the page's first HTML
    facts = page.get_by_test_id("site-facts")
    expect(facts).to_contain_text(BOARD["contractor"], timeout=60000)
    expect(page.get_by_role("link", name="记工")).to_be_visible(timeout=60000)  # the app's page, drawn over it
    times = page.evaluate(TIMES)
    shown = page.evaluate("window.__factsFirst")
    assert len(times["script"]) == 1 and shown < times["script"][0], (shown, times)
    assert times["paint"] and times["paint"][0] < times["script"][0], times  # painted before the app had arrived
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 0, "downloadThroughput": -1,
                                                  "uploadThroughput": -1})
    wait_until_offline_ready(page)
    wait_until_later_kept(page, live)

    cut_network(live, context)
    page.reload()
    expect(page.get_by_text("没有网络，下面是上次存下的工地信息。")).to_be_visible()
    expect(facts).to_contain_text(BOARD["owner"])
    page.get_by_role("link", name="记工").click()
    expect(page.get_by_role("heading", level=1, name=f"记工 · 工地 {site['code']}")).to_be_visible()
    log_days(page)
    apply_with_the_log(page, live, site={"firms": FIRMS, "place": PLACE})

    application = sent_when_online(page, live, context)
    with live.app.app_context():
        assert application.site_id == db.session.scalar(db.select(Site.id).where(Site.code == site["code"]))
    assert (application.employer_name, application.contractor, application.owner) == (
        BOARD["subcontractor"], BOARD["contractor"], BOARD["owner"])
    claim = the_office_sees_the_log(live, browser, make_user, application.id)
    assert BOARD["subcontractor"] in claim  # the 被申请人 the site's board names
