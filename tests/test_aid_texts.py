"""What a worker is told, by text and on the tracking page: where to look, by when, and what to do when refused.

Every text carries the code and a short link (PUBLIC_URL/t/<code>) that opens the tracking page; the receipt is
texted too, also when a volunteer filed. 「忘了查询码」 texts the codes to the phone that applied and answers the
same whether or not that phone ever applied. A refusal (不予受理, 不予法律援助, 终止法律援助) names the objection
route of 《法律援助法》第四十九条 (law-facts LA-10, LA-13): the 司法局, which answers within 5 days.
"""
import json
import re
from datetime import timedelta

import pytest

from server.aid.cases import clocks
from server.aid.models import Application
from server.extensions import db
from tests.casework import CHECKLIST, act, lawyer_with_phone, put_in_stage
from tests.fakes import SmsOutbox

PHONE = "13800138000"


def _track(client, sent):
    resp = client.post("/api/v1/applications/track", json={"code": sent["code"], "phone": sent["phone"]})
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def _link(app, code):
    return f"{app.config['PUBLIC_URL']}/t/{code}"


def _received_plus(days):
    return (clocks.today() + timedelta(days=days)).isoformat()


# --- item 10: a text on receipt, a link in every text, 忘了查询码 ---------------------------------------

def test_the_worker_is_texted_the_code_and_a_link_on_receipt_also_when_a_volunteer_filed(app, client, auth,
                                                                                       make_application):
    outbox = app.extensions["sms_sender"] = SmsOutbox()
    own = make_application(client)
    volunteer = auth(client, "volunteer")
    filed = make_application(client, headers=volunteer, worker_consent_confirmed=True, phone="13912345678")
    assert [m["phone"] for m in outbox] == [PHONE, "13912345678"]
    for message, sent in zip(outbox, (own, filed), strict=True):
        assert sent["code_display"] in message["text"] and _link(app, sent["code"]) in message["text"]
        assert _received_plus(clocks.DECIDE_DAYS) in message["text"]  # the date, not "7 日内"
    assert "志愿者" in outbox[1]["text"] and "志愿者" not in outbox[0]["text"]


def test_a_retried_application_is_texted_once(app, client, make_application):
    outbox = app.extensions["sms_sender"] = SmsOutbox()
    sent = make_application(client)
    again = client.post("/api/v1/applications", json=sent["body"], headers={"Idempotency-Key": sent["key"]})
    assert again.status_code == 201 and len(outbox) == 1


def test_every_text_carries_the_short_link(app, client, staff, make_user, make_application):
    outbox = app.extensions["sms_sender"] = SmsOutbox()
    lawyer = lawyer_with_phone(make_user, app)
    sent = make_application(client)
    for action, fields in (("request_materials", {"asked": "考勤表"}), ("materials_supplied", {"note": "送来了"}),
                           ("accept", {"checklist": CHECKLIST}), ("approve", {}), ("assign", {"lawyer_id": lawyer.id}),
                           ("terminate", {"reason": "工友自己请了律师"})):
        assert act(client, staff, sent["id"], action, **fields).status_code == 200, action
    refused = make_application(client)
    act(client, staff, refused["id"], "not_accept", reason_code="not_aid_matter")
    kinds = len(outbox)
    assert kinds == 7, [m["text"] for m in outbox]
    for message in outbox:
        code = sent["code"] if _link(app, sent["code"]) in message["text"] else refused["code"]
        assert _link(app, code) in message["text"], message["text"]


def test_the_short_link_opens_the_app(make_app, tmp_path):
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "index.html").write_text("<!doctype html><title>工友法援</title>")
    resp = make_app(PWA_DIST=str(tmp_path / "dist")).test_client().get("/t/ACD34EFG")
    assert resp.status_code == 200 and resp.mimetype == "text/html" and "工友法援" in resp.get_data(as_text=True)


def _forgot(client, phone, **headers):
    resp = client.post("/api/v1/applications/forgot-code", json={"phone": phone}, headers=headers)
    resp.get_data()
    resp.close()  # the text goes once the answer is out, as a real server closes it
    return resp


def test_forgot_code_texts_the_codes_to_the_phone_that_applied_and_says_the_same_to_anyone(app, client,
                                                                                        make_application):
    first, second = make_application(client), make_application(client, case_type="injury", injured_on="2026-10-01")
    outbox = app.extensions["sms_sender"] = SmsOutbox()
    known = _forgot(client, "１３８ ００１３ ８０００")  # full-width, as some keyboards type it
    unknown = _forgot(client, "13700137000")
    assert known.status_code == unknown.status_code == 202
    assert known.get_json() == unknown.get_json()
    for code in (first["code"], second["code"]):
        assert code not in known.get_data(as_text=True) and code[:4] not in known.get_data(as_text=True)
    assert len(outbox) == 1 and outbox[0]["phone"] == PHONE
    text = outbox[0]["text"]
    for sent in (first, second):
        assert sent["code_display"] in text and _link(app, sent["code"]) in text
    assert "工伤" in text and "欠薪" in text


def test_forgot_code_is_throttled_per_phone_and_per_address(make_app, make_application):
    app = make_app(RATELIMIT_FORGOT_PER_PHONE="2 per day", RATELIMIT_FORGOT_PER_ADDRESS="5 per hour")
    client = app.test_client()
    make_application(client)
    outbox = app.extensions["sms_sender"] = SmsOutbox()
    # Per phone, whoever asks: a known and an unknown phone run out alike (nothing learnt from the 429).
    for phone in (PHONE, "13700137000"):
        statuses = [_forgot(client, phone, **{"X-Test": str(n)}).status_code for n in range(3)]
        assert statuses == [202, 202, 429], phone
    assert len(outbox) == 2
    # Per address: other phones from the same address stop after five.
    statuses = [_forgot(client, f"1390000{n:04d}").status_code for n in range(2)]
    assert statuses == [429, 429]


@pytest.mark.parametrize("phone", ["1380013800\x00", "\ud800", "1" * 100_000, "", 13800138000, None],
                         ids=["nul", "surrogate", "100k", "empty", "number", "null"])
def test_forgot_code_refuses_what_is_not_a_phone_plainly(client, phone):
    # json.dumps escapes a lone surrogate as \\ud800, as a broken client would send it
    resp = client.post("/api/v1/applications/forgot-code", data=json.dumps({"phone": phone}),
                       content_type="application/json")
    assert resp.status_code == 422, resp.status_code
    body = resp.get_json()
    assert body["code"] == 422 and re.search(r"[\u4e00-\u9fff]", body["message"])


def _limiter_keys(app) -> str:
    """Every key the limiter holds for this app: the memory store's counters and windows, or Redis's keys
    under the app's namespace (CI runs the PostgreSQL tier with REDIS_URL set, as production does)."""
    from server.extensions import limiter
    store = limiter.storage
    if isinstance(getattr(store, "storage", None), dict):
        return " ".join(map(str, [*store.storage, *getattr(store, "events", {})]))
    namespace = app.config["RATELIMIT_NAMESPACE"]
    return " ".join(k.decode() for k in store.storage.scan_iter(f"*{namespace}*"))


def test_the_limiter_and_the_log_keep_no_phone_of_a_forgot_code_request(app, client, make_application, caplog):
    make_application(client)
    app.extensions["sms_sender"] = SmsOutbox()
    _forgot(client, PHONE)
    keys = _limiter_keys(app)
    assert "forgot-code" in keys and PHONE not in keys and PHONE not in caplog.text


# --- item 18: the objection route, the date of the decision, the sweep, 终止法律援助 --------------------------

OBJECTION = ("司法局", "异议", "5 日", "第四十九条")


def test_a_worker_refused_or_not_accepted_is_told_where_to_object_on_the_page_and_by_text(app, client, staff,
                                                                                       make_application):
    outbox = app.extensions["sms_sender"] = SmsOutbox()
    not_accepted, refused = make_application(client), make_application(client)
    act(client, staff, not_accepted["id"], "not_accept", reason_code="not_aid_matter")
    act(client, staff, refused["id"], "accept", checklist=CHECKLIST)
    act(client, staff, refused["id"], "refuse_aid", reason="经核实，你已经自己请了律师")
    for sent in (not_accepted, refused):
        view = _track(client, sent)
        assert all(word in view["next_step"] for word in OBJECTION), view["next_step"]
        text = next(m["text"] for m in reversed(outbox) if sent["code_display"] in m["text"])
        assert all(word in text for word in OBJECTION[:2]), text
        assert "司法行政部门" not in view["next_step"] + text


def test_accepted_says_the_date_of_the_decision_counted_from_receipt(app, client, staff, make_application):
    outbox = app.extensions["sms_sender"] = SmsOutbox()
    sent = make_application(client)
    with app.app_context():  # received three days ago: the decision is due four days from now, not seven
        db.session.get(Application, sent["id"]).created_at -= timedelta(days=3)
        db.session.commit()
    act(client, staff, sent["id"], "accept", checklist=CHECKLIST)
    due = _received_plus(clocks.DECIDE_DAYS - 3)
    view = _track(client, sent)
    assert due in view["next_step"] and "7 日内" not in view["next_step"], view["next_step"]
    assert due in outbox[-1]["text"] and "7 日内" not in outbox[-1]["text"], outbox[-1]["text"]


def _materials_overdue(app, client, make_application, left_on):
    sent = make_application(client, started_on="2025-01-01", last_paid_on="2025-03-01", left_on=left_on.isoformat())
    put_in_stage(app, sent["id"], "materials_requested", materials_due=clocks.today() - timedelta(days=1),
                 came_from="submitted")
    with app.app_context():
        from server.aid.cases.workflow import refresh
        refresh(db.session.get(Application, sent["id"]))
        db.session.commit()
    return sent


def test_the_sweep_puts_an_overdue_case_near_its_limitation_date_before_staff_instead_of_withdrawing(
        app, client, staff, runner, make_application):
    today = clocks.today()
    near = _materials_overdue(app, client, make_application, clocks.add_years(today, -1) + timedelta(days=10))
    far = _materials_overdue(app, client, make_application, today - timedelta(days=60))
    result = runner.invoke(args=["aid", "sweep"])
    assert "视为撤回 1 件" in result.output and "留给工作人员 1 件" in result.output, result.output
    assert _track(client, far)["stage"] == "withdrawn"
    assert _track(client, near)["stage"] == "materials_requested"
    view = client.get(f"/api/v1/cases/{near['id']}", headers=staff).get_json()
    assert view["staff_alert"] and (today + timedelta(days=10)).isoformat() in view["staff_alert"]
    assert view["overdue"] and view["urgent"]
    inbox = client.get("/api/v1/cases?filter=overdue", headers=staff).get_json()
    assert [row["id"] for row in inbox["items"]] == [near["id"]]
    # Staff may still decide to treat it as withdrawn, by hand.
    assert act(client, staff, near["id"], "materials_timeout").status_code == 200


def test_terminating_aid_records_the_ground_and_tells_the_worker_where_to_object(app, client, staff, make_user,
                                                                              make_application):
    outbox = app.extensions["sms_sender"] = SmsOutbox()
    lawyer = lawyer_with_phone(make_user, app)
    sent = make_application(client)
    act(client, staff, sent["id"], "accept", checklist=CHECKLIST)
    act(client, staff, sent["id"], "approve")
    act(client, staff, sent["id"], "assign", lawyer_id=lawyer.id)
    missing = act(client, staff, sent["id"], "terminate")
    assert missing.status_code == 422 and "reason" in missing.get_json()["errors"]["json"]
    resp = act(client, staff, sent["id"], "terminate", reason="工友自己另外请了律师")
    body = resp.get_json()
    assert resp.status_code == 200 and body["stage"] == "terminated" and body["allowed_actions"] == []
    assert body["timeline"][-1]["reason"] == "工友自己另外请了律师"
    view = _track(client, sent)
    assert view["stage_label"] == "终止法律援助" and all(w in view["next_step"] for w in OBJECTION)
    assert "工友自己另外请了律师" in view["timeline"][-1]["note"]
    assert view["lawyer_office_phone"] is None  # the lawyer no longer acts for the worker
    assert "终止" in outbox[-1]["text"] and "异议" in outbox[-1]["text"]


# --- item 25: every stage's words, read for doubled punctuation, doubled prefixes and repeats ----------------

def _page_text(view):
    """What the tracking page shows, as the PWA lays it out: next step, then each step as 「label：note」."""
    lines = [view["next_step"]]
    if view["materials_request"]:
        lines.append(f"要补充：{view['materials_request']['asked']}")
    lines += [f"{e['label']}：{e['note']}" if e["note"] else e["label"] for e in view["timeline"]]
    return "\n".join(lines)


def _problems(text):
    found = []
    if m := re.search(r"[。，：；！？、]{2}", text):
        found.append(f"doubled punctuation {m.group()!r}")
    if m := re.search(r"([\u4e00-\u9fff]{2,12})：\1", text):
        found.append(f"doubled prefix {m.group()!r}")
    # A step that happened twice (assigned twice) is listed twice; any other sentence is said once.
    once = "\n".join(dict.fromkeys(text.split("\n")))
    sentences = [s.strip() for s in re.split(r"[。！？\n]", once) if len(s.strip()) >= 8]
    found += [f"repeated {s!r}" for s in {s for s in sentences if sentences.count(s) > 1}]
    for word in ("司法行政部门", "决定期限接着算", "下一次是", "7 日内会决定"):
        if word in text:
            found.append(f"says {word!r}")
    if text.count("第四十三条") > 1:
        found.append("cites 第四十三条 more than once")
    return found


def test_every_stage_reads_plainly_on_the_tracking_page_and_in_each_text(app, client, staff, auth, make_user,
                                                                        make_application, runner):
    outbox = app.extensions["sms_sender"] = SmsOutbox()
    app.config["RATELIMIT_TRACK"] = "1000 per minute"
    lawyer_a, lawyer_b = lawyer_with_phone(make_user, app), lawyer_with_phone(make_user, app, "李律师", "028-85551234")
    as_lawyer = {lawyer_a.id: auth(client, user=lawyer_a), lawyer_b.id: auth(client, user=lawyer_b)}
    pages = {}

    def read(sent, label):
        pages[label] = _page_text(_track(client, sent))

    main = make_application(client)
    read(main, "submitted")
    steps = [("request_materials", {"asked": "欠条的照片。"}, staff), ("materials_supplied", {"note": "送来了"}, staff),
             ("accept", {"checklist": CHECKLIST}, staff), ("approve", {}, staff),
             ("assign", {"lawyer_id": lawyer_a.id}, staff), ("lawyer_decline", {"reason": "利益冲突。"}, "a"),
             ("assign", {"lawyer_id": lawyer_b.id}, staff), ("lawyer_accept", {}, "b"),
             ("reassign", {"lawyer_id": lawyer_a.id, "reason": "李律师出差"}, staff), ("lawyer_accept", {}, "a"),
             ("progress", {"kind": "arbitration", "note": "立案了", "next_hearing_on": _received_plus(20)}, "a"),
             ("progress", {"kind": "mediation", "note": "约了调解", "next_hearing_on": _received_plus(30)}, "a"),
             ("close", {"outcome": "mediated", "recovered_fen": 1_200_000, "closed_on": "2026-11-20"}, staff),
             ("follow_up", {"reached": True, "satisfaction": 5}, staff)]
    for n, (action, fields, who) in enumerate(steps):
        headers = staff if who is staff else as_lawyer[lawyer_a.id if who == "a" else lawyer_b.id]
        resp = act(client, headers, main["id"], action, **fields)
        assert resp.status_code == 200, (action, resp.get_json())
        read(main, f"{n} {action}")
    ends = {"not_accept": [("not_accept", {"reason": "不属于法律援助的事项。"})],
            "not_accept_code": [("not_accept", {"reason_code": "contractor_dispute"})],
            "refuse_aid": [("accept", {"checklist": CHECKLIST}), ("refuse_aid", {"reason": "经济条件不符合。"})],
            "withdraw": [("withdraw", {"reason": "工友说老板给钱了。"})],
            "terminate": [("accept", {"checklist": CHECKLIST}), ("approve", {}),
                          ("terminate", {"reason": "工友自己请了律师。"})]}
    for label, moves in ends.items():
        sent = make_application(client)
        for action, fields in moves:
            assert act(client, staff, sent["id"], action, **fields).status_code == 200, (label, action)
        read(sent, label)
    timed_out = make_application(client)
    put_in_stage(app, timed_out["id"], "materials_requested", came_from="submitted")
    runner.invoke(args=["aid", "sweep"])
    read(timed_out, "materials_timeout")
    found = {label: _problems(text) for label, text in pages.items()}
    found |= {f"SMS {n}": _problems(m["text"]) for n, m in enumerate(outbox)}
    assert not {k: v for k, v in found.items() if v}, ({k: v for k, v in found.items() if v}, pages)
    # The next hearing says of what, and a page shows the Art. 43 citation at most once.
    assert "下一次仲裁开庭" in pages["10 progress"] and "下一次调解" in pages["11 progress"]


def test_a_lone_surrogate_in_the_phone_does_not_switch_the_limits_off(app, client, make_application):
    """A key made from a broken phone once raised inside Flask-Limiter, which then took its store for dead and
    counted nothing more: the next requests went unlimited. The broken phone is refused; the limits still count."""
    make_application(client)
    app.extensions["sms_sender"] = SmsOutbox()
    refused = client.post("/api/v1/applications/forgot-code", data=json.dumps({"phone": "\ud800"}),
                          content_type="application/json")
    assert refused.status_code == 422
    _forgot(client, PHONE)
    keys = _limiter_keys(app)
    assert "forgot-code-phone" in keys, keys
