"""What workers type finds the card that answers it: top 3, online and offline, zh-CN and zh-TW.

Offline (the PWA's cards/search.ts) is checked by pwa/tests/search-parity.test.js, which the PWA's
unit tests run with the server's answers (tests/test_pwa_units.py, tests/search/parity.py): every
phrase's card in its top three, and the long sentences below ranked as the server ranks them."""
from urllib.parse import quote

import pytest

from .search.parity import LONG
from .search.relevance import CASES, figures, phrase

LOCALES = ("zh-CN", "zh-TW")


@pytest.fixture
def client(content_app):
    # Every test here only reads: the real content is loaded once for the module.
    return content_app.test_client()


def search(client, q, locale="zh-CN"):
    body = client.get(f"/api/v1/cards?q={quote(q)}&page_size=100&locale={locale}").get_json()
    return [c["slug"] for c in body["items"]]


def test_the_set_is_big_enough_and_names_real_cards(client):
    assert len(CASES) >= 60
    slugs = set(client.get("/api/v1/content/pack").get_json()["cards"]["slug"])
    assert all(c["cards"] and set(c["cards"]) <= slugs for c in CASES), \
        [c for c in CASES if not set(c["cards"]) <= slugs]


@pytest.mark.parametrize("locale", LOCALES)
def test_every_phrase_finds_its_card_in_the_top_three_online(client, locale):
    result = figures([search(client, phrase(c, locale), locale) for c in CASES])
    assert result["misses"] == []


def test_a_common_word_puts_its_own_topic_first_and_the_first_step_on_top(client):
    found = search(client, "工资")
    assert found[0] == "wage-arrears-first-step"
    wages = {c["slug"] for c in client.get("/api/v1/cards?topic=wages&page_size=100").get_json()["items"]}
    assert set(found[:len(wages)]) == wages


def test_words_no_card_uses_reach_cards_through_the_synonyms(client):
    assert search(client, "摔伤")[0].startswith("injury-")
    assert search(client, "干活摔伤了")[:3] and all(s.startswith("injury-") for s in search(client, "干活摔伤了")[:3])
    assert "dismissal-told-not-to-come" in search(client, "被炒鱿鱼了")[:3]
    assert "wage-arrears-first-step" in search(client, "老板不给钱")[:3]


def test_a_long_sentence_around_one_word_of_the_cards_still_finds_them(client):
    # Half the sentence's characters had to be behind a card: a story told around one word found nothing.
    # (Offline ranks them the same: pwa/tests/search-parity.test.js.)
    online = [search(client, q) for q in LONG]
    assert [found[0].split("-")[0] if found else None for found in online] == ["leave", "disease"]


def test_nonsense_finds_nothing_rather_than_noise(client):
    for q in ("xyz不存在的词", "一个完全不相干的词xyz", "火星探测器"):
        body = client.get(f"/api/v1/cards?q={quote(q)}").get_json()
        assert body["items"] == [] and body["suggestions"], q


def test_simplified_queries_are_not_converted_on_the_way(client):
    # OpenCC's tw2s turned 么 into 幺: 怎么办 found nothing and 加班费怎么算 far less than offline.
    assert search(client, "怎么办")
    assert search(client, "加班费怎么算")[0] == "hours-overtime-pay-rates"
    assert search(client, "加班費怎麼算", "zh-TW") == search(client, "加班费怎么算")
