"""Debriefs (四个带回) are kept, not overwritten: each submission a version; the office reads them side by side."""
import io
from datetime import datetime, timedelta, timezone

from openpyxl import load_workbook

from server.events import debriefs
from server.events import service as events
from server.events.models import Event
from server.extensions import db

NOW = datetime.now(timezone.utc).replace(microsecond=0)
FOUR = {"worry": "怕要不到工资", "urgent_problem": "3 号楼班组欠薪两个月", "service_suggestion": "晚上来",
        "next_event_suggestion": "讲工伤", "people_reached": 86, "leaflets_given": 120}


def report_url(event):
    return f"/api/v1/events/{event['id']}/report"


def test_each_debrief_sent_is_kept_as_a_version_with_who_and_when(client, make_event, staff, make_user, auth):
    wang = make_user("volunteer", display_name="王志愿")
    event = make_event(volunteers=[wang])
    volunteer = auth(client, user=wang)
    assert client.post(report_url(event), json=FOUR, headers=volunteer).status_code == 200
    fixed = FOUR | {"urgent_problem": "3 号楼和 5 号楼班组都欠薪", "people_reached": 90}
    assert client.post(report_url(event), json=fixed, headers=staff).status_code == 200

    # The volunteer's screen shows what was sent last, as before.
    latest = client.get(report_url(event), headers=volunteer).get_json()
    assert latest["urgent_problem"] == fixed["urgent_problem"] and latest["people_reached"] == 90
    assert latest["version"] == 2

    history = client.get(f"{report_url(event)}/versions", headers=staff)
    assert history.status_code == 200
    first, second = sorted(history.get_json(), key=lambda v: v["version"])
    assert first["urgent_problem"] == FOUR["urgent_problem"] and first["people_reached"] == 86
    assert first["submitted_by"] == {"id": wang.id, "display_name": "王志愿"}
    assert second["submitted_by"]["id"] == staff.user.id
    assert first["submitted_at"] <= second["submitted_at"]
    assert [v["version"] for v in history.get_json()] == [2, 1]  # newest first


def test_sending_the_same_words_again_is_not_a_new_version(client, make_event, staff):
    event = make_event()
    client.post(report_url(event), json=FOUR, headers=staff)
    client.post(report_url(event), json=FOUR, headers=staff)  # the outbox retried, or a double tap
    assert len(client.get(f"{report_url(event)}/versions", headers=staff).get_json()) == 1


def test_an_event_without_a_debrief_has_an_empty_history(client, make_event, staff):
    event = make_event()
    assert client.get(f"{report_url(event)}/versions", headers=staff).get_json() == []


def test_the_history_is_for_the_office(client, make_event, auth, make_user):
    wang = make_user("volunteer")
    event = make_event(volunteers=[wang])
    assert client.get(f"{report_url(event)}/versions", headers=auth(client, user=wang)).status_code == 403


def _event_on(app, title, starts_at, report=None, by=None):
    with app.app_context():
        event = events.create_event({"title": title, "kind": "site_visit", "place": "工地", "status": "published",
                                     "starts_at": starts_at}, None)
        if report:
            debriefs.save_report(event, report, by)
        return event.id


def test_debriefs_across_events_in_a_period_side_by_side(client, app, staff):
    march = datetime(2026, 3, 10, 1, 0, tzinfo=timezone.utc)
    a = _event_on(app, "三月讲座", march, FOUR)
    b = _event_on(app, "三月走访", march + timedelta(days=5), FOUR | {"urgent_problem": "工伤没人管"})
    _event_on(app, "四月讲座", datetime(2026, 4, 2, 1, 0, tzinfo=timezone.utc), FOUR)
    _event_on(app, "没写小结的", march + timedelta(days=1))
    resp = client.get("/api/v1/office/debriefs?since=2026-03-01&until=2026-03-31", headers=staff)
    assert resp.status_code == 200, resp.get_json()
    rows = resp.get_json()
    assert [r["event_id"] for r in rows] == [b, a]  # the latest events first
    assert rows[0]["event_title"] == "三月走访" and rows[0]["urgent_problem"] == "工伤没人管"
    assert {"worry", "urgent_problem", "service_suggestion", "next_event_suggestion", "versions",
            "submitted_at", "starts_at", "people_reached"} <= set(rows[0])


def test_a_period_is_counted_in_china_days(client, app, staff):
    # 1 April 07:30 in China is still 31 March in UTC: it belongs to April.
    april_first = _event_on(app, "四月一日早上", datetime(2026, 3, 31, 23, 30, tzinfo=timezone.utc), FOUR)
    march = client.get("/api/v1/office/debriefs?since=2026-03-01&until=2026-03-31", headers=staff).get_json()
    april = client.get("/api/v1/office/debriefs?since=2026-04-01&until=2026-04-30", headers=staff).get_json()
    assert [r["event_id"] for r in march] == [] and [r["event_id"] for r in april] == [april_first]


def test_a_period_that_ends_before_it_starts_is_refused(client, staff):
    resp = client.get("/api/v1/office/debriefs?since=2026-04-01&until=2026-03-01", headers=staff)
    assert resp.status_code == 422 and "until" in resp.get_json()["errors"]["query"]


def test_debriefs_export_to_excel_with_the_four_side_by_side(client, app, staff):
    day = datetime(2026, 5, 6, 2, 0, tzinfo=timezone.utc)
    _event_on(app, "=HYPERLINK(\"http://x\")", day, FOUR | {"worry": "=1+1"})
    resp = client.get("/api/v1/office/debriefs.xlsx?since=2026-05-01&until=2026-05-31", headers=staff)
    assert resp.status_code == 200
    assert resp.headers["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in resp.headers["Content-Disposition"] and resp.headers["Cache-Control"] == "no-store"
    ws = load_workbook(io.BytesIO(resp.data)).active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    header = next(r for r in rows if r and "带回一：困扰" in r)
    data = rows[rows.index(header) + 1]
    assert "带回二：急需解决的问题" in header and "带回四：下次活动的建议" in header
    assert data[header.index("带回一：困扰")] == "=1+1"  # shown as typed, never computed
    cell = next(c for r in ws.iter_rows() for c in r if c.value == "=1+1")
    assert cell.data_type == "s"
    assert data[header.index("带回二：急需解决的问题")] == FOUR["urgent_problem"]


def test_debriefs_sent_before_versions_were_kept_become_version_one(tmp_path):
    """The migration: an event_reports row of the old single-debrief table is each event's first version."""
    import sqlalchemy as sa
    from flask_migrate import upgrade

    from server import create_app
    from tests.conftest import base_config

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    app = create_app(base_config(SQLALCHEMY_DATABASE_URI=url))
    with app.app_context():
        upgrade(revision="0006")
        with db.engine.begin() as conn:
            conn.execute(sa.text("INSERT INTO events (id, title, kind, starts_at, place, description, status, "
                                 "created_at, updated_at) VALUES (1, '老活动', 'lecture', '2026-03-01 01:00:00', "
                                 "'工地', '', 'published', '2026-02-01 00:00:00', '2026-02-01 00:00:00')"))
            conn.execute(sa.text("INSERT INTO event_reports (event_id, worry, urgent_problem, service_suggestion, "
                                 "next_event_suggestion, people_reached, leaflets_given, updated_at) VALUES "
                                 "(1, '怕欠薪', '2 号楼欠薪', '', '', 30, 50, '2026-03-01 08:00:00')"))
        upgrade()
        rows = db.session.execute(sa.text("SELECT event_id, version, urgent_problem, people_reached "
                                          "FROM event_report_versions")).all()
        db.engine.dispose()
    assert [tuple(r) for r in rows] == [(1, 1, "2 号楼欠薪", 30)]


def test_debriefs_sent_at_the_same_moment_each_get_their_own_version(client, make_event, staff, make_user, auth):
    from tests.test_signup_safety import at_once

    people = [make_user("volunteer") for _ in range(4)]
    event = make_event(volunteers=people)
    headers = [auth(client, user=p) for p in people]
    answers = at_once(4, lambda i: client.application.test_client().post(
        report_url(event), json=FOUR | {"worry": f"第 {i} 位志愿者的困扰"}, headers=headers[i]).status_code)
    assert answers == [200] * 4
    history = client.get(f"{report_url(event)}/versions", headers=staff).get_json()
    assert sorted(v["version"] for v in history) == [1, 2, 3, 4]
    assert {v["submitted_by"]["id"] for v in history} == {p.id for p in people}


def test_the_page_and_the_excel_count_edits_the_same_way(client, app, staff):
    """Issue 18 item 24: a debrief sent twice was "改过 1 次" on the page and 2 under 改过几次 in the Excel. Both read
    `edits` (sends after the first) from one definition."""
    day = datetime(2026, 6, 3, 2, 0, tzinfo=timezone.utc)
    event_id = _event_on(app, "六月讲座", day, FOUR)
    with app.app_context():
        debriefs.save_report(db.session.get(Event, event_id), FOUR | {"worry": "补上：工伤没人管"}, None)
    rows = client.get("/api/v1/office/debriefs?since=2026-06-01&until=2026-06-30", headers=staff).get_json()
    assert (rows[0]["versions"], rows[0]["edits"]) == (2, 1)
    ws = load_workbook(io.BytesIO(client.get("/api/v1/office/debriefs.xlsx?since=2026-06-01&until=2026-06-30",
                                             headers=staff).data)).active
    table = [[c.value for c in r] for r in ws.iter_rows()]
    header = next(r for r in table if r and "改过几次" in r)
    assert table[table.index(header) + 1][header.index("改过几次")] in (1, "1")
