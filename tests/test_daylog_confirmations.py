"""记工 (issue 23): a co-worker at the same site confirms days of a worker's log by scanning its QR — sent from the
co-worker's phone under the log's random id (POST /daylogs/confirmations), kept under DATA_KEY, and joined to the log
only when the worker's log reaches an application naming that id and that site, for the log's own days; the
worker's own phone is no co-worker. The case page says who (masked) and which days; the 劳动仲裁申请书 says whose
word it is. The log is test_daylogs.py's ten days of March 2026."""
import json
import uuid

import pytest

from server.daylogs.models import DayLogConfirmation
from server.extensions import db
from server.pii import mask_phone
from tests.test_aid_case_papers import text_of
from tests.test_aid_documents import squeezed
from tests.test_daylogs import DAYS, a_log, send
from tests.test_sites import offices, site  # noqa: F401  (fixtures)

LOG_ID = "log-" + str(uuid.uuid4())
WORKER_PHONE = "13800138000"  # make_application's applicant


def confirm(client, site_code: str, dates: list[str], name: str = "王五", phone: str = "13911112222",
            log_id: str = LOG_ID, key: str | None = None, expect: int = 201) -> dict:
    body = {"log_id": log_id, "site_code": site_code, "dates": dates, "name": name, "phone": phone}
    resp = client.post("/api/v1/daylogs/confirmations", json=body,
                       headers={"Idempotency-Key": key or str(uuid.uuid4())})
    assert resp.status_code == expect, resp.get_json()
    return resp.get_json()


def count(app) -> int:
    with app.app_context():
        return db.session.scalar(db.select(db.func.count()).select_from(DayLogConfirmation))


def test_co_workers_confirm_days_and_the_case_and_the_claim_say_who_and_which(client, app, site, auth,
                                                                             make_application):
    code = site["code"]
    # Before the worker applies (the co-worker's outbox got through first), the display form of the code.
    said = confirm(client, site["code_display"], DAYS[:3] + ["2026-03-20"], name="王五", phone="139 1111 2222")
    assert said == {"days": 4, "site_code": code}  # nothing about the worker in the answer
    # The worker's own phone, and a confirmation of another log, never count.
    confirm(client, code, DAYS, name="张三的小号", phone=WORKER_PHONE)
    confirm(client, code, DAYS, name="别人", phone="13933334444", log_id="log-" + str(uuid.uuid4()))
    sent = send(client, make_application, a_log(site_code=code, log_id=LOG_ID))
    # After it: another co-worker; the first one again, for other days, is still one co-worker.
    confirm(client, code, DAYS[5:7], name="赵六", phone="13955556666")
    confirm(client, code, DAYS[3:4], name="王五", phone="13911112222")
    with app.app_context():
        rows = db.session.scalars(db.select(DayLogConfirmation)).all()
        assert len(rows) == 5 and all(LOG_ID not in r.log_enc and "王五" not in r.data_enc and
                                      "13911112222" not in r.phone_enc + r.data_enc for r in rows)
    admin = auth(client, "admin")
    case = client.get(f"/api/v1/cases/{sent['id']}", headers=admin).get_json()
    people = case["day_log"]["confirmations"]
    assert [(p["name"], p["phone_masked"], p["dates"]) for p in people] == [
        ("王五", mask_phone("13911112222"), DAYS[:4]), ("赵六", mask_phone("13955556666"), DAYS[5:7])]
    from server.aid.cases import view
    with app.test_request_context():
        whole = {**view.case_view(sent["id"], admin.user), "phone": sent["phone"]}
    text = squeezed(text_of(whole, "arbitration_claim", "pdf"))
    assert "同一工地的工友王五（确认其中4天）、赵六（确认其中2天）用自己的手机确认" in text
    assert "不是用人单位的记录" in text and "其中6天有2位同一工地的工友用手机确认" in text


def test_a_log_without_its_id_or_of_another_site_has_no_confirmations(client, site, auth, make_application):
    confirm(client, site["code"], DAYS)
    plain = send(client, make_application, a_log(site_code=site["code"]))
    elsewhere = send(client, make_application, a_log(site_code="ACD34EFG", log_id=LOG_ID), phone="13800138009")
    for sent in (plain, elsewhere):
        case = client.get(f"/api/v1/cases/{sent['id']}", headers=auth(client, "admin")).get_json()
        assert case["day_log"]["confirmations"] == []


def test_a_worker_cannot_write_confirmations_into_their_own_log(client, site, offices, make_application):
    forged = {**a_log(site_code=site["code"]), "confirmations": [{"name": "王五", "dates": DAYS}]}
    resp = send(client, make_application, forged, expect=422)
    assert "confirmations" in resp["errors"]["json"]["day_log"]


def test_the_same_confirmation_sent_twice_is_kept_once(client, app, site):
    key = str(uuid.uuid4())
    assert confirm(client, site["code"], DAYS[:2], key=key) == confirm(client, site["code"], DAYS[:2], key=key)
    assert count(app) == 1


BAD = [
    ({"log_id": "short"}, "log_id"),
    ({"log_id": "log/" + "x" * 30}, "log_id"),
    ({"site_code": "工地\x00"}, "site_code"),
    ({"site_code": "ZZZZ9999"}, "site_code"),
    ({"dates": []}, "dates"),
    ({"dates": ["2026-03-02", "2026-03-02"]}, "dates"),
    ({"dates": ["2099-01-01"]}, "dates"),
    ({"dates": [f"2025-{1 + i // 28:02d}-{1 + i % 28:02d}" for i in range(63)]}, "dates"),
    ({"name": ""}, "name"),
    ({"name": "王\x00五"}, "name"),
    ({"name": "王" * 100_000}, "name"),
    ({"phone": "12345"}, "phone"),
    ({"phone": None}, "phone"),
]


@pytest.mark.parametrize("change,field", BAD)
def test_a_hostile_or_wrong_confirmation_is_refused_in_plain_chinese_and_nothing_is_kept(client, app, site,
                                                                                         change, field):
    body = {"log_id": LOG_ID, "site_code": site["code"], "dates": DAYS[:2], "name": "王五", "phone": "13911112222",
            **change}
    resp = client.post("/api/v1/daylogs/confirmations", json=body, headers={"Idempotency-Key": str(uuid.uuid4())})
    assert resp.status_code == 422, resp.get_json()
    said = resp.get_json()
    assert field in said["errors"]["json"] and said["message"] and "Traceback" not in json.dumps(said)
    assert count(app) == 0


def test_a_lone_surrogate_in_the_name_is_refused_not_a_500(client, site):
    body = json.dumps({"log_id": LOG_ID, "site_code": site["code"], "dates": DAYS[:1], "name": "王\ud800",
                       "phone": "13911112222"})
    resp = client.post("/api/v1/daylogs/confirmations", data=body, content_type="application/json",
                       headers={"Idempotency-Key": str(uuid.uuid4())})
    assert resp.status_code == 422 and "name" in resp.get_json()["errors"]["json"]


def test_a_new_data_key_rewrites_the_confirmations_and_they_still_join(app, client, make_app, site, offices,
                                                                     make_application, auth):
    from tests.test_data_key_rotation import new_key
    confirm(client, site["code"], DAYS[:2])
    sent = send(client, make_application, a_log(site_code=site["code"], log_id=LOG_ID))
    old, key = app.config["DATA_KEY"], new_key()
    turning = make_app(DATA_KEY=key, DATA_KEY_PREVIOUS=old)
    result = turning.test_cli_runner().invoke(args=["data-key", "rotate"])
    assert result.exit_code == 0 and "day_log_confirmations: 改用新密钥 1 行" in result.output, result.output
    after = make_app(DATA_KEY=key)
    view = after.test_client().get(f"/api/v1/cases/{sent['id']}", headers=auth(after.test_client(), "admin"))
    assert [c["dates"] for c in view.get_json()["day_log"]["confirmations"]] == [DAYS[:2]]
