"""A worker takes the prize quiz on the phone: the right answer is not given away by being the
first button, and tapping it is judged right wherever it stands."""
import re

import pytest
from playwright.sync_api import expect

from .helpers import wait_until_offline_ready

# Every test here only reads: one server for the module, the content loaded once.
pytestmark = pytest.mark.reads_only


def test_right_answer_is_not_always_the_first_button_and_tapping_it_counts(live, page):
    bank = page.request.get(live.url + "/api/v1/content/quiz").json()["quiz"]  # columns, the answer first
    answers = {q: options[0] for q, options in zip(bank["question"], bank["options"], strict=True)}
    bank_order = {q: [o.strip() for o in options] for q, options in zip(bank["question"], bank["options"], strict=True)}

    page.goto(live.url + "/quiz")
    wait_until_offline_ready(page)  # so the questions come from the pack on the phone, unshuffled there
    where_the_answer_stood, reordered = [], 0
    for _round in range(2):
        page.get_by_role("button", name="开始答题").click()
        for i in range(10):
            expect(page.get_by_text(f"第 {i + 1} 题 / 共 10 题")).to_be_visible()
            question = page.locator("#quiz-q").inner_text().strip()
            answer = answers[question]
            options = page.locator(".quiz-option")
            texts = [t.strip() for t in options.all_inner_texts()]
            assert sorted(texts) == sorted(bank_order[question])
            reordered += texts != bank_order[question]
            where_the_answer_stood.append(texts.index(answer))
            options.nth(texts.index(answer)).click()
            expect(page.locator(".quiz-feedback")).to_contain_text("答对了！")
            expect(options.nth(texts.index(answer))).to_contain_text("✓ 正确答案")
            page.get_by_role("button", name="看成绩" if i == 9 else "下一题").click()
        expect(page.get_by_role("heading", name="答对 10 题，共 10 题")).to_be_visible()
        expect(page.locator(".quiz-review li.ok")).to_have_count(10)
        page.get_by_role("button", name="再来一次").click()

    assert set(where_the_answer_stood) != {0}, where_the_answer_stood
    assert reordered > 0, "every question showed its options in the bank's order"


def test_a_wrong_tap_shows_the_right_answer_by_its_text(live, page):
    bank = page.request.get(live.url + "/api/v1/content/quiz").json()["quiz"]  # columns, the answer first
    answers = {q: options[0] for q, options in zip(bank["question"], bank["options"], strict=True)}
    page.goto(live.url + "/quiz")
    page.get_by_role("button", name="开始答题").click()
    answer = answers[page.locator("#quiz-q").inner_text().strip()]
    options = page.locator(".quiz-option")
    texts = [t.strip() for t in options.all_inner_texts()]
    wrong = next(i for i, t in enumerate(texts) if t != answer)
    options.nth(wrong).click()
    expect(page.locator(".quiz-feedback")).to_contain_text(re.compile("答错了。正确答案：" + re.escape(answer)))
    expect(options.nth(wrong)).to_contain_text("✗ 你的选择")
    expect(options.nth(texts.index(answer))).to_contain_text("✓ 正确答案")
