"""Traditional Chinese served from the simplified source (several regions write it)."""
from functools import lru_cache

from flask import request
from opencc import OpenCC

LOCALES = ("zh-CN", "zh-TW")
_TRADITIONAL = ("zh-tw", "zh-hk", "zh-mo", "zh-hant")
# Values of these keys are identifiers, never text a person reads.
_KEEP = {"slug", "topic", "action", "target", "id", "card", "version", "locale", "article", "related", "key"}
_to_traditional = OpenCC("s2tw")
_to_simplified = OpenCC("tw2s")


def request_locale(req=None) -> str:
    """?locale= wins; otherwise the first Chinese entry of Accept-Language."""
    req = req or request
    asked = (req.args.get("locale") or "").lower()
    if asked:
        return "zh-TW" if asked.startswith(_TRADITIONAL) else "zh-CN"
    for lang, _q in req.accept_languages:
        lang = lang.lower()
        if lang.startswith("zh"):
            return "zh-TW" if lang.startswith(_TRADITIONAL) else "zh-CN"
    return "zh-CN"


@lru_cache(maxsize=8192)
def traditional(text: str) -> str:
    return _to_traditional.convert(text)


def localise(obj, locale: str):
    """Convert every human-readable string in a JSON-like value to the locale."""
    if locale != "zh-TW":
        return obj
    if isinstance(obj, str):
        return traditional(obj)
    if isinstance(obj, list):
        return [localise(v, locale) for v in obj]
    if isinstance(obj, dict):
        return {k: (v if k in _KEEP else localise(v, locale)) for k, v in obj.items()}
    return obj


def to_simplified(text: str) -> str:
    return _to_simplified.convert(text)
