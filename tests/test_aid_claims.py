"""A worker brings the amounts 算一算 worked out into the application: the server does the sums again itself.

A worker who did 20 hours of weekday overtime in March 2026 on a wage of 5,000 a month is owed 20 × 28.74 × 150 % =
862.20 元 (hourly rate 5000 ÷ 21.75 ÷ 8 = 28.74, 《劳动法》第四十四条); left the site on a given day, that money must be
claimed within a year of it (《劳动争议调解仲裁法》第二十七条). The case shows the server's numbers, a plain note
when the phone's differ, each part's deadline; the case's urgency counts them; the draft 劳动仲裁申请书 asks for them.
"""
import json
import uuid
from datetime import date, timedelta

import pytest

from server.aid.cases.clocks import add_years, today
from server.calculators import compute
from tests.test_aid_documents import docx_text, download
from tests.test_replay_privacy import stored_replays

HOURLY, OWED = 2874, 86220  # fen: 500000 × 100 ÷ 2175 ÷ 8 = 2873.56 → 28.74; 20 h × 28.74 × 150 % = 862.20


def overtime(left_on: str | None = "2026-04-30", total: int = OWED, amount: int = OWED, **inputs) -> dict:
    """An overtime claim as the phone sends it: what the worker answered, and what the phone worked out."""
    expires = add_years(date.fromisoformat(left_on), 1).isoformat() if left_on else None
    return {"calc": "overtime",
            "inputs": {"monthly_wage_fen": 500000, "weekday_hours": 20, "restday_hours": 0, "holiday_hours": 0,
                       "period_from": "2026-03-01", "period_to": "2026-03-31", "left_on": left_on, **inputs},
            "result": {"total_fen": total, "lines": [{"kind": "weekday", "amount_fen": amount, "expires_on": expires,
                                                      "text": "加班 20 小时 × 每小时 28.74 元 × 150% = 862.20 元"}],
                       "calc": "overtime", "notes": ["这是估算，12348 或律师可以帮你核对。"]}}


def case_of(client, staff, sent) -> dict:
    resp = client.get(f"/api/v1/cases/{sent['id']}", headers=staff)
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def test_a_workers_overtime_claim_arrives_and_the_server_agrees(client, staff, make_application):
    sent = make_application(client, left_on="2026-04-30", claims=[overtime()])
    [claim] = case_of(client, staff, sent)["claims"]
    assert (claim["calc"], claim["label"], claim["total_fen"], claim["sent_total_fen"]) == \
        ("overtime", "加班费", OWED, OWED)
    assert not claim["mismatch"] and claim["mismatch_note"] == ""
    [line] = claim["lines"]
    assert (line["kind"], line["amount_fen"], line["expires_on"]) == ("weekday", OWED, "2027-04-30")
    assert "28.74" in line["text"] and "862.20" in line["text"] and "第四十四条" in line["basis"]
    assert (line["period_from"], line["period_to"]) == ("2026-03-01", "2026-03-31")
    assert line["days_left"] == (date(2027, 4, 30) - today()).days
    assert claim["inputs"]["monthly_wage_fen"] == 500000  # what the worker answered, for staff to check


def test_a_tampered_total_shows_the_servers_amount_and_a_plain_note(client, staff, make_application):
    sent = make_application(client, claims=[overtime(total=186220, amount=186220)])
    view = case_of(client, staff, sent)
    [claim] = view["claims"]
    assert claim["total_fen"] == OWED and claim["lines"][0]["amount_fen"] == OWED
    assert claim["mismatch"] and claim["sent_total_fen"] == 186220
    assert "1862.20" in claim["mismatch_note"] and "862.20" in claim["mismatch_note"]
    assert "服务器" in claim["mismatch_note"] and "核对" in claim["mismatch_note"]


def test_a_changed_line_with_the_same_total_is_a_mismatch_too(client, staff, make_application):
    claim = overtime()
    claim["result"]["lines"][0]["kind"] = "holiday"
    [kept] = case_of(client, staff, make_application(client, claims=[claim]))["claims"]
    assert kept["mismatch"] and "明细" in kept["mismatch_note"] and kept["lines"][0]["kind"] == "weekday"


@pytest.mark.parametrize("claim, field", [
    (overtime(monthly_wage_fen="五千"), "monthly_wage_fen"),
    (overtime(period_from="0001-01-01"), "period_from"),
    ({**overtime(), "inputs": {**overtime()["inputs"], "left_on": "2026-02-30"}}, "left_on"),
])
def test_inputs_the_calculator_refuses_are_a_plain_422_naming_the_field(client, make_application, claim, field):
    body = make_application(client, claims=[overtime(), claim], expect=422)
    assert body["error_code"] == "claim_invalid" and body["message"].startswith("算一算的第 2 笔（加班费）")
    assert field in body["errors"]["json"]["claims"]["1"]["inputs"]


@pytest.mark.parametrize("claims", [
    [overtime()] * 11,
    [{**overtime(), "calc": "lottery"}],
    [{**overtime(), "inputs": {"note": "a\x00b"}}],
    [{**overtime(), "inputs": {"note": "\ud800"}}],
    [{**overtime(), "inputs": {"days": [{"date": "2026-03-02", "note": "很长" * 40000}]}}],
    [{**overtime(), "inputs": [1, 2]}],
    [{**overtime(), "result": {"total_fen": -1, "lines": []}}],
    [{**overtime(), "result": {"total_fen": "８６２２０", "lines": []}}],
])
def test_hostile_claims_get_a_clean_422_and_nothing_is_kept(client, staff, make_application, claims):
    body = {**make_application(client)["body"], "claims": claims}
    # Sent as ASCII JSON: a lone surrogate travels as its escape, as a hostile client would send it.
    resp = client.post("/api/v1/applications", data=json.dumps(body), content_type="application/json",
                       headers={"Idempotency-Key": str(uuid.uuid4())})
    assert resp.status_code == 422 and resp.get_json()["message"]  # the one error format, in plain Chinese
    assert client.get("/api/v1/cases", headers=staff).get_json()["total"] == 1


def test_a_claim_line_past_its_limitation_makes_the_case_urgent(client, staff, make_application):
    """The application gives no leaving day (a wage claim while still there is not limited); the overtime claim's
    leaving day says its money ran out 5 days ago: the case is urgent, first aid, and its clock says so."""
    left = today() - timedelta(days=366 + 5)
    month = (left - timedelta(days=40)).replace(day=1)
    calm = make_application(client, phone="13800000091", employer_name="别家", site="别处")
    late = make_application(client, claims=[overtime(left_on=left.isoformat(), period_from=month.isoformat(),
                                                     period_to=(month + timedelta(days=20)).isoformat())])
    rows = client.get("/api/v1/cases", headers=staff).get_json()["items"]
    assert rows[0]["id"] == late["id"] and rows[0]["urgent"] and rows[0]["first_aid"]
    assert not next(r for r in rows if r["id"] == calm["id"])["urgent"]
    assert rows[0]["due_label"] == "加班费的时效"
    view = case_of(client, staff, late)
    clock = next(c for c in view["clocks"] if c["name"] == "claim")
    assert clock["overdue"] and clock["days_left"] < 0 and "862.20" in clock["how"]
    assert f"{month.year}年{month.month}月" in clock["how"]
    assert view["first_aid"] and view["claims"][0]["lines"][0]["expired"]
    urgent = client.get("/api/v1/cases", query_string={"filter": "urgent"}, headers=staff).get_json()
    assert [r["id"] for r in urgent["items"]] == [late["id"]]


def test_the_arbitration_paper_asks_for_each_amount_with_its_basis_and_the_total(client, staff, make_application):
    sent = make_application(client, left_on="2026-04-30", claims=[overtime()])
    text = docx_text(download(client, staff, sent, "arbitration_claim", "docx").data)
    assert "裁决被申请人一支付申请人2026年3月加班费人民币862.20元（《劳动法》第四十四条" in text
    assert "以上共计人民币862.20元" in text
    assert "被拖欠的劳动报酬人民币24,000.00元" not in text  # the worker's rough figure gives way to the worked one


def phone_claim(calc: str, inputs: dict) -> dict:
    """A claim as the phone sends it, its result worked out by the same rules (the PWA's engine runs the same vectors:
    content/calculators/vectors)."""
    return {"calc": calc, "inputs": inputs, "result": compute(calc, inputs, today())}


def test_the_paper_asks_once_per_kind_of_overtime_over_the_months_of_the_day_log(client, staff, make_application):
    """A day log: 2 hours after a working day in March and 3 in May (150 %), a whole Saturday in March (200 %)."""
    days = [{"date": "2026-03-02", "unit": "day", "overtime_hours": 2}, {"date": "2026-03-07", "unit": "day"},
            {"date": "2026-05-06", "unit": "day", "overtime_hours": 3}]
    claim = phone_claim("overtime", {"monthly_wage_fen": 500000, "days": days, "left_on": "2026-06-30"})
    sent = make_application(client, contractor="", claims=[claim])
    text = docx_text(download(client, staff, sent, "arbitration_claim", "docx").data)
    # 2 h × 28.74 × 150 % = 86.22 and 3 h × 28.74 × 150 % = 129.33; 8 h × 28.74 × 200 % = 459.84
    assert "1. 裁决被申请人支付申请人2026年3月至5月工作日延长工作时间的加班费人民币215.55元（《劳动法》" in text
    assert "2. 裁决被申请人支付申请人2026年3月休息日加班费人民币459.84元（《劳动法》第四十四条" in text
    assert "3. 以上共计人民币675.39元" in text


def test_money_already_received_is_taken_off_in_one_net_request(client, staff, make_application):
    claim = phone_claim("overtime", {"monthly_wage_fen": 500000, "weekday_hours": 20, "restday_hours": 8,
                                     "received_fen": 10000, "period_from": "2026-03-01", "period_to": "2026-05-31",
                                     "left_on": "2026-06-30"})
    sent = make_application(client, contractor="", claims=[claim])
    text = docx_text(download(client, staff, sent, "arbitration_claim", "docx").data)
    # 862.20 + 459.84 − 100.00 = 1,222.04
    assert "裁决被申请人支付申请人2026年3月至5月加班费人民币1,222.04元（《劳动法》第四十四条" in text
    assert "加班费已扣除工友已经拿到的钱" in text and "减去已经拿到的加班费 100.00 元" in text


def test_a_tampered_amount_never_reaches_the_paper(client, staff, make_application):
    sent = make_application(client, claims=[overtime(total=186220, amount=186220)])
    text = docx_text(download(client, staff, sent, "arbitration_claim", "docx").data)
    assert "862.20" in text and "1,862.20" not in text and "工友手机上算出的合计是 1862.20 元" in text


def test_without_claims_the_paper_stays_as_it_was(client, staff, make_application):
    sent = make_application(client)
    text = docx_text(download(client, staff, sent, "arbitration_claim", "docx").data)
    assert "被拖欠的劳动报酬人民币24,000.00元" in text and "以上共计" not in text
    assert case_of(client, staff, sent)["claims"] == []


def test_a_retry_keeps_no_claim_in_its_replay_record(app, client, make_application):
    sent = make_application(client, claims=[overtime(monthly_wage_fen=512345)])
    again = client.post("/api/v1/applications", json=sent["body"], headers={"Idempotency-Key": sent["key"]})
    assert again.status_code == 201 and again.get_json()["id"] == sent["id"]
    assert "512345" not in stored_replays(app) and "weekday_hours" not in stored_replays(app)
