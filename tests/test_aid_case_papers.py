"""The papers drawn from a case and its particulars (案件要素, issue 21): the 劳动仲裁申请书 as 《劳动争议调解仲裁法》
第二十八条 asks (every party, claims with facts and reasons, evidence with its source, witnesses, the commission), the
工伤认定申请表 (injury cases) and the 支付令申请书 (wage cases with an amount), each read back with python-docx and
pypdf and checked against the case: names, addresses, amounts, dates; （待补充） where a fact is missing.

Cases are made through the API as the worker sends them; the particulars are added to the case view the papers are
drawn from (the lawyer types them on the case page: another part of issue 21)."""
import io

import pytest
from docx import Document

from server.accounts.models import AuditEntry
from server.extensions import db
from tests import pdfs, photos
from tests.casework import act
from tests.test_aid_documents import docx_text, pdf_text, squeezed
from tests.test_aid_lawyer_papers import assigned, name_office
from tests.test_case_files import attach

READ = {"docx": docx_text, "pdf": pdf_text}
BLANK = {"worker_address": "", "employer_kind": "", "employer_address": "", "employer_legal_rep": "",
         "employer_legal_rep_title": "", "employer_credit_code": "", "contractor_address": "",
         "contractor_legal_rep": "", "contractor_legal_rep_title": "", "contractor_credit_code": "",
         "employment_denied": None, "injury_recognition": "", "recognised_on": "", "disability_grade": None,
         "witnesses": [], "commission": ""}  # the contract's defaults: every key present
KNOWN = {**BLANK, "worker_address": "成都市武侯区簇桥街道锦城苑3栋2单元", "employer_kind": "company",
         "employer_address": "成都市青羊区草市街8号", "employer_legal_rep": "李大富",
         "employer_legal_rep_title": "执行董事",
         "employer_credit_code": "91510105MA6C1234X5", "contractor_address": "成都市高新区天府大道北段1700号",
         "contractor_legal_rep": "赵建国", "contractor_legal_rep_title": "董事长",
         "contractor_credit_code": "91510100MA61234567",
         "witnesses": [{"name": "王五", "address": "四川省广安市岳池县九龙镇"}, {"name": "赵六", "address": ""}],
         "commission": "成都市劳动人事争议仲裁委员会"}


def drawn(app, staff, sent, **particulars) -> dict:
    """The case as view.document draws its papers (the whole phone added), with these particulars."""
    from server.aid.cases import view
    with app.test_request_context():
        case = view.case_view(sent["id"], staff.user)
    return {**case, "phone": sent["phone"], "particulars": {**BLANK, **particulars}}


def text_of(case: dict, kind: str, fmt: str) -> str:
    from server.aid.cases import case_papers
    return READ[fmt](case_papers.render(kind, fmt, case))


def claims_of(case: dict) -> list[str]:
    """The claims as the .docx lists them: the numbered paragraphs under 仲裁请求."""
    paragraphs = [p.text for p in Document(io.BytesIO(_render(case, "arbitration_claim"))).paragraphs]
    start = paragraphs.index("仲裁请求") + 1
    return [p for p in paragraphs[start:paragraphs.index("事实与理由")] if p[:1].isdigit()]


def _render(case: dict, kind: str, fmt: str = "docx") -> bytes:
    from server.aid.cases import case_papers
    return case_papers.render(kind, fmt, case)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_claim_names_every_party_its_evidence_and_witnesses_as_article_28_asks(client, app, staff,
                                                                                 make_application, fmt):
    sent = make_application(client, photos=1)
    name_office(app, sent["id"], "武侯区法律援助中心", "028-85551234")
    # The worker supplies a photo and a sentence later; the office attaches a scanned paper.
    act(client, staff, sent["id"], "request_materials", asked="考勤表")
    assert photos.post_photo(client, photos.jpeg(800, 600), upload_id="supply-photo-1", submission_id="supply-1",
                             label="考勤表照片").status_code == 201
    assert client.post("/api/v1/applications/track/materials", headers={"Idempotency-Key": "supply-1"},
                       json={"code": sent["code"], "phone": sent["phone"], "text": "考勤表在工友王五手机里",
                             "upload_ids": ["supply-photo-1"]}).status_code == 200
    assert attach(client, staff, sent["id"], pdfs.mediation_agreement(), kind="paper_scan", label="街道调解记录",
                  dated_on="2026-11-20").status_code == 201
    text = squeezed(text_of(drawn(app, staff, sent, **KNOWN), "arbitration_claim", fmt))
    for fact in ("张三", photos.id_number(), "现住址成都市武侯区簇桥街道锦城苑3栋2单元",
                 "被申请人一（用人单位）李老板", "住所地成都市青羊区草市街8号", "李大富（职务：执行董事）",
                 "统一社会信用代码91510105MA6C1234X5", "被申请人二（施工总承包单位）某某建设集团",
                 "住所地成都市高新区天府大道北段1700号", "赵建国（职务：董事长）", "91510100MA61234567",
                 "裁决被申请人一支付申请人被拖欠的劳动报酬人民币24,000.00元。",
                 "裁决被申请人二对上述劳动报酬承担清偿责任。", "《劳动合同法》第三十条第一款",
                 "《保障农民工工资支付条例》第三十条第三、四款", "第二十八条",
                 "证据1申请人提供（照片）", "考勤表照片申请人提供（补充材料，",
                 "补充材料：考勤表在工友王五手机里申请人补充提供（",
                 "纸质材料扫描件：街道调解记录办案机构存档的纸质材料扫描件（2026年11月20日）",
                 "王五，住所：四川省广安市岳池县九龙镇", "赵六，住所：（待补充）",
                 "此致成都市劳动人事争议仲裁委员会", "武侯区法律援助中心"):
        assert squeezed(fact) in text, fact
    assert "按工地所在地推定" not in text  # the lawyer typed the commission: no caveat
    assert "确认" not in text and "存在劳动关系" not in text  # employment not denied: nothing to confirm


def test_without_particulars_the_claim_leaves_gaps_and_derives_the_commission_from_the_site(client, app, staff,
                                                                                          make_application):
    """The office's name is on the draft even before a lawyer is assigned (it was only beside the lawyer's)."""
    sent = make_application(client)
    name_office(app, sent["id"], "武侯区法律援助中心", "028-85551234")
    resp = client.get(f"/api/v1/cases/{sent['id']}/documents/arbitration_claim.docx", headers=staff)
    text = squeezed(docx_text(resp.data))
    assert "武侯区法律援助中心" in text
    for gap in ("现住址（待补充）", "住所地（待补充）", "法定代表人（或主要负责人）（待补充）",
                "证人（姓名、住所）（待补充）", "其他事实和理由：（待补充）"):
        assert gap in text, gap
    assert "此致成都市武侯区劳动人事争议仲裁委员会" in text
    assert "按工地所在地推定" in text and "《劳动争议调解仲裁法》第二十一条" in text  # AR-05: the lawyer checks


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_gang_boss_alone_is_never_the_only_respondent(client, app, staff, make_application, fmt):
    sent = make_application(client, contractor="", employer_name="刘包工")
    case = drawn(app, staff, sent, employer_kind="individual", employer_address="四川省资阳市雁江区")
    text = squeezed(text_of(case, "arbitration_claim", fmt))
    for fact in ("被申请人一（包工头个人，实际招用人）刘包工", "住址四川省资阳市雁江区",
                 "被申请人二具备用工主体资格的发包单位（总包或分包）：（待补充）",
                 "劳社部发〔2005〕12号）第四条", "解释（一）》第二十八条",
                 "裁决被申请人二承担用工主体责任，支付申请人被拖欠的劳动报酬人民币24,000.00元。"):
        assert squeezed(fact) in text, fact
    assert "确认申请人与" not in text and "不是与发包单位存在劳动关系" in text  # responsibility, not employment
    # Employment denied: what is confirmed is the unit's responsibility, not a labour relationship with anyone.
    denied = drawn(app, staff, sent, employer_kind="individual", employment_denied=True)
    if fmt == "docx":
        assert claims_of(denied)[0] == "1. 确认被申请人二为对申请人自2026年3月1日起从事的工作承担用工主体责任的单位。"
    # With the general contractor known it is the second respondent, no placeholder.
    known = make_application(client, employer_name="刘包工")
    text = squeezed(text_of(drawn(app, staff, known, employer_kind="individual"), "arbitration_claim", fmt))
    assert "被申请人二（施工总承包单位）某某建设集团" in text and "（总包或分包）：（待补充）" not in text
    assert "裁决被申请人二承担用工主体责任，支付申请人被拖欠的劳动报酬人民币24,000.00元。" in text
    # A company with no contractor: one respondent, no unit added.
    alone = squeezed(text_of(drawn(app, staff, sent, employer_kind="company"), "arbitration_claim", fmt))
    assert "被申请人二" not in alone and "裁决被申请人支付申请人被拖欠的劳动报酬人民币24,000.00元" in alone


def test_an_injury_claim_confirms_employment_first_and_claims_benefits_only_once_recognised_and_graded(
        client, app, staff, make_application):
    sent = make_application(client, case_type="injury", injured_on="2026-05-20", amount_owed_fen=None, contractor="",
                            account="从脚手架上摔下来，腿断了。")
    case = drawn(app, staff, sent, employer_kind="company", employment_denied=True, injury_recognition="not_applied")
    assert claims_of(case) == ["1. 确认申请人与被申请人自2026年3月1日起存在劳动关系。"]
    text = squeezed(text_of(case, "arbitration_claim", "pdf"))
    assert "工伤保险待遇" not in text and "工伤待遇暂不列入请求" in text
    for fact in ("30日内（至2026年6月19日）", "1年内（至2027年5月20日）", "《工伤保险条例》第十七条",
                 "劳社部发〔2005〕12号第一条", "各地做法不一"):
        assert fact in text, fact
    # Recognised, not yet graded: still no benefits claim; the 劳动能力鉴定 comes first.
    graded_not = drawn(app, staff, sent, injury_recognition="recognised", recognised_on="2026-08-01")
    assert claims_of(graded_not) == ["1. （待补充）"]
    note = squeezed(docx_text(_render(graded_not, "arbitration_claim")))
    assert "劳动能力鉴定" in note and "2026年8月1日" in note and "第二十一条、第二十三条" in note
    applied = squeezed(docx_text(_render(drawn(app, staff, sent, injury_recognition="applied"), "arbitration_claim")))
    assert "已申请工伤认定，还没有结论" in applied and "60日内" in applied
    refused = drawn(app, staff, sent, injury_recognition="not_recognised")
    assert "《行政复议法》第二十条" in squeezed(docx_text(_render(refused, "arbitration_claim")))
    # Recognised and graded: the benefits claim, after the confirmation.
    graded = drawn(app, staff, sent, employment_denied=True, injury_recognition="recognised", disability_grade=9)
    assert claims_of(graded)[1] == ("2. 裁决被申请人支付申请人工伤保险待遇（已认定为工伤，伤残等级9级；"
                                    "项目明细（待补充））。")
    who_pays = squeezed(docx_text(_render(graded, "arbitration_claim")))
    assert "第五十五条第（五）项" in who_pays and "第六十二条第二款" in who_pays  # only what the employer pays


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_injury_recognition_form_carries_the_accident_the_time_limit_and_the_materials(client, app, staff,
                                                                                         make_application, fmt):
    sent = make_application(client, case_type="injury", injured_on="2026-05-20", amount_owed_fen=None,
                            employer_name="刘包工", account="从脚手架上摔下来，腿断了。\n工友王五送我去的医院。")
    listed = client.get(f"/api/v1/cases/{sent['id']}", headers=staff).get_json()["documents"]
    assert [d["kind"] for d in listed] == ["aid_application", "arbitration_claim", "injury_recognition"]
    name_office(app, sent["id"], "武侯区法律援助中心", "")
    case = drawn(app, staff, sent, worker_address="成都市武侯区簇桥街道", employer_kind="individual",
                 employer_address="四川省资阳市雁江区")
    raw = text_of(case, "injury_recognition", fmt)
    text = squeezed(raw)
    for fact in ("工伤认定申请表", "武侯区法律援助中心", "张三", photos.id_number(), "住址成都市武侯区簇桥街道",
                 "对方（包工头个人，实际招用人）刘包工", "住址四川省资阳市雁江区",
                 "承担工伤保险责任的单位（如适用）（施工总承包单位）某某建设集团",
                 "法释〔2014〕9号）第三条第一款第（四）、（五）项",
                 "事故时间2026年5月20日", "成都市武侯区幸福里工地（项目：幸福里二期）", "受伤部位（待补充）",
                 "30日内（至2026年6月19日）", "1年内（至2027年5月20日）", "《工伤保险条例》第十七条",
                 "用人单位所在地统筹地区社会保险行政部门", "工伤认定申请表（本表）",
                 "与用人单位存在劳动关系（包括事实劳动关系）的证明材料",
                 "医疗诊断证明或者职业病诊断证明书（或者职业病诊断鉴定书）：（待补充）", "第十九条第二款"):
        assert squeezed(fact) in text, fact
    if fmt == "docx":
        assert "从脚手架上摔下来，腿断了。\n工友王五送我去的医院。" in raw  # the worker's words as typed
    # No contractor known: the unit is to be found, not left out.
    bare = make_application(client, case_type="injury", injured_on="2026-05-20", amount_owed_fen=None, contractor="")
    alone = squeezed(text_of(drawn(app, staff, bare, employer_kind="individual"), "injury_recognition", fmt))
    assert "具备用工主体资格的发包单位（总包或分包）：（待补充）" in alone


def test_the_time_limit_is_computed_from_the_injury_date_or_said_to_be_unknown():
    from server.aid.cases.injury_papers import time_limits
    assert "1 年内（至2029年2月28日）" in time_limits({"injured_on": "2028-02-29"})  # no 29 February in 2029
    assert "30 日内（至2028年3月30日）" in time_limits({"injured_on": "2028-02-29"})
    assert "受伤日期没有记录，无法推算" in time_limits({})


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_payment_order_asks_for_the_exact_sum_from_the_basic_court(client, app, staff, make_application, fmt):
    sent = make_application(client, amount_owed_fen=2_400_050)
    name_office(app, sent["id"], "武侯区法律援助中心", "")
    text = squeezed(text_of(drawn(app, staff, sent, **KNOWN), "payment_order", fmt))
    for fact in ("支付令申请书", "武侯区法律援助中心", "申请人（债权人）张三", photos.id_number(),
                 "住址成都市武侯区簇桥街道锦城苑3栋2单元", "被申请人一（债务人）（用人单位）李老板",
                 "住所地成都市青羊区草市街8号", "李大富（职务：执行董事）", "被申请人二（施工总承包单位）某某建设集团",
                 "督促被申请人一给付申请人被拖欠的劳动报酬人民币24,000.50元", "《中华人民共和国劳动合同法》第三十条",
                 "《中华人民共和国民事诉讼法》第二百二十五条", "债权人与债务人没有其他债务纠纷",
                 "债务人应当自收到支付令之日起十五日内清偿债务，或者向人民法院提出书面异议", "第二百二十七条第二款",
                 "支付令自行失效（第二百二十八条）", "第十三条第二款", "（待补充）基层人民法院", "住所地的基层人民法院",
                 "《诉讼费用交纳办法》第十四条第（三）项", "2026年3月1日", "幸福里工地"):
        assert squeezed(fact) in text, fact
    assert "单位不承认劳动关系" not in text
    denied = squeezed(text_of(drawn(app, staff, sent, employment_denied=True), "payment_order", fmt))
    assert "单位不承认劳动关系" in denied and "建议直接申请劳动仲裁" in denied


def test_a_paper_the_case_does_not_offer_is_not_found_in_plain_chinese_and_not_logged(client, app, staff,
                                                                                     make_application):
    injury = make_application(client, case_type="injury", injured_on="2026-05-20", amount_owed_fen=None)
    no_sum = make_application(client, amount_owed_fen=None)
    dismissal = make_application(client, case_type="dismissal", amount_owed_fen=300_000, honesty_commitment=True)
    with app.app_context():
        before = db.session.scalar(db.select(db.func.count(AuditEntry.id)).where(AuditEntry.action == "document"))
    for sent, kind in ((injury, "payment_order"), (no_sum, "payment_order"), (dismissal, "payment_order"),
                       (no_sum, "injury_recognition"), (dismissal, "injury_recognition")):
        resp = client.get(f"/api/v1/cases/{sent['id']}/documents/{kind}.pdf", headers=staff)
        assert resp.status_code == 404, (kind, resp.get_json())
        body = resp.get_json()
        assert body["error_code"] == "document_not_offered" and "这个案件没有" in body["message"]
        listed = client.get(f"/api/v1/cases/{sent['id']}", headers=staff).get_json()["documents"]
        assert kind not in [d["kind"] for d in listed]
    with app.app_context():
        after = db.session.scalar(db.select(db.func.count(AuditEntry.id)).where(AuditEntry.action == "document"))
    assert after == before
    assert client.get(f"/api/v1/cases/{injury['id']}/documents/injury_recognition.pdf",
                      headers=staff).status_code == 200


def test_every_paper_names_the_handling_office(client, app, staff, make_application, make_user):
    lawyer = make_user("lawyer", display_name="王援法")
    wages = assigned(client, app, staff, make_application, lawyer)
    injury = assigned(client, app, staff, make_application, lawyer, case_type="injury", injured_on="2026-05-20")
    for sent in (wages, injury):
        name_office(app, sent["id"], "武侯区法律援助中心", "028-85551234")
        kinds = [d["kind"] for d in client.get(f"/api/v1/cases/{sent['id']}", headers=staff).get_json()["documents"]]
        assert len(kinds) == 6
        for kind in kinds:
            resp = client.get(f"/api/v1/cases/{sent['id']}/documents/{kind}.docx", headers=staff)
            assert resp.status_code == 200, (kind, resp.get_json())
            assert "武侯区法律援助中心" in docx_text(resp.data), kind


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_hostile_text_in_the_case_and_its_particulars_still_gives_the_papers(client, app, staff, make_application,
                                                                            fmt):
    """Characters XML cannot hold (stored before the input rule) and markup: left out or printed as text."""
    from server.aid.models import Application
    wages = make_application(client)
    injury = make_application(client, case_type="injury", injured_on="2026-05-20")
    with app.app_context():
        for sent in (wages, injury):
            application = db.session.get(Application, sent["id"])
            application.account = "老板\ufffe欠我\uffff工资\x0b三个月<b>&amp;</b>。"
            application.employer_name = "李老板\uffff<script>"
        db.session.commit()
    hostile = {"worker_address": "锦城苑\ufffe3栋<i>", "employer_kind": "company", "employer_legal_rep": "李\uffff大富",
               "witnesses": [{"name": "王\ufffe五", "address": "岳池县&lt;九龙镇"}], "commission": "成都市\uffff仲裁委"}
    for sent, kinds in ((wages, ("arbitration_claim", "payment_order")),
                        (injury, ("arbitration_claim", "injury_recognition"))):
        case = drawn(app, staff, sent, **hostile)
        for kind in kinds:
            text = squeezed(text_of(case, kind, fmt))
            assert "老板欠我工资三个月<b>&amp;</b>" in text and "李老板<script>" in text, kind
            assert "锦城苑3栋<i>" in text, kind
            assert not {"\ufffe", "\uffff", "\x0b"} & set(text), kind
        assert "王五，住所：岳池县&lt;九龙镇" in squeezed(text_of(case, "arbitration_claim", fmt))


def test_particulars_missing_or_malformed_read_as_the_defaults():
    from server.aid.cases.parties import particulars
    assert particulars({}) == BLANK
    assert particulars({"particulars": None}) == BLANK
    assert particulars({"particulars": {"employer_kind": "individual"}}) == {**BLANK, "employer_kind": "individual"}
    odd = {"disability_grade": True, "employment_denied": "yes", "witnesses": "王五", "worker_address": 7,
           "injury_recognition": None}
    assert particulars({"particulars": odd}) == BLANK
    assert particulars({"particulars": {"disability_grade": 11, "witnesses": [{"name": "王五"}, "x"] + [{}] * 20}}) \
        == {**BLANK, "witnesses": [{"name": "王五", "address": ""}] + [{"name": "", "address": ""}] * 8}


def test_every_kind_is_offered_only_where_it_belongs():
    from server.aid.cases.case_papers import offered
    assert offered("wages", 100, False) == ["aid_application", "arbitration_claim", "payment_order"]
    assert offered("wages", None, False) == ["aid_application", "arbitration_claim"]
    assert offered("injury", 100, True) == ["aid_application", "arbitration_claim", "injury_recognition",
                                            "appointment_letter", "agency_agreement", "power_of_attorney"]
    assert offered("dismissal", 100, False) == ["aid_application", "arbitration_claim"]


def test_the_lawyers_papers_print_the_workers_address_from_the_particulars(client, app, staff, make_application,
                                                                          make_user):
    sent = assigned(client, app, staff, make_application, make_user("lawyer", display_name="王援法"))
    case = drawn(app, staff, sent, worker_address="成都市武侯区簇桥街道锦城苑3栋2单元")
    for kind in ("agency_agreement", "power_of_attorney"):
        assert "住址成都市武侯区簇桥街道锦城苑3栋2单元" in squeezed(text_of(case, kind, "docx")), kind


def test_what_the_lawyer_types_on_the_case_page_reaches_the_papers_they_download(client, app, staff, auth,
                                                                                 make_application, make_user):
    """The whole road: the assigned lawyer saves the particulars (PUT /cases/{id}/particulars), then downloads the
    drafts: the injury claim starts with 确认劳动关系 because the employer denies it, and names the employer's
    address and legal representative the lawyer typed."""
    lawyer = make_user("lawyer", display_name="王援法")
    sent = assigned(client, app, staff, make_application, lawyer, case_type="injury", injured_on="2026-05-20",
                    amount_owed_fen=None, contractor="")
    as_lawyer = auth(client, "lawyer", user=lawyer)
    before = client.get(f"/api/v1/cases/{sent['id']}/documents/arbitration_claim.docx", headers=as_lawyer)
    assert before.status_code == 200
    assert "确认申请人" not in docx_text(before.data)

    typed = {**BLANK, "employer_kind": "company", "employer_address": "成都市青羊区草市街8号",
             "employer_legal_rep": "李大富", "employer_legal_rep_title": "执行董事", "employment_denied": True,
             "injury_recognition": "not_applied", "worker_address": "成都市武侯区簇桥街道锦城苑3栋2单元"}
    saved = client.put(f"/api/v1/cases/{sent['id']}/particulars", json=typed, headers=as_lawyer)
    assert saved.status_code == 200, saved.get_json()

    for fmt in ("docx", "pdf"):
        resp = client.get(f"/api/v1/cases/{sent['id']}/documents/arbitration_claim.{fmt}", headers=as_lawyer)
        assert resp.status_code == 200
        text = squeezed(READ[fmt](resp.data))
        assert text.index("确认申请人与被申请人") < text.index("事实与理由"), fmt
        for fact in ("成都市青羊区草市街8号", "李大富", "执行董事", "成都市武侯区簇桥街道锦城苑3栋2单元"):
            assert fact in text, (fmt, fact)
        assert "工伤保险待遇（" not in text, fmt  # not recognised yet: no benefits claim
    docx = client.get(f"/api/v1/cases/{sent['id']}/documents/arbitration_claim.docx", headers=as_lawyer)
    paragraphs = [p.text for p in Document(io.BytesIO(docx.data)).paragraphs]
    first_claim = paragraphs[paragraphs.index("仲裁请求") + 1]
    assert first_claim.startswith("1. 确认申请人与被申请人") and first_claim.endswith("存在劳动关系。"), first_claim
