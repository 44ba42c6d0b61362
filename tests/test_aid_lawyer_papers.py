"""The papers a lawyer needs on day one: 法律援助公函（指派通知书）, 委托代理协议 and 授权委托书, downloaded as
the lawyer downloads them (.docx read with python-docx, PDF with pypdf) and checked against the case: the worker,
their ID number, the lawyer, the law firm, the handling office; gaps left as （待补充）; nothing of another case;
A4 in both. Before a lawyer is assigned they are refused in plain Chinese."""
import io

import pytest
from docx import Document
from pypdf import PdfReader

from server.accounts import audit_labels
from server.accounts.models import AuditEntry, User
from server.aid.models import Application
from server.extensions import db
from server.offices.models import Office
from tests import photos
from tests.casework import CHECKLIST, act
from tests.test_aid_documents import docx_text, pdf_text, squeezed

PAPERS = ("appointment_letter", "agency_agreement", "power_of_attorney")
READ = {"docx": docx_text, "pdf": pdf_text}
ZHANG_ID = photos.id_number(birth="19850412", serial="357", region="510107")  # 成都市武侯区, a man (7 is odd)
LI_ID = photos.id_number(birth="19920101", serial="246", region="511602")


@pytest.fixture
def lawyer(app, make_user):
    wang = make_user("lawyer", display_name="王援法")
    with app.app_context():
        user = db.session.get(User, wang.id)
        user.law_firm, user.office_phone = "四川蜀法律师事务所", "028-86001234"
        db.session.commit()
    return wang


def assigned(client, app, staff, make_application, lawyer, **fields):
    sent = make_application(client, **fields)
    checklist = CHECKLIST
    if fields.get("case_type") == "injury":
        checklist = {"work_facts_confirmed": True, "employer_identified": True, "injury_checked": True}
    assert act(client, staff, sent["id"], "accept", checklist=checklist).status_code == 200
    act(client, staff, sent["id"], "approve")
    resp = act(client, staff, sent["id"], "assign", lawyer_id=lawyer.id)
    assert resp.status_code == 200, resp.get_json()
    return sent


def name_office(app, case_id, name, phone):
    with app.app_context():
        office = db.session.get(Office, db.session.get(Application, case_id).office_id)
        office.name, office.phone = name, phone
        db.session.commit()


def get(client, headers, case, kind, fmt):
    return client.get(f"/api/v1/cases/{case['id']}/documents/{kind}.{fmt}", headers=headers)


def test_the_lawyers_papers_carry_the_cases_facts_and_no_other_case(client, app, auth, staff, make_application,
                                                                     lawyer):
    mine = assigned(client, app, staff, make_application, lawyer, applicant_name="张大山", id_number=ZHANG_ID,
                    phone="13800138011", employer_name="刘包工", contractor="蜀城建设集团有限公司")
    # another worker's case, assigned to the same lawyer: nothing of it may show on the first case's papers
    assigned(client, app, staff, make_application, lawyer, applicant_name="李小河", id_number=LI_ID,
             phone="13800138022", employer_name="赵老板", contractor="锦江建工有限公司")
    name_office(app, mine["id"], "武侯区法律援助中心", "028-85551234")
    as_lawyer = auth(client, "lawyer", user=lawyer)
    for kind in PAPERS:
        for fmt, read in READ.items():
            resp = get(client, as_lawyer, mine, kind, fmt)
            assert resp.status_code == 200, (kind, fmt, resp.get_json())
            text = squeezed(read(resp.data))
            for fact in ("张大山", ZHANG_ID, "王援法", "四川蜀法律师事务所", "028-86001234", "武侯区法律援助中心",
                         "刘包工", "蜀城建设集团有限公司", "欠薪争议"):
                assert fact in text, (kind, fmt, fact)
            for other in ("李小河", LI_ID, "赵老板", "锦江建工", "13800138022"):
                assert other not in text, (kind, fmt, other)
            assert "（待补充）" in text  # the worker's address, the stage of the work: never invented
    letter = squeezed(pdf_text(get(client, as_lawyer, mine, "appointment_letter", "pdf").data))
    assert "《中华人民共和国法律援助法》第四十三条" in letter and "028-85551234" in letter
    assert "不得向受援人收取任何财物" in letter and "老板欠了我们三个月工资。" in letter
    # Shown to the tribunal and others: neither the worker's phone nor their tracking code is on it.
    assert "13800138011" not in letter and mine["code"] not in letter and mine["code"].replace("-", "") not in letter


def test_the_power_of_attorney_grants_general_powers_and_leaves_special_ones_to_the_worker(
        client, app, staff, make_application, lawyer):
    sent = assigned(client, app, staff, make_application, lawyer, id_number=ZHANG_ID, case_type="injury",
                    injured_on="2026-05-20", amount_owed_fen=None)
    paper = docx_text(get(client, staff, sent, "power_of_attorney", "docx").data)
    assert "■ 一般代理" in paper and "委托事项" in paper and "代理权限" in paper
    assert "工伤争议" in paper and "工伤认定申请、协商、调解、劳动仲裁和诉讼事项" in paper  # an injury starts there
    for power in ("代为承认仲裁请求或者诉讼请求", "代为放弃仲裁请求或者诉讼请求", "代为变更仲裁请求或者诉讼请求",
                  "进行和解", "提起反诉", "提起上诉"):
        assert f"□ {power}　（待补充）" in paper  # an option only, never ticked for the worker
    assert "■ 代为" not in paper and "《民事诉讼法》第六十二条" in paper
    agreement = docx_text(get(client, staff, sent, "agency_agreement", "docx").data)
    assert "不向甲方收取代理费或者任何财物（《法律援助法》第二十条）" in agreement
    assert "劳动争议仲裁不收费（《劳动争议调解仲裁法》第五十三条）" in agreement


def test_a_lawyer_without_firm_or_phone_and_an_office_without_phone_leave_gaps(client, app, staff,
                                                                                 make_application, make_user):
    bare = make_user("lawyer", display_name="陈律师")
    sent = assigned(client, app, staff, make_application, bare)
    name_office(app, sent["id"], "青羊区法律援助中心", "")
    for kind in PAPERS:
        text = squeezed(pdf_text(get(client, staff, sent, kind, "pdf").data))
        assert "陈律师" in text and "青羊区法律援助中心" in text
        if kind != "appointment_letter":
            assert "执业机构（律师事务所）（待补充）" in text and "办公电话（待补充）" in text
    letter = squeezed(docx_text(get(client, staff, sent, "appointment_letter", "docx").data))
    assert "联系电话：（待补充）" in letter and "（待补充）陈律师：" in letter  # no law firm; never "陈律师律师"


def test_before_a_lawyer_is_assigned_the_papers_are_refused_in_plain_chinese(client, app, staff,
                                                                            make_application):
    sent = make_application(client)
    view = client.get(f"/api/v1/cases/{sent['id']}", headers=staff).get_json()
    assert [d["kind"] for d in view["documents"]] == ["aid_application", "arbitration_claim", "payment_order"]
    with app.app_context():
        before = db.session.scalar(db.select(db.func.count(AuditEntry.id)).where(AuditEntry.action == "document"))
    for kind in PAPERS:
        resp = get(client, staff, sent, kind, "pdf")
        assert resp.status_code == 409
        body = resp.get_json()
        assert body["error_code"] == "lawyer_not_assigned" and "先指派律师" in body["message"]
    with app.app_context():  # a refusal hands nothing out: no download written to the log
        after = db.session.scalar(db.select(db.func.count(AuditEntry.id)).where(AuditEntry.action == "document"))
    assert after == before


def test_once_assigned_the_case_page_lists_them_and_a_download_is_audited_by_name(client, app, staff,
                                                                                   make_application, lawyer):
    sent = assigned(client, app, staff, make_application, lawyer)
    view = client.get(f"/api/v1/cases/{sent['id']}", headers=staff).get_json()
    assert [(d["kind"], d["label"]) for d in view["documents"]][3:] == [
        ("appointment_letter", "法律援助公函（指派通知书）"), ("agency_agreement", "委托代理协议"),
        ("power_of_attorney", "授权委托书")]
    assert get(client, staff, sent, "agency_agreement", "docx").status_code == 200
    with app.app_context():
        entry = db.session.scalars(db.select(AuditEntry).where(AuditEntry.action == "document")).one()
        assert entry.detail == {"kind": "agency_agreement", "format": "docx", "why": "staff"}
    assert audit_labels.ACTIONS["document"] == "下载文书"
    for kind, label in (("appointment_letter", "法律援助公函（指派通知书）"), ("agency_agreement", "委托代理协议"),
                        ("power_of_attorney", "授权委托书")):
        assert f"文书：{label}" in audit_labels.detail_lines({"kind": kind})


def twips(length) -> int:
    return round(length / 635)  # python-docx lengths are EMU: 635 EMU to the twip


@pytest.mark.parametrize("kind", PAPERS)  # the office's own papers: test_aid_documents.py
def test_every_paper_is_a4_in_both_formats(client, app, staff, make_application, lawyer, kind):
    sent = assigned(client, app, staff, make_application, lawyer)
    doc = Document(io.BytesIO(get(client, staff, sent, kind, "docx").data))
    assert [(twips(s.page_width), twips(s.page_height)) for s in doc.sections] == [(11906, 16838)]
    pages = PdfReader(io.BytesIO(get(client, staff, sent, kind, "pdf").data)).pages
    for page in pages:  # A4 is 595.28 × 841.89 points
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
