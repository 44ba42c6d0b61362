"""The cards we ship: they load, cite real articles, and the words workers type find them."""
import os
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from server.cards.loader import load_content, read_content
from server.cards.numerals import article_label

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
STATUTES = Path(os.environ.get("STATUTES_DIR", ROOT.parent / "shared" / "reference" / "statutes"))


@pytest.fixture(scope="module")
def content():
    return read_content(CONTENT)


@pytest.fixture(scope="module")
def statutes() -> dict[str, str]:
    """law name (file name without the date) -> full text."""
    if not STATUTES.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"statute texts not found at {STATUTES}")
        pytest.skip(f"statute texts not found at {STATUTES}")
    return {re.sub(r"\(\d{4}-\d{2}-\d{2}\)$", "", p.stem): p.read_text(encoding="utf-8")
            for p in STATUTES.glob("*.md") if p.name != "README.md"}


def external_laws() -> dict[str, str]:
    path = CONTENT / "external-citations.yml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else []
    return {e["law"]: e["reason"] for e in entries or []}


def test_there_are_enough_cards_and_questions(content):
    assert len(content["cards"]) >= 60
    assert len(content["quiz"]) >= 40
    per_topic = Counter(c["topic"] for c in content["cards"])
    assert all(per_topic[t["slug"]] >= 3 for t in content["topics"]), per_topic


def test_every_citation_names_an_article_that_exists(content, statutes):
    external = external_laws()
    assert all(reason.strip() for reason in external.values()), "each external citation needs a reason"
    missing = []
    for card in content["cards"]:
        for c in card["citations"]:
            if c["law"] in external:
                assert c["law"] not in statutes, f"{c['law']} is in statutes/: check it, don't list it"
                continue
            text = statutes.get(c["law"])
            label = article_label(c["article"])
            if text is None:
                missing.append(f"{card['slug']}: no statute file for {c['law']}")
            elif not re.search(rf"^{label}(\s|　)", text, re.M):
                missing.append(f"{card['slug']}: {c['law']} has no {label}")
    assert not missing, "\n".join(missing)


def test_the_citation_check_catches_a_wrong_article(statutes):
    # The check above would let a bad citation through if the lookup were too loose.
    text = statutes["劳动合同法"]
    assert re.search(rf"^{article_label(82)}(\s|　)", text, re.M)
    assert not re.search(rf"^{article_label(99)}(\s|　)", text, re.M)  # the law has 98 articles
    assert not re.search(rf"^{article_label('276-1')}(\s|　)", text, re.M)
    assert re.search(rf"^{article_label('276-1')}(\s|　)", statutes["刑法"], re.M)


def test_points_marked_uncertain_or_local_say_so(content):
    for card in content["cards"]:
        if card["caveat"]:
            assert len(card["caveat"]) >= 6, card["slug"]


def test_cards_load_into_the_database(app):
    with app.app_context():
        result = load_content(app, CONTENT)
        again = load_content(app, CONTENT)
    assert result["cards"] >= 60 and again["changed"] is False


@pytest.mark.parametrize("word", ["工资", "合同", "工伤", "加班", "押金", "试用期", "社保", "仲裁", "法律援助"])
def test_the_words_workers_type_find_cards_about_them(content_app, word):
    body = content_app.test_client().get(f"/api/v1/cards?q={word}").get_json()
    assert body["total"] >= 1
    top = body["items"][0]
    assert word in top["question"] + "".join(top["tags"]), (word, top)
