"""算一算 offline (issue 24): the calculators are not part of a worker's first visit (it must stay
under 120 KB until 已可离线使用), but the service worker keeps them a few seconds after it (the
route table's 'later' tier), with their rules (GET /api/v1/content/calculators, no longer in the
pack), so with no signal at all they open and compute."""
import re

from playwright.sync_api import expect

from .calc_helpers import expect_working, vector
from .helpers import cut_network, later_files, wait_until_later_kept, wait_until_offline_ready
from .test_calc_screens import walk_overtime


def test_after_the_first_visit_the_calculators_open_and_compute_offline(live, context, page):
    page.goto(live.url + "/")
    wait_until_offline_ready(page)
    assert len(later_files()) >= 3  # the list, the runner and what they share
    wait_until_later_kept(page)  # every file of the 'later' list, the rules and the quiz bank
    assert "calculators" not in page.evaluate("fetch('/api/v1/content/pack').then((r) => r.json())")

    cut_network(live, context)
    page.goto(live.url + "/calc")
    expect(page.get_by_role("heading", name="算一算")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("加班费"))).to_have_attribute("href", "/calc/overtime")
    # The card on overtime pay ends with its calculator (the card's `calculator:`).
    page.goto(live.url + "/cards/hours-overtime-pay-rates")
    page.get_by_role("link", name=re.compile("算一算：加班费")).click()
    expect(page).to_have_url(live.url + "/calc/overtime")
    walk_overtime(page)
    expect_working(page, vector("overtime", "one hour of each kind")["expect"])
