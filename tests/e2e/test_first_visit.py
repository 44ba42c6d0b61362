"""A worker's first visit on a weak signal: the first screen (title, search, hotlines) is in the
HTML itself and its hotlines work with no JavaScript at all; the service worker keeps what every
worker needs and nothing else; a volunteer's tools are kept once a volunteer signs in."""
import json
import re
from pathlib import Path

from playwright.sync_api import expect

from .events_helpers import assign_volunteer, make_event, sign_in_with_password
from .helpers import cut_network, wait_for, wait_until_offline_ready

# Every module of a domain's office/ folder (the office's and the lawyers' screens and their parts): Vite names
# each chunk after its module, so none of these names may start a file a worker's phone keeps.
# office/'s own screens (import, live content) too.
SRC = Path(__file__).parents[2] / "pwa" / "src"
OFFICE_MODULES = sorted({p.stem for p in [*SRC.glob("*/office/*.ts*"), *SRC.glob("office/*-page.tsx")]})
HOTLINES = ["tel:12348", "tel:12333", "tel:12351"]
CACHED_URLS = """async () => {
  const out = {};
  for (const name of await caches.keys()) {
    out[name] = (await (await caches.open(name)).keys()).map(r => new URL(r.url).pathname);
  }
  return out;
}"""


def test_the_first_screen_and_its_hotlines_work_without_javascript(browser, live):
    ctx = browser.new_context(locale="zh-CN", viewport={"width": 360, "height": 740}, java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(live.url + "/")
        expect(page.get_by_role("heading", level=1, name="工友法援")).to_be_visible()
        expect(page.get_by_role("searchbox", name="搜索问题")).to_be_visible()
        for tel in HOTLINES:
            expect(page.locator(f'a[href="{tel}"]')).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        page.get_by_role("searchbox", name="搜索问题").fill("工资")
        page.get_by_role("button", name="搜索").click()
        expect(page).to_have_url(re.compile(r"/search\?q=%E5%B7%A5%E8%B5%84$"))
    finally:
        ctx.close()


def test_the_app_replaces_the_first_screen_with_the_same_hotlines(live, page):
    page.goto(live.url + "/")
    expect(page.get_by_role("heading", name="按话题看")).to_be_visible()  # the app has started
    assert page.locator('a[href^="tel:"]').evaluate_all("els => els.map(e => e.getAttribute('href'))") == HOTLINES
    expect(page.get_by_role("heading", level=1)).to_have_count(1)  # the static screen is gone


def test_a_worker_keeps_what_every_worker_needs_and_no_volunteer_tools(live, page):
    page.goto(live.url + "/")
    wait_until_offline_ready(page)
    cached = page.evaluate(CACHED_URLS)
    files = [u for urls in cached.values() for u in urls]
    assert "/index.html" in files and any(u.endswith(".css") for u in files)
    assert not [u for u in files if u.startswith("/icons/") or u.endswith(".png")], files
    assert not [u for u in files if re.search(r"/(checkin|report|scanner|decode)-", u)], files
    # Nor the office's and the lawyers' screens (online tools, in no precache list).
    assert {"inbox-page", "case-page", "office-events-page", "office-import-page"} <= set(OFFICE_MODULES)
    office = re.compile(r"/(%s)-[\w-]+\.(js|css)$" % "|".join(map(re.escape, OFFICE_MODULES)))
    assert not [u for u in files if office.search(u)], files
    assert any(re.search(r"/qr-code-", u) for u in files), "a worker's sign-up QR code must open offline"


def volunteer_manifest(sw: Path) -> list[str]:
    """The volunteer tools' files, as the build wrote them into sw.js (the list holding the check-in page)."""
    lists = [json.loads(found) for found in re.findall(r'\[\{"url":.*?\}\]', sw.read_text())]
    return next([entry["url"] for entry in found] for found in lists if any("checkin-" in e["url"] for e in found))


def test_a_volunteer_signing_in_gets_the_checkin_tools_for_offline(live, page, auth, make_user):
    event, staff, client = make_event(live, auth, signups=2)
    assign_volunteer(live, client, staff, event, make_user)
    page.goto(live.url + "/")
    wait_until_offline_ready(page)
    sign_in_with_password(page, live, "xiaoli")
    # Every tool kept, not just the first: the service worker fetches them one at a time (the CI run of 4458639
    # cut the network with the check-in page kept and a chunk it needs still on its way).
    wanted = volunteer_manifest(Path(live.app.config["PWA_DIST"]) / "sw.js")
    assert any("/checkin-" in "/" + url for url in wanted), wanted
    wait_for(page, f"""caches.open('gyfy-volunteer-tools').then(c => c.keys())
        .then(k => k.length >= {len(wanted)})""")
    tools = page.evaluate(CACHED_URLS)["gyfy-volunteer-tools"]
    assert not [u for u in tools if "/office-" in u], tools  # nor are they a volunteer's tools
    cut_network(live, page.context)
    page.goto(live.url + "/checkin")
    # The tools' code opened from the phone (its page header is part of the lazy chunk); the
    # rosters themselves come with 下载名单, online, as before.
    expect(page.get_by_role("heading", level=1, name="现场签到")).to_be_visible()


def test_topics_come_from_the_pack_not_a_request_of_their_own(live, page):
    asked = []
    page.on("request", lambda r: "/api/" in r.url and asked.append(r.url.split("?")[0].replace(live.url, "")))
    page.goto(live.url + "/")
    expect(page.locator('.cells a[href^="/topics/"]').first).to_be_visible()
    wait_until_offline_ready(page)
    page.reload()  # and the next visit, with the pack on the phone
    expect(page.locator('.cells a[href^="/topics/"]').first).to_be_visible()
    assert "/api/v1/topics" not in asked, asked
    assert asked.count("/api/v1/content/pack") <= 2, asked  # downloaded once, revalidated once
