"""A worker on a site with no signal applies for legal aid from a card's 怎么申请: one question per
screen, two photos from the gallery (one with GPS in its EXIF, one taken sideways), a reload
loses nothing; when the signal is back the first answer is lost and the outbox tries again, and
the server holds one application with two photos, the phone no copy, and the code tracks it."""
import io
import json
import re

from PIL import Image
from playwright.sync_api import expect
from werkzeug.formparser import parse_form_data

from server.aid import idnumber
from server.aid.intake.schemas import IdNumber
from server.aid.models import Application
from server.extensions import db
from server.idempotency import IdempotencyKey
from server.media.models import Upload
from server.pii import lookup_hash
from tests import photos
from tests.fakes import SmsOutbox

from .events_helpers import PASSWORD, Busy, LoseAnswers, read_store, sign_in_with_password
from .helpers import cut_network, restore_network, wait_for, wait_until_offline_ready

CARD = "wage-iou"  # topic wages, ends with 怎么申请
PHONE = "13800138000"
ID_NUMBER = photos.id_number()


class CountPosts:
    """WSGI middleware that counts the POSTs under a path (to show a retry repeats nothing) and
    keeps each one's body (to see what left the phone)."""

    def __init__(self, app, path_prefix):
        self.wsgi, self.prefix, self.bodies = app.wsgi_app, path_prefix, []
        app.wsgi_app = self

    @property
    def count(self):
        return len(self.bodies)

    def __call__(self, environ, start_response):
        if environ["REQUEST_METHOD"] == "POST" and environ["PATH_INFO"].startswith(self.prefix):
            body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
            environ["wsgi.input"] = io.BytesIO(body)
            self.bodies.append((environ.get("CONTENT_TYPE", ""), body))
        return self.wsgi(environ, start_response)

    def files(self):
        """The photo of every multipart POST kept, as bytes."""
        out = []
        for content_type, body in self.bodies:
            environ = {"REQUEST_METHOD": "POST", "CONTENT_TYPE": content_type, "CONTENT_LENGTH": str(len(body)),
                       "wsgi.input": io.BytesIO(body)}
            _stream, _form, files = parse_form_data(environ)
            for f in files.values():
                if f.name == "file":
                    out.append(f.read())
                f.close()  # a large part was spooled to a temporary file
        return out


def jpeg_file(name, data):
    return {"name": name, "mimeType": "image/jpeg", "buffer": data}


def next_step(page):
    page.get_by_role("button", name="下一步").click()


def expect_step(page, n, title):
    expect(page.get_by_test_id("progress")).to_have_text(f"第 {n} 步，共 11 步")
    expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()


def fill_to_review(page, axe, *, id_number=ID_NUMBER):
    """The form from its first screen (欠薪 already chosen) to the review, mistakes on the way."""
    expect_step(page, 1, "是什么事？")
    expect(page.get_by_role("radio", name=re.compile("欠薪"))).to_have_attribute("aria-checked", "true")
    expect(page.get_by_role("button", name="▶ 朗读").or_(page.get_by_role("note"))).to_be_visible()
    assert axe(page) == []
    next_step(page)

    expect_step(page, 2, "发生了什么？")
    page.get_by_label("发生了什么").fill("干了三个月，老板说工程款没到，一直不发工资。")
    next_step(page)

    expect_step(page, 3, "欠你的是谁？")
    page.get_by_label("老板、包工头或单位的名字").fill("李老板")
    page.get_by_label("他的电话").fill("139 0000")
    next_step(page)
    expect(page.get_by_text("请填写手机号，或者带区号的座机号（比如 028-85556666）。不知道可以不填。")).to_be_visible()
    expect_step(page, 3, "欠你的是谁？")  # an error keeps the screen and what was typed
    expect(page.get_by_label("老板、包工头或单位的名字")).to_have_value("李老板")
    assert axe(page) == []
    page.get_by_label("他的电话").fill("13900001111")
    next_step(page)

    expect_step(page, 4, "在哪里干的活？")
    page.get_by_label("工地名称").fill("幸福里工地")
    page.get_by_label("城市").fill("成都市")
    next_step(page)

    expect_step(page, 5, "几个重要的日子")
    page.get_by_label("哪天开始干活").fill("2026-03-01")
    page.get_by_label("最后一次发工资是哪天").fill("2026-02-01")
    next_step(page)
    expect(page.get_by_text("不能早于开始干活的日期。")).to_be_visible()
    page.get_by_label("最后一次发工资是哪天").fill("2026-06-30")
    next_step(page)

    expect_step(page, 6, "欠你多少钱？")
    page.get_by_label("干了几天没拿到钱").fill("30")
    page.get_by_label("每天多少钱（元）").fill("400")
    expect(page.get_by_role("status").filter(has_text="= 12000 元")).to_be_visible()
    page.get_by_role("button", name="填进上面的金额").click()
    expect(page.get_by_label("欠多少钱（元）")).to_have_value("12000")
    next_step(page)

    expect_step(page, 7, "有工友一起申请吗？")
    page.get_by_role("button", name="＋ 加一位工友").click()
    page.get_by_label("工友 1 的名字").fill("王五")
    next_step(page)

    expect_step(page, 8, "拍照留证据")
    with_gps = photos.jpeg(3000, 2000, gps=True)  # a phone photo: GPS, make, orientation in its EXIF
    sideways = photos.jpeg(3000, 2000, orientation=6, gps=False)  # taken holding the phone upright
    page.get_by_label("从相册选").set_input_files([jpeg_file("iou.jpg", with_gps), jpeg_file("chat.jpg", sideways)])
    expect(page.get_by_test_id("photo-count")).to_have_text("已有 2 张照片")
    expect(page.get_by_role("img", name=re.compile("证据照片"))).to_have_count(2)
    page.get_by_role("group", name="照片 1 快速选").get_by_role("button", name="欠条").click()
    expect(page.get_by_label("照片 1 是什么")).to_have_value("欠条")
    assert axe(page) == []
    next_step(page)

    expect_step(page, 9, "申请人是谁？")
    page.get_by_label("姓名").fill("张三")
    page.get_by_label("手机号").fill("138 0013 8000")
    page.get_by_label("身份证号").fill("110105900307123")
    next_step(page)
    expect(page.get_by_text("这是旧的 15 位身份证号，请填写现在使用的 18 位身份证号")).to_be_visible()
    wrong = id_number[:-1] + ("0" if id_number[-1] != "0" else "1")
    page.get_by_label("身份证号").fill(wrong)
    next_step(page)
    expect(page.get_by_text("身份证号有一位写错了（最后一位对不上），请逐位核对。")).to_be_visible()
    page.get_by_label("身份证号").fill(id_number)
    page.get_by_label("老家").fill("四川省广安市")
    next_step(page)

    expect_step(page, 10, "同意与承诺")
    expect(page.get_by_test_id("means-test")).to_contain_text("免予核查经济困难状况")
    expect(page.get_by_test_id("means-test")).to_contain_text("第四十二条")
    next_step(page)
    expect(page.get_by_text("请先阅读并同意隐私说明。")).to_be_visible()
    expect(page.get_by_text("需要你单独同意才能提交")).to_be_visible()
    page.get_by_label("同意上面的隐私说明").check()
    page.get_by_label("我单独同意提供身份证号").check()
    assert axe(page) == []
    next_step(page)
    expect_step(page, 11, "核对一遍，再提交")


def test_worker_applies_offline_with_two_photos_and_it_is_sent_once(live, context, page, axe):
    page.goto(live.url + f"/cards/{CARD}")
    wait_until_offline_ready(page)

    cut_network(live, context)
    page.reload()
    page.get_by_role("link", name=re.compile("怎么申请")).click()
    expect(page).to_have_url(live.url + "/aid/apply?type=wages")
    fill_to_review(page, axe)

    # The phone is put away; the form opens again as it was left, photos and all.
    page.reload()
    expect_step(page, 11, "核对一遍，再提交")
    review = page.get_by_test_id("review")
    for shown in ("欠薪", "李老板", "13900001111", "幸福里工地", "2026-03-01", "12000 元", "王五", "2 张", "张三",
                  ID_NUMBER):
        expect(review).to_contain_text(shown)
    page.get_by_role("button", name="改：证据照片").click()
    expect(page.get_by_test_id("photo-count")).to_have_text("已有 2 张照片")
    expect(page.get_by_label("照片 1 是什么")).to_have_value("欠条")
    page.get_by_role("button", name="上一步").click()
    expect(page.get_by_label("工友 1 的名字")).to_have_value("王五")
    for _ in range(4):
        next_step(page)
    expect_step(page, 11, "核对一遍，再提交")
    assert axe(page) == []
    draft = read_store(page, "aidDrafts")
    assert len(draft) == 1
    key = draft[0]["id"]

    page.get_by_role("button", name="提交申请").click()
    expect(page).to_have_url(live.url + f"/aid/sent/{key}")
    expect(page.get_by_text("申请已存在手机上，等待发送。")).to_be_visible()
    assert read_store(page, "aidDrafts") == []
    assert [e["kind"] for e in read_store(page, "outbox")] == ["aid"]
    page.goto(live.url + "/outbox")
    expect(page.get_by_text("法律援助申请：欠薪（张三）")).to_be_visible()
    with live.app.app_context():
        assert db.session.query(Application).count() == 0

    # The signal comes back; the server takes the application but its answer is lost.
    uploads_sent = CountPosts(live.app, "/api/v1/uploads")
    applications_sent = CountPosts(live.app, "/api/v1/applications")
    lost = LoseAnswers(live.app, "/api/v1/applications")
    restore_network(live, context)
    expect(page.get_by_text("没有等待发送的记录")).to_be_visible(timeout=30000)  # sent on `online`, from 待发送
    assert lost.lost and lost.lost[0][0].startswith("201"), lost.lost
    # The photos went once each; only the application whose answer was lost went again.
    assert (uploads_sent.count, applications_sent.count) == (2, 2)
    # What left the phone: JPEGs of at most 1600 px, upright, with no EXIF at all (so no GPS).
    assert len(uploads_sent.files()) == 2
    for sent_photo in uploads_sent.files():
        with Image.open(io.BytesIO(sent_photo)) as img:
            assert img.format == "JPEG" and max(img.size) == 1600, img.size
            assert not img.getexif() and "exif" not in img.info
    page.goto(live.url + f"/aid/sent/{key}")
    code = page.get_by_test_id("tracking-code")
    expect(code).to_be_visible()
    expect(page.get_by_role("button", name="复制")).to_be_visible()
    expect(page.get_by_text("请把查询码抄在纸上，或者拍下来。")).to_be_visible()
    assert axe(page) == []

    with live.app.app_context():
        apps = db.session.query(Application).all()
        assert len(apps) == 1
        application = apps[0]
        assert application.client_id == key and application.phone_hash == lookup_hash(PHONE)
        assert application.amount_owed_fen == 1_200_000 and application.employer_name == "李老板"
        assert application.means_test == "art42_exempt" and [c["name"] for c in application.coworkers] == ["王五"]
        uploads = db.session.query(Upload).order_by(Upload.created_at).all()
        assert [u.application_id for u in uploads] == [application.id] * 2
        assert [u.submission_id for u in uploads] == [key] * 2
        assert sorted(u.label for u in uploads) == ["", "欠条"]
        # Shrunk on the phone with the orientation applied: 3000×2000 → 1600×1067, the sideways one 1067×1600.
        assert sorted((u.width, u.height) for u in uploads) == [(1067, 1600), (1600, 1067)]
        assert db.session.get(IdempotencyKey, key).status_code == 201
        shown_code = application.code

    # The phone keeps the code and nothing else: no ID number, no photos, nothing queued.
    assert code.inner_text().replace("-", "") == shown_code
    assert read_store(page, "outbox") == []
    assert read_store(page, "aidPhotos") == [] and read_store(page, "aidDrafts") == []
    sent = read_store(page, "aidSent")
    assert [(s["id"], s["code"]) for s in sent] == [(key, shown_code)]
    everything = json.dumps([read_store(page, s) for s in ("outbox", "aidDrafts", "aidPhotos", "aidSent", "kv")],
                            ensure_ascii=False)
    assert ID_NUMBER not in everything and "13800138000" not in everything

    # Tracking by code and phone.
    page.get_by_role("link", name="查进度").click()
    expect(page.get_by_label("查询码")).to_have_value(shown_code)
    page.get_by_label("申请时填的手机号").fill(PHONE)
    page.get_by_role("button", name="查进度").click()
    track = page.get_by_test_id("track")
    expect(track).to_contain_text("现在：收到申请")
    expect(track).to_contain_text("你的申请已经送到法律援助机构。")
    expect(track).to_contain_text("照片 2 张")
    assert axe(page) == []

    # 援助 and 待发送 list it as sent, with its code.
    display = f"{shown_code[:4]}-{shown_code[4:]}"
    page.goto(live.url + "/aid")
    expect(page.get_by_role("link", name=re.compile(f"查询码 {display}"))).to_be_visible()
    page.goto(live.url + "/outbox")
    expect(page.get_by_text("没有等待发送的记录")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(f"法律援助申请：欠薪 · 查询码 {display}"))).to_be_visible()


def test_the_phones_back_button_steps_back_through_the_forms_screens(live, page):
    page.goto(live.url + "/aid")
    page.get_by_role("link", name="申请法律援助", exact=True).click()
    expect_step(page, 1, "是什么事？")
    page.get_by_role("radio", name=re.compile("欠薪")).click()
    next_step(page)
    expect_step(page, 2, "发生了什么？")
    page.get_by_label("发生了什么").fill("干了三个月没拿到钱。")
    next_step(page)
    expect_step(page, 3, "欠你的是谁？")
    page.get_by_label("老板、包工头或单位的名字").fill("李老板")
    page.go_back()
    expect_step(page, 2, "发生了什么？")
    expect(page.get_by_label("发生了什么")).to_have_value("干了三个月没拿到钱。")
    page.go_forward()
    expect_step(page, 3, "欠你的是谁？")
    expect(page.get_by_label("老板、包工头或单位的名字")).to_have_value("李老板")
    # 上一步 and the back button agree: both go to the screen before, and back again leaves the form.
    page.get_by_role("button", name="上一步").click()
    expect_step(page, 2, "发生了什么？")
    page.go_back()
    expect_step(page, 1, "是什么事？")
    expect(page.get_by_role("radio", name=re.compile("欠薪"))).to_have_attribute("aria-checked", "true")
    page.go_back()
    expect(page).to_have_url(live.url + "/aid")
    expect(page.get_by_role("link", name="继续填写申请（第 1 步）")).to_be_visible()


def test_an_application_the_server_refuses_is_corrected_in_the_form_with_the_same_key(live, page, axe, monkeypatch):
    """A refusal the phone could not foresee (here a rule newer than the phone's copy of the app) comes
    back as a correction: 待发送 says why, 去改正 reopens the form as it was sent, and it goes with the
    same key. (The region code no longer serves: it is never a reason to refuse, issue 18.)"""
    refused = photos.id_number(birth="19880808")
    first_rule = idnumber.normalise

    def newer_rule(raw):
        number = first_rule(raw)
        if number == refused:
            raise idnumber.InvalidIdNumber("身份证号和登记的对不上，请对照身份证核对。")
        return number

    monkeypatch.setattr(idnumber, "normalise", newer_rule)
    monkeypatch.setattr(IdNumber, "normalise", staticmethod(newer_rule))  # the request field's own reference
    page.goto(live.url + "/aid/apply?type=injury&employer=城南劳务&site=幸福里工地")
    wait_for(page, "document.querySelector('[data-testid=progress]') !== null")
    expect(page.get_by_role("radio", name=re.compile("工伤"))).to_have_attribute("aria-checked", "true")
    next_step(page)
    next_step(page)
    expect(page.get_by_label("老板、包工头或单位的名字")).to_have_value("城南劳务")  # filled from the link
    next_step(page)
    expect(page.get_by_label("工地名称")).to_have_value("幸福里工地")
    for _ in range(5):
        next_step(page)
    expect_step(page, 9, "申请人是谁？")
    page.get_by_label("姓名").fill("赵六")
    page.get_by_label("手机号").fill("13912345678")
    page.get_by_label("身份证号").fill(refused)
    next_step(page)
    page.get_by_label("同意上面的隐私说明").check()
    page.get_by_label("我单独同意提供身份证号").check()
    next_step(page)
    page.get_by_role("button", name="提交申请").click()
    expect(page.get_by_text("申请没有送到")).to_be_visible(timeout=20000)
    key = page.url.rsplit("/", 1)[1]
    assert [(e["id"], e["state"]) for e in read_store(page, "outbox")] == [(key, "rejected")]

    page.goto(live.url + "/outbox")
    expect(page.get_by_text("身份证号")).to_be_visible()
    assert axe(page) == []
    page.get_by_role("link", name=re.compile("去改正")).click()
    # The form opens on the screen of the field the server refused, its reason beside that field.
    expect_step(page, 9, "申请人是谁？")
    id_box = page.get_by_label("身份证号")
    expect(id_box).to_have_attribute("aria-invalid", "true")
    reason = page.locator("#ap-id_number-error")
    expect(reason).to_contain_text("身份证号")
    assert "ap-id_number-error" in id_box.get_attribute("aria-describedby")
    expect(page.get_by_role("alert")).to_have_text("有 1 处要改一下，看红字。")
    expect(page.locator("#ap-applicant_name-error")).to_have_count(0)  # only what the server said
    assert axe(page) == []
    # Looking elsewhere first does not lose the reason: it is there when the worker comes back.
    page.get_by_role("button", name="上一步").click()
    expect_step(page, 8, "拍照留证据")
    page.go_back()
    expect_step(page, 9, "申请人是谁？")
    expect(reason).to_be_visible()
    id_box.fill(ID_NUMBER)
    expect(reason).to_have_count(0)  # changed: the server's old reason goes
    for _ in range(2):
        next_step(page)
    expect_step(page, 11, "核对一遍，再提交")
    expect(page.get_by_role("alert")).to_contain_text("上次没有送到")
    expect(page.get_by_test_id("review")).to_contain_text("赵六")
    page.get_by_role("button", name="提交申请").click()
    expect(page).to_have_url(live.url + f"/aid/sent/{key}")
    expect(page.get_by_test_id("tracking-code")).to_be_visible(timeout=20000)
    with live.app.app_context():
        assert [a.client_id for a in db.session.query(Application).all()] == [key]
    assert read_store(page, "outbox") == [] and read_store(page, "aidDrafts") == []


def test_a_volunteer_applies_for_a_worker_and_signing_out_leaves_nothing_on_the_phone(live, page, make_user, axe):
    volunteer = make_user("volunteer", app=live.app, username="xiaoli", password=PASSWORD, display_name="志愿者小李")
    sign_in_with_password(page, live, "xiaoli")
    page.goto(live.url + "/aid/apply?type=wages")
    expect_step(page, 1, "是什么事？")
    for _ in range(8):
        next_step(page)
    expect_step(page, 9, "申请人是谁？")
    expect(page.get_by_text("你在代工友填写：这里填工友本人的信息。")).to_be_visible()
    page.get_by_label("姓名").fill("孙七")
    page.get_by_label("手机号").fill("13712345678")
    page.get_by_label("身份证号").fill(ID_NUMBER)
    next_step(page)
    page.get_by_label("同意上面的隐私说明").check()
    page.get_by_label("我单独同意提供身份证号").check()
    next_step(page)
    expect(page.get_by_text("代工友提交前，请确认工友本人已经同意以上内容。")).to_be_visible()
    page.get_by_label("工友本人已经知道并同意以上内容").check()
    assert axe(page) == []
    next_step(page)
    page.get_by_role("button", name="提交申请").click()
    expect(page.get_by_test_id("tracking-code")).to_be_visible(timeout=20000)
    with live.app.app_context():
        (application,) = db.session.query(Application).all()
        assert application.on_behalf and application.worker_consent_confirmed
        assert (application.submitted_by_id, application.submitted_by_role) == (volunteer.id, "volunteer")

    # The next worker's application is started, with a photo, when the volunteer has to go.
    page.goto(live.url + "/aid/apply")
    expect_step(page, 1, "是什么事？")
    page.get_by_role("radio", name=re.compile("工伤")).click()
    for _ in range(7):
        next_step(page)
    page.get_by_label("从相册选").set_input_files([jpeg_file("badge.jpg", photos.jpeg(800, 600, gps=True))])
    expect(page.get_by_test_id("photo-count")).to_have_text("已有 1 张照片")
    assert len(read_store(page, "aidPhotos")) == 1 and len(read_store(page, "aidSent")) == 1

    page.goto(live.url + "/me")
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.accept()))
    page.get_by_role("button", name="退出登录").click()
    expect(page.get_by_text("已退出登录")).to_be_visible()
    assert asked and "退出登录会把它们从手机上删掉" in asked[0], asked
    for store in ("aidDrafts", "aidPhotos", "aidSent", "outbox"):
        assert read_store(page, store) == [], store


def test_a_worker_signed_in_by_phone_finds_their_applications_without_the_code(live, page, make_application, axe):
    applied = make_application(live.app.test_client(), photos=1, phone="13812345678", case_type="injury")
    sms = live.app.extensions["sms_sender"] = SmsOutbox()
    page.goto(live.url + "/me")
    page.get_by_label("手机号").fill("13812345678")
    page.get_by_role("button", name="获取验证码").click()
    expect(page.get_by_role("button", name="秒后重发")).to_be_disabled()  # the code is on its way
    page.get_by_label("验证码").fill(sms.last_code("13812345678"))
    page.get_by_role("button", name="登录", exact=True).click()
    expect(page.get_by_text("已登录 · 工友")).to_be_visible()

    page.get_by_role("link", name=re.compile("我的法律援助申请")).click()
    expect(page).to_have_url(live.url + "/aid")
    mine = page.get_by_test_id("track")
    expect(mine).to_have_count(1)
    expect(mine).to_contain_text(f"工伤 · 查询码 {applied['code_display']}")
    expect(mine).to_contain_text("现在：收到申请")
    expect(mine).to_contain_text("照片 1 张")
    assert axe(page) == []


def test_photos_the_server_let_go_of_are_sent_again_with_the_same_ids(live, page):
    """The application came too late for its photos (the server sweeps unattached ones after a
    day): the server answers upload_missing, and the phone sends the same photos again, then the
    application, without asking the worker anything."""
    busy = Busy(live.app, "/api/v1/applications", retry_after=6)
    uploads_sent = CountPosts(live.app, "/api/v1/uploads")
    page.goto(live.url + "/aid/apply?type=wages")
    for _ in range(7):
        next_step(page)
    expect_step(page, 8, "拍照留证据")
    page.get_by_label("从相册选").set_input_files([jpeg_file("a.jpg", photos.jpeg(900, 600)),
                                               jpeg_file("b.jpg", photos.jpeg(600, 900))])
    expect(page.get_by_test_id("photo-count")).to_have_text("已有 2 张照片")
    next_step(page)
    page.get_by_label("姓名").fill("钱八")
    page.get_by_label("手机号").fill("13512345678")
    page.get_by_label("身份证号").fill(ID_NUMBER)
    next_step(page)
    page.get_by_label("同意上面的隐私说明").check()
    page.get_by_label("我单独同意提供身份证号").check()
    next_step(page)
    page.get_by_role("button", name="提交申请").click()
    expect(page.get_by_text("申请已存在手机上，等待发送。")).to_be_visible()

    for _ in range(100):  # the photos are in, the application was told to wait: the sweep runs now
        if busy.seen:
            break
        page.wait_for_timeout(100)
    assert busy.seen and uploads_sent.count == 2
    with live.app.app_context():
        db.session.query(Upload).delete()
        db.session.commit()

    expect(page.get_by_test_id("tracking-code")).to_be_visible(timeout=30000)
    assert uploads_sent.count == 4  # the same two again
    with live.app.app_context():
        (application,) = db.session.query(Application).all()
        assert db.session.query(Upload).filter(Upload.application_id == application.id).count() == 2
    assert read_store(page, "aidPhotos") == []
