"""A developer opens /api/v1/docs with no way out to the internet: the page is not blank."""
from urllib.parse import urlsplit

from playwright.sync_api import expect


def test_the_api_docs_render_from_the_app_alone(live, page):
    origins, problems = set(), []
    page.on("request", lambda r: origins.add(urlsplit(r.url).netloc))
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.goto(live.url + "/api/v1/docs")
    expect(page.get_by_role("heading", name="工友法援 API")).to_be_visible(timeout=20000)
    expect(page.get_by_text("/api/v1/cards/{slug}")).to_be_visible()
    assert origins == {urlsplit(live.url).netloc}, origins
    assert not problems, problems
