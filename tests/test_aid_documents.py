"""The papers a legal-aid office files from a case: opened as the lawyer opens them, and read.

A worker applies from the site with two labelled photos; staff download the filled 法律援助申请表 and
the draft 劳动仲裁申请书 as .docx (opened with python-docx) and PDF (text read back with pypdf). Every
fact must come from the case, the worker's words exactly as typed, nothing invented.
"""
import io
import re
import uuid
from urllib.parse import unquote

import pytest
from docx import Document
from pypdf import PdfReader

from server.accounts.models import AuditEntry
from server.extensions import db
from tests import photos

WORDS = ("李老板说六月底一定给钱，到现在一分没给。\n"
         "我们12个人在幸福里二期干了三个月，电话也不接了！  他欠条上写的是“2.4万”。")
LABELS = ("欠条（李老板写的）", "微信聊天截图")


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def pdf_text(data: bytes) -> str:
    assert data[:5] == b"%PDF-"
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def squeezed(text: str) -> str:
    """PDF text comes back wrapped at the page's width: compare without any white space."""
    return re.sub(r"\s+", "", text)


@pytest.fixture
def case(client, make_application):
    """A wage claim sent from the site with two labelled photos; the left-work date not given."""
    key = str(uuid.uuid4())
    upload_ids = []
    for label in LABELS:
        upload_id = str(uuid.uuid4())
        resp = photos.post_photo(client, photos.jpeg(1200, 900), upload_id=upload_id, submission_id=key, label=label)
        assert resp.status_code == 201
        upload_ids.append(upload_id)
    return make_application(client, key=key, upload_ids=upload_ids, account=WORDS,
                            coworkers=[{"name": "王五", "phone": "13700137000"}])


def download(client, headers, case, kind, fmt):
    return client.get(f"/api/v1/cases/{case['id']}/documents/{kind}.{fmt}", headers=headers)


@pytest.mark.parametrize("fmt, read", [("docx", docx_text), ("pdf", pdf_text)])
def test_the_filled_aid_application_carries_the_case_as_the_worker_gave_it(client, staff, case, fmt, read):
    resp = download(client, staff, case, "aid_application", fmt)
    assert resp.status_code == 200, resp.get_json()
    text = read(resp.data)
    flat = squeezed(text)
    assert "法律援助申请表" in text
    for fact in ("张三", photos.id_number(), "13800138000", "男", "1990年3月7日", "四川省广安市",
                 "李老板", "13900001111", "某某建设集团", "幸福里工地", "幸福里二期", "成都市武侯区",
                 "欠薪", "人民币24,000.00元", "2026年3月1日", "2026年6月30日", "王五", case["code"], *LABELS):
        assert squeezed(fact) in flat, fact
    # The Art. 42 exemption, in the words the application recorded, and no means-test question.
    assert squeezed("免予核查经济困难状况（《法律援助法》第四十二条第（三）项") in flat
    assert "诚信承诺" not in text
    # The worker's words as typed (in the .docx to the character, line break and double space included).
    if fmt == "docx":
        assert WORDS in text
    else:
        assert squeezed(WORDS) in flat
    assert "待补充" in text  # the left-work date and the legal status were not given: left blank, not guessed
    if fmt == "pdf":  # in the poster's font, the Simplified Chinese face
        fonts = {str(f.get_object()["/BaseFont"]) for page in PdfReader(io.BytesIO(resp.data)).pages
                 for f in page["/Resources"]["/Font"].values()}
        assert fonts and all("Noto-Sans-CJK-SC" in f for f in fonts), fonts


@pytest.mark.parametrize("fmt, read", [("docx", docx_text), ("pdf", pdf_text)])
def test_the_draft_arbitration_claim_names_both_respondents_and_asks_for_the_amount(client, staff, case, fmt, read):
    resp = download(client, staff, case, "arbitration_claim", fmt)
    assert resp.status_code == 200
    text = read(resp.data)
    flat = squeezed(text)
    assert "劳动仲裁申请书" in text
    for fact in ("申请人", "张三", photos.id_number(), "13800138000",
                 "被申请人一（用人单位或包工头）", "李老板", "被申请人二（施工总承包单位）", "某某建设集团",
                 "仲裁请求", "裁决被申请人一支付申请人被拖欠的劳动报酬人民币24,000.00元",
                 "裁决被申请人二对上述劳动报酬承担清偿责任",
                 "事实与理由", "2026年3月1日", "幸福里工地", "幸福里二期", "2026年6月30日",
                 "证据清单", *LABELS):
        assert squeezed(fact) in flat, fact
    if fmt == "docx":
        assert WORDS in text
        doc = Document(io.BytesIO(resp.data))
        evidence = doc.tables[-1]
        assert [c.text for c in evidence.rows[0].cells] == ["序号", "证据名称", "来源", "证明内容"]
        # In the case's order of evidence (full_view's); each photo once, under the label the worker gave it.
        assert sorted(r.cells[1].text for r in evidence.rows[1:]) == sorted(LABELS)
    else:
        assert squeezed(WORDS) in flat
    # Not given, so not made up: where the respondents are registered, the left-work date, the legal basis.
    assert squeezed("申请人离开工地的日期为（待补充）") in flat
    assert "住所地" in text and "（待补充）" in text


def test_a_claim_that_is_not_exempt_carries_the_honesty_commitment(client, staff, make_application):
    sent = make_application(client, case_type="dismissal", contractor="", amount_owed_fen=None, honesty_commitment=True,
                            account="被辞退了，没给补偿。")
    text = docx_text(download(client, staff, sent, "aid_application", "docx").data)
    assert "已作经济困难状况个人诚信承诺（《法律援助法》第四十一条）" in text
    assert "免予核查" not in text
    claim = docx_text(download(client, staff, sent, "arbitration_claim", "docx").data)
    assert "被申请人二" not in claim  # no general contractor given: only the employer is named
    assert "被辞退了，没给补偿。" in claim and "人民币" not in claim


def test_a_document_is_an_audited_attachment_nobody_caches(client, app, staff, case):
    resp = download(client, staff, case, "arbitration_claim", "pdf")
    assert resp.mimetype == "application/pdf"
    disposition = resp.headers["Content-Disposition"]
    assert disposition.startswith(f'attachment; filename="arbitration_claim-{case["code"]}.pdf"')
    encoded = disposition.split("filename*=UTF-8''")[1]
    assert unquote(encoded) == f"劳动仲裁申请书-{case['code']}.pdf" and encoded.isascii()
    assert resp.headers["X-Content-Type-Options"] == "nosniff" and resp.headers["Cache-Control"] == "no-store"
    docx = download(client, staff, case, "aid_application", "docx")
    assert docx.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    with app.app_context():
        entries = db.session.scalars(db.select(AuditEntry).where(AuditEntry.action == "document")
                                     .order_by(AuditEntry.id)).all()
        assert [(e.actor_id, e.record_type, e.record_id, e.detail) for e in entries] == [
            (staff.user.id, "aid_application", str(case["id"]),
             {"kind": "arbitration_claim", "format": "pdf", "why": "staff"}),
            (staff.user.id, "aid_application", str(case["id"]),
             {"kind": "aid_application", "format": "docx", "why": "staff"})]


def test_only_the_cases_handlers_get_its_documents(client, auth, case):
    for role in ("worker", "volunteer", "lawyer"):  # a lawyer not assigned to the case is refused it
        assert download(client, auth(client, role), case, "aid_application", "pdf").status_code == 403
    assert download(client, {}, case, "aid_application", "pdf").status_code == 401
    admin = auth(client, "admin")
    assert download(client, admin, case, "aid_application", "pdf").status_code == 200
    assert client.get("/api/v1/cases/999999/documents/aid_application.pdf", headers=admin).status_code == 404
    assert download(client, admin, case, "eviction_notice", "pdf").status_code == 404
    assert download(client, admin, case, "aid_application", "html").status_code == 404


def test_an_injury_case_with_its_lawyer_says_when_the_worker_was_hurt_and_who_acts(client, app, staff,
                                                                                    make_application):
    from server.aid.cases import case_papers, documents, view
    sent = make_application(client, case_type="injury", injured_on="2026-05-20", amount_owed_fen=None,
                            contractor="", account="从脚手架上摔下来，腿断了。")
    with app.test_request_context():
        case = view.case_view(sent["id"], staff.user)
    case["lawyer"] = {"display_name": "王律师", "office": "武侯区法律援助中心", "office_phone": "028-12345678"}
    for fmt, read in (("docx", docx_text), ("pdf", pdf_text)):
        for kind in ("aid_application", "arbitration_claim"):  # the lawyer's papers: test_aid_lawyer_papers.py
            flat = squeezed(read(case_papers.render(kind, fmt, case)))
            assert "2026年5月20日" in flat and "从脚手架上摔下来，腿断了。" in flat
            assert "王律师" in flat and "028-12345678" in flat
            assert "人民币" not in flat  # no amount given: none printed
        claim = squeezed(read(case_papers.render("arbitration_claim", fmt, case)))
        # Not recognised as a work injury yet (no particulars): no 工伤待遇 claimed, what comes first is said instead.
        assert "工伤保险待遇" not in claim and squeezed("工伤待遇暂不列入请求") in claim
    case["progress"] = [{"kind": "mediation"}, {"kind": "arbitration"}, {"kind": "other"}]  # the lawyer's notes
    form = docx_text(documents.render("aid_application", "docx", case))
    assert "■劳动仲裁中" in form and "□诉讼中" in form and "□尚未进入法律程序" in form


def test_one_download_is_one_audit_entry_saying_why_the_reader_had_it(client, app, staff, case):
    """A download is one read of the case: one entry (action "document"), with the reader's part in the case."""
    with app.app_context():
        before = db.session.scalar(db.select(db.func.max(AuditEntry.id))) or 0
    assert download(client, staff, case, "aid_application", "pdf").status_code == 200
    with app.app_context():
        entries = db.session.scalars(db.select(AuditEntry).where(AuditEntry.id > before)).all()
        assert [(e.actor_id, e.action, e.record_type, e.record_id, e.detail) for e in entries] == [
            (staff.user.id, "document", "aid_application", str(case["id"]),
             {"kind": "aid_application", "format": "pdf", "why": "staff"})]


def status_line(form: str) -> str:
    return next(line for line in form.splitlines() if "尚未进入法律程序" in line)


def test_the_forms_legal_status_is_where_the_lawyers_notes_say_the_dispute_stands(client, app, staff, auth,
                                                                                 make_user, case):
    from tests.casework import CHECKLIST, act
    form = docx_text(download(client, staff, case, "aid_application", "docx").data)
    assert "■" not in status_line(form) and "（待补充）" in status_line(form)  # no note yet: left to the office
    lawyer_user = make_user("lawyer", app=app, display_name="王律师")
    lawyer = auth(client, "lawyer", user=lawyer_user)
    for action, fields in (("accept", {"checklist": CHECKLIST}), ("approve", {}),
                           ("assign", {"lawyer_id": lawyer_user.id})):
        assert act(client, staff, case["id"], action, **fields).status_code == 200
    assert act(client, lawyer, case["id"], "lawyer_accept").status_code == 200
    assert act(client, lawyer, case["id"], "progress", kind="arbitration", note="已向武侯区仲裁委申请仲裁",
               happened_on="2026-11-02").status_code == 200
    line = status_line(docx_text(download(client, lawyer, case, "aid_application", "docx").data))
    assert "■劳动仲裁中" in line and "□诉讼中" in line and "待补充" not in line
    form = docx_text(download(client, lawyer, case, "aid_application", "docx").data)
    assert "王律师" in form  # the assigned lawyer, from the case
    act(client, lawyer, case["id"], "progress", kind="other", note="给工友打了电话")
    act(client, lawyer, case["id"], "progress", kind="litigation", note="不服裁决，已起诉")
    act(client, lawyer, case["id"], "progress", kind="other", note="又打了电话")
    line = status_line(docx_text(download(client, lawyer, case, "aid_application", "docx").data))
    assert "■诉讼中" in line and "□劳动仲裁中" in line and "■其他" not in line


def test_the_evidence_keeps_the_order_the_worker_put_the_photos_in(client, staff, make_application):
    """Three photos sent with one application attach at the same instant: the worker's order still holds,
    on the case page and in both documents' lists, whatever their ids."""
    key = str(uuid.uuid4())
    ids = ["ffffffff-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002",
           "88888888-0000-4000-8000-000000000003"]
    labels = ["第一张：欠条", "第二张：考勤表", "第三张：聊天记录"]
    for upload_id, label in zip(ids, labels, strict=True):
        resp = photos.post_photo(client, photos.jpeg(640, 480), upload_id=upload_id, submission_id=key, label=label)
        assert resp.status_code == 201, resp.get_json()
    sent = make_application(client, key=key, upload_ids=ids)
    view = client.get(f"/api/v1/cases/{sent['id']}", headers=staff).get_json()
    assert [e["id"] for e in view["evidence"]] == ids
    for kind in ("aid_application", "arbitration_claim"):
        text = docx_text(download(client, staff, sent, kind, "docx").data)
        assert [text.index(label) for label in labels] == sorted(text.index(label) for label in labels), kind


@pytest.mark.parametrize("fmt, read", [("docx", docx_text), ("pdf", pdf_text)])
def test_text_stored_before_the_input_rule_still_gives_the_documents(client, app, staff, case, fmt, read):
    """U+FFFE, U+FFFF and a vertical tab were accepted before the rule refused them; XML (so a .docx)
    cannot hold them: the papers leave them out and keep every other character the worker typed."""
    from server.aid.models import Application
    with app.app_context():
        application = db.session.get(Application, case["id"])
        application.account = "老板\ufffe欠我\uffff工资\x0b三个月\ufdd0。"
        application.employer_name = "李老板\uffff"
        db.session.commit()
    for kind in ("aid_application", "arbitration_claim"):
        resp = download(client, staff, case, kind, fmt)
        assert resp.status_code == 200, (kind, resp.get_json())
        flat = squeezed(read(resp.data))
        assert "老板欠我工资三个月" in flat and "李老板" in flat
        assert not {"\ufffe", "\uffff", "\x0b"} & set(flat)


@pytest.mark.parametrize("kind, fields", [("aid_application", {}), ("arbitration_claim", {}), ("payment_order", {}),
                                          ("injury_recognition", {"case_type": "injury", "injured_on": "2026-05-20"})])
def test_the_papers_are_a4_in_word_too(client, staff, make_application, kind, fields):
    """python-docx's blank document is US Letter (12240 × 15840 twips): an office prints on A4 (11906 × 16838)."""
    case = make_application(client, **fields)
    doc = Document(io.BytesIO(download(client, staff, case, kind, "docx").data))
    assert [(round(s.page_width / 635), round(s.page_height / 635)) for s in doc.sections] == [(11906, 16838)]
    for page in PdfReader(io.BytesIO(download(client, staff, case, kind, "pdf").data)).pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)  # A4 in points
