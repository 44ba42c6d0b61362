"""The cards we ship: they load, cite real articles, and the words workers type find them."""
import os
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from server.cards.i18n import localise, to_simplified
from server.cards.loader import load_content, read_content
from server.cards.numerals import article_label, chinese_number

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
STATUTES = Path(os.environ.get("STATUTES_DIR", ROOT.parent / "shared" / "reference" / "statutes"))


@pytest.fixture(scope="module")
def content():
    return read_content(CONTENT)


@pytest.fixture(scope="module")
def statutes() -> dict[str, str]:
    """Law name (file name without the date) -> full text."""
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


def cited_place(citation: dict) -> str:
    """A pattern for the line the citation points at: an article (第八十二条) or a numbered part (## 二、)."""
    if citation.get("section"):
        return rf"^#+\s*{chinese_number(int(citation['section']))}(、|\s*$)"
    return rf"^{article_label(citation['article'])}(\s|　)"


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
            if text is None:
                missing.append(f"{card['slug']}: no statute file for {c['law']}")
            elif not re.search(cited_place(c), text, re.M):
                missing.append(f"{card['slug']}: {c['law']} has no {c['label']}")
    assert not missing, "\n".join(missing)


def test_the_citation_check_catches_a_wrong_article(statutes):
    # The check above would let a bad citation through if the lookup were too loose.
    text = statutes["劳动合同法"]
    assert re.search(rf"^{article_label(82)}(\s|　)", text, re.M)
    assert not re.search(rf"^{article_label(99)}(\s|　)", text, re.M)  # the law has 98 articles
    assert not re.search(rf"^{article_label('276-1')}(\s|　)", text, re.M)
    assert re.search(rf"^{article_label('276-1')}(\s|　)", statutes["刑法"], re.M)


def test_the_citation_check_finds_the_parts_of_a_document_without_articles(statutes):
    notice = statutes["关于职工全年月平均工作时间和工资折算问题的通知"]
    assert not re.search(cited_place({"article": "2"}), notice, re.M)  # it has no articles at all
    assert re.search(cited_place({"section": "2"}), notice, re.M)      # "## 二、日工资、小时工资的折算"
    assert re.search(cited_place({"section": "3"}), notice, re.M)      # "## 三" has no title
    assert not re.search(cited_place({"section": "4"}), notice, re.M)
    assert not re.search(cited_place({"section": "2"}), statutes["劳动合同法"], re.M)  # 第二章 is not a part


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


# Fillers nobody would pick: an option like these makes the right answer a giveaway.
SILLY_FILLERS = ["想给多少给多少", "想扣多少扣多少", "什么也做不了", "什么也不做", "不罚款", "不用管",
                 "看老板心情", "说了算", "认倒霉", "没有人负责", "发朋友圈"]


def test_every_quiz_question_offers_real_choices(content):
    problems = []
    for q in content["quiz"] + [localise(q, "zh-TW") for q in content["quiz"]]:
        options = q["options"]
        if len(options) < 3:
            problems.append(f"{q['key']}: only {len(options)} options")
        if len(set(o.strip() for o in options)) < len(options):
            problems.append(f"{q['key']}: the same option twice")
        if q["answer"] not in options:
            problems.append(f"{q['key']}: the answer is not among the options")
        problems += [f"{q['key']}: filler option {o!r}" for o in options
                     if any(f in o or f in to_simplified(o) for f in SILLY_FILLERS)]
    assert not problems, problems


def test_cards_call_this_app_by_its_name_not_app(content):
    """Read aloud, "App" comes out as letters, and a worker doesn't say it: our cards say
    工友法援 or 在这里. (Another service's "手机 App" is its own name for it.)"""
    ours = re.compile(r"(在|本)\s*App")
    for card in content["cards"]:
        words = [card["question"], card["summary"], card["answer_md"], card["caveat"] or ""]
        words += [s["text"] for s in card["next_steps"]]
        assert not [w for w in words if ours.search(w)], card["slug"]
