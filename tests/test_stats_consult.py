"""The consultation and sites figures (issue 25) at their edges: a China midnight, a conversion counted when the
application was made, a question not yet a day old (neither on time nor overdue), a board counted when first
printed however often printed again, and the workbook's summary sentences. The world is tests/stats_world.py."""
import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from server.aid.cases.clocks import today
from server.clock import utcnow
from server.extensions import db
from server.sites.models import Site
from tests.stats_world import P1, _question, build
from tests.test_stats import figures, records, values

LAST = {"from": "2026-06-30", "to": "2026-06-30"}
FIRST = {"from": "2026-07-01", "to": "2026-07-01"}


@pytest.fixture
def world(app, client, auth, make_application):
    return build(app, client, auth, make_application)


def test_a_china_midnight_parts_the_consultations_and_the_boards(client, world):
    """q6 asked at 23:30 on 30 June counts on that day (its answer at 10:00 next day on time); q7 at 00:10 on 1 July
    on that day; s2's board, first printed at 00:00 on 1 July, on 1 July only."""
    staff, q = world["people"]["staff_a"], world["questions"]
    last, first = values(figures(client, staff, **LAST)), values(figures(client, staff, **FIRST))
    assert last["consult.total"][0] == 1 and last["consult.total"][1]["app_text"] == 1
    assert last["consult.on_time"][0] == 1 and first["consult.on_time"][0] == 0
    assert first["consult.total"][0] == 1 and first["consult.overdue"][0] == 1
    assert last["sites.boards_printed"] == (0, {})
    assert first["sites.boards_printed"] == (1, {str(world["offices"]["a"]): 1})
    assert [r["id"] for r in records(client, staff, "consult.total", **LAST)] == [q["q6"]]
    assert [r["id"] for r in records(client, staff, "consult.total", **FIRST)] == [q["q7"]]
    assert [r["id"] for r in records(client, staff, "sites.boards_printed", **FIRST)] == [world["sites"]["s2"]]


def test_a_conversion_counts_when_the_application_was_made(client, world):
    """q6 (asked 30 June) turned into c4, made on 2 July: 2 July's conversion, not 30 June's."""
    staff = world["people"]["staff_a"]
    assert values(figures(client, staff, **LAST))["consult.converted"][0] == 0
    day = values(figures(client, staff, **{"from": "2026-07-02", "to": "2026-07-02"}))
    assert day["consult.converted"][0] == 1
    rows = records(client, staff, "consult.converted", **{"from": "2026-07-02", "to": "2026-07-02"})
    assert [r["id"] for r in rows] == [world["questions"]["q6"]] and rows[0]["at"].startswith("2026-07-02")


def test_a_question_not_a_day_old_is_neither_on_time_nor_overdue(app, client, world):
    staff, a = world["people"]["staff_a"], world["offices"]["a"]
    young = _question(app, a, "app_text", "wages", utcnow() - timedelta(hours=23), None, "13800139200")
    old = _question(app, a, "app_text", "wages", utcnow() - timedelta(hours=25), None, "13800139201")
    days = {"from": (today() - timedelta(days=2)).isoformat(), "to": today().isoformat()}
    got = values(figures(client, staff, **days))
    assert got["consult.total"][0] == 2 and got["consult.on_time"][0] == 0 and got["consult.overdue"][0] == 1
    assert [r["id"] for r in records(client, staff, "consult.overdue", **days)] == [old]
    assert young in {r["id"] for r in records(client, staff, "consult.total", **days)}


def test_a_board_counts_once_when_first_printed(app, client, world):
    """Printing s3's board twice stamps its first print once: counted on the first day only (today)."""
    staff = world["people"]["staff_a"]
    with app.app_context():
        code = db.session.get(Site, world["sites"]["s3"]).code
    first = client.get(f"/api/v1/sites/{code}/board.png", headers=staff)
    assert first.status_code == 200
    with app.app_context():
        printed = db.session.get(Site, world["sites"]["s3"]).first_printed_at
        assert printed is not None
    assert client.get(f"/api/v1/sites/{code}/board.png", headers=staff).status_code == 200
    with app.app_context():
        site = db.session.get(Site, world["sites"]["s3"])
        assert site.first_printed_at == printed and site.board_printed_at >= printed


def test_the_summary_tells_the_consultations_and_the_boards(client, world):
    staff = world["people"]["staff_a"]
    resp = client.get("/api/v1/stats/report.xlsx", query_string=P1, headers=staff)
    assert resp.status_code == 200
    book = load_workbook(io.BytesIO(resp.data))
    summary = [row[0] for row in book["概要"].iter_rows(values_only=True) if row[0]]
    assert "接待咨询 6 人次（5 人），24 小时内答复 5 人次，转为法律援助申请 1 件。" in summary
    assert "新印工地维权公示牌 1 块。" in summary
    assert "服务工友 8 人（各渠道按手机号去重）。" in summary
    rows = [row[:2] for row in book["法律咨询"].iter_rows(min_row=2, values_only=True)]
    total = rows.index(("接待咨询", 6))  # then its parts, by channel, in order
    assert rows[total + 1:total + 6] == [("　其中：网上留言", 2), ("　其中：语音留言", 1), ("　其中：电话咨询", 1),
                                         ("　其中：来访咨询", 1), ("　其中：活动现场咨询", 1)]
    assert ("已标记留言（不计入咨询）", 1) in rows and ("　其中：广告", 1) in rows
    sites = [row[:2] for row in book["工地公示牌"].iter_rows(min_row=2, values_only=True)]
    assert sites[:2] == [("工地公示牌", 1), ("　其中：甲县法律援助中心", 1)]
    assert ("工地来的援助申请", 1) in sites and ("　其中：幸福里一期工地", 1) in sites


def test_a_question_marked_after_its_period_still_counts_in_that_period(client, world):
    """A figure for a past period is the same whenever it is asked: q6 (asked 30 June) marked as not a legal question
    today stays in 30 June's 人次 and out of its 已标记留言; today's marking counts today."""
    staff, q6 = world["people"]["staff_a"], world["questions"]["q6"]
    before = values(figures(client, staff, **LAST))
    marked = client.post(f"/api/v1/questions/{q6}/moderate", json={"verdict": "not_legal", "reason": "问的是房租"},
                         headers=staff)
    assert marked.status_code == 200, marked.get_json()
    after = values(figures(client, staff, **LAST))
    assert after["consult.total"] == before["consult.total"] and after["consult.total"][0] == 1
    assert after["consult.moderated"] == before["consult.moderated"] == (0, {"spam": 0, "abusive": 0,
                                                                             "not_legal": 0})
    assert [r["id"] for r in records(client, staff, "consult.total", **LAST)] == [q6]
