"""算一算: the calculators (content/calculators/README.md). `compute(calc_id, inputs, on)` is what the server
uses to recompute an amount that arrived with an application; the PWA runs the same arithmetic in
pwa/src/calc/ and both run content/calculators/vectors/*.json.
"""
from datetime import date
from functools import lru_cache
from pathlib import Path
from types import ModuleType

from . import annual_leave, double_pay, injury, overtime, probation, severance, wages
from .common import CalcInputError, check_inputs

CALCULATORS: dict[str, ModuleType] = {"wages": wages, "overtime": overtime, "double_pay": double_pay}
CALCULATORS |= {"severance": severance, "probation": probation, "injury": injury, "annual_leave": annual_leave}
CONTENT = Path(__file__).resolve().parent.parent.parent / "content" / "calculators"

__all__ = ["CALCULATORS", "CalcInputError", "compute", "rules"]


def rules() -> dict:
    """The loaded calculators' content (GET /api/v1/content/calculators), or content/calculators/ read now."""
    from flask import has_app_context

    if has_app_context():
        from ..cards.models import ContentVersion
        from ..extensions import db

        v = db.session.get(ContentVersion, 1)
        if v is not None and v.calculators:
            return v.calculators
    stamp = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(CONTENT.glob("*.yml")))
    return _read(stamp)


@lru_cache(maxsize=2)
def _read(_stamp: tuple) -> dict:
    """content/calculators/ read and checked, once per version of its files."""
    from ..cards.calculators_content import read_calculators

    return read_calculators(CONTENT)


def compute(calc_id: str, inputs: dict, on: date | None = None, rules_: dict | None = None) -> dict:
    """The Result dict (README.md); invalid inputs raise CalcInputError with a plain-Chinese message."""
    module = CALCULATORS.get(calc_id) if isinstance(calc_id, str) else None
    if module is None:
        raise CalcInputError("calc", "没有这个计算器")
    if on is None:
        from ..limitation import today

        on = today()
    return module.compute(check_inputs(inputs), rules_ if rules_ is not None else rules(), on)
