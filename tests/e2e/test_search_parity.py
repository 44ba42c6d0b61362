"""Offline search over the cached pack ranks exactly as the server's search does."""
from urllib.parse import quote

from playwright.sync_api import expect

from .helpers import cut_network, result_slugs, wait_for, wait_until_offline_ready

QUERIES = [
    "工资", "合同", "工伤", "加班费", "社保", "仲裁", "试用期工资", "欠薪 讨薪",
    "没签合同能要二倍工资吗", "包工头跑了找谁要钱", "被辞退了有没有补偿",
    "12333", "工", "薪", "工资！合同", "ＡＢＣ１２３", "一个完全不相干的词xyz",
    # Issue 10: simplified text is never converted (怎么办), synonyms work offline too, nonsense finds nothing.
    "怎么办", "加班费怎么算", "老板不给钱", "干活摔伤了", "摔伤", "被炒鱿鱼了", "xyz不存在的词", "六十岁了受伤",
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


TRADITIONAL_QUERIES = ["工資", "勞動合同", "加班費", "欠薪 討薪", "工傷", "社保", "包工頭跑了找誰要錢", "工资",
                       "試用期",
                       "怎麼辦", "加班費怎麼算", "老闆不給錢", "幹活摔傷了", "被炒魷魚了"]

COUNT_PACKS = """() => new Promise((resolve, reject) => {
  const open = indexedDB.open('gongyou-fayuan');
  open.onsuccess = () => {
    const req = open.result.transaction('packs').objectStore('packs').getAllKeys();
    req.onsuccess = () => { resolve(req.result.sort().join(',')); open.result.close(); };
    req.onerror = reject;
  };
  open.onerror = reject;
})"""


def test_traditional_chinese_reader_searches_offline_like_the_server(live, context, page):
    client = live.app.test_client()
    expected = {q: [c["slug"] for c in client.get(
        f"/api/v1/cards?q={quote(q)}&page_size=100&locale=zh-TW").get_json()["items"]] for q in TRADITIONAL_QUERIES}
    assert expected["工資"], "traditional 工資 should find the wage cards"

    page.goto(live.url + "/me")
    wait_until_offline_ready(page)
    page.get_by_role("radio", name="繁體").click()
    # Both packs on the phone: zh-TW to read, zh-CN to search as the server does.
    wait_for(page, f"({COUNT_PACKS})().then(keys => keys === 'zh-CN,zh-TW')")
    cut_network(live, context)
    page.goto(live.url + "/topics")
    expect(page.get_by_role("link", name="工資與欠薪")).to_be_visible()
    for q in TRADITIONAL_QUERIES:
        page.goto(live.url + "/search?q=" + quote(q))
        expect(page.get_by_role("status").filter(has_text=q)).to_be_visible()
        assert result_slugs(page) == expected[q], q
