"""The cards read right: short, in our own words, no out-of-date figure, and hotlines described as they are.

Each rule comes from a lawyer's review of the cards (issue 11) and the fact sheet's list of traps
(law-facts.md §15); the checker behind each rule is tested on a sentence of its own, so a rule
that went blind would show.
"""
import re

import pytest

from server.cards.reading import read_content

from .test_content_real import CONTENT, external_laws, statutes  # noqa: F401  (statutes is a shared fixture)

MAX_BODY = 400      # characters a worker reads in about a minute (content/README.md)
MAX_SENTENCE = 60   # longer sentences lose a reader with little schooling
COPIED_RUN = 20     # this many characters in a row taken from a statute is copying, not our own words

# Words that show a sentence is naming a figure as old or wrong, not as the rule in force.
NOT_CURRENT = r"不是|并非|不再|已经改|已改|改成|改为|旧|老规定|以前|过去|过时|取代|原文|下限|网上说|常说|别信"

# (trap number in law-facts.md §15, wrong figure, extra words that mark it as not current)
TRAPS = [
    (1, r"(?<![0-9])7\s*个工作日", ""),
    (4, r"(最多|封顶|上限)[^。]*12\s*年|12\s*年[^。]*(封顶|上限)", r"3\s*倍"),
    (6, r"44\s*小时", ""),
    (7, r"60\s*(天|日)[^。]*仲裁|仲裁[^。]*(?<![0-9])60\s*(天|日)", ""),
    (8, r"(?<![0-9])11\s*天", ""),
    (12, r"(?<![0-9])90\s*天", ""),
    (14, r"39\s*(℃|度|°)", ""),
    (15, r"(另付|另外付|另外再付|再付|额外付)\s*300\s*%", ""),
    (16, r"15\s*(天|日)内[^。，；]*申请[^。，；]*复议", ""),
    (17, r"(鉴定结论|伤残等级)[^。]*(申请行政复议|行政诉讼|行政官司)", r"不能|不属于"),
    (18, r"转入诉讼", ""),
    (20, r"(?<![0-9])5\s*个工作日", ""),
    (21, r"从离开工地[^。]*算", ""),
    (22, r"第\s*237\s*条|第二百三十七条", ""),
]


def plain(markdown: str) -> str:
    """The words a worker sees: no bold marks, no list bullets."""
    return re.sub(r"^\s*[-*]\s+", "", markdown.replace("**", ""), flags=re.M)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"[。！？\n]", text) if s.strip()]


def stale_figures(text: str) -> list[str]:
    """Sentences that state a §15 trap's wrong figure as if it were the rule in force."""
    found = []
    for sentence in sentences(plain(text)):
        for trap, wrong, allowed in TRAPS:
            markers = NOT_CURRENT + (f"|{allowed}" if allowed else "")
            if re.search(wrong, sentence) and not re.search(markers, sentence):
                found.append(f"trap {trap}: {sentence}")
    return found


def copied_run(ours: str, source: str, n: int = COPIED_RUN) -> str | None:
    """The first run of n characters of `ours` that appears verbatim in `source` (spaces ignored)."""
    ours, source = re.sub(r"\s", "", ours), re.sub(r"\s", "", source)
    for i in range(len(ours) - n + 1):
        if ours[i:i + n] in source:
            return ours[i:i + n]
    return None


@pytest.fixture(scope="module")
def content():
    return read_content(CONTENT)


def card_texts(card: dict) -> list[str]:
    return [card["question"], card["summary"], card["caveat"], card["answer_md"],
            *(s["text"] for s in card["next_steps"])]


def test_the_trap_check_tells_an_old_figure_from_a_warning_about_it():
    assert stale_figures("产假有 90 天。")
    assert not stale_figures("产假是 98 天，不是 90 天。")
    assert stale_figures("- 法律援助机构 **7 个工作日**内决定；")
    assert not stale_figures("法律写的是 7 日，不是常说的“7 个工作日”。")
    assert stale_figures("到 39℃ 就要停工。")
    assert stale_figures("经济补偿最多算 12 年。")
    assert not stale_figures("最多算 12 年只管月工资超过当地平均工资 3 倍的人。")
    assert not stale_figures("欠 1 万元，过期不付，还要另外加 5000 到 10000 元。")


def test_no_card_or_explanation_states_an_out_of_date_figure_as_current(content):
    found = [f"{card['slug']}: {hit}" for card in content["cards"]
             for text in card_texts(card) for hit in stale_figures(text)]
    found += [f"quiz {q['key']}: {hit}" for q in content["quiz"]
              for hit in stale_figures(q["question"] + "\n" + q["explanation"])]
    assert not found, "\n".join(found)


def test_every_card_reads_in_about_a_minute(content):
    too_long = []
    for card in content["cards"]:
        text = plain(card["answer_md"])
        length = len(re.sub(r"\s", "", text))
        if length > MAX_BODY:
            too_long.append(f"{card['slug']}: body has {length} characters")
        too_long += [f"{card['slug']}: {len(s)} characters: {s}" for s in sentences(text) if len(s) > MAX_SENTENCE]
    assert not too_long, "\n".join(too_long)


def test_the_length_check_counts_what_a_worker_reads():
    assert sentences(plain("- **先留证据**：拍下告示牌。\n- 再找总包。")) == ["先留证据：拍下告示牌", "再找总包"]


def test_the_copy_check_finds_a_run_taken_word_for_word():
    assert copied_run("他说：用人单位应当按时足额支付。", "用人单位应当按时足额支付", n=10) == "用人单位应当按时足额"
    assert copied_run("单位要按时把工资发足。", "用人单位应当按时足额支付", n=10) is None


def cited_texts(card: dict, texts: dict[str, str]) -> list[tuple[str, str]]:
    """(law, full text) of every statute the card cites that we hold."""
    external = external_laws()
    laws = {c["law"] for c in card["citations"] if c["law"] not in external}
    return [(law, texts[law]) for law in sorted(laws)]


def test_quiz_explanations_are_in_our_own_words(content, statutes):
    cards = {c["slug"]: c for c in content["cards"]}
    copied = []
    for q in content["quiz"]:
        for law, text in cited_texts(cards[q["card_slug"]], statutes):
            run = copied_run(q["explanation"], text)
            if run:
                copied.append(f"{q['key']}: copies {law}: {run}")
    assert not copied, "\n".join(copied)


def test_cards_are_in_our_own_words(content, statutes):
    copied = []
    for card in content["cards"]:
        for law, text in cited_texts(card, statutes):
            for part in card_texts(card):
                run = copied_run(part, text)
                if run:
                    copied.append(f"{card['slug']}: copies {law}: {run}")
    assert not copied, "\n".join(copied)


def hotline_as_intake(text: str) -> list[str]:
    """Sentences that say 12348 takes legal-aid applications or 12333 takes complaints.

    Both lines give guidance, not intake (law-facts.md HL-01, HL-02): 打 12333 问怎么投诉.
    """
    return [s for s in sentences(plain(text))
            if re.search(r"12348\s*(申请|办)", s) or re.search(r"12333\s*(向|找)?[^，。；、问]*(投诉|反映)", s)]


def test_the_hotline_check_tells_asking_from_filing():
    assert hotline_as_intake("打 12333 向劳动监察投诉。")
    assert hotline_as_intake("单位不发，打 12333 投诉")
    assert hotline_as_intake("打 12348 申请法律援助。")
    assert not hotline_as_intake("打 12333 问怎么投诉。")
    assert not hotline_as_intake("到劳动监察投诉，不知道去哪，打 12333 问。")


def test_hotlines_are_described_as_guidance_not_intake(content):
    wrong = [f"{card['slug']}: {s}" for card in content["cards"]
             for text in card_texts(card) for s in hotline_as_intake(text)]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("topic", ["dismissal", "probation"])
def test_leaving_a_job_says_how_and_by_when_to_claim(content, topic):
    # What is owed on leaving is claimed at free arbitration within a year of the job ending
    # (劳动争议调解仲裁法 第27条、第53条).
    missing = []
    for card in (c for c in content["cards"] if c["topic"] == topic):
        steps = {s["target"] for s in card["next_steps"] if s["action"] == "card"}
        if "arbitration-where-how" not in steps or not re.search(r"1\s*年内", card["answer_md"]):
            missing.append(card["slug"])
    assert not missing, missing


# --- Style points S1–S7 of the lawyer's read (issue 18, item 28). Each checker is tried on a sentence of its own.

FREE_ARBITRATION = r"仲裁[^。；]{0,10}(不收费|免费|不要钱|不收钱)|免费(的)?(劳动)?仲裁"


def arbitration_without_saying_free(text: str) -> bool:
    """S4: a worker told about arbitration is told it costs nothing (劳动争议调解仲裁法 第53条)."""
    text = plain(text)
    return "仲裁" in text and not re.search(FREE_ARBITRATION, text)


def test_the_free_arbitration_check_reads_the_sentence():
    assert arbitration_without_saying_free("可以申请仲裁。")
    assert arbitration_without_saying_free("申请免费法律援助，请律师帮你打仲裁。")
    assert not arbitration_without_saying_free("到仲裁委申请仲裁，不收费。")
    assert not arbitration_without_saying_free("可以申请仲裁（不收费）。")
    assert not arbitration_without_saying_free("到劳动监察投诉。")


def test_cards_that_mention_arbitration_say_it_is_free(content):
    silent = [c["slug"] for c in content["cards"] if arbitration_without_saying_free(c["answer_md"])]
    assert not silent, silent


def unhedged_recording_claims(text: str) -> list[str]:
    """S1: that a recording of one's own conversation can be used is practice, not a rule (law-facts
    PR-04, [记忆]): every clause saying so carries 一般."""
    parts = re.split(r"[。；\n]", plain(text))
    claim = r"(偷偷|不告诉对方)[^。；]*录|录音[^。；]*(能当证据|能用|可以用)|对话[^。；]*(可以|能)[^。；]*录"
    return [p for p in parts if re.search(claim, p) and "一般" not in p]


def test_the_recording_check_wants_a_hedge():
    assert unhedged_recording_claims("自己参与的对话可以偷偷录，要保留原手机。")
    assert not unhedged_recording_claims("自己参与的对话录音，一般能当证据。")
    assert not unhedged_recording_claims("能录音就录音。")


def test_what_is_said_of_recordings_is_hedged(content):
    found = [f"{c['slug']}: {p}" for c in content["cards"]
             for text in (c["summary"], c["answer_md"]) for p in unhedged_recording_claims(text)]
    found += [f"{q['key']}: {p}" for q in content["quiz"]
              for p in unhedged_recording_claims(q["question"] + "。" + q["answer"] + "。" + q["explanation"])]
    assert not found, found


def test_health_checks_on_the_job_are_periodic_not_three(content):
    """S2: 职业病防治法 第35条 asks for checks before, during (periodically) and on leaving the job."""
    wrong = [c["slug"] for c in content["cards"]
             for text in card_texts(c) if re.search(r"(三|3)\s*次[^。]*(体检|健康检查)", text or "")]
    assert not wrong, wrong
    assert "定期" in {c["slug"]: c for c in content["cards"]}["disease-exit-check"]["answer_md"]


def test_a_card_that_states_a_temperature_rule_says_places_differ(content):
    """S3: the national heat rules are seen only second-hand and places add their own (law-facts HT-02)."""
    silent = [c["slug"] for c in content["cards"]
              if re.search(r"\d+\s*℃", c["answer_md"]) and not re.search(r"各地|各省|本省|本地|当地", c["answer_md"])]
    assert not silent, silent


# Words of the criminal code a worker does not use: a quiz asks in the words of the card.
LEGAL_JARGON = r"有期徒刑|拘役|构成[^。，？]*罪|处\s*\d+\s*年以(上|下)|劳动报酬罪"


def test_quiz_questions_are_in_plain_words(content):
    """S5: q-crime-max asked "最高可以判几年" in the code's words."""
    found = [q["key"] for q in content["quiz"]
             if re.search(LEGAL_JARGON, q["question"] + "".join(q["options"]) + q["explanation"])]
    assert not found, found


def test_the_double_compensation_cites_article_87(content):
    """S6: the 2× for an unlawful dismissal is 劳动合同法 第87条 (第48条 only gives the choice)."""
    missing = [c["slug"] for c in content["cards"]
               if re.search(r"经济补偿[^。]*2\s*倍|2\s*倍[^。]*赔偿金", plain(c["answer_md"]))
               and not any(x["law"] == "劳动合同法" and str(x.get("article")) == "87" for x in c["citations"])]
    assert not missing, missing


def test_the_crime_card_says_to_keep_the_order_and_offers_legal_aid(content):
    """S7: the order to pay by a date (限期支付) is what makes the refusal a crime: keep it; legal aid helps."""
    card = {c["slug"]: c for c in content["cards"]}["wage-refuse-to-pay-crime"]
    kept = r"(留好|保存|收好|存好)[^。]*(文书|通知)|(文书|通知)[^。]*(留好|保存|收好|存好)"
    assert re.search(kept, plain(card["answer_md"]))
    assert any(s["action"] == "apply" for s in card["next_steps"])
