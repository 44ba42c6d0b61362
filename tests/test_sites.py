"""Sites (issue 23): the board's facts for anyone, the printed board (A4 and A3, PDF and PNG, QR read back), the
office's own sites only, and applications and events linked to a site."""
import io
from datetime import datetime, timedelta, timezone

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from server.aid.models import Application
from server.extensions import db
from tests.test_errors import assert_error

BOARD = {"name": "锦江区幸福里二期住宅项目", "address": "成都市锦江区幸福路 18 号", "division": "510104",
         "owner": "成都幸福里置业有限公司", "contractor": "四川某某建设集团有限公司",
         "subcontractor": "成都某某劳务有限公司", "wage_officer": "王建国", "wage_officer_phone": "138 0000 1234",
         "pay_day": "每月15日", "minimum_wage": "月2100元、小时22元", "inspection": "锦江区劳动保障监察大队",
         "inspection_phone": "028-86661234"}


@pytest.fixture
def offices(app, client, auth):
    admin = auth(client, "admin")
    with app.app_context():
        root = admin.user.office_id

    def office(parent, name, division, phone=""):
        resp = client.post("/api/v1/offices", json={"parent_id": parent, "name": name, "kind": "legal_aid",
                                                    "division": division, "phone": phone}, headers=admin)
        assert resp.status_code == 201, resp.get_json()
        return resp.get_json()["id"]

    city = office(root, "成都市法律援助中心", "510100")
    jinjiang = office(city, "锦江区法律援助中心", "510104", phone="028-86660000")
    qingyang = office(city, "青羊区法律援助中心", "510105")
    return {"jinjiang": auth(client, "staff", office_id=jinjiang),
            "qingyang": auth(client, "staff", office_id=qingyang),
            "city": auth(client, "staff", office_id=city), "ids": {"jinjiang": jinjiang, "qingyang": qingyang}}


@pytest.fixture
def site(client, offices):
    resp = client.post("/api/v1/sites", json=BOARD, headers=offices["jinjiang"])
    assert resp.status_code == 201, resp.get_json()
    return resp.get_json()


def test_anyone_reads_the_board_facts_with_an_etag_and_no_office_internals(client, site):
    assert len(site["code"]) == 8 and set(site["code"]) <= set("34679ACDEFGHJKMNPQRTUVWXY")
    resp = client.get(f"/api/v1/sites/{site['code_display'].lower()}")  # as typed off the board
    assert resp.status_code == 200, resp.get_json()
    body = resp.get_json()
    assert body["contractor"] == BOARD["contractor"] and body["division_name"] == "成都市锦江区"
    assert body["wage_officer_phone"] == "13800001234"  # the work phone the board must show (条例第三十四条)
    assert body["office_name"] == "锦江区法律援助中心"
    phones = [h["phone"] for h in body["hotlines"]]
    assert phones == ["028-86660000", "028-86661234", "12348", "12333", "12345"]
    assert not {"id", "office_id", "board_printed_at", "application_count"} & set(body)
    again = client.get(f"/api/v1/sites/{site['code']}", headers={"If-None-Match": resp.headers["ETag"]})
    assert again.status_code == 304 and not again.data
    assert_error(client.get("/api/v1/sites/AAAA3333"), 404)
    assert_error(client.get("/api/v1/sites/%00%ED%A0%80"), 404)


def test_the_printed_board_carries_the_facts_and_a_qr_that_opens_the_site_page(app, client, site, offices):
    url = f"{app.config['PUBLIC_URL'].rstrip('/')}/s/{site['code']}"
    for size, points, pixels in (("A4", (595, 842), (2480, 3508)), ("A3", (842, 1191), (3508, 4961))):
        pdf = client.get(f"/api/v1/sites/{site['code']}/board.pdf?size={size}", headers=offices["jinjiang"])
        assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
        page = PdfReader(io.BytesIO(pdf.data)).pages[0]
        assert tuple(round(float(v)) for v in page.mediabox[2:]) == points
        text = page.extract_text().replace(" ", "").replace("\n", "")
        for fact in ("维权信息告示牌", "锦江区幸福里二期住宅项目", BOARD["owner"], BOARD["contractor"],
                     BOARD["subcontractor"], "王建国", "13800001234", "每月15日", "028-86661234", "12333", "12345",
                     "12348", site["code_display"]):
            assert fact in text, fact
        png = client.get(f"/api/v1/sites/{site['code']}/board.png?size={size}", headers=offices["jinjiang"])
        assert png.status_code == 200 and png.mimetype == "image/png"
        img = Image.open(io.BytesIO(png.data))
        assert img.size == pixels and round(img.info["dpi"][0]) == 300
        assert [d.text for d in zxingcpp.read_barcodes(img)] == [url]
    printed = client.get("/api/v1/sites", headers=offices["jinjiang"]).get_json()[0]
    assert printed["board_printed_at"] is not None
    assert_error(client.get(f"/api/v1/sites/{site['code']}/board.pdf?size=A5", headers=offices["jinjiang"]), 422)


def test_a_site_of_a_sibling_office_is_neither_listed_nor_editable_nor_printable(client, site, offices):
    sibling = offices["qingyang"]
    assert client.get("/api/v1/sites", headers=sibling).get_json() == []
    assert_error(client.patch(f"/api/v1/sites/{site['code']}", json={"pay_day": "每月1日"}, headers=sibling), 404)
    assert_error(client.get(f"/api/v1/sites/{site['code']}/records", headers=sibling), 404)
    assert_error(client.get(f"/api/v1/sites/{site['code']}/board.png", headers=sibling), 404)
    assert_error(client.get(f"/api/v1/cases?site={site['code']}", headers=sibling), 404)
    above = offices["city"]  # the office above sees and edits it
    assert [s["code"] for s in client.get("/api/v1/sites?q=幸福里", headers=above).get_json()] == [site["code"]]
    assert [s["code"] for s in client.get(f"/api/v1/sites?q={site['code'][:5]}", headers=above).get_json()] == [
        site["code"]]
    assert client.get("/api/v1/sites?q=没有这个", headers=above).get_json() == []
    resp = client.patch(f"/api/v1/sites/{site['code']}", json={"pay_day": "每月10日"}, headers=above)
    assert resp.status_code == 200 and resp.get_json()["pay_day"] == "每月10日"


def test_an_application_from_the_board_is_filled_from_the_site_and_shows_under_it(app, client, site, offices,
                                                                                   make_application):
    sent = make_application(client, site_code=site["code_display"], employer_name="", contractor="", site="",
                            project="", employer_phone=None)
    with app.app_context():
        application = db.session.get(Application, sent["id"])
        assert application.site_id == site["id"] and application.site_division == "510104"
        assert (application.employer_name, application.contractor, application.owner) == (
            BOARD["subcontractor"], BOARD["contractor"], BOARD["owner"])
        assert application.office_id == offices["ids"]["jinjiang"]  # routed by the site's district
    make_application(client, phone="13800138001")  # another case, from no site
    staff = offices["jinjiang"]
    inbox = client.get(f"/api/v1/cases?site={site['code']}", headers=staff).get_json()
    assert [row["id"] for row in inbox["items"]] == [sent["id"]]
    everything = client.get("/api/v1/cases", headers=staff).get_json()
    assert everything["sites"] == [{"code": site["code"], "name": BOARD["name"], "count": 1}]
    case = client.get(f"/api/v1/cases/{sent['id']}", headers=staff).get_json()
    assert case["linked_site"]["code"] == site["code"] and case["linked_site"]["name"] == BOARD["name"]
    assert case["owner"] == BOARD["owner"]
    records = client.get(f"/api/v1/sites/{site['code']}/records", headers=staff).get_json()
    assert [a["id"] for a in records["applications"]] == [sent["id"]] and records["application_count"] == 1


def test_an_unknown_or_finished_site_code_is_refused_in_plain_chinese(client, site, offices, make_application):
    body = make_application(client, site_code="AAAA-3333", expect=422)
    assert "工地编号" in body["message"] and body["errors"]["json"]["site_code"]
    assert client.patch(f"/api/v1/sites/{site['code']}", json={"status": "finished"},
                        headers=offices["jinjiang"]).status_code == 200
    body = make_application(client, site_code=site["code"], expect=422)
    assert body["error_code"] == "site_finished"


def test_events_link_to_a_site_and_show_on_its_page(client, site, offices):
    staff = offices["jinjiang"]
    soon = (datetime.now(timezone.utc) + timedelta(days=3)).isoformat()
    event = {"title": "工地法律讲座", "kind": "site_visit", "starts_at": soon, "place": "幸福里工地食堂",
             "status": "published"}
    assert_error(client.post("/api/v1/events", json={**event, "site_code": "AAAA3333"}, headers=staff), 422)
    made = client.post("/api/v1/events", json={**event, "site_code": site["code_display"]}, headers=staff)
    assert made.status_code == 201 and made.get_json()["site_code"] == site["code"]
    page = client.get(f"/api/v1/sites/{site['code']}").get_json()
    assert [e["title"] for e in page["events"]] == ["工地法律讲座"]
    records = client.get(f"/api/v1/sites/{site['code']}/records", headers=staff).get_json()
    assert [e["id"] for e in records["events"]] == [made.get_json()["id"]]


@pytest.mark.parametrize("field,value", [("wage_officer_phone", "12"), ("division", "999999"),
                                         ("name", "\x00工地"), ("status", "closed"), ("name", "工" * 500)])
def test_hostile_site_fields_get_a_clean_422(client, offices, field, value):
    body = assert_error(client.post("/api/v1/sites", json={**BOARD, field: value}, headers=offices["jinjiang"]), 422)
    assert field in body["errors"]["json"]


@pytest.fixture
def shells(tmp_path):
    (tmp_path / "index.html").write_text("<!doctype html><title>工友法援</title><h1>首页</h1>")
    (tmp_path / "s-_.html").write_text('<!doctype html><title>工地信息 - 工友法援</title><div class="page">'
                                      '<p class="loading" role="status">正在打开，请稍等…</p></div>')
    return tmp_path


def test_a_site_page_opened_cold_carries_the_board_facts_in_its_first_html(make_app, make_user, auth, shells):
    app = make_app(PWA_DIST=str(shells))
    client = app.test_client()
    staff = auth(client, "staff")
    site = client.post("/api/v1/sites", json=BOARD, headers=staff).get_json()
    page = client.get(f"/s/{site['code']}", headers={"Accept-Encoding": "identity"})
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert "Content-Security-Policy" in page.headers and page.headers["Cache-Control"] == "no-cache"
    text = page.get_data(as_text=True)
    assert "工地信息 - 工友法援" in text and text.index(BOARD["contractor"]) < text.index("正在打开")
    for fact in (BOARD["owner"], BOARD["subcontractor"], "王建国", "每月15日", 'href="tel:13800001234"',
                 'href="tel:12333"'):
        assert fact in text, fact
    again = client.get(f"/s/{site['code']}",
                       headers={"Accept-Encoding": "identity", "If-None-Match": page.headers["ETag"]})
    assert again.status_code == 304
    assert client.get(f"/s/{site['code']}", headers={"Accept-Encoding": "br"}).headers["Content-Encoding"] == "br"
    # An unknown code, and the routes under a site (the day log), get the shells as other app routes do.
    assert "正在打开" in client.get("/s/AAAA3333").get_data(as_text=True)
    assert "首页" in client.get(f"/s/{site['code']}/log").get_data(as_text=True)
    assert "首页" in client.get("/events/12").get_data(as_text=True)


def test_questions_asked_from_the_board_show_under_the_site_for_its_office_only(app, client, site, offices):
    """问一问 from the site page: the question names the site, goes to the office serving its district and is listed
    with the site's records there; a question of another district's office about the same site is not."""
    def ask(key, **extra):
        resp = client.post("/api/v1/questions", headers={"Idempotency-Key": key}, json={
            "text": "这个工地两个月没发工资", "case_type": "wages", "phone": "13800138070", "consent_privacy": True,
            "consent_sensitive": True, "site_code": site["code_display"], **extra})
        assert resp.status_code == 201, resp.get_json()
        return resp.get_json()["id"]

    mine = ask("site-question-0001")
    theirs = ask("site-question-0002")
    with app.app_context():
        from server.questions.models import Question
        assert db.session.get(Question, mine).office_id == offices["ids"]["jinjiang"]
        db.session.get(Question, theirs).office_id = offices["ids"]["qingyang"]  # moved on to the sibling
        db.session.commit()
    records = client.get(f"/api/v1/sites/{site['code']}/records", headers=offices["jinjiang"]).get_json()
    assert [q["id"] for q in records["questions"]] == [mine]
    assert records["questions"][0]["phone_masked"].endswith("8070") and "13800138070" not in str(records)
