"""A case's particulars (案件要素, issue 21): the handlers fill in what the papers need (addresses, legal
representative, 统一社会信用代码, 劳动关系, 工伤认定, 伤残等级, witnesses); saved whole, read back whole, every key
present in the case view (the papers are drawn from it); the case's handlers only, hostile input refused on its
field in plain Chinese, every read and save audited without what was typed."""
import json
from datetime import datetime, timedelta

import pytest

from server.accounts.models import AuditEntry
from server.aid.cases import particulars
from server.aid.cases.particular_schemas import CODE_CHECK, CODE_SHAPE, GRADE_WORDS, credit_code_problem
from server.aid.models import Application
from server.clock import CHINA
from server.extensions import db
from tests.casework import act
from tests.test_cases_desk import assigned, entries
from tests.test_errors import CJK, assert_error
from tests.test_offices_scope import tree  # noqa: F401  (the fixture: two counties under a city)

ADDRESS = "四川省成都市武侯区武侯大道一段 99 号"
FULL = {
    "worker_address": "四川省成都市金牛区茶店子 3 号",
    "employer_kind": "company",
    "employer_address": ADDRESS,
    "employer_legal_rep": "王大成",
    "employer_legal_rep_title": "执行董事",
    "employer_credit_code": "914403001922038216",
    "contractor_address": "成都市高新区天府大道 1 号",
    "contractor_legal_rep": "李总",
    "contractor_legal_rep_title": "总经理",
    "contractor_credit_code": "91110000600037341L",
    "employment_denied": True,
    "injury_recognition": "recognised",
    "recognised_on": "2026-03-02",
    "disability_grade": 9,
    "witnesses": [{"name": "赵六", "address": "四川省南充市某村"}, {"name": "钱七", "address": ""}],
    "commission": "成都市武侯区劳动人事争议仲裁委员会",
}


def url(case_id):
    return f"/api/v1/cases/{case_id}/particulars"


def put(client, headers, case_id, body):
    return client.put(url(case_id), json=body, headers=headers)


def test_nothing_saved_reads_as_every_key_with_its_default(client, staff, make_application):
    sent = make_application(client)
    resp = client.get(url(sent["id"]), headers=staff)
    assert resp.status_code == 200 and resp.headers["Cache-Control"].startswith("no-store")
    assert resp.get_json() == particulars.DEFAULTS
    view = client.get(f"/api/v1/cases/{sent['id']}", headers=staff).get_json()
    assert view["particulars"] == particulars.DEFAULTS


def test_the_assigned_lawyer_and_staff_save_and_read_back(client, auth, staff, make_user, make_application):
    sent = make_application(client)
    lawyer = make_user("lawyer")
    assigned(client, staff, sent, lawyer.id)
    as_lawyer = auth(client, user=lawyer)
    resp = put(client, as_lawyer, sent["id"], FULL)
    assert resp.status_code == 200, resp.get_json()
    assert resp.get_json() == FULL
    assert client.get(url(sent["id"]), headers=as_lawyer).get_json() == FULL
    assert client.get(url(sent["id"]), headers=staff).get_json() == FULL
    assert client.get(f"/api/v1/cases/{sent['id']}", headers=as_lawyer).get_json()["particulars"] == FULL

    # Staff correct it: the whole object replaces what was saved; a key left out is emptied.
    changed = {"employer_address": "成都市武侯区某路 1 号", "employment_denied": False,
               "employer_credit_code": "９１１１ ００００-６０００ ３７３４ １ｌ", "recognised_on": None}
    resp = put(client, staff, sent["id"], changed)
    assert resp.status_code == 200, resp.get_json()
    want = {**particulars.DEFAULTS, "employer_address": "成都市武侯区某路 1 号", "employment_denied": False,
            "employer_credit_code": "91110000600037341L"}  # full-width, spaced, dashed, small l: folded
    assert resp.get_json() == want
    assert client.get(url(sent["id"]), headers=as_lawyer).get_json() == want


def test_only_the_cases_handlers_reach_them(client, auth, tree):  # noqa: F811
    a = tree["cases"]["a"]
    people = tree["people"]
    assert put(client, people["lawyer_a"], a["id"], FULL).status_code == 200
    assert client.get(url(a["id"]), headers=people["city_staff"]).get_json() == FULL  # an office above
    for role in ("worker", "volunteer"):
        headers = auth(client, role)
        assert_error(client.get(url(a["id"]), headers=headers), 403)
        assert_error(put(client, headers, a["id"], FULL), 403)
    for who in ("staff_b", "lawyer_b"):  # a sibling office: not there at all
        assert_error(client.get(url(a["id"]), headers=people[who]), 404)
        assert_error(put(client, people[who], a["id"], {}), 404)
    stranger = auth(client, "lawyer", office_id=tree["offices"]["a"])  # same office, not their case
    assert_error(client.get(url(a["id"]), headers=stranger), 403)
    assert_error(put(client, stranger, a["id"], {}), 403)
    assert_error(client.get(url(10**6), headers=people["staff_a"]), 404)
    assert client.get(url(a["id"]), headers=people["staff_a"]).get_json() == FULL  # nothing emptied by a refusal
    assert_error(client.get(url(a["id"])), 401)


def test_a_lawyer_reassigned_away_gets_the_case_views_refusal(client, auth, staff, make_user, make_application):
    wang, li = make_user("lawyer"), make_user("lawyer")
    sent = make_application(client)
    assigned(client, staff, sent, wang.id)
    as_wang = auth(client, user=wang)
    assert put(client, as_wang, sent["id"], FULL).status_code == 200
    assert act(client, staff, sent["id"], "reassign", lawyer_id=li.id, reason="王律师住院").status_code == 200
    view = assert_error(client.get(f"/api/v1/cases/{sent['id']}", headers=as_wang), 403)
    for resp in (client.get(url(sent["id"]), headers=as_wang), put(client, as_wang, sent["id"], {})):
        body = assert_error(resp, 403)
        assert (body["error_code"], body["message"]) == (view["error_code"], view["message"])
    assert client.get(url(sent["id"]), headers=auth(client, user=li)).get_json() == FULL


def _refused(client, headers, case_id, body, field):
    resp = client.put(url(case_id), json=body, headers=headers) if not isinstance(body, bytes) else \
        client.put(url(case_id), data=body, content_type="application/json", headers=headers)
    error = assert_error(resp, 422)
    words = error["errors"]["json"]
    for part in field.split("."):
        words = words[part]
    assert all(CJK.search(w) for w in words), words
    return words


def test_hostile_and_wrong_input_is_refused_on_its_field_in_plain_chinese(client, staff, make_application):
    sent = make_application(client)
    case = sent["id"]
    assert put(client, staff, case, FULL).status_code == 200
    tomorrow = (datetime.now(CHINA) + timedelta(days=1)).date().isoformat()
    for body, field in [
        ({"employer_address": "成都\x00武侯区"}, "employer_address"),
        (b'{"worker_address": "\\ud800 x"}', "worker_address"),  # a lone surrogate, as JSON may carry it
        ({"commission": "仲" * 100_000}, "commission"),
        ({"employer_legal_rep": "王" * 41}, "employer_legal_rep"),
        ({"witnesses": [{"name": "赵六", "address": "村" * 201}]}, "witnesses.0.address"),
        ({"witnesses": [{"name": " ", "address": "某村"}]}, "witnesses.0.name"),
        ({"witnesses": [{"name": f"工友{n}"} for n in range(11)]}, "witnesses"),
        ({"witnesses": "赵六"}, "witnesses"),
        ({"employer_kind": "boss"}, "employer_kind"),
        ({"injury_recognition": "yes"}, "injury_recognition"),
        ({"employment_denied": "是"}, "employment_denied"),
        ({"recognised_on": tomorrow}, "recognised_on"),
        ({"recognised_on": "2026-02-30"}, "recognised_on"),
        ({"recognised_on": "１９９９-01-01"}, "recognised_on"),
        ({"employer_credit_code": "91110000600037341A"}, "employer_credit_code"),  # the check character is L
        ({"contractor_credit_code": "9111000060003734"}, "contractor_credit_code"),
        ({"whatever": 1}, "whatever"),
    ]:
        _refused(client, staff, case, body, field)
    for grade in ("３", "3", 0, 11, -1, 3.5, True, "九级", 10**30):
        assert _refused(client, staff, case, {"disability_grade": grade}, "disability_grade") == [GRADE_WORDS]
    assert client.get(url(case), headers=staff).get_json() == FULL  # every refusal left it as it was
    assert put(client, staff, case, [FULL]).status_code == 422


def test_the_audit_log_has_each_read_and_save_with_why_and_never_the_words(app, client, auth, staff, make_user,
                                                                          make_application):
    sent = make_application(client)
    lawyer = make_user("lawyer")
    assigned(client, staff, sent, lawyer.id)
    as_lawyer = auth(client, user=lawyer)
    assert put(client, as_lawyer, sent["id"], FULL).status_code == 200
    assert client.get(url(sent["id"]), headers=staff).status_code == 200
    assert put(client, staff, sent["id"], {**FULL, "employer_address": "成都市某路 2 号"}).status_code == 200
    saves = entries(app, "case_particulars_update")
    assert [(e.actor_role, e.record_type, e.record_id) for e in saves] == [
        ("lawyer", "aid_application", str(sent["id"])), ("staff", "aid_application", str(sent["id"]))]
    assert saves[0].detail == {"fields": list(FULL), "why": "assigned_lawyer"}
    assert saves[1].detail == {"fields": ["employer_address"], "why": "staff"}
    [read] = entries(app, "particulars")
    assert read.detail == {"why": "staff"} and read.record_id == str(sent["id"])
    with app.app_context():
        logged = json.dumps([e.detail for e in db.session.scalars(db.select(AuditEntry))], ensure_ascii=False)
    for secret in (ADDRESS, "成都市某路", "王大成", "914403001922038216", "赵六"):
        assert secret not in logged, secret
    log = client.get(f"/api/v1/cases/{sent['id']}/audit", headers=staff).get_json()["items"]
    assert [r["action_label"] for r in log[:2]] == ["修改当事人和案件要素", "看当事人和案件要素"]
    office_log = client.get("/api/v1/audit?action=case_particulars_update", headers=auth(client, "admin"))
    assert office_log.status_code == 200


def test_whatever_was_stored_reads_as_the_full_shape(app, make_application, client):
    sent = make_application(client)
    with app.app_context():
        application = db.session.get(Application, sent["id"])
        for stored in (None, [], "x", {"disability_grade": True, "employment_denied": "yes", "witnesses": "赵六",
                                       "employer_kind": "boss", "worker_address": 5, "recognised_on": None},
                       {"disability_grade": 11, "witnesses": [{"name": "赵六"}, "钱七"]}):
            application.particulars = stored
            got = particulars.read(application)
            assert list(got) == list(particulars.DEFAULTS)
            assert {k: v for k, v in got.items() if k != "witnesses"} == \
                {k: v for k, v in particulars.DEFAULTS.items() if k != "witnesses"}
        assert got["witnesses"] == [{"name": "赵六", "address": ""}]


# Real codes: python-stdnum's own doctest example, and two companies' codes as public registers list them
# (华为技术有限公司, 深圳市腾讯计算机系统有限公司; the attribution recalled, not looked up here: the algorithm alone
# checks each).
@pytest.mark.parametrize("code", ["91110000600037341L", "914403001922038216", "91440300708461136T"])
def test_published_credit_codes_pass_the_gb_32100_check(code):
    assert credit_code_problem(code) is None
    assert credit_code_problem(code[:17] + ("0" if code[17] != "0" else "1")) == CODE_CHECK


@pytest.mark.parametrize("code", ["9111000060003734", "91110000600037341LL", "91110000600037341I",
                                  "9111000O600037341L", "91X10000600037341L"])
def test_codes_of_the_wrong_shape_are_refused_as_such(code):
    assert credit_code_problem(code) == CODE_SHAPE
