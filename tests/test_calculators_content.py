"""content/calculators/: every constant cites a real article and matches the fact sheet; holidays.yml is what
the `chinesecalendar` package says, split by the Measures' own days; the loader checks it and
GET /api/v1/content/calculators serves it."""
import gzip
import json
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import brotli
import pytest

from server.cards.calculators_content import read_calculators
from server.cards.loader import load_content
from server.cards.models import ContentVersion
from server.cards.reading import ContentError
from server.extensions import db

from .conftest import FIXTURE_CONTENT
from .test_content_real import CONTENT, STATUTES, cited_place, external_laws, statutes  # noqa: F401 (a fixture)

CALC = CONTENT / "calculators"
FACTS = STATUTES.parent / "law-facts.md"


@pytest.fixture(scope="module")
def calc() -> dict:
    return read_calculators(CALC)


def fact(fact_id: str) -> str:
    """One entry of the fact sheet (from its bold id to the next)."""
    if not FACTS.exists():
        pytest.skip("law-facts.md not found")
    text = FACTS.read_text(encoding="utf-8")
    start = text.index(f"**{fact_id} ")
    end = text.find("\n**", start + 2)
    return text[start:end]


def test_every_constant_cites_an_article_that_exists(calc, statutes):  # noqa: F811
    external = external_laws()
    missing = []
    for name, entries in calc.items():
        if name in ("holidays", "regions"):
            continue
        for key, entry in entries.items():
            for c in entry["cite"]:
                if c["law"] in external:
                    continue
                text = statutes.get(c["law"])
                if text is None or not re.search(cited_place(c), text, re.M):
                    missing.append(f"{name}.{key}: {c['label']}")
    assert not missing, missing


def test_the_figures_are_the_fact_sheets(calc):
    assert calc["common"]["month_pay_days"]["value"] == 21.75 and "÷ **21.75**" in fact("LL-03")
    assert calc["common"]["day_hours"]["value"] == 8 and "21.75 × 8" in fact("LL-03")
    overtime = fact("LL-03")
    for key, pct in (("weekday_pct", 150), ("restday_pct", 200), ("holiday_pct", 300)):
        assert calc["overtime"][key]["value"] == pct and f"**{pct}%**" in overtime
    assert calc["overtime"]["statutory_holidays"]["value"] == 13 and "**13 天**" in fact("LL-04")
    assert calc["double_pay"]["most_months"]["value"] == 11 and "**额外部分最多约 11 个月**" in fact("LC-03")
    assert calc["common"]["limitation_years"]["value"] == 1 and "仲裁时效为 **1 年**" in fact("AR-04")


def test_points_the_fact_sheet_marks_local_or_unsure_say_so(calc):
    assert "各地" in fact("LC-03") and "各地口径不一" in calc["double_pay"]["limitation"]["note"]
    assert "各地有争议" in fact("SUB-04") and "各地有争议" in calc["double_pay"]["contractor_caveat"]["plain"]
    assert "二手" in calc["double_pay"]["contractor_caveat"]["note"]


def test_regions_carry_only_sourced_figures(calc):
    for region in calc["regions"].values():
        for rows in region["figures"].values():
            assert all(r["source"] and r["effective_from"] for r in rows)


# -- holidays.yml ------------------------------------------------------------------------------------------

def test_holidays_yml_is_what_the_package_says():
    pytest.importorskip("chinese_calendar")
    pytest.importorskip("lunardate")
    from server.calculators.holidays_yml import render

    assert (CALC / "holidays.yml").read_text(encoding="utf-8") == render(), \
        "regenerate: python -m server.calculators.holidays_yml > content/calculators/holidays.yml"


def test_every_year_the_package_covers_is_split_into_holidays_rest_and_workdays(calc):
    cc = pytest.importorskip("chinese_calendar")
    years = calc["holidays"]["years"]
    assert sorted(map(int, years)) == sorted({d.year for d in cc.constants.holidays})
    for year, entry in years.items():
        d, last = date(int(year), 1, 1), date(int(year), 12, 31)
        while d <= last:
            iso = d.isoformat()
            weekend = d.weekday() >= 5 and iso not in entry["workdays"]
            off = iso in entry["holidays"] or iso in entry["rest"] or weekend
            assert off == cc.is_holiday(d), iso
            d += timedelta(days=1)


def measures_counts() -> int:
    text = next(STATUTES.glob("全国年节及纪念日放假办法*.md")).read_text(encoding="utf-8")
    article2 = text[text.index("第二条"):text.index("第三条")]
    return sum(int(n) for n in re.findall(r"放假(\d+)天", article2))


def test_each_year_has_the_measures_number_of_statutory_days(calc):
    if not STATUTES.is_dir():
        pytest.skip("statute texts not found")
    assert measures_counts() == 13
    for year, entry in calc["holidays"]["years"].items():
        # 10 days under the 1999 Measures, 11 from 2008 (2007 revision), 13 from 2025 (2024 revision: the stored text)
        expected = 10 if int(year) < 2008 else 11 if int(year) < 2025 else measures_counts()
        both = sum(name.count("、") for name in entry["holidays"].values())  # 中秋 fell on 国庆 in 2009 and 2020
        assert len(entry["holidays"]) + both == expected, year


def test_national_day_2024_is_three_holidays_two_swapped_days_off_and_two_weekends_worked(calc):
    y = calc["holidays"]["years"]["2024"]
    assert [d for d in y["holidays"] if d.startswith("2024-10")] == ["2024-10-01", "2024-10-02", "2024-10-03"]
    assert {"2024-10-04", "2024-10-07"} <= set(y["rest"])
    assert {"2024-09-29", "2024-10-12"} <= set(y["workdays"])
    assert [d for d in calc["holidays"]["years"]["2025"]["holidays"] if d.startswith("2025-0")][:5] == [
        "2025-01-01", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31"]  # 除夕 to 初三 (2025 Measures)


# -- the loader and the pack ---------------------------------------------------------------------------------

@pytest.fixture
def content(tmp_path) -> Path:
    return Path(shutil.copytree(FIXTURE_CONTENT, tmp_path / "content"))


@pytest.mark.parametrize("file,old,new,expected", [
    ("rules.yml", "article: 44", "article: 第四十四条", "calculators/rules.yml: overtime.weekday_pct: cite[0]"),
    ("rules.yml", "    cite:\n      - {law: 劳动法, article: 44}", "",
     "calculators/rules.yml: overtime.weekday_pct: cite"),
    ("rules.yml", "    value: 150\n", "", "calculators/rules.yml: overtime.weekday_pct: value"),
    ("rules.yml", "overtime:", "holidays:", "calculators/rules.yml: holidays"),
    ("holidays.yml", "'2024-10-04'", "'2024-10-32'", "calculators/holidays.yml: 2024"),
    ("holidays.yml", "'2024-10-04'", "'2024-10-03'", "calculators/holidays.yml: 2024"),
    ("regions.yml", "regions: {}", "regions: {gd: {name: 广东, figures: {min_wage_fen: [{value_fen: 230000}]}}}",
     "calculators/regions.yml: gd.min_wage_fen[0]"),
])
def test_bad_calculator_content_stops_the_load(app, content, file, old, new, expected):
    path = content / "calculators" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with app.app_context():
        with pytest.raises(ContentError) as err:
            load_content(app, content)
        assert any(p.startswith(expected) for p in err.value.problems), err.value.problems
        assert db.session.get(ContentVersion, 1) is None


def test_the_calculators_route_carries_the_rules_and_an_edit_bumps_its_version(app, client, content):
    with app.app_context():
        load_content(app, content)
    got = client.get("/api/v1/content/calculators")
    rules = got.get_json()
    assert got.headers["Cache-Control"] == "no-cache" and got.headers["Content-Language"] == "zh-CN"
    assert rules["calculators"]["overtime"]["weekday_pct"]["cite"][0]["label"] == "《劳动法》第四十四条"
    assert rules["calculators"]["holidays"]["years"]["2024"]["workdays"] == ["2024-09-29", "2024-10-12"]
    assert client.get("/api/v1/content/calculators", headers={"If-None-Match": got.headers["ETag"]}).status_code == 304
    # The pack no longer carries them (shape s5): a worker's first visit stays small.
    pack = client.get("/api/v1/content/pack").get_json()
    assert "calculators" not in pack and pack["version"] == rules["version"]
    assert got.headers["ETag"] != client.get("/api/v1/content/pack").headers["ETag"]
    path = content / "calculators" / "rules.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 150", "value: 151"), encoding="utf-8")
    with app.app_context():
        assert load_content(app, content)["changed"]
    again = client.get("/api/v1/content/calculators", headers={"If-None-Match": got.headers["ETag"]})
    assert again.status_code == 200 and again.headers["ETag"] != got.headers["ETag"]
    assert int(again.get_json()["version"]) == int(rules["version"]) + 1
    assert again.get_json()["calculators"]["overtime"]["weekday_pct"]["value"] == 151


def test_the_calculators_rules_go_out_in_the_locale_compressed_with_an_etag_per_encoding(app, client, content):
    with app.app_context():
        load_content(app, content)
    chromium = {"Accept-Encoding": "gzip, deflate, br"}
    tw = client.get("/api/v1/content/calculators?locale=zh-TW", headers=chromium)
    assert tw.headers["Content-Encoding"] == "br" and tw.headers["Content-Language"] == "zh-TW"
    body = json.loads(brotli.decompress(tw.data))
    assert body["locale"] == "zh-TW"
    assert body["calculators"]["holidays"]["years"]["2024"]["holidays"]["2024-10-01"] == "國慶節"
    cn = client.get("/api/v1/content/calculators?locale=zh-CN", headers={"Accept-Encoding": "gzip"})
    holidays = json.loads(gzip.decompress(cn.data))["calculators"]["holidays"]["years"]["2024"]["holidays"]
    assert holidays["2024-10-01"] == "国庆节"
    assert len({tw.headers["ETag"], cn.headers["ETag"], client.get("/api/v1/content/calculators").headers["ETag"]}) == 3
    assert client.get("/api/v1/content/calculators?locale=en").status_code == 422


def test_the_server_recomputes_with_the_loaded_rules(app, content):
    from datetime import date as day_

    from server.calculators import compute

    inputs = {"monthly_wage_fen": 500000, "weekday_hours": 20}
    from_files = compute("overtime", inputs, day_(2024, 4, 1))
    assert from_files["total_fen"] == 86220  # no content loaded: content/calculators/ read directly
    rules = content / "calculators" / "rules.yml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("value: 150", "value: 200"), encoding="utf-8")
    with app.app_context():
        load_content(app, content)
        version = db.session.get(ContentVersion, 1)
        # The fixture's rules hold only a few entries: the loaded version is the real rules with its overtime.
        real = read_calculators(CALC)
        version.calculators = {**real, "overtime": {**real["overtime"], **version.calculators["overtime"]}}
        db.session.commit()
        assert compute("overtime", inputs, day_(2024, 4, 1))["total_fen"] == 114960  # 20 × 28.74 × 200%
