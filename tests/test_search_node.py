"""Offline search (the PWA's search.ts, run under Node) indexes and ranks every card as the server does."""
import shutil
from urllib.parse import quote

import pytest

from server.cards.loader import load_content
from server.cards.models import Card, CardTerm, QuizQuestion
from server.extensions import db

from .conftest import FIXTURE_CONTENT
from .search.node import run_offline
from .search.relevance import CASES, phrase

# The examples, the browser parity test's, and input nobody should trust.
QUERIES = [
    "工资", "合同", "工伤", "加班费", "社保", "仲裁", "试用期工资", "欠薪 讨薪", "怎么办", "加班费怎么算",
    "老板不给钱", "干活摔伤了", "摔伤", "被炒鱿鱼", "xyz不存在的词", "没签合同能要二倍工资吗", "包工头跑了找谁要钱",
    "被辞退了有没有补偿", "12333", "工", "薪", "工资！合同", "ＡＢＣ１２３", "一个完全不相干的词xyz", "的的的",
    "！？", "😀工伤", "六十岁", "60岁",
]
# A zh-TW reader's own words (a zh-CN phone has no traditional pack to fold with; it asks the server).
TRADITIONAL = ["加班費怎麼算", "工資", "勞動合同", "欠薪 討薪", "工傷", "包工頭跑了找誰要錢", "被炒魷魚了", "怎麼辦"]


def packs(client) -> dict:
    return {loc: client.get(f"/api/v1/content/pack?locale={loc}").get_json() for loc in ("zh-CN", "zh-TW")}


def server_terms() -> dict:
    slugs = dict(db.session.execute(db.select(Card.id, Card.slug)).all())
    out: dict = {}
    for t in db.session.scalars(db.select(CardTerm)):
        out.setdefault(slugs[t.card_id], {})[t.term] = t.weight
    return out


def online(client, q: str, locale: str) -> list[str]:
    body = client.get(f"/api/v1/cards?q={quote(q)}&page_size=100&locale={locale}").get_json()
    assert body["total"] == len(body["items"]), q
    return [c["slug"] for c in body["items"]]


@pytest.fixture
def real(content_app):
    # The tests on the real cards only read them: loaded once for the module.
    return content_app


def test_every_real_card_has_the_same_terms_offline(real, tmp_path):
    offline = run_offline(tmp_path, packs(real.test_client()), [])
    with real.app_context():
        expected = server_terms()
    assert len(expected) >= 60
    assert offline["terms"] == expected


def test_the_phone_writes_every_real_citation_and_quiz_answer_as_the_server_does(real, tmp_path):
    """The pack sends citations without their label and the quiz's answer as its first option: what the
    phone rebuilds (pack-wire.ts) is, for every real card and question, what the card API and the bank say."""
    client = real.test_client()
    offline = run_offline(tmp_path, packs(client), [])
    with real.app_context():
        cards = {c.slug: [cite["label"] for cite in c.citations] for c in db.session.scalars(db.select(Card))}
        bank = {q.question: q for q in db.session.scalars(db.select(QuizQuestion))}
    assert offline["labels"] == cards
    assert any("部分" in label for labels in cards.values() for label in labels)  # a document cited by its part
    assert any(label.endswith("之一") for labels in cards.values() for label in labels)  # 刑法第二百七十六条之一
    assert len(offline["quiz"]) == len(bank) >= 100
    for q in offline["quiz"]:
        kept = bank[q["question"]]
        assert q["answer"] == kept.answer and sorted(q["options"]) == sorted(kept.options), q["question"]
    assert client.get("/api/v1/cards/wage-arrears-first-step").get_json()["citations"][0]["label"] == \
        offline["labels"]["wage-arrears-first-step"][0]


def test_every_query_ranks_the_same_offline_in_both_scripts(real, tmp_path):
    client = real.test_client()
    queries = [(q, "zh-CN") for q in QUERIES] + [(q, "zh-TW") for q in QUERIES + TRADITIONAL]
    queries += [(phrase(c, loc), loc) for c in CASES for loc in ("zh-CN", "zh-TW")]
    offline = run_offline(tmp_path, packs(client), queries)
    expected = [online(client, q, loc) for q, loc in queries]
    differ = [(q, loc, got[:5], want[:5])
              for (q, loc), got, want in zip(queries, offline["results"], expected, strict=False) if got != want]
    assert not differ, differ
    assert any(offline["results"]), "the content found nothing at all"


def test_a_card_with_a_numbered_list_and_a_link_is_indexed_as_read(make_app, tmp_path):
    # The server used to index the Markdown (digits of the list, the link's address), the PWA the HTML.
    content = shutil.copytree(FIXTURE_CONTENT, tmp_path / "c")
    card = content / "cards/wage-arrears.md"
    card.write_text(card.read_text(encoding="utf-8").replace(
        "先把考勤和欠条留好。然后去劳动监察反映。",
        "按顺序：\n\n1. 先把考勤和欠条留好。\n2. 打 [劳动监察热线](https://www.12333.gov.cn/tousu) 反映。\n"),
        encoding="utf-8")
    app = make_app(CONTENT_DIR=str(content))
    with app.app_context():
        load_content(app)
        expected = server_terms()
    assert "tousu" not in expected["wage-arrears"] and "热线" in expected["wage-arrears"]
    client = app.test_client()
    queries = [("tousu", "zh-CN"), ("12333", "zh-CN"), ("1", "zh-CN"), ("热线", "zh-CN"), ("考勤", "zh-TW")]
    offline = run_offline(tmp_path, packs(client), queries)
    assert offline["terms"] == expected
    assert offline["results"] == [online(client, q, loc) for q, loc in queries]
    assert offline["results"][3] == ["wage-arrears"]
