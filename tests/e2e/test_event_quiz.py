"""有奖知识问答 at an event (issue 25): an attendee signs up, is checked in at the gate, takes the quiz on their own
phone with no signal and hands it in; back online it is sent once and the server's score says passed. The volunteer
marks the prize from two phones (one of them offline at the time): it is counted once, and the second phone is
told 已经领过. The office's dashboard shows one prize and the pass rate."""
import re
import time
from datetime import timedelta

from playwright.sync_api import expect

from server.cards.models import QuizQuestion
from server.clock import china_time, utcnow
from server.events.models import CheckIn, QuizResult
from server.extensions import db

from .events_helpers import assign_volunteer, make_event, read_store, sign_in_with_password
from .helpers import wait_until_offline_ready
from .test_office_jobs import PASSWORD as OFFICE_PASSWORD
from .test_office_jobs import sign_in as office_sign_in

SCAN = "t => window.gyScanner.onScanned(t).then(r => r.kind)"


def wait_for(check, what, seconds=20):
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, what
        time.sleep(0.2)


def rows(live, model, event_id):
    with live.app.app_context():
        return db.session.query(model).filter(model.event_id == event_id).all()


def volunteer_phone(browser, live, event_id):
    ctx = browser.new_context(locale="zh-CN", viewport={"width": 360, "height": 740}, is_mobile=True,
                              service_workers="allow")
    ctx.set_default_timeout(15000)
    phone = ctx.new_page()
    sign_in_with_password(phone, live, "xiaoli")
    phone.goto(live.url + f"/checkin/{event_id}")
    phone.get_by_role("button", name=re.compile("下载名单|更新名单")).click()
    expect(phone.get_by_text(re.compile("名单已存到手机上"))).to_be_visible()
    return ctx, phone


def test_an_attendee_takes_the_quiz_offline_and_gets_the_prize_once(live, browser, context, page, auth, make_user,
                                                                    axe):
    event, staff, client = make_event(live, auth, title="有奖问答：讨薪知多少")
    assign_volunteer(live, client, staff, event, make_user)

    # Staff set the quiz in the event's edit screen: 3 questions, 2 right to pass.
    make_user("staff", app=live.app, username="root", password=OFFICE_PASSWORD)
    office = office_sign_in(browser, live.url)
    office.goto(live.url + f"/office/events/{event['id']}/edit")
    office.get_by_label("有奖知识问答：题目数（不填就是不办）").fill("3")
    office.get_by_label("答对几题及格").fill("4")
    office.get_by_role("button", name="保存").click()
    expect(office.get_by_text("及格题数不能多于题目数。").first).to_be_visible()
    office.get_by_label("答对几题及格").fill("2")
    office.get_by_role("button", name="保存").click()
    expect(office).to_have_url(live.url + f"/office/events/{event['id']}")
    assert axe(office) == []
    quiz = client.get(f"/api/v1/events/{event['id']}").get_json()["quiz"]
    assert (quiz["question_count"], quiz["pass_mark"], len(quiz["questions"])) == (3, 2, 3)
    with live.app.app_context():
        right = {q.key: q.answer for q in db.session.query(QuizQuestion).filter(
            QuizQuestion.key.in_([q["id"] for q in quiz["questions"]]))}

    # The worker signs up with signal on their own phone; 我的报名 offers the quiz (and loads it ahead).
    page.goto(live.url + f"/events/{event['id']}")
    wait_until_offline_ready(page)
    page.get_by_label("姓名").fill("王师傅")
    page.get_by_label("手机号").fill("13800138066")
    page.get_by_role("button", name="报名", exact=True).click()
    expect(page.get_by_role("img", name="王师傅的签到二维码")).to_be_visible()
    to_quiz = page.get_by_role("link", name="有奖知识问答（签到后参加）")
    expect(to_quiz).to_be_visible()
    token = read_store(page, "mine")[0]["qrToken"]

    # At the gate the volunteer scans the code (with signal: the check-in reaches the server).
    ctx_a, phone_a = volunteer_phone(browser, live, event["id"])
    assert phone_a.evaluate(SCAN, token) == "done"
    wait_for(lambda: len(rows(live, CheckIn, event["id"])) == 1, "the check-in reached the server")

    # No signal for the worker: the quiz opens, is answered and handed in on the phone.
    context.set_offline(True)
    to_quiz.click()
    expect(page.get_by_role("heading", name="有奖知识问答")).to_be_visible()
    for q in quiz["questions"]:
        group = page.get_by_role("group", name=re.compile(re.escape(q["question"])))
        group.get_by_label(right[q["id"]], exact=True).check()  # exact: "2 倍" beside "经济补偿和 2 倍赔偿金一起拿"
    assert axe(page) == []
    page.get_by_role("button", name="交卷").click()
    expect(page.get_by_text("已交卷，等待发送")).to_be_visible()
    assert [e["kind"] for e in read_store(page, "outbox")] == ["quiz"]
    assert rows(live, QuizResult, event["id"]) == []

    # Signal again: sent once, scored by the server.
    context.set_offline(False)
    expect(page.get_by_text("答对 3 题，共 3 题：及格了！请找志愿者领奖品。")).to_be_visible(timeout=20000)
    assert read_store(page, "outbox") == []
    results = rows(live, QuizResult, event["id"])
    assert [(r.score, r.passed, r.prize_at) for r in results] == [(3, True, None)]

    # Two volunteer phones see who passed; phone B has no signal when it marks the prize.
    ctx_b, phone_b = volunteer_phone(browser, live, event["id"])
    phone_a.get_by_role("button", name="更新名单").click()
    prize_a = phone_a.get_by_role("button", name="发奖品：王师傅（尾号 8066）")
    expect(prize_a).to_be_visible()
    expect(phone_b.get_by_text("有奖知识问答：交卷 1 人，及格 1 人")).to_be_visible()
    ctx_b.set_offline(True)
    phone_b.get_by_role("button", name="发奖品：王师傅（尾号 8066）").click()
    expect(phone_b.get_by_text("已发，待同步")).to_be_visible()
    prize_a.click()
    expect(phone_a.get_by_text("已领奖品")).to_be_visible(timeout=20000)
    wait_for(lambda: rows(live, QuizResult, event["id"])[0].prize_at is not None, "phone A's prize reached the server")
    with phone_b.expect_response(lambda r: r.url.endswith("/api/v1/sync")) as answer:
        ctx_b.set_offline(False)
    assert "已经领过" in answer.value.json()["results"][0]["message"]
    expect(phone_b.get_by_text("已领奖品")).to_be_visible()
    assert len([r for r in rows(live, QuizResult, event["id"]) if r.prize_at]) == 1
    ctx_a.close()
    ctx_b.close()

    # The office's dashboard: one quiz taken, passed, one prize.
    day = china_time(utcnow()).date()
    office.goto(live.url + f"/office/stats?from={day - timedelta(days=1)}&to={day + timedelta(days=3)}")
    expect(office.locator('tr[data-figure="events.quiz_takers"] td.stats-value')).to_have_text("1")
    expect(office.locator('tr[data-figure="events.quiz_pass_rate"] td.stats-value')).to_have_text("100.0%")
    expect(office.locator('tr[data-figure="events.prizes"] td.stats-value')).to_have_text("1")
    expect(office.locator('tr[data-figure="events.prizes"]')).to_contain_text("有奖问答：讨薪知多少")
    office.context.close()
