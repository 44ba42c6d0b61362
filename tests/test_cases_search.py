"""Find any case (issue 21): one search box over the reader's cases, whatever their stage or filter: a tracking code
with or without its dash, a whole phone or ID number (matched by its keyed hash), a phone's or an ID number's last
four, part of a name, the employer or the site; rows masked; each search audited, keeping no code, phone or ID
number; a lawyer finds only their own cases, an office only its subtree's."""
import json

from server.accounts.models import AuditEntry
from server.extensions import db
from tests.casework import put_in_stage
from tests.photos import id_number
from tests.test_errors import assert_error
from tests.test_offices_scope import tree  # noqa: F401  (the fixture: two counties under a city)


def found(client, headers, q, **query):
    resp = client.get("/api/v1/cases", query_string={"q": q, **query}, headers=headers)
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def ids(client, headers, q, **query):
    return {row["id"] for row in found(client, headers, q, **query)["items"]}


def searches(app) -> list[AuditEntry]:
    with app.app_context():
        return list(db.session.scalars(db.select(AuditEntry).where(AuditEntry.action == "search")
                                       .order_by(AuditEntry.id)))


def test_staff_find_a_case_by_each_thing_a_worker_reads_out_over_the_phone(app, client, staff, make_application):
    zhang = make_application(client, applicant_name="张建国", phone="13800132222", employer_name="华西建筑劳务公司",
                             site="天府新区一号工地", contractor="中建某局",
                             id_number=id_number(region="510104", serial="417"))
    li = make_application(client, applicant_name="李四", phone="13900135555", employer_name="蓉城装饰",
                          site="高新区软件园工地", contractor="某某建设集团", project="软件园二期",
                          id_number=id_number(region="511602", serial="538"))
    put_in_stage(app, li["id"], "closed")  # ended: still found
    code = zhang["code"]
    for q in (code, f"{code[:4]}-{code[4:]}", code.lower(), f" {code[:4]} {code[4:]} ", "13800132222",
              "+86 138 0013 2222", "１３８００１３２２２２", "2222", "张", "建国", "华西", "天府新区", "中建"):
        assert ids(client, staff, q) == {zhang["id"]}, q
    assert ids(client, staff, "5555") == {li["id"]}
    for q in ("张 2222", "张，2222", "建国 华西 2222", "张建国 13800132222", "工地 2222"):
        assert ids(client, staff, q) == {zhang["id"]}, q  # every word matched: "我姓张，手机尾号 2222"
    for q in ("李 2222", "张 5555", "张 13900135555"):
        assert ids(client, staff, q) == set(), q
    assert ids(client, staff, "软件园二期") == {li["id"]}  # the project, beside the site
    assert ids(client, staff, "工地") == {zhang["id"], li["id"]}
    for q in (zhang["body"]["id_number"], zhang["body"]["id_number"].lower(), zhang["body"]["id_number"][-4:]):
        assert ids(client, staff, q) == {zhang["id"]}, q
    for q in ("13800139999", "王", "9999", "ACDE-FGHJ", "1380013222"):
        assert ids(client, staff, q) == set(), q
    body = found(client, staff, "2222")
    row = body["items"][0]
    assert (row["phone_masked"], body["total"], body["counts"]["all"]) == ("*******2222", 1, 1)
    assert "phone" not in row and "id_number" not in row and zhang["body"]["id_number"] not in json.dumps(row)


def test_a_search_looks_past_the_filter_tabs_counts_and_an_empty_box_is_the_inbox(app, client, staff,
                                                                                  make_application):
    new = make_application(client, phone="13800131111", applicant_name="赵六")
    old = make_application(client, phone="13800132222", applicant_name="赵七")
    put_in_stage(app, old["id"], "withdrawn")
    body = found(client, staff, "赵")
    assert body["counts"]["all"] == 2 and body["counts"]["new"] == 1
    assert {r["id"] for r in found(client, staff, "赵", filter="new")["items"]} == {new["id"]}
    assert found(client, staff, "   ")["counts"]["all"] == 2  # blank: the inbox itself, no search logged
    assert searches(app) and len(searches(app)) == 2


def test_the_audit_log_says_what_kind_of_search_and_never_keeps_a_code_phone_or_id_number(
        app, client, auth, staff, make_application):
    sent = make_application(client, phone="13800132222", applicant_name="张建国", employer_name="ABC建筑公司")
    number, code = sent["body"]["id_number"], sent["code"]
    for q in (code, f"{code[:4]}-{code[4:]}", "13800132222", number, "2222", "张建国", "ABC建筑", "ACD3",
              "张 2222", f"张 {code}"):
        found(client, staff, q)
    entries = searches(app)
    kept = [(e.detail["search"], e.detail["q"], e.detail["found"]) for e in entries]
    assert kept == [("code", "", 1), ("code", "", 1), ("phone", "", 1), ("id_number", "", 1), ("tail", "2222", 1),
                    ("text", "张建国", 1), ("text", "***建筑", 1), ("text", "****", 0), ("text+tail", "张 2222", 1),
                    ("text+code", "张", 1)]
    assert all(e.record_type == "aid_application" and e.actor_role == "staff" for e in entries)
    logged = json.dumps([e.detail for e in entries], ensure_ascii=False)
    for secret in (code, code[:4], "13800132222", "0013", number, number[:6], number[6:14]):
        assert secret not in logged, secret
    admin = auth(client, "admin")
    rows = client.get("/api/v1/audit?action=search", headers=admin).get_json()
    assert rows and rows[0]["action_label"] == "查找案件"
    tail = next(r for r in rows if r["detail"]["search"] == "tail")
    assert tail["detail_lines"] == ["查找方式：手机号或身份证号后四位", "查找：2222", "输入字数：4", "找到：1 件"]


def test_a_lawyer_finds_only_their_own_cases_and_an_office_only_its_subtree(client, tree):  # noqa: F811
    a, b = tree["cases"]["a"], tree["cases"]["b"]
    people = tree["people"]
    assert ids(client, people["lawyer_a"], "8011") == {a["id"]}
    assert ids(client, people["lawyer_a"], a["code"]) == {a["id"]}
    for q in ("8022", b["code"], "13800138022", b["body"]["id_number"], "张三"):
        assert ids(client, people["lawyer_a"], q) <= {a["id"]}, q
        assert b["id"] not in ids(client, people["staff_a"], q), q
    assert ids(client, people["city_staff"], "张三") == {a["id"], b["id"]}
    assert ids(client, people["city_staff"], b["code"]) == {b["id"]}


def test_a_search_that_is_no_text_or_too_long_is_refused_plainly(client, staff):
    assert_error(client.get("/api/v1/cases", query_string={"q": "张\x00"}, headers=staff), 422)
    assert_error(client.get("/api/v1/cases", query_string={"q": "张" * 41}, headers=staff), 422)
    assert_error(client.get("/api/v1/cases", query_string={"q": "张\x07三"}, headers=staff), 422)
