"""content/calculators/vectors/<calc>.json through the Python engines (the PWA's runner takes the same files:
pwa/tests/calculators.test.ts). A new file is run as soon as its calculator is in the registry."""
import json
from datetime import date
from pathlib import Path

import pytest

from server.calculators import CALCULATORS, CalcInputError, compute
from server.calculators.common import yuan
from server.calculators.content import read_calculators

CALC = Path(__file__).resolve().parent.parent / "content" / "calculators"
FILES = sorted((CALC / "vectors").glob("*.json"))
VECTORS = [(f.stem, v) for f in FILES for v in json.loads(f.read_text(encoding="utf-8"))]


@pytest.fixture(scope="module")
def rules() -> dict:
    return read_calculators(CALC)


def test_every_vector_file_names_a_calculator_and_has_eight_worked_examples():
    assert {f.stem for f in FILES} >= {"wages", "overtime", "double_pay"}
    for f in FILES:
        assert f.stem in CALCULATORS, f"{f.name}: no calculator {f.stem!r} in server/calculators CALCULATORS"
        vectors = json.loads(f.read_text(encoding="utf-8"))
        assert sum("expect" in v for v in vectors) >= 8, f.name
        assert len({v["name"] for v in vectors}) == len(vectors), f"{f.name}: two vectors share a name"


@pytest.mark.parametrize("calc,vector", VECTORS, ids=[f"{c}: {v['name'][:60]}" for c, v in VECTORS])
def test_vector(calc, vector, rules):
    on = date.fromisoformat(vector["on"])
    if "error" in vector:
        with pytest.raises(CalcInputError) as err:
            compute(calc, vector["inputs"], on, rules)
        assert err.value.field == vector["error"] and err.value.message
        return
    got = compute(calc, vector["inputs"], on, rules)
    want = vector["expect"]
    assert [{k: x[k] for k in ("kind", "amount_fen", "expires_on")} for x in got["lines"]] == want["lines"]
    assert got["total_fen"] == want["total_fen"] == sum(x["amount_fen"] for x in got["lines"])
    for x in got["lines"]:
        assert yuan(abs(x["amount_fen"])) in x["text"], x["text"]
        assert x["basis"] or x["kind"] == "received"
    assert got["calc"] == calc and got["notes"][0].startswith("这是估算")


def test_double_pay_gives_the_contractor_caveat_and_calls_its_clock_local_practice(rules):
    inputs = {"started_on": "2024-03-01", "signed_on": "2024-06-01", "monthly_wage_fen": 600000}
    for employer, caveat in (("company", False), ("boss", True), ("general", True)):
        got = compute("double_pay", {**inputs, "employer": employer}, date(2024, 7, 1), rules)
        assert any("不等于和总包有劳动关系" in n and "各地有争议" in n for n in got["notes"]) == caveat
        assert any("向包工头个人要二倍工资很难" in n for n in got["notes"]) == (employer == "boss")
        assert all("各地起算口径不一" in x["expires_note"] for x in got["lines"])
        assert any("无固定期限" in n for n in got["not_covered"])


def test_overtime_says_which_days_are_statutory_holidays_and_where_the_calendar_ends(rules):
    days = [{"date": "2099-10-01", "unit": "day", "overtime_hours": 1}, {"date": "2099-10-03", "unit": "day"}]
    got = compute("overtime", {"monthly_wage_fen": 500000, "days": days}, date(2099, 10, 5), rules)
    # Past the calendar: 1 Oct 2099 (a Thursday) is counted as a working day, 3 Oct (a Saturday) as a rest day.
    assert [x["kind"] for x in got["lines"]] == ["weekday", "restday"]
    assert any("2099 年的放假安排不在日历里" in n for n in got["notes"])
