"""The cards we ship: they load, cite real articles, and the words workers type find them."""
import os
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from server.cards.i18n import localise, to_simplified
from server.cards.loader import load_content
from server.cards.numerals import article_label, chinese_number
from server.cards.reading import read_content

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


# --- A lawyer's read of the cards (issue 18, items 26 and 27): each point checked on the words shipped.

def by_slug(content) -> dict[str, dict]:
    return {c["slug"]: c for c in content["cards"]}


def cites(card: dict, law: str, article) -> bool:
    return any(c["law"] == law and str(c.get("article")) == str(article) for c in card["citations"])


def clauses(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"[。！？\n；，：]", text.replace("**", "")) if s.strip()]


def bars_without_saying_who(text: str) -> list[str]:
    """Clauses that say a contract "cannot be ended" without naming the employer as the one barred.

    职业病防治法 第35条 forbids the employer to end the contract before the exit check; the worker
    may still resign (劳动合同法 第37条). "不能解除合同" with no subject reads as a bar on the worker.
    """
    return [s for s in clauses(text) if re.search(r"不(能|得)(解除|终止)", s) and "单位" not in s]


def test_the_who_check_tells_a_bar_on_the_employer_from_one_on_anybody():
    assert bars_without_saying_who("没做离岗体检不能解除或终止合同。")
    assert not bars_without_saying_who("没做离岗体检，单位不能解除或终止你的合同。")


def test_the_exit_check_binds_the_employer_and_the_worker_may_still_resign(content):
    card = by_slug(content)["disease-exit-check"]
    quiz = [q for q in content["quiz"] if q["card_slug"] == card["slug"]]
    texts = [card["summary"], card["answer_md"]] + [q["question"] + "。" + q["answer"] + "。" + q["explanation"]
                                                   for q in quiz]
    assert not [s for t in texts for s in bars_without_saying_who(t)]
    assert cites(card, "劳动合同法", 37)
    assert re.search(r"辞职[^。]*提前\s*30\s*天|提前\s*30\s*天[^。]*辞职", plain_text(card["answer_md"]))
    exit_check = next(q for q in quiz if q["key"] == "q-exit-check")
    # The question is put to the employer, not to a worker who wants to go.
    assert re.search(r"单位[^，。？]{0,6}(解除|终止)", exit_check["question"])
    assert not re.search(r"离职|辞职|想走|要走", exit_check["question"])


def plain_text(markdown: str) -> str:
    return re.sub(r"^\s*[-*]\s+", "", markdown.replace("**", ""), flags=re.M)


DISPUTED = r"有争议|看法不一|说法不一|理解不一|各地不一"


def test_probation_pay_states_the_contract_wage_floor_and_marks_the_other_reading_disputed(content):
    """劳动合同法 第20条's "或者" between the two 80 % floors is read two ways (law-facts LC-06):
    the card states the contract wage's 80 % and the local minimum, and the other reading as disputed."""
    card = by_slug(content)["probation-pay-floor"]
    body = plain_text(card["answer_md"])
    assert re.search(r"合同[^。]*80\s*%", body) and "最低工资" in body
    for text in (card["summary"], body):
        for s in re.split(r"[。\n]", text):
            if re.search(r"同岗位|最低档|最低一档", s):
                assert re.search(DISPUTED, s), s
    # The worked example does not go below 80 % of the contract wage.
    contract = int(re.search(r"合同[^。]*?月工资\s*(\d+)\s*元", body).group(1))
    floor = int(re.search(r"至少\s*(\d+)\s*元", body).group(1))
    assert floor >= contract * 0.8, (contract, floor)


def test_no_quiz_question_rests_on_the_contested_probation_reading(content):
    contested = [q["key"] for q in content["quiz"]
                 if re.search(r"同岗位|最低档|最低一档", q["question"] + "".join(q["options"]) + q["explanation"])]
    assert not contested


def test_untaken_annual_leave_is_owed_unless_the_worker_refused_in_writing(content):
    """The 300 % is owed whenever the employer did not arrange the leave; only the worker's own written
    refusal of leave that was arranged limits it (企业职工带薪年休假实施办法 第10条; law-facts AL-04/05)."""
    card = by_slug(content)["leave-annual-unpaid"]
    quiz = [q for q in content["quiz"] if q["card_slug"] == card["slug"]]
    texts = [card["summary"], plain_text(card["answer_md"])] + [q["question"] + q["explanation"] for q in quiz]
    assert not [s for t in texts for s in re.split(r"[。\n]", t) if "同意" in s], "consent is no condition"
    assert re.search(r"书面[^。]*不休", plain_text(card["answer_md"]))


def test_heat_stroke_names_the_employers_30_days_and_the_year_from_the_diagnosis(content):
    body = plain_text(by_slug(content)["heat-stroke-injury"]["answer_md"])
    assert re.search(r"单位[^。]*30\s*天", body)
    assert re.search(r"诊断[^。]*1\s*年|1\s*年[^。]*诊断", body)


def test_closure_card_heads_the_protected_list_with_layoffs_and_waits_for_bankruptcy_to_be_declared(content):
    card = by_slug(content)["dismissal-closure-layoff"]
    body = card["answer_md"].replace("**", "")
    assert re.search(r"大批裁员时[^。\n]*不能", body)
    quiz = [q["question"] + q["explanation"] for q in content["quiz"] if q["card_slug"] == card["slug"]]
    for text in [card["summary"], body, *quiz]:
        for s in re.split(r"[。\n]", text):
            if "破产" in s:
                assert re.search(r"宣告", s), s


def test_a_wage_iou_can_still_be_sued_on_after_the_payment_order_fails(content):
    """A payment order the boss objects to sends a wage claim to arbitration, but the IOU itself can be
    sued on directly (解释（一）第13条、第15条; law-facts PR-05)."""
    card = by_slug(content)["wage-iou"]
    assert cites(card, "最高人民法院关于审理劳动争议案件适用法律问题的解释（一）", 15)
    for s in re.split(r"[。\n]", plain_text(card["answer_md"])):
        if "异议" in s and "仲裁" in s:
            assert re.search(r"欠条[^。]*起诉|起诉[^。]*欠条", s), s


def test_who_answers_covers_illegal_subcontracting_and_reads_article_94_as_it_is(content):
    card = by_slug(content)["site-who-is-employer"]
    body = plain_text(card["answer_md"])
    injury = next(s for s in re.split(r"\n", body) if "工伤" in s)
    assert "分包" in injury, injury
    # Illegal subletting comes from the 2025 interpretation (SUB-09), not the 2014 rule on 转包.
    assert cites(card, "最高人民法院关于审理劳动争议案件适用法律问题的解释（二）", 1)
    art94 = next(s for s in re.split(r"\n", body) if "一起赔" in s)
    assert "个人承包" in art94, art94


def test_after_the_award_a_final_award_binds_the_employer_at_once_and_the_court_is_named(content):
    card = by_slug(content)["arbitration-after-award"]
    body = plain_text(card["answer_md"])
    assert re.search(r"终局裁决[^。]*(作出|当天)[^。]*生效", body)
    assert "基层法院" in body
    assert cites(card, "最高人民法院关于审理劳动争议案件适用法律问题的解释（一）", 3)


def test_a_disputed_diagnosis_goes_to_the_health_department_where_the_diagnosing_hospital_is(content):
    body = plain_text(by_slug(content)["disease-diagnosis"]["answer_md"])
    appraisal = next(s for s in re.split(r"[。\n]", body) if "鉴定" in s)
    assert re.search(r"诊断[^。]*(医院|机构)[^。]*所在地[^。]*卫生部门", appraisal), appraisal


# Points the fact sheet marks as uncertain or local, with the words that name each point: the answer
# itself (not only the caveat) says that the point is unsettled or differs by place.
UNSETTLED = (r"各地|各省|本省|不一样|不一|未核实|还没核实|有争议|看法不|说法不|没有明说|不一定|问清"
             r"|以当地|看当地|问当地|看本地|请[^。]{0,8}核实|以官方公布为准")
UNCERTAIN_POINTS = [
    ("leave-annual-days", "AL-01", r"不同单位|别的单位|几家|换了?单位|换过老板"),
    ("women-maternity-leave", "FW-01", r"节假日|休息日"),
    ("women-maternity-leave", "FW-05", r"生育津贴[^。]*(补|差)|(补|差)[^。]*生育津贴"),
]


@pytest.mark.parametrize("slug,fact,point", UNCERTAIN_POINTS, ids=[f"{s}-{f}" for s, f, _ in UNCERTAIN_POINTS])
def test_an_uncertain_point_is_called_uncertain_in_the_answer(content, slug, fact, point):
    body = plain_text(by_slug(content)[slug]["answer_md"])
    said = [s for s in re.split(r"[。\n]", body) if re.search(point, s) and re.search(UNSETTLED, s)]
    assert said, f"{slug} ({fact}): no sentence says the point is unsettled"


# A caveat that marks a point as unsettled, local, unverified or inferred.
CAVEAT_UNSURE = r"各地|各省|不一|未核实|凭记忆|二手|推断|争议|没有明说|以当地|以本省"


def test_a_card_whose_caveat_marks_a_point_unsure_says_so_in_its_answer(content):
    silent = [c["slug"] for c in content["cards"]
              if c["caveat"] and re.search(CAVEAT_UNSURE, c["caveat"]) and not re.search(UNSETTLED, c["answer_md"])]
    assert not silent, silent
