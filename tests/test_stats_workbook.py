"""The work report as Excel (issue 25): opened with openpyxl it holds the same numbers as the JSON, every
definition, the headline sentences first, number formats and column widths, and not one formula."""
import io

import pytest
from openpyxl import load_workbook

from tests.stats_world import P1, P2, build

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
        assert book.sheetnames == ["概要", "法律援助", "普法活动", "服务的工友"]
        summary = [row[0] for row in book["概要"].iter_rows(values_only=True) if row[0]]
        recovered = next(f for f in answer["figures"] if f["id"] == "aid.recovered_fen")["value"]
        assert f"为农民工挽回经济损失 {recovered / 1_000_000:,.2f} 万元。" in summary
        assert summary[0].startswith("甲县法律援助中心：")
        cells = {}
        for ws in book.worksheets[1:]:
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
