"""A worker with no signal brings an overtime amount from 算一算 into the legal-aid application: the review step shows
it with the day its money may be lost, and once the signal is back the case holds it, recomputed by the server, with
its working and its deadline.

The calculator's screens come with another branch; here the amount is put into the draft as attachClaim
(pwa/src/aid/claims.ts) writes it: the calculator, what was answered and the phone's result (the same rules)."""
import re

from playwright.sync_api import expect

from server.aid.cases.clocks import today
from server.aid.models import Application
from server.calculators import compute
from server.extensions import db

from .events_helpers import read_store
from .helpers import cut_network, restore_network, wait_until_offline_ready
from .test_aid_apply import ID_NUMBER, expect_step, next_step
from .test_case_handling import PASSWORD, new_context, sign_in

INPUTS = {"monthly_wage_fen": 500000, "weekday_hours": 20, "period_from": "2026-03-01", "period_to": "2026-03-31",
          "left_on": "2026-06-30"}
# 5000 ÷ 21.75 ÷ 8 = 28.74 an hour; 20 h × 28.74 × 150 % = 862.20 (《劳动法》第四十四条), claimable until 2027-06-30.

PUT_CLAIMS = """claims => new Promise((ok, no) => {
    const open = indexedDB.open('gongyou-fayuan');
    open.onerror = () => no(open.error);
    open.onsuccess = () => {
        const tx = open.result.transaction('aidDrafts', 'readwrite');
        const store = tx.objectStore('aidDrafts');
        const req = store.getAll();
        req.onsuccess = () => {
            const draft = req.result[0];
            draft.answers.claims = claims;
            store.put(draft);
        };
        tx.oncomplete = () => { open.result.close(); ok(); };
        tx.onerror = () => no(tx.error);
    };
})"""


def fill(page):
    """The shortest way through the form for a wage claim (欠薪 chosen by the link), to the review."""
    expect_step(page, 1, "是什么事？")
    next_step(page)
    page.get_by_label("发生了什么").fill("晚上加班没给加班费。")
    next_step(page)
    page.get_by_label("老板、包工头或单位的名字").fill("李老板")
    next_step(page)
    page.get_by_label("工地名称").fill("幸福里工地")
    next_step(page)
    page.get_by_label("哪天开始干活").fill("2026-01-05")  # no leaving day: the claim's date is the case's only one
    for _ in range(4):  # the dates, the amount, the co-workers, the photos
        next_step(page)
    expect_step(page, 9, "申请人是谁？")
    page.get_by_label("姓名").fill("张三")
    page.get_by_label("手机号").fill("13800138000")
    page.get_by_label("身份证号").fill(ID_NUMBER)
    next_step(page)
    page.get_by_label("同意上面的隐私说明").check()
    page.get_by_label("我单独同意提供身份证号").check()
    next_step(page)
    expect_step(page, 11, "核对一遍，再提交")


def submit_offline_then_send(page, live, context):
    """At the review with no signal: submit (the application waits in the outbox), then bring the signal back
    and wait until it has left."""
    page.get_by_role("button", name="提交申请").click()
    expect(page.get_by_text("申请已存在手机上，等待发送。")).to_be_visible()
    assert [e["kind"] for e in read_store(page, "outbox")] == ["aid"]
    restore_network(live, context)
    page.goto(live.url + "/outbox")
    expect(page.get_by_text("没有等待发送的记录")).to_be_visible(timeout=30000)


def test_an_overtime_amount_goes_offline_into_the_application_and_the_case_holds_it(live, context, page):
    page.goto(live.url + "/aid/apply?type=wages")
    wait_until_offline_ready(page)
    cut_network(live, context)
    page.reload()
    fill(page)
    with live.app.app_context():
        result = compute("overtime", INPUTS, today())  # what the phone's engine shows: the same rules, to the fen
        other = compute("overtime", {**INPUTS, "weekday_hours": 2}, today())  # worked out again, not wanted
    page.evaluate(PUT_CLAIMS, [{"calc": "overtime", "label": "加班费", "inputs": INPUTS, "result": result},
                               {"calc": "overtime", "label": "加班费", "inputs": {**INPUTS, "weekday_hours": 2},
                                "result": other}])
    page.reload()
    expect_step(page, 11, "核对一遍，再提交")
    rows = page.get_by_test_id("review-claim")
    expect(rows).to_have_count(2)
    expect(rows.nth(1)).to_contain_text("86.22 元")
    rows.nth(1).get_by_role("button", name="不带").click()
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("算一算：加班费")
    expect(rows).to_contain_text("862.2 元，2027-06-30 后可能拿不回来")
    assert len(read_store(page, "aidDrafts")[0]["answers"]["claims"]) == 1
    submit_offline_then_send(page, live, context)
    with live.app.app_context():
        [application] = db.session.query(Application).all()
        [claim] = application.claims
        assert claim["calc"] == "overtime" and not claim["mismatch"] and claim["inputs"] == INPUTS
        [line] = claim["result"]["lines"]
        assert (line["amount_fen"], line["expires_on"], line["period_from"]) == (86220, "2027-06-30", "2026-03-01")
        assert re.search(r"20 小时 × 每小时 28\.74 元 × 150% = 862\.20 元", line["text"])
        assert "第四十四条" in line["basis"]
        assert application.left_on is None and application.limitation_due_on.isoformat() == "2027-06-30"


def test_staff_read_the_servers_amount_its_deadline_and_the_note_when_the_phone_said_more(
        live, browser, make_user, make_application, axe):
    make_user("staff", app=live.app, username="staff-li", password=PASSWORD, display_name="李干事")
    with live.app.app_context():
        result = compute("overtime", INPUTS, today())
    tampered = {**result, "total_fen": 186220, "lines": [{**result["lines"][0], "amount_fen": 186220}]}
    sent = make_application(live.app.test_client(), claims=[{"calc": "overtime", "inputs": INPUTS,
                                                              "result": tampered}])
    ctx, page = new_context(browser, wide=True)
    try:
        sign_in(page, live, "staff-li", "李干事")
        page.goto(live.url + f"/cases/{sent['id']}")
        box = page.get_by_role("region", name=re.compile("算一算带来的钱"))
        expect(box.get_by_test_id("claim")).to_contain_text("加班费：862.20 元")
        expect(box).to_contain_text("28.74 元 × 150% = 862.20 元")
        expect(box).to_contain_text("2027-06-30 前申请仲裁")
        expect(box.get_by_test_id("claim-mismatch")).to_contain_text("工友手机上算出的合计是 1862.20 元")
        expect(page.get_by_role("region", name="期限")).to_contain_text("加班费的时效：2027-06-30")
        assert axe(page) == [] and page.errors == []
    finally:
        ctx.close()
