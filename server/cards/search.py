"""Chinese search without a word segmenter: overlapping two-character terms.

Two-character words (工资, 合同, 工伤) are exactly the bigrams of a query, so they always hit;
longer queries match by how many of their bigrams a card holds. The PWA runs the same rules
over the cached pack offline (pwa/src/search.ts), so results match the server's.
"""
import re
import unicodedata

# Weight of the best field a term occurs in: a hit in the question beats one in passing.
WEIGHTS = {"question": 10, "tags": 6, "summary": 4, "answer": 1}

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(rf"[{_CJK}]+|[a-z0-9]+")
_TAG = re.compile(r"<[^>]+>|[*_`#>\-\[\]()]")


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").lower()


def terms(text: str) -> set[str]:
    out: set[str] = set()
    for run in _RUN.findall(normalise(text)):
        if run[0].isascii() or len(run) == 1:
            out.add(run[:32])
        else:
            out.update(run[i:i + 2] for i in range(len(run) - 1))
    return out


def plain(markdown_text: str) -> str:
    return _TAG.sub(" ", markdown_text or "")


def card_terms(question: str, tags: list[str], summary: str, answer: str) -> dict[str, int]:
    """term -> weight of the best field holding it."""
    weights: dict[str, int] = {}
    fields = {"question": question, "tags": " ".join(tags), "summary": summary, "answer": plain(answer)}
    for field, text in fields.items():
        for t in terms(text):
            weights[t] = max(weights.get(t, 0), WEIGHTS[field])
    return weights
