"""Offline search over the cached pack ranks exactly as the server's search does."""
from urllib.parse import quote

from playwright.sync_api import expect

from .helpers import cut_network, result_slugs, wait_until_offline_ready

QUERIES = [
    "工资", "合同", "工伤", "加班费", "社保", "仲裁", "试用期工资", "欠薪 讨薪",
    "没签合同能要二倍工资吗", "包工头跑了找谁要钱", "被辞退了有没有补偿",
    "12333", "工", "薪", "工资！合同", "ＡＢＣ１２３", "一个完全不相干的词xyz",
]


def test_offline_search_ranks_like_the_server(live, context, page):
    client = live.app.test_client()
    expected = {}
    for q in QUERIES:
        body = client.get(f"/api/v1/cards?q={quote(q)}&page_size=100").get_json()
        expected[q] = [c["slug"] for c in body["items"]]
    assert any(expected.values()), "the content found nothing at all"

    page.goto(live.url + "/")
    wait_until_offline_ready(page)
    cut_network(live, context)
    for q in QUERIES:
        page.goto(live.url + "/search?q=" + quote(q))
        expect(page.get_by_role("status").filter(has_text=q)).to_be_visible()
        assert result_slugs(page) == expected[q], q
        if not expected[q]:
            expect(page.get_by_text("没有找到")).to_be_visible()
            assert page.locator("a[href^='/topics/']").count() > 0  # suggests topics instead
