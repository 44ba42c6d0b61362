"""A worker scans an "apply" QR on a weak signal (150 kbit/s): the page opens on the form's own
first screen and then the form, and the home page is never shown on the way (issue 18, item 21)."""
from playwright.sync_api import expect

# Records, from before the HTML is parsed, every moment a page other than the form was on screen.
WATCH = """(() => {
  window.__shown = [];
  const look = () => {
    const home = document.querySelector('.hero, .wage-entry, a[href="tel:12348"]');
    const title = document.querySelector('.navbar-title');
    window.__shown.push(home ? 'home' : title ? title.textContent.trim() : '');
  };
  new MutationObserver(look).observe(document, { childList: true, subtree: true, characterData: true });
})()"""
KBIT_150 = 150 * 1000 / 8  # bytes per second


def throttle(page):
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 300, "downloadThroughput": KBIT_150, "uploadThroughput": KBIT_150})
    return cdp


def test_a_cold_apply_link_never_shows_the_home_page_on_the_way_to_the_form(live, page):
    page.add_init_script(WATCH)
    throttle(page)
    page.goto(live.url + "/aid/apply?type=wages", wait_until="commit")
    expect(page.get_by_test_id("progress")).to_be_visible(timeout=60000)
    shown = page.evaluate("window.__shown")
    assert "home" not in shown, shown
    painted = [s for s in shown if s]
    assert painted and painted[0] == "申请法律援助", painted[:3]  # the form's own title from the first paint
    assert page.title() == "申请法律援助 - 工友法援"


def test_the_form_opens_on_its_own_first_screen_offline_too(live, page):
    from .helpers import cut_network, wait_until_offline_ready

    page.goto(live.url + "/")
    wait_until_offline_ready(page)
    cut_network(live, page.context)
    page.add_init_script(WATCH)
    page.goto(live.url + "/aid/apply")
    expect(page.get_by_test_id("progress")).to_be_visible()
    assert "home" not in page.evaluate("window.__shown")
