"""The relevance set (relevance.yml) and its figures: hit@3 and mean reciprocal rank."""
from pathlib import Path

import yaml
from opencc import OpenCC

CASES = yaml.safe_load(Path(__file__).with_name("relevance.yml").read_text(encoding="utf-8"))
_to_traditional = OpenCC("s2tw")


def phrase(case: dict, locale: str) -> str:
    """The phrase as a reader of that locale types it."""
    return _to_traditional.convert(case["q"]) if locale == "zh-TW" else case["q"]


def rank(ranked: list[str], answers: list[str]) -> int | None:
    return next((i + 1 for i, slug in enumerate(ranked) if slug in answers), None)


def figures(rankings: list[list[str]]) -> dict:
    """hit@3, MRR and the misses for one ranking per case, in CASES order."""
    ranks = [rank(r, c["cards"]) for r, c in zip(rankings, CASES, strict=False)]
    return {"hit@3": sum(1 for r in ranks if r and r <= 3) / len(CASES),
            "mrr": sum(1 / r for r in ranks if r) / len(CASES),
            "misses": [(c["q"], r, got[:3])
                       for c, r, got in zip(CASES, ranks, rankings, strict=False) if not r or r > 3]}
