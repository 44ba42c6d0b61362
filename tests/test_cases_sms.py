"""Telling the worker by SMS at 已收到, 已受理, 已指派律师, 需要补充材料, 已结案, 不予受理, 不予法律援助 and 视为撤回:
a failed send never blocks the stage change, and `flask aid sweep` sends it again.
The log never holds a whole phone number."""
import logging

from server.accounts.sms import LogSender
from server.aid.models import Notification
from server.extensions import db
from tests.casework import CHECKLIST, act, lawyer_with_phone
from tests.fakes import SmsOutbox


class DownSender(SmsOutbox):
    """The SMS service is down: every text fails."""

    def send_text(self, phone, text):
        raise ConnectionError("sms gateway unreachable")


def test_each_stage_the_worker_is_told_about_sends_one_plain_text(app, client, staff, make_user, make_application):
    outbox = app.extensions["sms_sender"] = SmsOutbox()
    lawyer = lawyer_with_phone(make_user, app)
    sent = make_application(client)
    act(client, staff, sent["id"], "request_materials", asked="考勤表")
    act(client, staff, sent["id"], "materials_supplied", note="工友送来了")
    act(client, staff, sent["id"], "accept", checklist=CHECKLIST)
    act(client, staff, sent["id"], "approve")
    act(client, staff, sent["id"], "assign", lawyer_id=lawyer.id)
    texts = [m["text"] for m in outbox]
    assert len(texts) == 4 and all(t.startswith("【工友法援】") and m["phone"] == "13800138000"
                                   for t, m in zip(texts, outbox, strict=True))
    assert "已收到" in texts[0] and "考勤表" in texts[1] and "已受理" in texts[2]
    assert "王律师" in texts[3] and "028-85550000" in texts[3]


def test_a_failed_text_does_not_block_the_move_and_the_sweep_sends_it_again(app, client, staff, make_application,
                                                                           runner):
    app.extensions["sms_sender"] = DownSender()
    sent = make_application(client)
    resp = act(client, staff, sent["id"], "accept", checklist=CHECKLIST)
    assert resp.status_code == 200 and resp.get_json()["stage"] == "accepted"
    with app.app_context():
        rows = db.session.scalars(db.select(Notification).order_by(Notification.id)).all()
        assert [(r.kind, r.status, r.attempts, r.last_error) for r in rows] == [
            ("received", "failed", 1, "ConnectionError"), ("accepted", "failed", 1, "ConnectionError")]
    outbox = app.extensions["sms_sender"] = SmsOutbox()
    result = runner.invoke(args=["aid", "sweep"])
    assert "重发短信 2 条，发出 2 条" in result.output
    assert len(outbox) == 2 and "已收到" in outbox[0]["text"] and "已受理" in outbox[1]["text"]
    with app.app_context():
        assert {n.status for n in db.session.scalars(db.select(Notification))} == {"sent"}
    assert "重发短信 0 条" in runner.invoke(args=["aid", "sweep"]).output


def test_the_log_sender_masks_the_phone(caplog):
    with caplog.at_level(logging.INFO, logger="server.accounts.sms"):
        LogSender({"APP_ENV": "development"}).send_text("13800138000", "【工友法援】已受理")
        LogSender({"APP_ENV": "production"}).send_text("13800138000", "【工友法援】需要补充材料：病历")
    assert "13800138000" not in caplog.text and "*******8000" in caplog.text
    assert "已受理" in caplog.text and "病历" not in caplog.text


def test_the_log_sender_keeps_no_tracking_code(caplog):
    with caplog.at_level(logging.INFO, logger="server.accounts.sms"):
        LogSender({"APP_ENV": "development"}).send_text(
            "13800138000", "【工友法援】查询码K7QM-X3WP（欠薪）：http://localhost:8000/t/K7QMX3WP。")
    assert "K7QM" not in caplog.text and "X3WP" not in caplog.text and "/t/[code]" in caplog.text


def test_a_worker_whose_application_is_not_accepted_or_refused_is_told_where_to_read_why(
        app, client, staff, make_application):
    outbox = app.extensions["sms_sender"] = SmsOutbox()
    refused_here = make_application(client)
    act(client, staff, refused_here["id"], "not_accept", reason_code="not_aid_matter")
    refused_aid = make_application(client)
    act(client, staff, refused_aid["id"], "accept", checklist=CHECKLIST)
    act(client, staff, refused_aid["id"], "refuse_aid", reason="经核实，你已经自己请了律师。")
    texts = [m["text"] for m in outbox]
    assert len(texts) == 5 and all(t.startswith("【工友法援】") for t in texts)
    not_accepted, refused = texts[1], texts[4]
    code = refused_here["code"]
    assert "没有被受理" in not_accepted and f"{code[:4]}-{code[4:]}" in not_accepted
    assert "/t/" + code in not_accepted and "12348" in not_accepted
    assert "不给法律援助" in refused and "/t/" + refused_aid["code"] in refused
    # The objection route of Art. 49 (law-facts LA-10): the justice bureau that set up the aid office.
    assert "司法局" in refused and "第四十九条" in refused and "异议" in refused
    assert "你已经自己请了律师" not in refused  # the reason is read on the tracking page, not sent by text


def test_a_worker_whose_materials_ran_out_is_told_the_application_counts_as_withdrawn(
        app, client, staff, make_application, runner):
    from tests.casework import put_in_stage
    outbox = app.extensions["sms_sender"] = SmsOutbox()
    sent = make_application(client)
    put_in_stage(app, sent["id"], "materials_requested")  # due two days ago
    assert "视为撤回 1 件" in runner.invoke(args=["aid", "sweep"]).output
    texts = [m["text"] for m in outbox if "已收到" not in m["text"]]
    assert len(texts) == 1 and "算撤回了" in texts[0] and "重新申请" in texts[0] and outbox[1]["phone"] == "13800138000"
