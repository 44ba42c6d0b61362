"""Search ranks the cards in a Web Worker, off the page's thread (issue 18, item 33: building the
index over every card blocked the search page for over a second on a phone), with the same
results as the server, offline and on a phone where no worker can start."""
from urllib.parse import quote

from playwright.sync_api import expect

from .helpers import cut_network, result_slugs, wait_until_offline_ready

QUERIES = ["工地老板欠我三个月的钱不给", "钢筋砸到脚了", "公伤怎么赔"]


def server_order(live, q):
    body = live.app.test_client().get(f"/api/v1/cards?q={quote(q)}&page_size=100").get_json()
    return [c["slug"] for c in body["items"]]


def search_offline(live, page, q):
    page.goto(live.url + "/search?q=" + quote(q))
    expect(page.get_by_role("status").filter(has_text=q)).to_be_visible()
    return result_slugs(page)


def test_offline_search_is_answered_by_a_worker_with_the_servers_order(live, context, page):
    page.goto(live.url + "/")
    wait_until_offline_ready(page)
    cut_network(live, context)
    workers = []
    page.on("worker", lambda w: workers.append(w.url))
    for q in QUERIES:
        want = server_order(live, q)
        assert want, q
        assert search_offline(live, page, q) == want, q
    assert workers and all("/assets/search-worker-" in u for u in workers), workers


def test_without_workers_the_page_searches_by_itself(live, context, page):
    page.goto(live.url + "/")
    wait_until_offline_ready(page)
    cut_network(live, context)
    page.add_init_script("delete window.Worker")  # an old WebView
    for q in QUERIES:
        assert search_offline(live, page, q) == server_order(live, q), q
