"""The audit log by office (issue 20, Offices): a county's admin reads and exports the entries of the accounts of
their county and its subtree only; the province admin (the root office) reads everything, workers' entries too."""
import csv
import io
from datetime import datetime, timezone

from openpyxl import load_workbook

from server.accounts.models import AuditEntry
from server.extensions import db


def _entry(app, actor_id, role, record_id):
    with app.app_context():
        db.session.add(AuditEntry(actor_id=actor_id, actor_role=role, action="view", record_type="aid_application",
                                  record_id=str(record_id), at=datetime(2026, 12, 1, 2, 0, tzinfo=timezone.utc)))
        db.session.commit()


def test_a_county_admin_reads_only_their_countys_entries(app, client, auth, make_user):
    province = auth(client, "admin")

    def office(parent, name):
        resp = client.post("/api/v1/offices", json={"parent_id": parent, "name": name, "kind": "legal_aid"},
                           headers=province)
        return resp.get_json()["id"]

    city = office(province.user.office_id, "成都市法律援助中心")
    a, b = office(city, "甲县法律援助中心"), office(city, "乙县法律援助中心")
    station = office(a, "甲县工作站")
    staff_a, staff_b = make_user("staff", office_id=station), make_user("staff", office_id=b)
    worker = make_user("worker")
    _entry(app, staff_a.id, "staff", 101)
    _entry(app, staff_b.id, "staff", 202)
    _entry(app, worker.id, "worker", 303)
    _entry(app, None, "", 404)
    admin_a = auth(client, "admin", office_id=a)

    def seen(headers):
        resp = client.get("/api/v1/audit?record_type=aid_application&page_size=100", headers=headers)
        assert resp.status_code == 200, resp.get_json()
        return {e["record_id"] for e in resp.get_json()}

    assert seen(admin_a) == {"101"}
    assert seen(auth(client, "admin", office_id=city)) == {"101", "202"}
    assert seen(province) == {"101", "202", "303", "404"}
    sheet = client.get("/api/v1/audit.csv?record_type=aid_application", headers=admin_a)
    assert [row[7] for row in list(csv.reader(io.StringIO(sheet.data.decode("utf-8-sig"))))[1:]] == ["101"]
    book = client.get("/api/v1/audit.xlsx?record_type=aid_application", headers=admin_a)
    rows = list(load_workbook(io.BytesIO(book.data)).active.iter_rows(min_row=2, values_only=True))
    assert [str(row[7]) for row in rows] == ["101"]
    # Asking by a sibling's account id finds nothing either.
    assert client.get(f"/api/v1/audit?actor_id={staff_b.id}", headers=admin_a).get_json() == []
