"""Reading content/: parse and validate the topics, cards, quiz and synonyms files.

Any fault is collected with a message naming the file and the field; `read_content` raises them all at once,
before anything is written (`loader.py` writes).
"""
import re
from pathlib import Path

import markdown
import yaml

from .numerals import article_label, section_label
from .search import card_terms, index_fields, normalise, plain_text, terms

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ARTICLE = re.compile(r"^[1-9][0-9]{0,3}(-[1-9][0-9]?)?$")
# A document without articles (e.g. the 2008 notice on the 21.75 divisor) is cited by its numbered part.
SECTION = re.compile(r"^[1-9][0-9]?$")
ACTIONS = {"call", "apply", "card", "go"}
REQUIRED = ("slug", "topic", "question", "summary", "citations", "next_steps")
# A card's `calculator:` (issue 24): the calculator its numbers go into, drawn as the card's last next step,
# 「算一算：…」 opening /calc/<id> (an ordinary `go` step: no code on the card page's first load).
CALCULATORS = {"wages": "欠薪", "overtime": "加班费", "double_pay": "二倍工资", "severance": "经济补偿",
               "probation": "试用期工资", "injury": "工伤待遇", "annual_leave": "年休假"}


class ContentError(Exception):
    """One or more faults in content/; str() lists them, each as `file: field: problem`."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def _read_yaml(path: Path, problems: list[str]):
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(f"{path.name}: 文件不存在")
    except yaml.YAMLError as exc:
        problems.append(f"{path.name}: YAML 格式错误: {exc}")
    return None


def split_front_matter(text: str) -> tuple[dict | None, str]:
    if not text.startswith("---"):
        return None, text
    parts = text.split("\n---", 1)
    if len(parts) != 2:
        return None, text
    meta = yaml.safe_load(parts[0][3:])
    body = parts[1].split("\n", 1)[1] if "\n" in parts[1] else ""
    return meta, body.strip()


def read_topics(root: Path, problems: list[str]) -> list[dict]:
    raw = _read_yaml(root / "topics.yml", problems) or []
    topics, seen = [], set()
    for i, t in enumerate(raw if isinstance(raw, list) else []):
        where = f"topics.yml: [{i}]"
        if not isinstance(t, dict) or not SLUG.match(str(t.get("slug", ""))):
            problems.append(f"{where}: slug: 缺少或格式不对（只能用小写字母、数字和 -）")
            continue
        if not t.get("name"):
            problems.append(f"{where}: name: 必须填写")
        if t["slug"] in seen:
            problems.append(f"{where}: slug: 重复的 {t['slug']}")
        seen.add(t["slug"])
        topics.append({"slug": t["slug"], "name": str(t.get("name", "")),
                       "description": str(t.get("description") or "")})
    if not topics:
        problems.append("topics.yml: 至少要有一个主题")
    return topics


def _citation_ok(c) -> bool:
    if not isinstance(c, dict) or not c.get("law"):
        return False
    if "section" in c:
        return "article" not in c and bool(SECTION.match(str(c["section"])))
    return bool(ARTICLE.match(str(c.get("article", ""))))


def _citation(c: dict) -> dict:
    if "section" in c:
        return {"law": str(c["law"]), "article": "", "section": str(c["section"]),
                "label": f"《{c['law']}》{section_label(c['section'])}"}
    return {"law": str(c["law"]), "article": str(c["article"]),
            "label": f"《{c['law']}》{article_label(c['article'])}"}


def _check_card(name: str, meta: dict, body: str, topic_slugs: set, problems: list[str]) -> dict | None:
    where = f"cards/{name}.md"
    bad = len(problems)
    for field in REQUIRED:
        if not meta.get(field):
            problems.append(f"{where}: {field}: 必须填写")
    if len(problems) > bad:
        return None
    if meta["slug"] != name:
        problems.append(f"{where}: slug: 应与文件名相同（{name}）")
    if meta["topic"] not in topic_slugs:
        problems.append(f"{where}: topic: 没有这个主题 {meta['topic']!r}")
    citations = meta["citations"] if isinstance(meta["citations"], list) else []
    if not citations:
        problems.append(f"{where}: citations: 至少要有一条法条引用")
    for i, c in enumerate(citations):
        if not _citation_ok(c):
            problems.append(f"{where}: citations[{i}]: 需要 law（法规名）和 article（条号，如 30 或 276-1）；"
                            "没有条的文件改用 section（第几部分，如 2）")
    steps = meta["next_steps"] if isinstance(meta["next_steps"], list) else []
    for i, s in enumerate(steps):
        if not isinstance(s, dict) or not s.get("text") or s.get("action") not in ACTIONS:
            problems.append(f"{where}: next_steps[{i}]: 需要 text，action 只能是 {'/'.join(sorted(ACTIONS))}")
        elif s["action"] in ("call", "card", "go") and not s.get("target"):
            problems.append(f"{where}: next_steps[{i}]: target: {s['action']} 需要 target")
    priority = meta.get("priority", 0)
    if isinstance(priority, bool) or not isinstance(priority, int) or not 0 <= priority <= 9:
        problems.append(f"{where}: priority: 应是 0 到 9 的整数（越大，同样相关时越靠前）")
    tags = meta.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        problems.append(f"{where}: tags: 应是文字列表")
    calc = meta.get("calculator")
    if calc is not None and calc not in CALCULATORS:
        problems.append(f"{where}: calculator: 没有这个计算器 {calc!r}（可用：{'、'.join(CALCULATORS)}）")
    if not body:
        problems.append(f"{where}: 正文: 不能为空")
    if re.search(r"<[a-zA-Z/!]", body):
        problems.append(f"{where}: 正文: 不能有 HTML 标签")
    if len(problems) > bad:
        return None
    return {
        "slug": meta["slug"], "topic": meta["topic"], "question": str(meta["question"]).strip(),
        "summary": str(meta["summary"]).strip(), "tags": [str(t) for t in tags],
        "citations": [_citation(c) for c in citations],
        "next_steps": [{"text": s["text"], "action": s["action"], "target": str(s.get("target") or "")}
                       for s in steps] + _calculator_step(calc),
        "related": [str(r) for r in (meta.get("related") or [])],
        "caveat": str(meta.get("caveat") or "").strip(),
        "priority": priority,
        "answer_md": body,
    }


def _calculator_step(calc) -> list[dict]:
    return [{"text": f"算一算：{CALCULATORS[calc]}", "action": "go", "target": f"/calc/{calc}"}] if calc else []


def read_cards(root: Path, topic_slugs: set, problems: list[str]) -> list[dict]:
    cards = []
    for path in sorted((root / "cards").glob("*.md")):
        try:
            meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            problems.append(f"cards/{path.name}: front matter: YAML 格式错误: {exc}")
            continue
        if not isinstance(meta, dict):
            problems.append(f"cards/{path.name}: front matter: 文件开头缺少 --- 包起来的信息")
            continue
        card = _check_card(path.stem, meta, body, topic_slugs, problems)
        if card:
            cards.append(card)
    slugs = {c["slug"] for c in cards}
    for c in cards:
        for r in c["related"]:
            if r not in slugs:
                problems.append(f"cards/{c['slug']}.md: related: 没有这张卡片 {r!r}")
        for i, s in enumerate(c["next_steps"]):
            if s["action"] == "card" and s["target"] not in slugs:
                problems.append(f"cards/{c['slug']}.md: next_steps[{i}]: target: 没有这张卡片 {s['target']!r}")
    if not cards:
        problems.append("cards/: 没有卡片")
    return cards


def read_quiz(root: Path, card_slugs: set, problems: list[str]) -> list[dict]:
    raw = _read_yaml(root / "quiz.yml", problems) or []
    quiz, seen = [], set()
    for i, q in enumerate(raw if isinstance(raw, list) else []):
        where = f"quiz.yml: [{i}]"
        if not isinstance(q, dict):
            problems.append(f"{where}: 格式不对")
            continue
        qid = str(q.get("id") or "")
        if not qid:
            problems.append(f"{where}: id: 必须填写")
        elif qid in seen:
            problems.append(f"{where}: id: 重复的 {qid}")
        seen.add(qid)
        where = f"quiz.yml: {qid or i}"
        options = q.get("options")
        if not isinstance(options, list) or len(options) < 2:
            problems.append(f"{where}: options: 至少两个选项")
            options = []
        options = [str(o) for o in options]
        if len(set(options)) < len(options):
            problems.append(f"{where}: options: 选项重复")
        if str(q.get("answer")) not in options:
            problems.append(f"{where}: answer: 答案 {q.get('answer')!r} 不在选项里")
        if q.get("card") not in card_slugs:
            problems.append(f"{where}: card: 没有这张卡片 {q.get('card')!r}")
        if not q.get("question"):
            problems.append(f"{where}: question: 必须填写")
        quiz.append({"key": qid, "card_slug": q.get("card"), "question": str(q.get("question") or ""),
                     "options": options, "answer": str(q.get("answer")),
                     "explanation": str(q.get("explanation") or "")})
    return quiz


WORD = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fffa-z0-9]{2,16}$")


def read_synonyms(root: Path, vocabulary: set, problems: list[str]) -> list[dict]:
    """synonyms.yml: [{term, aliases}]; every term a word the cards use, every alias said once."""
    raw = _read_yaml(root / "synonyms.yml", problems) or []
    out: list[dict] = []
    seen: dict[str, str] = {}
    for i, entry in enumerate(raw if isinstance(raw, list) else []):
        where = f"synonyms.yml: [{i}]"
        if not isinstance(entry, dict):
            problems.append(f"{where}: 格式不对，应是 term 和 aliases")
            continue
        term = normalise(str(entry.get("term") or ""))
        if not WORD.match(term):
            problems.append(f"{where}: term: 应是 2 到 16 个汉字（或字母数字）")
            continue
        where = f"synonyms.yml: {term}"
        if not terms(term) <= vocabulary:
            problems.append(f"{where}: term: 没有卡片用这个词，搜到它也找不到卡片")
        aliases = entry.get("aliases")
        if not isinstance(aliases, list) or not aliases:
            problems.append(f"{where}: aliases: 至少要有一个说法")
            aliases = []
        clean = []
        for a in aliases:
            alias = normalise(str(a))
            if not WORD.match(alias) or alias == term:
                problems.append(f"{where}: aliases: {a!r} 应是 2 到 16 个汉字，且不同于 term")
            elif alias in seen:
                problems.append(f"{where}: aliases: {alias} 已经是 {seen[alias]} 的说法")
            else:
                seen[alias] = term
                clean.append(alias)
        out.append({"term": term, "aliases": clean})
    return out


def read_content(root: Path) -> dict:
    """Parse and validate everything; raise ContentError listing every fault."""
    problems: list[str] = []
    topics = read_topics(root, problems)
    cards = read_cards(root, {t["slug"] for t in topics}, problems)
    quiz = read_quiz(root, {c["slug"] for c in cards}, problems)
    vocabulary = set().union(*(card_terms(card_fields(c)) for c in cards), *(terms(t["name"]) for t in topics))
    synonyms = read_synonyms(root, vocabulary, problems)
    if problems:
        raise ContentError(problems)
    return {"topics": topics, "cards": cards, "quiz": quiz, "synonyms": synonyms}


def card_fields(card: dict) -> dict[str, str]:
    return index_fields(card["question"], card["tags"], card["summary"],
                        plain_text(markdown.markdown(card["answer_md"])))
