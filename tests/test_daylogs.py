"""记工 (issue 23): the worker's own day log — sent with an application as a signed-off table with its photos, kept
under DATA_KEY, shown on the case page and in the 劳动仲裁申请书 (事实与理由 and 证据清单); refused cleanly when
hostile; backed up and restored by the worker who signed in by phone code, and by nobody else.

The log is ten days of March 2026 (Mon 2 – Fri 13, the weekend off) at 300 元 a day, one of them a half day, two
hours of overtime, two 借支 (500 元 and a 300 元 生活费) from 李老板: 9.5 days × 300 = 2,850 元 agreed, 800 received,
2,050 owed."""
import json
import uuid

import pytest

from server.daylogs.models import DayLog
from server.daylogs.service import summary
from server.extensions import db
from tests import photos
from tests.test_aid_case_papers import text_of
from tests.test_aid_documents import squeezed

DAYS = ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06",
        "2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12", "2026-03-13"]


def entries() -> list[dict]:
    out = [{"date": d, "unit": "day", "hours": 8, "overtime_hours": 0, "received_fen": 0, "received_from": "",
            "work": "砌墙"} for d in DAYS]
    out[-1] = {**out[-1], "unit": "half", "hours": 4}
    out[6] = {**out[6], "overtime_hours": 2}
    out[4] = {**out[4], "received_fen": 50_000, "received_from": "李老板（借支）"}
    out[-1] = {**out[-1], "received_fen": 30_000, "received_from": "李老板（生活费）"}
    return out


def a_log(**fields) -> dict:
    return {"rate": {"kind": "day", "amount_fen": 30_000}, "entries": entries(), "signed_off": True,
            **fields}


def send(client, make_application, log: dict, n_photos: int = 0, expect: int = 201, **fields) -> dict:
    """Apply with the log, its photos uploaded first under the application's key (as the PWA's outbox does)."""
    key = str(uuid.uuid4())
    ids = []
    for _ in range(n_photos):
        ids.append(str(uuid.uuid4()))
        assert photos.post_photo(client, photos.jpeg(800, 600), upload_id=ids[-1], submission_id=key,
                                 label="记工照片").status_code == 201
    log = {**log, "photos": log.get("photos", ids)}
    return make_application(client, key=key, upload_ids=ids, day_log=log, amount_owed_fen=205_000, expect=expect,
                            started_on="2026-03-02", last_paid_on=None, **fields)


def test_the_sums_follow_the_simple_arithmetic_and_a_monthly_rate_goes_through_21_75():
    s = summary(a_log())
    assert (s["period_from"], s["period_to"], s["days_worked"]) == ("2026-03-02", "2026-03-13", "9.5")
    assert (s["agreed_fen"], s["received_fen"], s["owed_fen"], s["overtime_hours"]) == (285_000, 80_000, 205_000, 2)
    # 6,000 元 a month: 275.86 元 a day shown (600000 ÷ 21.75 = 27586.2 fen, half-up), × 9.5 = 2,620.67 元
    assert summary(a_log(rate={"kind": "month", "amount_fen": 600_000}))["agreed_fen"] == 262_067
    # a piece rate is the total agreed; more received than agreed owes nothing, never a negative
    assert summary(a_log(rate={"kind": "piece", "amount_fen": 50_000}))["owed_fen"] == 0


def test_the_log_goes_with_the_application_encrypted_and_shows_on_the_case_page(client, app, staff,
                                                                               make_application):
    sent = send(client, make_application, a_log(), n_photos=1)
    assert sent["evidence_count"] == 1
    with app.app_context():
        row = db.session.scalar(db.select(DayLog))
        assert row.application_id == sent["id"] and "李老板" not in row.data_enc and "砌墙" not in row.data_enc
    case = client.get(f"/api/v1/cases/{sent['id']}", headers=staff).get_json()
    log = case["day_log"]
    assert log["signed_off"] is True and log["photos"] == sent["body"]["upload_ids"] != []
    assert (log["days_worked"], log["owed_fen"], log["rate_label"]) == ("9.5", 205_000, "按天")
    assert [e["date"] for e in log["entries"]] == DAYS
    assert log["entries"][4]["received_from"] == "李老板（借支）" and log["entries"][-1]["unit_label"] == "半天"
    # The retry of the same application (its answer lost) keeps one log.
    again = client.post("/api/v1/applications", json=sent["body"], headers={"Idempotency-Key": sent["key"]})
    assert again.status_code == 201
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(DayLog)) == 1


def test_a_log_photo_taken_off_the_form_before_sending_is_not_named(client, staff, make_application):
    sent = send(client, make_application, a_log(photos=["taken-off-the-form-1"]), n_photos=1)
    assert client.get(f"/api/v1/cases/{sent['id']}", headers=staff).get_json()["day_log"]["photos"] == []


def test_an_application_without_a_log_has_none(client, staff, make_application):
    sent = make_application(client)
    assert client.get(f"/api/v1/cases/{sent['id']}", headers=staff).get_json()["day_log"] is None


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_arbitration_claim_states_the_days_and_the_amount_and_lists_the_log_as_evidence(client, app, staff,
                                                                                            make_application, fmt):
    from server.aid.cases import view
    sent = send(client, make_application, a_log(), n_photos=1)
    with app.test_request_context():
        case = {**view.case_view(sent["id"], staff.user), "phone": sent["phone"]}
    text = squeezed(text_of(case, "arbitration_claim", fmt))
    assert "据申请人自己记的记工表" in text
    assert "2026年3月2日至2026年3月13日期间出工9.5天" in text
    assert "另记加班2小时" in text and "约定工资每天人民币300.00元" in text
    assert "人民币2,850.00元" in text and "共人民币800.00元" in text and "尚欠人民币2,050.00元" in text
    assert "记工表（2026年3月2日至2026年3月13日，10天，附照片1张）" in text
    assert "申请人自己记录并确认" in text


BAD = [
    ({"signed_off": False}, "signed_off"),
    ({"entries": []}, "entries"),
    ({"entries": [{**entries()[0], "date": f"2025-{1 + i // 28:02d}-{1 + i % 28:02d}"} for i in range(401)]},
     "entries"),
    ({"entries": [entries()[0], entries()[0]]}, "entries"),
    ({"entries": [{**entries()[0], "date": "0001-01-01"}]}, "entries"),
    ({"entries": [{**entries()[0], "date": "2099-01-01"}]}, "entries"),
    ({"entries": [{**entries()[0], "work": "砌墙\x00"}]}, "entries"),
    ({"entries": [{**entries()[0], "work": "字" * 5000}]}, "entries"),
    ({"entries": [{**entries()[0], "hours": 8.3}]}, "entries"),
    ({"entries": [{**entries()[0], "hours": 20, "overtime_hours": 10}]}, "entries"),
    ({"entries": [{**entries()[0], "received_fen": -1}]}, "entries"),
    ({"entries": [{**entries()[0], "received_fen": 1.5}]}, "entries"),
    ({"entries": [{**entries()[0], "unit": "week"}]}, "entries"),
    ({"rate": {"kind": "hour", "amount_fen": 100}}, "rate"),
    ({"rate": {"kind": "day", "amount_fen": 10 ** 15}}, "rate"),
    ({"site_code": "工地\x00"}, "site_code"),
    ({"photos": ["x" * 81]}, "photos"),
]


@pytest.mark.parametrize("change,field", BAD)
def test_a_hostile_or_wrong_log_is_refused_in_plain_chinese_and_nothing_is_kept(client, app, make_application,
                                                                               change, field):
    resp = send(client, make_application, {**a_log(), **change}, expect=422)
    errors = resp["errors"]["json"]["day_log"]
    assert field is None or field in errors, errors
    assert resp["message"] and "Traceback" not in json.dumps(resp, ensure_ascii=False)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(DayLog)) == 0


def test_a_lone_surrogate_in_the_log_is_refused_not_a_500(client, make_application):
    body = {**make_application(client)["body"], "day_log": {**a_log(), "entries": [
        {**entries()[0], "received_from": "李\ud800"}]}}
    resp = client.post("/api/v1/applications", data=json.dumps(body), content_type="application/json",
                       headers={"Idempotency-Key": str(uuid.uuid4())})
    assert resp.status_code == 422 and "day_log" in resp.get_json()["errors"]["json"]


def test_the_worker_backs_the_log_up_and_restores_it_and_nobody_else_reads_it(client, app, auth):
    worker, other = auth(client, "worker"), auth(client, "worker")
    body = {k: v for k, v in a_log(site_code="ACD34EFG").items() if k not in ("photos", "signed_off")}
    put = client.put("/api/v1/me/daylogs/log-7f3a9c21", json=body, headers=worker)
    assert put.status_code == 200 and put.get_json()["client_id"] == "log-7f3a9c21"
    body["entries"][0]["work"] = "绑钢筋"
    assert client.put("/api/v1/me/daylogs/log-7f3a9c21", json=body, headers=worker).status_code == 200
    # The new phone: the list, then the log itself, as last backed up.
    listed = client.get("/api/v1/me/daylogs", headers=worker).get_json()["items"]
    assert [(i["client_id"], i["site_code"], i["days"]) for i in listed] == [("log-7f3a9c21", "ACD34EFG", 10)]
    got = client.get("/api/v1/me/daylogs/log-7f3a9c21", headers=worker).get_json()
    assert got["entries"][0]["work"] == "绑钢筋" and got["rate"] == {"kind": "day", "amount_fen": 30_000}
    assert client.get("/api/v1/me/daylogs/log-7f3a9c21", headers=other).status_code == 404
    assert client.get("/api/v1/me/daylogs", headers=other).get_json()["items"] == []
    with app.app_context():
        assert "绑钢筋" not in db.session.scalar(db.select(DayLog.data_enc))
    for bad in ("bad%00id", "x" * 81, "no"):
        resp = client.get(f"/api/v1/me/daylogs/{bad}", headers=worker)
        assert resp.status_code in (404, 422) and resp.get_json()["message"]
    hostile = client.put("/api/v1/me/daylogs/log-7f3a9c21", json={**body, "entries": [{**body["entries"][0],
                                                                                          "work": "\x00"}]},
                         headers=worker)
    assert hostile.status_code == 422 and hostile.get_json()["errors"]["json"]["entries"]


def test_a_new_data_key_rewrites_the_logs_too(app, client, make_app, make_application, auth):
    from tests.test_data_key_rotation import new_key
    sent = send(client, make_application, a_log())
    old, key = app.config["DATA_KEY"], new_key()
    turning = make_app(DATA_KEY=key, DATA_KEY_PREVIOUS=old)
    result = turning.test_cli_runner().invoke(args=["data-key", "rotate"])
    assert result.exit_code == 0 and "day_logs: 改用新密钥 1 行" in result.output, result.output
    after = make_app(DATA_KEY=key)
    view = after.test_client().get(f"/api/v1/cases/{sent['id']}", headers=auth(after.test_client(), "staff"))
    assert view.get_json()["day_log"]["owed_fen"] == 205_000
