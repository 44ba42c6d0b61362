"""Which applications belong together: the same employer (its name normalised) or the same site in the
same city make one group claim; the same ID number against the same employer within 30 days is a likely
duplicate (flagged side by side, never merged). Pure functions: no database here.
"""
import re
import unicodedata
from datetime import datetime, timedelta

DUPLICATE_WINDOW = timedelta(days=30)
# Company-form words that differ between how two workers write one employer's name.
SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "责任公司", "集团公司", "分公司", "公司", "集团")
PUNCTUATION = re.compile(r"[\s\W_]+", re.UNICODE)


def _plain(text: str | None) -> str:
    """Full-width to half-width, case and spaces and punctuation gone: '李 老板（四川）' -> '李老板四川'."""
    return PUNCTUATION.sub("", unicodedata.normalize("NFKC", text or "")).lower()


def employer_key(name: str | None) -> str:
    key = _plain(name)
    for suffix in SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            key = key[: -len(suffix)]
            break
    return key[:120]


def site_key(site: str | None, city: str | None) -> str:
    """A site names a place only within its city; no site, no key."""
    plain_site = _plain(site)
    return f"{_plain(city)}|{plain_site}"[:200] if plain_site else ""


def groups(keyed: list[tuple[int, str, str]]) -> dict[int, str]:
    """Group key of each (id, employer_key, site_key): linked through either key, named after its first id."""
    parent = {i: i for i, _, _ in keyed}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with: dict[str, int] = {}
    for i, employer, site in keyed:
        for key in (f"e:{employer}" if employer else "", f"s:{site}" if site else ""):
            if not key:
                continue
            if key in first_with:
                a, b = root(i), root(first_with[key])
                parent[max(a, b)] = min(a, b)
            else:
                first_with[key] = i
    return {i: f"g{root(i)}" for i, _, _ in keyed}


def likely_duplicate(id_hash: str, employer: str, created_at: datetime, other_hash: str, other_employer: str,
                     other_created_at: datetime) -> bool:
    """Same person (by ID number) against the same employer, applied within 30 days of each other."""
    return bool(employer) and id_hash == other_hash and employer == other_employer \
        and abs(created_at - other_created_at) <= DUPLICATE_WINDOW
