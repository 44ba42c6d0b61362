"""Find any case (issue 21): what one search box typed in the inbox or 我的案件 matches, and what of it the audit
log may keep.

A worker phones: "我姓张，手机尾号 2222", or reads out their code. What was typed is read as one kind of query:

- a whole mobile number (any spelling pii.normalise_phone takes) or an 18-character ID number: matched by its
  keyed hash (pii.lookup_hash), never compared or kept in clear;
- a tracking code, with or without its dash (8 letters and digits): the code itself;
- four digits (or three and an X): the tail of the applicant's phone or ID number (phone_masked and
  id_number_masked hold the tail in clear, as every list shows it);
- anything else: part of the applicant's name, the employer, the general contractor, the site or the project.

Words apart ("张 2222": "我姓张，手机尾号 2222") are each read so, and a case must match every one.

The audit detail (`detail()`) names the kind, the length and how many cases were found. Of the query itself it
keeps only a tail (four digits every masked list already shows these readers) or, for a name, employer or site, the
words with every Latin letter and digit starred: a code, a phone, an ID number or a part of one never reaches the
log (a code typed with a letter wrong is still "a code", kept as nothing).
"""
import re
import unicodedata

from sqlalchemy import ColumnElement, and_, false, or_

from ...pii import InvalidPhone, lookup_hash, normalise_phone
from ..models import Application

MAX_LENGTH = 40
_SEPARATORS = re.compile(r"[\s\-()（）]")
_TAIL = re.compile(r"[0-9]{3}[0-9X]")
_LATIN = re.compile(r"[A-Za-z0-9]")
_WORDS = re.compile(r"[\s,，、;；]+")
MAX_TERMS = 4
TEXT_COLUMNS = (Application.applicant_name, Application.employer_name, Application.contractor, Application.site,
                Application.project)


def kind_of(q: str) -> tuple[str, str]:
    """(kind, the value to match): kind is phone, id_number, code, tail or text."""
    text = unicodedata.normalize("NFKC", q).strip()
    compact = _SEPARATORS.sub("", text).upper()
    try:
        return "phone", normalise_phone(text)
    except InvalidPhone:
        pass
    if len(compact) == 18 and compact[:17].isascii() and compact[:17].isdigit():
        return "id_number", compact
    if len(compact) == 8 and compact.isascii() and compact.isalnum():
        return "code", compact
    if _TAIL.fullmatch(compact):
        return "tail", compact
    return "text", text


def terms(q: str) -> list[tuple[str, str]]:
    """The query as one whole (a phone, an ID number or a code typed with spaces in it), else as its words, each of
    its own kind ("张 2222": a name and a tail), at most MAX_TERMS of them."""
    whole = kind_of(q)
    if whole[0] != "text":
        return [whole]
    words = [kind_of(w) for w in _WORDS.split(unicodedata.normalize("NFKC", q)) if w]
    return words[:MAX_TERMS] or [whole]


def _one(kind: str, value: str) -> ColumnElement[bool]:
    if kind == "phone":
        return Application.phone_hash == lookup_hash(value)
    if kind == "id_number":
        return Application.id_number_hash == lookup_hash(value)
    if kind == "code":
        return Application.code == value
    if kind == "tail":
        tail = Application.id_number_masked.endswith(value, autoescape=True)
        return or_(tail, Application.phone_masked.endswith(value, autoescape=True)) if value.isdigit() else tail
    if not value:
        return false()
    return or_(*[column.contains(value, autoescape=True) for column in TEXT_COLUMNS])


def condition(q: str) -> ColumnElement[bool]:
    """The cases `q` finds, every word of it matched (the caller scopes them: offices/scope.py, a lawyer's own)."""
    return and_(*[_one(kind, value) for kind, value in terms(q)])


def detail(q: str, found: int) -> dict:
    """What the audit log keeps of a search: its kinds, its length, the number of cases found; a tail as typed, a
    name or place with its Latin letters and digits starred; nothing of a code, a phone or an ID number."""
    parts = terms(q)
    kept = [{"tail": value, "text": _LATIN.sub("*", value)}.get(kind, "") for kind, value in parts]
    return {"search": "+".join(kind for kind, _ in parts), "length": len(unicodedata.normalize("NFKC", q).strip()),
            "q": " ".join(k for k in kept if k), "found": found}
