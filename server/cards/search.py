"""Chinese search without a word segmenter: overlapping two-character terms, scored like BM25.

Two-character words (工资, 合同, 工伤) are exactly the bigrams of a query, so they always hit.
A card's terms are counted per field and weighted by the field (question > tags > summary >
answer; the topic's name adds its own share), then scored BM25-style, so a rare term (摔伤's 工伤, 押金) outweighs a
common one (怎么, 工地). A reviewed alias list (content/synonyms.yml) adds the word a card uses
for the words a worker types (老板不给钱 → 欠薪, 公伤 → 工伤). A card is a result when its matches
cover at least half of the query's characters, or when it holds a word of the query that is a word
of the content (a term of a card's tags, a topic's name or a synonym) or what a synonym stands for:
a long sentence (工地老板欠我三个月的钱不给) still finds the cards its words name, while
`xyz不存在的词` finds nothing instead of noise.
Equal scores go by the card's own `priority`, then how central it is to its topic.

The PWA runs exactly these rules over the cached pack offline (pwa/src/cards/search.ts, in a
Web Worker); both sides index the answer's plain text (plain_text here, plainText there), and
pwa/tests/search-parity.test.js checks the two agree on every card (run by tests/test_pwa_units.py).
"""
import html
import math
import re
import unicodedata
from dataclasses import dataclass, field

# Weight of one occurrence in each field; a card's term frequency is the weighted sum (BM25F).
FIELDS = (("question", 8), ("tags", 6), ("summary", 3), ("text", 1))
# A term naming the card's topic (工资 for 工资与欠薪) adds this much, unsaturated: a topic's own
# cards come first for its words, however often other cards mention them.
TOPIC = 1.0
# The word a synonym stands for counts twice: it is what the worker meant.
ALIAS = 2.0
K1, B = 1.2, 0.5
# Scores are compared to one decimal: closer than that is a tie, which priority then breaks.
TIE = 10
MIN_COVERAGE = 0.5
# Words a worker adds that say little about what they ask; no card needs to stand behind them.
PARTICLES = frozenset("的了吗呢啊吧呀嘛哦么我你他们是有在就都也还又被把给让叫要会能可以这那个些怎什得着过和跟与才")
# A particle glued to a word (伤了, 钱吗) makes no term of its own in a query.
GLUE = frozenset("的了吗呢啊吧呀嘛哦")

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(rf"[{_CJK}]+|[a-z0-9]+")
_TAG = re.compile(r"<[^>]+>")


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").lower()


def _units(text: str):
    """(term, positions it covers) for every term occurrence of already normalised text."""
    for m in _RUN.finditer(text):
        run, start = m.group(), m.start()
        if run[0].isascii() or len(run) == 1:
            # An ascii run is one term, but each of its letters is as much of the query as a character.
            yield run[:32], tuple(range(start, start + len(run)))
        else:
            for i in range(len(run) - 1):
                yield run[i:i + 2], (start + i, start + i + 1)


def term_list(text: str) -> list[str]:
    return [t for t, _ in _units(normalise(text))]


def terms(text: str) -> set[str]:
    return set(term_list(text))


def plain_text(answer_html: str) -> str:
    """What a reader sees of the answer: the text both the server and the PWA index."""
    return html.unescape(_TAG.sub(" ", answer_html or "")).strip()


def card_terms(fields: dict[str, str]) -> dict[str, int]:
    """Term -> weighted frequency over the card's fields (question, tags, summary, text)."""
    tf: dict[str, int] = {}
    for name, weight in FIELDS:
        for t in term_list(fields.get(name) or ""):
            tf[t] = tf.get(t, 0) + weight
    return tf


def index_fields(question: str, tags: list[str], summary: str, text: str) -> dict[str, str]:
    return {"question": question, "tags": " ".join(tags), "summary": summary, "text": text}


def centrality(slug: str, topic: str, cards: list[dict]) -> int:
    """How many other cards of its topic point to this one (as related, or as a next step)."""
    score = 0
    for c in cards:
        if c["slug"] == slug or c["topic"] != topic:
            continue
        targets = set(c.get("related") or []) | {s["target"] for s in c.get("next_steps") or []
                                                 if s.get("action") == "card"}
        score += slug in targets
    return score


@dataclass
class Doc:
    slug: str
    topic: str
    tf: dict[str, int]
    topic_terms: frozenset = frozenset()
    priority: int = 0
    centrality: int = 0
    words: frozenset = frozenset()   # the terms of the card's tags: words, not any two characters
    length: int = field(init=False)

    def __post_init__(self):
        self.length = sum(self.tf.values())


@dataclass
class Index:
    docs: list[Doc]
    synonyms: list[tuple[str, list[str]]]   # (the cards' word, [what workers type])
    df: dict[str, int] = field(init=False)
    avglen: float = field(init=False)
    vocabulary: set[str] = field(init=False)   # terms that are words somewhere in the content

    def __post_init__(self):
        self.df = {}
        for d in self.docs:
            for t in d.tf:
                self.df[t] = self.df.get(t, 0) + 1
        self.avglen = (sum(d.length for d in self.docs) / len(self.docs)) if self.docs else 1.0
        self.synonyms = [(normalise(t), [normalise(a) for a in aliases]) for t, aliases in self.synonyms]
        self.vocabulary = set()
        for d in self.docs:
            self.vocabulary |= d.words | d.topic_terms
        for word, _ in self.synonyms:
            self.vocabulary |= terms(word)

    def idf(self, term: str) -> float:
        n, df = len(self.docs), self.df.get(term, 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))


@dataclass
class Query:
    units: set[int]                          # positions (each letter of an ascii run too) that need a card behind them
    covers: dict[str, set[int]]              # the query's own terms -> positions they cover
    aliases: list[tuple[list[str], set[int]]]  # a synonym's terms -> positions of the alias typed
    terms: list[str]                         # every term scored, sorted (so both sides sum in one order)
    weight: dict[str, float]                 # a synonym's terms count ALIAS times: they are what was meant


def parse(index: Index, query: str) -> Query:
    text = normalise(query)
    # An alias stands for its word: what is typed inside it is scored as that word, not as itself.
    aliases, inside = [], set()
    for word, typed in index.synonyms:
        word_terms = sorted(terms(word))
        for alias in typed:
            start = text.find(alias)
            while start >= 0:
                span = set(range(start, start + len(alias)))
                aliases.append((word_terms, span))
                inside |= span
                start = text.find(alias, start + 1)
    covers: dict[str, set[int]] = {}
    units: set[int] = set()
    for term, pos in _units(text):
        units.update(pos)
        # 伤了, 钱吗: a particle glued to a word is no term of its own.
        if not set(pos) <= inside and not (len(term) == 2 and set(term) & GLUE):
            covers.setdefault(term, set()).update(pos)
    content = {p for p in units if text[p] not in PARTICLES}
    meant = {t for ts, _ in aliases for t in ts}
    return Query(content or units, covers, aliases, sorted(set(covers) | meant), {t: ALIAS for t in meant})


def search(index: Index, query: str, topic: str | None = None) -> list[Doc]:
    """Cards answering the query, best first."""
    q = parse(index, query)
    if not q.units:
        return []
    idf = {t: index.idf(t) for t in q.terms}
    hits = []
    for d in index.docs:
        if topic and d.topic != topic:
            continue
        score, covered, worded = 0.0, set(), False
        norm = K1 * (1 - B + B * d.length / index.avglen)
        for t in q.terms:
            tf = d.tf.get(t, 0)
            on_topic = t in d.topic_terms
            if tf or on_topic:
                score += q.weight.get(t, 1) * idf[t] * (tf * (K1 + 1) / (tf + norm) + (TOPIC if on_topic else 0))
                covered |= q.covers.get(t, set())
                worded = worded or (t in q.covers and t in index.vocabulary)
        for word_terms, pos in q.aliases:
            if all(t in d.tf or t in d.topic_terms for t in word_terms):
                covered |= pos
                worded = True
        if score > 0 and (worded or len(covered & q.units) >= MIN_COVERAGE * len(q.units)):
            # Rounded the same way in search.ts, so float noise never outranks priority.
            hits.append((-math.floor(score * TIE + 0.5), -d.priority, -d.centrality, d))
    hits.sort(key=lambda h: h[:3])  # stable: exact ties keep the index's order (topic order)
    return [h[3] for h in hits]


def fold_map(pairs) -> dict[str, str]:
    """Traditional -> simplified, character by character, learnt from (simplified, traditional) text pairs.

    Only characters the content itself writes differently are converted, so 么 stays 么 (a
    converter's tw2s would turn it into 幺 and find nothing).
    """
    out: dict[str, str] = {}
    for simp, trad in pairs:
        if simp and trad and len(simp) == len(trad):
            for a, b in zip(simp, trad, strict=True):
                if a != b:
                    out[b] = a
    return out


def fold(text: str, mapping: dict[str, str]) -> str:
    return "".join(mapping.get(ch, ch) for ch in text)
