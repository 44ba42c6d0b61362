"""Severance, probation, injury and annual leave beyond their vectors: hostile input gets a clean CalcInputError
(never another exception), a region's figure is the one in force on the day, and the edges the statutes draw."""
from datetime import date

import pytest

from server.calculators import CalcInputError, compute
from server.calculators.tenure import add_months, local_figure, service
from server.cards.calculators_content import read_calculators
from tests.test_calculators_vectors import CALC

GOOD = {
    "severance": {"started_on": "2022-01-01", "left_on": "2024-07-31", "monthly_wage_fen": 600000,
                  "ended_by": "employer", "employer_reason": "no_reason", "min_wage_fen": 230000,
                  "avg_wage_fen": 1000000},
    "probation": {"agreed_wage_fen": 600000, "lowest_same_post_fen": 500000, "paid_monthly_fen": 400000,
                  "probation_months": 2, "min_wage_fen": 200000, "contract_term": "task",
                  "started_on": "2024-01-01", "left_on": "2024-03-15"},
    "injury": {"outcome": "hurt", "grade": 5, "own_wage_fen": 500000, "monthly_wage_fen": 500000,
               "leave_months": 3, "received_fen": 0, "avg_wage_fen": 800000, "injured_on": "2024-01-05",
               "left_on": "2024-09-30", "leave_extended": False},
    "annual_leave": {"started_on": "2023-03-01", "years_before": 3, "left_on": "2025-04-15",
                     "monthly_wage_fen": 435000, "taken_days": {"2024": 2}, "taken_each_year": 0,
                     "declined_in_writing": False},
}
HOSTILE = ["\x00", "\ud800", "x" * 100_000, "１２３", "0001-01-01", "2024-02-30", -1, 10**20, 1.5, True, [], {},
           {"\x00": 1}, float("nan")]


@pytest.fixture(scope="module")
def rules() -> dict:
    return read_calculators(CALC)


@pytest.mark.parametrize("calc", sorted(GOOD))
def test_hostile_values_in_any_input_are_refused_cleanly(calc, rules):
    on = date(2025, 5, 1)
    assert compute(calc, GOOD[calc], on, rules)["total_fen"] > 0
    for key in [*GOOD[calc], "region"]:
        for bad in HOSTILE:
            try:
                compute(calc, {**GOOD[calc], key: bad}, on, rules)
            except CalcInputError as e:
                assert e.field and e.message
    with pytest.raises(CalcInputError):
        compute(calc, {**GOOD[calc], "k" * 100: 1}, on, rules)
    with pytest.raises(CalcInputError):
        compute(calc, "not a dict", on, rules)  # type: ignore[arg-type]


def test_service_counts_both_ends_and_month_ends():
    assert service(date(2024, 1, 1), date(2024, 6, 30)) == (6, 0)   # exactly 6 months
    assert service(date(2024, 1, 1), date(2024, 6, 29)) == (5, 29)
    assert service(date(2024, 1, 31), date(2024, 2, 28)) == (1, 0)   # 31 Jan + 1 month is 29 Feb: a month done
    assert service(date(2024, 1, 31), date(2024, 2, 27)) == (0, 28)
    assert service(date(2024, 1, 31), date(2024, 2, 29)) == (1, 1)
    assert service(date(2024, 3, 1), date(2024, 3, 1)) == (0, 1)
    assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)


def test_a_region_figure_is_the_one_in_force_and_says_where_it_came_from():
    # Two successive minimum wages as a province publishes them: the old one ends the day before the new one.
    rules = {"regions": {"guangdong": {"name": "广东", "figures": {"min_wage_fen": [
        {"value_fen": 230000, "area": "广州", "effective_from": "2021-12-01", "effective_to": "2025-02-28",
         "source": "旧的通知"},
        {"value_fen": 250000, "area": "广州", "effective_from": "2025-03-01", "effective_to": None,
         "source": "新的通知"}]}}}}
    ask = {"region": "guangdong"}
    value, used = local_figure(ask, rules, "min_wage_fen", "当地最低工资标准", date(2025, 2, 28))
    assert value == 230000 and used and used["source"] == "旧的通知" and used["effective_from"] == "2021-12-01"
    value, used = local_figure(ask, rules, "min_wage_fen", "当地最低工资标准", date(2025, 3, 1))
    assert value == 250000 and used and used["name"] == "当地最低工资标准（广州）"
    assert local_figure(ask, rules, "min_wage_fen", "x", date(2021, 11, 30)) == (None, None)
    assert local_figure(ask, rules, "avg_wage_fen", "x", date(2025, 3, 1)) == (None, None)
    typed, used = local_figure({**ask, "min_wage_fen": 199000}, rules, "min_wage_fen", "当地最低工资标准",
                               date(2025, 3, 1))
    assert typed == 199000 and used and used["source"] == "你填的数"
    with pytest.raises(CalcInputError) as err:
        local_figure({"region": "atlantis"}, rules, "min_wage_fen", "x", date(2025, 3, 1))
    assert err.value.field == "region"


def test_severance_says_which_figures_it_used_and_what_it_did_not_check(rules):
    got = compute("severance", {**GOOD["severance"], "avg_wage_fen": None, "min_wage_fen": None},
                  date(2024, 8, 10), rules)
    assert any("没有检查封顶" in n for n in got["notes"]) and any("最低工资" in n for n in got["notes"])
    got = compute("severance", GOOD["severance"], date(2024, 8, 10), rules)
    assert [f["value_fen"] for f in got["figures_used"]] == [230000, 1000000]
    assert got["lines"][0]["basis"].startswith("《劳动合同法》第四十八条")


def test_probation_says_the_other_reading_of_the_two_80_percent_rules(rules):
    got = compute("probation", {"agreed_wage_fen": 700000, "lowest_same_post_fen": 500000,
                                "paid_monthly_fen": 450000, "probation_months": 2, "min_wage_fen": 200000},
                  date(2024, 4, 1), rules)
    assert got["total_fen"] == 220000
    assert any("理解不一" in n and "4000.00" in n and "0.00 元" in n for n in got["notes"])


def test_injury_grade_5_keeps_the_job_and_grade_7_can_leave_with_provincial_grants(rules):
    five = compute("injury", {"outcome": "hurt", "grade": 5, "own_wage_fen": 500000}, date(2024, 10, 1), rules)
    seven = compute("injury", {"outcome": "hurt", "grade": 7, "own_wage_fen": 500000}, date(2024, 10, 1), rules)
    assert five["lines"][0]["basis"] == "《工伤保险条例》第三十六条"
    assert seven["lines"][0]["basis"] == "《工伤保险条例》第三十七条"
    assert any("3500.00" in n and "保留劳动关系" in n for n in five["notes"])
    assert not any("保留劳动关系" in n for n in seven["notes"])
    assert any("省里定" in n for n in seven["notes"])


def test_the_constants_are_the_fact_sheets(rules):
    from tests.test_calculators_content import fact

    s, p, i, a = (rules[k] for k in ("severance", "probation", "injury", "annual_leave"))
    lc15 = fact("LC-15")
    assert s["part_year_counts_as_year_from_months"]["value"] == 6 and "满 **6 个月**不满 1 年按 1 年算" in lc15
    assert s["cap_times_local_average"]["value"] == 3 and "月平均工资 3 倍**" in lc15
    assert s["cap_years_when_capped"]["value"] == 12 and "最多算 12 年" in lc15
    assert s["unlawful_multiplier"]["value"] == 2 and "**2 倍**" in fact("LC-16")
    lc06 = fact("LC-06")
    assert p["floor_percent_of_agreed_wage"]["value"] == p["floor_percent_of_lowest_same_post"]["value"] == 80
    assert lc06.count("**80%**") == 2 and "理解不一" in p["floor_percent_of_agreed_wage"]["note"]
    wi09 = fact("WI-09")
    for grade, months in i["disability_grant_months"]["value"].items():
        assert f"{grade} 级 {months}" in wi09
    assert i["own_wage_band_percent"]["value"] == [60, 300] and "**60%–300%**" in wi09
    wi10 = fact("WI-10")
    assert i["funeral_grant_months"]["value"] == 6 and "**6 个月**" in wi10
    assert i["death_grant_times_income"]["value"] == 20 and "人均可支配收入的 20 倍**" in wi10 and "不要写死" in wi10
    assert i["leave_months_normal"]["value"] == i["leave_months_extension"]["value"] == 12
    assert "不超过 12 个月**" in fact("WI-08")
    al01 = fact("AL-01")
    assert [(d["from_years"], d["days"]) for d in a["days_by_years"]["value"]] == [(1, 5), (10, 10), (20, 15)]
    assert "**5 天**" in al01 and "**10 天**" in al01 and "**15 天**" in al01
    al04 = fact("AL-04")
    assert a["untaken_pay_percent_total"]["value"] == 300 and "日工资收入的 300%**" in al04
    assert a["untaken_pay_percent_extra"]["value"] == 200 and "另外再付 200%" in al04
    assert a["pay_days_per_month"]["value"] == 21.75 and "月工资 ÷ 21.75**" in al04
    assert "各地" in a["limitation"]["note"] and "各地法院口径不一" in fact("AL-05")
