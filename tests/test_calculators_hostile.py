"""The server's recompute entry point refuses what a phone (or anybody) might send with CalcInputError and a
plain-Chinese message — never another exception."""
from datetime import date

import pytest

from server.calculators import CALCULATORS, CalcInputError, compute

ON = date(2025, 1, 1)
VALID = {
    "wages": {"pay": "day", "daily_wage_fen": 30000, "worked_days": 2, "left_on": "2024-12-01"},
    "overtime": {"monthly_wage_fen": 500000, "weekday_hours": 2, "left_on": "2024-12-01"},
    "double_pay": {"started_on": "2024-01-01", "monthly_wage_fen": 500000, "left_on": "2024-12-01"},
}
HOSTILE = [-1, 10**30, 1e308, float("nan"), float("inf"), True, 1.25, "\x00", "\ud800", "２０２４-０３-０１",
           "x" * 100_000, "0001-01-01", [], {}, [{"date": "\x00"}]]


def test_every_calculator_has_a_valid_case_here():
    assert set(VALID) <= set(CALCULATORS)
    for calc, inputs in VALID.items():
        assert compute(calc, inputs, ON)["total_fen"] > 0


@pytest.mark.parametrize("calc", sorted(VALID))
@pytest.mark.parametrize("bad", HOSTILE, ids=repr)
def test_a_hostile_value_in_any_field_is_refused_plainly(calc, bad):
    for key in VALID[calc]:
        with pytest.raises(CalcInputError) as err:
            compute(calc, {**VALID[calc], key: bad}, ON)
        assert err.value.field == key and err.value.message


@pytest.mark.parametrize("entry", [
    {"date": "0001-01-01"}, {"date": "2024-02-30"}, {"date": "2024-03-01\x00"}, {"date": "２０２４-03-01"},
    {"date": "2024-03-01", "unit": "week"}, {"date": "2024-03-01", "unit": "hours", "hours": 25},
    {"date": "2024-03-01", "overtime_hours": -2}, {"date": "2024-03-01", "overtime_hours": 1.25},
    {"date": "2024-03-01", "unit": "hours", "hours": 20, "overtime_hours": 8},
    {"date": "2024-03-01", "received_fen": -5},
    "2024-03-01", None,
], ids=repr)
@pytest.mark.parametrize("calc", ["wages", "overtime"])
def test_a_hostile_day_log_is_refused_plainly(calc, entry):
    inputs = {**VALID[calc], "days": [{"date": "2024-03-04"}, entry]}
    with pytest.raises(CalcInputError) as err:
        compute(calc, inputs, ON)
    assert err.value.field in ("days", "received_fen") and err.value.message


@pytest.mark.parametrize("inputs", [None, "x", [], 5, {"x" * 100_000: 1}, {1: 2}])
def test_inputs_that_are_not_an_object_are_refused(inputs):
    for calc in VALID:
        with pytest.raises(CalcInputError):
            compute(calc, inputs, ON)


def test_an_unknown_calculator_is_refused():
    for calc in ("nope", "", "\x00", None, 5):
        with pytest.raises(CalcInputError):
            compute(calc, {}, ON)


def test_a_day_log_longer_than_ten_years_is_refused():
    with pytest.raises(CalcInputError):
        compute("overtime", {**VALID["overtime"], "days": [{"date": "2024-03-04"}] * 4000}, ON)
