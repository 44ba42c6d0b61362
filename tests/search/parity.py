"""The server's answers the PWA's offline search is held to (pwa/tests/search-parity.test.js).

Offline, the PWA's cards/search.ts indexes and ranks the content pack itself; it must index every
card and rank every query as the server does. The Python side asks the server (the terms it stored
per card, its ranking per query) and writes them beside the two content packs; tests/test_pwa_units.py
hands the file to the PWA's unit tests (PWA_SERVER_ANSWERS), which run search.ts over the same packs
and compare.
"""
import shutil
from pathlib import Path
from urllib.parse import quote

from server.cards.loader import load_content
from server.cards.models import Card, CardTerm, QuizQuestion
from server.extensions import db

from ..conftest import FIXTURE_CONTENT
from .relevance import CASES, phrase

LOCALES = ("zh-CN", "zh-TW")
# The examples, the browser parity test's, and input nobody should trust.
QUERIES = [
    "工资", "合同", "工伤", "加班费", "社保", "仲裁", "试用期工资", "欠薪 讨薪", "怎么办", "加班费怎么算",
    "老板不给钱", "干活摔伤了", "摔伤", "被炒鱿鱼", "xyz不存在的词", "没签合同能要二倍工资吗", "包工头跑了找谁要钱",
    "被辞退了有没有补偿", "12333", "工", "薪", "工资！合同", "ＡＢＣ１２３", "一个完全不相干的词xyz", "的的的",
    "！？", "😀工伤", "六十岁", "60岁",
]
# A zh-TW reader's own words (a zh-CN phone has no traditional pack to fold with; it asks the server).
TRADITIONAL = ["加班費怎麼算", "工資", "勞動合同", "欠薪 討薪", "工傷", "包工頭跑了找誰要錢", "被炒魷魚了", "怎麼辦"]
# A story told around one word of the cards (tests/test_search_relevance.py checks the server finds them).
LONG = ["我那个事情说来话长就是关于年假的", "咱们这边天天说的那个尘肺到底咋回事"]


def packs(client) -> dict:
    return {loc: client.get(f"/api/v1/content/pack?locale={loc}").get_json() for loc in LOCALES}


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


def answers(app, queries: list[tuple[str, str]]) -> dict:
    """The two packs, the server's terms per card and its ranking of each (query, locale)."""
    client = app.test_client()
    with app.app_context():
        terms = server_terms()
    return {"packs": packs(client), "queries": [{"q": q, "locale": loc} for q, loc in queries],
            "terms": terms, "results": [online(client, q, loc) for q, loc in queries]}


def real_cards(app) -> dict:
    """Every real card (content/), the queries above in both scripts and every relevance phrase;
    `cases` names the cards each phrase must find in its top three offline as well."""
    queries = [(q, "zh-CN") for q in QUERIES] + [(q, "zh-TW") for q in QUERIES + TRADITIONAL]
    queries += [(phrase(c, loc), loc) for c in CASES for loc in LOCALES]
    queries += [(q, "zh-CN") for q in LONG]
    found = answers(app, queries)
    assert len(found["terms"]) >= 60
    found["cases"] = [{"q": phrase(c, loc), "locale": loc, "cards": c["cards"]} for loc in LOCALES for c in CASES]
    # The pack sends citations without their label and the quiz's answer as its first option: the phone
    # rebuilds them (pack-wire.ts), held to the labels the card API gives and to the question bank.
    with app.app_context():
        found["labels"] = {c.slug: [cite["label"] for cite in c.citations] for c in db.session.scalars(db.select(Card))}
        found["quiz"] = [{"question": q.question, "answer": q.answer, "options": sorted(q.options)}
                         for q in db.session.scalars(db.select(QuizQuestion).order_by(QuizQuestion.position))]
    found["bank"] = app.test_client().get("/api/v1/content/quiz").get_json()["quiz"]  # no longer in the pack
    labels = [label for card in found["labels"].values() for label in card]
    assert any("部分" in label for label in labels)  # a document cited by its part
    assert any(label.endswith("之一") for label in labels)  # 刑法第二百七十六条之一
    assert len(found["quiz"]) >= 100
    api = app.test_client().get("/api/v1/cards/wage-arrears-first-step").get_json()
    assert api["citations"][0]["label"] == found["labels"]["wage-arrears-first-step"][0]
    return found


def read_as_indexed(make_app, tmp_path: Path) -> dict:
    """A card with a numbered list and a link: the server used to index the Markdown (digits of the
    list, the link's address), the PWA the HTML. Both must index what the reader reads."""
    content = shutil.copytree(FIXTURE_CONTENT, tmp_path / "c")
    card = content / "cards/wage-arrears.md"
    card.write_text(card.read_text(encoding="utf-8").replace(
        "先把考勤和欠条留好。然后去劳动监察反映。",
        "按顺序：\n\n1. 先把考勤和欠条留好。\n2. 打 [劳动监察热线](https://www.12333.gov.cn/tousu) 反映。\n"),
        encoding="utf-8")
    app = make_app(CONTENT_DIR=str(content))
    with app.app_context():
        load_content(app)
    found = answers(app, [("tousu", "zh-CN"), ("12333", "zh-CN"), ("1", "zh-CN"), ("热线", "zh-CN"), ("考勤", "zh-TW")])
    assert "tousu" not in found["terms"]["wage-arrears"] and "热线" in found["terms"]["wage-arrears"]
    return found
