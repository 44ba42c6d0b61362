"""The admin reads the audit log by person, record, action and period (China days), and exports it."""
import csv
import io
import json
from datetime import datetime, timezone

from server.accounts.models import AuditEntry
from server.extensions import db
from tests.test_errors import assert_error


def add(app, actor_id, action, record_type, record_id, at, detail=None):
    with app.app_context():
        db.session.add(AuditEntry(actor_id=actor_id, actor_role="staff", action=action, record_type=record_type,
                                  record_id=str(record_id), at=at, detail=detail))
        db.session.commit()


def test_the_log_is_filtered_by_person_record_action_and_china_days(app, client, auth, make_user):
    admin = auth(client, "admin")
    staff = make_user("staff", display_name="李主任")
    # 23:30 UTC on 1 March is 07:30 on 2 March in China.
    add(app, staff.id, "view", "aid_application", 7, datetime(2026, 3, 1, 23, 30, tzinfo=timezone.utc))
    add(app, staff.id, "update", "aid_application", 7, datetime(2026, 3, 1, 15, 0, tzinfo=timezone.utc))
    add(app, staff.id, "view", "event", 3, datetime(2026, 3, 5, 2, 0, tzinfo=timezone.utc))

    def get(query):
        resp = client.get(f"/api/v1/audit?{query}", headers=admin)
        assert resp.status_code == 200, resp.get_json()
        return [(e["action"], e["record_type"], e["record_id"]) for e in resp.get_json()]

    assert get("from=2026-03-02&to=2026-03-02") == [("view", "aid_application", "7")]
    assert get("from=2026-03-01&to=2026-03-01") == [("update", "aid_application", "7")]
    assert get(f"actor_id={staff.id}&action=view") == [("view", "event", "3"), ("view", "aid_application", "7")]
    assert get("record_type=aid_application&record_id=7&action=update") == [("update", "aid_application", "7")]
    first = client.get(f"/api/v1/audit?actor_id={staff.id}", headers=admin).get_json()[0]
    assert first["actor_name"] == "李主任"
    paged = client.get(f"/api/v1/audit?actor_id={staff.id}&page_size=2", headers=admin)
    assert len(paged.get_json()) == 2 and json.loads(paged.headers["X-Pagination"])["total"] == 3
    backwards = assert_error(client.get("/api/v1/audit?from=2026-03-05&to=2026-03-01", headers=admin), 422)
    assert "from" in json.dumps(backwards["errors"])


def test_the_export_keeps_the_filters_is_safe_in_a_spreadsheet_and_is_itself_logged(app, client, auth, make_user):
    admin = auth(client, "admin")
    staff = make_user("staff", display_name="=HYPERLINK(\"http://x\")")
    add(app, staff.id, "view", "aid_application", 7, datetime(2026, 3, 2, 2, 0, tzinfo=timezone.utc),
        {"reason": "@SUM(1)"})
    add(app, staff.id, "view", "event", 3, datetime(2026, 3, 2, 3, 0, tzinfo=timezone.utc))
    resp = client.get("/api/v1/audit.csv?record_type=aid_application", headers=admin)
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    assert resp.headers["Cache-Control"] == "no-store"
    text = resp.get_data(as_text=True)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["编号", "时间（北京时间）", "操作人"] and len(rows) == 2
    assert rows[1][1] == "2026-03-02 10:00:00" and rows[1][4:8] == ["工作人员", "查看", "法律援助申请（案件）", "7"]
    assert rows[1][2].startswith("'=")
    with app.app_context():
        last = db.session.scalars(db.select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert (last.action, last.record_type, last.actor_id) == ("export", "audit", admin.user.id)
        assert last.detail == {"record_type": "aid_application"}


def test_only_an_admin_reads_or_exports_the_log(client, auth):
    for role in ("worker", "volunteer", "lawyer", "staff"):
        headers = auth(client, role)
        assert_error(client.get("/api/v1/audit", headers=headers), 403)
        assert_error(client.get("/api/v1/audit.csv", headers=headers), 403)


def test_an_unknown_person_filters_to_nothing_and_an_impossible_id_is_refused_on_its_field(client, auth):
    """The contract test once got a 404 for a huge actor_id: an id no one has is an empty list, one no
    database column can hold is the field's error, on the page and on the export alike."""
    admin = auth(client, "admin")
    for path in ("/api/v1/audit", "/api/v1/audit.csv"):
        assert client.get(f"{path}?actor_id=2147483647", headers=admin).status_code == 200
        for impossible in ("99999999999999999999999", "0", "-3"):
            resp = client.get(f"{path}?actor_id={impossible}", headers=admin)
            assert resp.status_code == 422, (path, impossible)
            assert resp.get_json()["errors"]["query"]["actor_id"] == ["数值超出允许的范围。"]
    assert client.get("/api/v1/audit?actor_id=2147483647", headers=admin).get_json() == []


def test_the_log_also_exports_as_excel_with_the_same_filters_safe_and_itself_logged(app, client, auth, make_user):
    from openpyxl import load_workbook
    admin = auth(client, "admin")
    staff = make_user("staff", display_name="=HYPERLINK(\"http://x\")")
    add(app, staff.id, "view", "aid_application", 7, datetime(2026, 3, 2, 2, 0, tzinfo=timezone.utc),
        {"reason": "@SUM(1)"})
    add(app, staff.id, "view", "event", 3, datetime(2026, 3, 2, 3, 0, tzinfo=timezone.utc))
    resp = client.get("/api/v1/audit.xlsx?record_type=aid_application", headers=admin)
    assert resp.status_code == 200, resp.get_json()
    assert resp.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert resp.headers["Cache-Control"] == "no-store" and "audit-log.xlsx" in resp.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(resp.data)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:3] == ["编号", "时间（北京时间）", "操作人"] and len(rows) == 2
    assert rows[1][1] == "2026-03-02 10:00:00" and rows[1][4:8] == ["工作人员", "查看", "法律援助申请（案件）", "7"]
    name, detail = sheet.cell(row=2, column=3), sheet.cell(row=2, column=9)
    assert name.value == "=HYPERLINK(\"http://x\")" and name.data_type == "s"  # shown as typed, never computed
    assert detail.value == "理由：@SUM(1)" and detail.data_type == "s"
    with app.app_context():
        last = db.session.scalars(db.select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert (last.action, last.record_type, last.detail) == ("export", "audit", {"record_type": "aid_application",
                                                                                    "format": "xlsx"})
    for role in ("worker", "volunteer", "lawyer", "staff"):
        assert_error(client.get("/api/v1/audit.xlsx", headers=auth(client, role)), 403)


def test_a_phone_typed_into_an_account_search_is_logged_masked(app, client, auth, make_user):
    """The search still finds the person; the log shows that a phone was searched, never the whole number."""
    admin, staff = auth(client, "admin"), auth(client, "staff")
    volunteer = make_user("volunteer", display_name="王小明", phone="13911112222")
    typed = ["13911112222", "139 1111 2222", "+86 139-1111-2222", "１３９１１１１２２２", "王小明 13911112222",
             "110101199003074258"]  # an ID number typed by mistake, too
    for q in typed:
        found = client.get("/api/v1/users", query_string={"q": q}, headers=admin)
        assert found.status_code == 200
        client.get("/api/v1/office/volunteers", query_string={"q": q}, headers=staff)
    assert [u["id"] for u in client.get("/api/v1/users?q=13911112222", headers=admin).get_json()] == [volunteer.id]
    with app.app_context():
        logged = [json.dumps(e.detail, ensure_ascii=False) for e in db.session.scalars(
            db.select(AuditEntry).where(AuditEntry.action == "list", AuditEntry.record_type == "user"))]
    assert len(logged) == 2 * len(typed) + 1
    for line in logged:
        digits = "".join(ch for ch in line if ch.isdigit())
        assert "1111" not in digits and "19900307" not in digits, line
    assert any("2222" in line for line in logged) and any("王小明" in line for line in logged)
