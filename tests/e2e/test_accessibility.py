"""axe-core finds nothing to fix on any page (WCAG 2.1 A/AA and axe's best practices)."""
import json

from playwright.sync_api import expect

PAGES = ["/", "/topics", "/topics/wages", "/cards/wage-arrears-first-step", "/search?q=%E5%B7%A5%E8%B5%84",
         "/search?q=xyz", "/quiz", "/events", "/outbox", "/checkin", "/aid", "/aid/apply?type=injury",
         "/aid/track", "/me", "/no-such-page"]


def test_no_accessibility_violations(live, page, axe):
    found = {}
    for path in PAGES:
        page.goto(live.url + path)
        expect(page.locator("h1")).to_be_visible()
        expect(page.locator(".loading")).to_have_count(0)
        if violations := axe(page):
            found[path] = violations
    # The quiz mid-question and its result page.
    page.goto(live.url + "/quiz")
    page.get_by_role("button", name="开始答题").click()
    page.locator(".quiz-option").first.click()
    if violations := axe(page):
        found["/quiz (answered)"] = violations
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)
