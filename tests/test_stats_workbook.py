"""The work report as Excel (issue 25): opened with openpyxl it holds the same numbers as the JSON, every
definition, the headline sentences first, number formats and column widths, and not one formula."""
import io

import pytest
from openpyxl import load_workbook

from server.stats.workbook import sheet_name
from tests.stats_world import P1, P2, build

LONG = "四川省成都市高新技术产业开发区某某街道办事处法律援助工作站第一分站"  # 33 characters
FORMATS = {"count": "#,##0", "fen": "#,##0.00", "share": "0.0%", "days": "0.0"}


@pytest.fixture
def world(app, client, auth, make_application):
    return build(app, client, auth, make_application)


def _book(client, headers, period):
    resp = client.get("/api/v1/stats/report.xlsx", query_string=period, headers=headers)
    assert resp.status_code == 200, resp.get_json()
    assert resp.headers["Cache-Control"] == "no-store"
    return load_workbook(io.BytesIO(resp.data))


def test_the_workbook_holds_the_same_numbers_and_definitions(client, world):
    staff = world["people"]["staff_a"]
    for period in (P1, P2):
        answer = client.get("/api/v1/stats", query_string=period, headers=staff).get_json()
        book = _book(client, staff, period)
        assert book.sheetnames == ["概要", "法律咨询", "法律援助", "普法活动", "工地公示牌", "服务的工友",
                                   "甲县法律援助中心"]
        summary = [row[0] for row in book["概要"].iter_rows(values_only=True) if row[0]]
        recovered = next(f for f in answer["figures"] if f["id"] == "aid.recovered_fen")["value"]
        assert f"为农民工挽回经济损失 {recovered / 1_000_000:,.2f} 万元。" in summary
        assert summary[0].startswith("甲县法律援助中心：")
        cells = {}
        for ws in book.worksheets[1:6]:
            assert ws.column_dimensions["D"].width == 90 and ws["A1"].value == "项目"
            for row in ws.iter_rows(min_row=2):
                if not row[0].value.startswith("　其中："):
                    cells[row[0].value] = (row[1].value, row[1].number_format, row[3].value)
        for figure in answer["figures"]:
            value, number_format, definition = cells[figure["label"]]
            want = figure["value"] / 100 if figure["unit"] == "fen" and figure["value"] is not None else figure["value"]
            assert value == (pytest.approx(want) if isinstance(want, float) else want), figure["id"]
            assert definition == figure["definition"]
            assert number_format == FORMATS[figure["unit"]]
        for ws in book.worksheets:
            for row in ws.iter_rows():
                assert not any(c.data_type == "f" for c in row), ws.title


def test_the_summary_says_the_money_in_wan_yuan(client, world):
    book = _book(client, world["people"]["city_staff"], P1)
    summary = [row[0] for row in book["概要"].iter_rows(values_only=True) if row[0]]
    # county A's 15,000 元 and county B's 99,999 元, seen from the city
    assert "为农民工挽回经济损失 11.50 万元。" in summary


def _office_sheet(ws) -> dict:
    """Each figure's label → its value on an office's sheet (the figures' own rows, not their parts)."""
    return {row[0]: row[1] for row in ws.iter_rows(min_row=2, values_only=True) if not row[0].startswith("　其中：")}


def _want(figure: dict):
    value = figure["value"]
    value = value / 100 if figure["unit"] == "fen" and value is not None else value
    return pytest.approx(value) if isinstance(value, float) else value


def test_one_sheet_per_office_with_its_own_subtree_figures(client, world):
    """The city's workbook: after the summary and the areas, the city's own sheet, then each county under it in the
    order made; county A's sheet holds exactly the figures asked for county A, and B's for B."""
    people, offices = world["people"], world["offices"]
    book = _book(client, people["city_staff"], P1)
    assert book.sheetnames == ["概要", "法律咨询", "法律援助", "普法活动", "工地公示牌", "服务的工友",
                               "成都市法律援助中心", "甲县法律援助中心", "乙县法律援助中心"]
    for sheet, office in (("成都市法律援助中心", "city"), ("甲县法律援助中心", "a"), ("乙县法律援助中心", "b")):
        answer = client.get("/api/v1/stats", query_string={**P1, "office": offices[office]},
                            headers=people["city_staff"]).get_json()
        cells = _office_sheet(book[sheet])
        assert len(cells) == len(answer["figures"])
        for figure in answer["figures"]:
            assert cells[f"{figure['area_label']}：{figure['label']}"] == _want(figure), (sheet, figure["id"])
    a = _office_sheet(book["甲县法律援助中心"])
    b = _office_sheet(book["乙县法律援助中心"])
    assert a["法律援助：挽回经济损失"] == 15_000 and b["法律援助：挽回经济损失"] == 99_999
    assert _office_sheet(book["成都市法律援助中心"])["法律援助：收到法律援助申请"] == 4


def test_the_sibling_county_never_appears_in_a_county_workbook(client, world):
    book = _book(client, world["people"]["staff_a"], P1)
    assert "乙县法律援助中心" not in book.sheetnames
    for ws in book.worksheets:
        for row in ws.iter_rows(values_only=True):
            assert not any("乙县" in str(value) for value in row if value is not None), ws.title
    assert _office_sheet(book["甲县法律援助中心"])["法律援助：挽回经济损失"] == 15_000


@pytest.mark.parametrize(("name", "want"), [
    ("甲县法律援助中心", "甲县法律援助中心"),
    ("概要", "概要(2)"),
    ("法律援助", "法律援助(2)"),
    ("[甲县]:法援*中心?/\\", "甲县法援中心"),
    ("'引号'", "引号"),
    ("History", "History(2)"),
    ("[]:*?/", "机构7"),
    ("\x00\ud800", "机构7"),
    (LONG, LONG[:31]),
    ("𠀀" * 20, "𠀀" * 15),
])
def test_a_sheet_name_is_safe_short_and_unique(name, want):
    taken = {"概要", "法律援助", "普法活动", "服务的工友"}
    got = sheet_name(name, taken, "机构7")
    assert got == want
    assert len(got.encode("utf-16-le")) // 2 <= 31 and not set(got) & set("[]:*?/\\")


def test_two_offices_of_one_long_name_get_two_sheets():
    taken = {"概要"}
    first = sheet_name(LONG, taken, "机构1")
    second = sheet_name(LONG + "x", taken | {first}, "机构2")
    assert first != second and second.endswith("(2)") and len(second) <= 31
    assert sheet_name("abc站", {"ABC站"}, "机构3") == "abc站(2)"  # Excel compares sheet names ignoring case
