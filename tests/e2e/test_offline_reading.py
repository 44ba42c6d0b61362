"""A worker opens the app once with signal, then reads, searches and takes the quiz on a
site with no signal at all; when the signal is back, an edited card shows after a reload.
The quiz bank is not in the pack (a first visit stays under 120 KB): the service worker keeps it
a few seconds after 已可离线使用, with the 'later' tier."""
import re

from playwright.sync_api import expect

from server.cards.loader import load_content

from .helpers import cut_network, restore_network, wait_until_later_kept, wait_until_offline_ready

WAGE_CARD = "wage-arrears-first-step"


def test_worker_reads_searches_and_quizzes_offline_then_gets_new_content(live, context, page, content_dir):
    # First visit, online.
    page.goto(live.url + "/")
    expect(page.get_by_role("heading", name="工友法援")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("被欠工资了"))).to_be_visible()
    for number in ("12348", "12333", "12351"):
        expect(page.locator(f'a[href="tel:{number}"]')).to_be_visible()
    wait_until_offline_ready(page)
    wait_until_later_kept(page)

    # The signal is gone.
    cut_network(live, context)
    page.reload()
    expect(page.get_by_text("现在没有网络")).to_be_visible()
    expect(page.get_by_role("heading", name="工友法援")).to_be_visible()

    # Browse a topic and open a card.
    page.get_by_role("link", name=re.compile("被欠工资了")).click()
    expect(page).to_have_url(live.url + "/topics/wages")
    expect(page.get_by_role("heading", name="工资与欠薪")).to_be_visible()
    cards = page.locator("a.card-item")
    assert cards.count() >= 1
    cards.first.click()
    expect(page).to_have_url(re.compile(r"/cards/[a-z0-9-]+$"))
    expect(page.locator(".card-answer")).not_to_be_empty()
    expect(page.get_by_role("heading", name="法律依据")).to_be_visible()
    assert page.locator(".citations li").count() >= 1
    expect(page.get_by_text("现在没有网络")).to_be_visible()

    # Search 工资 and open a result.
    page.get_by_role("link", name="普法").click()
    page.get_by_role("searchbox", name="搜索问题").fill("工资")
    page.get_by_role("button", name="搜索").click()
    expect(page).to_have_url(re.compile(r"/search\?q="))
    results = page.locator("a.card-item")
    expect(results.first).to_be_visible()
    first_question = results.first.locator(".card-q").inner_text()
    results.first.click()
    expect(page.get_by_role("heading", level=1, name=first_question)).to_be_visible()

    # A link someone shared opens cold, with no network.
    page.goto(live.url + f"/cards/{WAGE_CARD}")
    expect(page.locator("h1.card-title")).to_be_visible()

    # Take the quiz: ten questions, a score, explanations that link to cards.
    page.goto(live.url + "/quiz")
    page.get_by_role("button", name="开始答题").click()
    for i in range(10):
        expect(page.get_by_text(f"第 {i + 1} 题 / 共 10 题")).to_be_visible()
        page.locator(".quiz-option").first.click()
        feedback = page.locator(".quiz-feedback")
        expect(feedback).to_contain_text(re.compile("答对了|答错了"))
        expect(feedback.get_by_role("link", name="看这道题的问答卡片")).to_have_attribute(
            "href", re.compile(r"^/cards/[a-z0-9-]+$"))
        page.get_by_role("button", name="看成绩" if i == 9 else "下一题").click()
    expect(page.get_by_role("heading", name=re.compile(r"答对 \d+ 题，共 10 题"))).to_be_visible()
    review = page.locator(".quiz-review li")
    expect(review).to_have_count(10)
    review.first.get_by_role("link", name="看问答卡片").click()
    expect(page.locator("h1.card-title")).to_be_visible()

    # An author edits a card on the server while the worker is offline ...
    card_file = content_dir / "cards" / f"{WAGE_CARD}.md"
    card_file.write_text(card_file.read_text(encoding="utf-8").rstrip() + "\n\n本卡片刚刚更新过：新内容在这里。\n",
                         encoding="utf-8")
    with live.app.app_context():
        assert load_content(live.app)["changed"]

    # ... and once the signal is back, the new text shows after a reload, no reinstall.
    restore_network(live, context)
    page.goto(live.url + f"/cards/{WAGE_CARD}")
    page.reload()
    expect(page.get_by_text("本卡片刚刚更新过：新内容在这里。")).to_be_visible(timeout=20000)
    expect(page.get_by_text("现在没有网络")).to_have_count(0)

    # Still there offline afterwards: the new pack was kept on the phone.
    cut_network(live, context)
    page.reload()
    expect(page.get_by_text("本卡片刚刚更新过：新内容在这里。")).to_be_visible()
