"""The papers an office files from a case: the filled 法律援助申请表 and a draft 劳动仲裁申请书 (the lawyer's
day-one papers, KINDS' NEEDS_LAWYER, are built in lawyer_papers.py on the helpers here).

`render(kind, fmt, case)` takes the case view (`view.build_view`) and gives .docx bytes
(python-docx, for the lawyer to edit) or PDF bytes (WeasyPrint, in the Noto CJK font the poster
uses), written by paper.py. Keys case handling may add, each optional: "office" (the handling
office's name and phone: printed at the head of the form and beside its signature), "lawyer" (a name, or a dict
with display_name / office / office_phone: printed as the assigned aid lawyer), "progress" (the lawyer's notes,
each with a "kind": the latest 调解 / 仲裁 / 诉讼 note ticks the form's 法律状态, else it is left for the office to
tick) and "outcome" (printed on neither paper).

Nothing is invented: the worker's words are printed exactly as typed, every fact comes from the
case, and a fact the case does not hold is left as （待补充） for the lawyer to fill in. Both
documents are built once as a list of blocks, so the .docx and the PDF always say the same thing.
Articles cited are the ones checked in shared/reference/law-facts.md (LA-03, LA-04, AR-06, SUB-05).
"""
from datetime import date, datetime

from ...clock import china_time
from ...errors import NotFound
from ..models import CASE_TYPES, MEANS_TEST
from .paper import Block, printable, write_docx, write_pdf

KINDS = {"aid_application": "法律援助申请表", "arbitration_claim": "劳动仲裁申请书",
         # the lawyer's day-one papers (lawyer_papers.py): only once a lawyer is assigned
         "appointment_letter": "法律援助公函（指派通知书）", "agency_agreement": "委托代理协议",
         "power_of_attorney": "授权委托书"}
NEEDS_LAWYER = ("appointment_letter", "agency_agreement", "power_of_attorney")
NO_LAWYER = "这份文书要先指派律师才能生成：请先给这个案件指派律师。"
FORMATS = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
           "pdf": "application/pdf"}
MISSING = "（待补充）"
# Where the dispute stands (the form's 法律状态); the office ticks one when the case does not say.
LEGAL_STATUSES = ("尚未进入法律程序", "协商或调解中", "劳动仲裁中", "诉讼中", "其他")
# A progress note's kind (cases/moves.py PROGRESS_KINDS) → where it puts the dispute; "other" says nothing.
STATUS_OF_PROGRESS = {"mediation": "协商或调解中", "arbitration": "劳动仲裁中", "litigation": "诉讼中"}


def legal_status(case: dict) -> str | None:
    """Where the dispute stands, from the lawyer's latest 调解/仲裁/诉讼 note; None when no note says (not guessed)."""
    for note in reversed(case.get("progress") or []):
        status = STATUS_OF_PROGRESS.get((note or {}).get("kind") or "")
        if status:
            return status
    return None


def render(kind: str, fmt: str, case: dict) -> bytes:
    if kind not in KINDS or fmt not in FORMATS:
        raise NotFound("没有这种文书。", "document_not_found")
    """This module's own papers; the lawyer's (NEEDS_LAWYER) are lawyer_papers.render's, built on these helpers."""
    if kind not in BUILDERS:
        raise NotFound("没有这种文书。", "document_not_found")
    blocks = [printable(block) for block in BUILDERS[kind](case)]
    return write_docx(blocks) if fmt == "docx" else write_pdf(blocks, KINDS[kind])


# --- the facts, as the documents write them ------------------------------------------------------

def yuan(fen: int | None) -> str:
    """2400000 fen -> '人民币24,000.00元' (exact: integer fen, never a float)."""
    if fen is None:
        return MISSING
    return f"人民币{fen // 100:,}.{fen % 100:02d}元"


def day(value) -> str:
    if value in (None, ""):
        return MISSING
    if isinstance(value, datetime):
        value = china_time(value).date()
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return f"{value.year}年{value.month}月{value.day}日"


def given(value) -> str:
    return value if isinstance(value, str) and value.strip() else MISSING


def sex(id_number: str | None) -> str:
    """From the ID number's 17th digit (odd: 男, even: 女, GB 11643); unknown without a number."""
    if not id_number or len(id_number) != 18 or not id_number[16].isdigit():
        return MISSING
    return "男" if int(id_number[16]) % 2 else "女"


def birth(id_number: str | None) -> str:
    if not id_number or len(id_number) != 18 or not id_number[6:14].isdigit():
        return MISSING
    digits = id_number[6:14]
    return f"{int(digits[:4])}年{int(digits[4:6])}月{int(digits[6:])}日"


def lawyer_text(lawyer) -> str | None:
    if not lawyer:
        return None
    if isinstance(lawyer, str):
        return lawyer
    parts = [lawyer.get("display_name") or lawyer.get("name") or "",
             lawyer.get("law_firm") or lawyer.get("office") or "",
             lawyer.get("office_phone") or lawyer.get("phone") or ""]
    return "，".join(p for p in parts if p) or None


def office_text(case: dict) -> str:
    """The office handling the case, as the papers name it: its name and public phone (never a fixed name)."""
    office = case.get("office") or {}
    name = office.get("name") or "法律援助机构"
    return name + (f"（电话 {office['phone']}）" if office.get("phone") else "")


def place(case: dict) -> str:
    text = "".join(case.get(k) or "" for k in ("city", "district"))
    return text or MISSING


def evidence_labels(case: dict) -> list[str]:
    return [(e.get("label") or "").strip() or "照片（未标注）" for e in case.get("evidence") or []]


def means_text(case: dict) -> str:
    """The Art. 42 exemption or the Art. 41 commitment, in the words the application recorded (MEANS_TEST)."""
    return MEANS_TEST.get(case.get("means_test") or "", case.get("means_test_label") or MISSING)


def request_line(case: dict) -> str:
    """What the worker asks the office for, from the case type and the amount given."""
    amount = case.get("amount_owed_fen")
    case_type = case.get("case_type")
    if case_type == "wages":
        return "请求支付拖欠的劳动报酬" + (yuan(amount) if amount is not None else f"，金额{MISSING}")
    if case_type == "injury":
        return "请求工伤事故人身损害赔偿（工伤待遇）" + (f"，金额{yuan(amount)}" if amount is not None else "")
    label = CASE_TYPES.get(case_type or "", case_type or "")
    return f"{label}争议" + (f"，涉及金额{yuan(amount)}" if amount is not None else f"，请求事项{MISSING}")


def key_dates(case: dict) -> list[tuple[str, str]]:
    rows = [("开始干活", day(case.get("started_on"))), ("最后一次发工资", day(case.get("last_paid_on"))),
            ("离开工地", day(case.get("left_on")))]
    if case.get("case_type") == "injury" or case.get("injured_on"):
        rows.append(("受伤", day(case.get("injured_on"))))
    return rows


# --- 法律援助申请表 ---------------------------------------------------------------------------------

def aid_application(case: dict) -> list[Block]:
    status = legal_status(case)
    ticks = "　".join(("■" if s == status else "□") + s for s in LEGAL_STATUSES)
    submitted = "志愿者代为提交（已确认工友本人同意）" if case.get("on_behalf") else "申请人本人提交"
    blocks = [
        Block("title", "法律援助申请表"),
        Block("para", f"承办机构：{office_text(case)}"),
        Block("para", f"查询码：{case.get('code') or MISSING}　　收到申请：{day(case.get('created_at'))}"
                      f"　　{submitted}"),
        Block("heading", "一、申请人"),
        Block("fields", rows=[
            ("姓名", given(case.get("applicant_name"))), ("性别", sex(case.get("id_number"))),
            ("出生日期", birth(case.get("id_number"))), ("公民身份号码", given(case.get("id_number"))),
            ("联系电话", given(case.get("phone"))), ("户籍地（老家）", given(case.get("hometown")))]),
        Block("heading", "二、对方当事人"),
        Block("fields", rows=[
            ("用人单位或包工头", given(case.get("employer_name"))),
            ("其电话", given(case.get("employer_phone"))),
            ("施工总承包单位（总包）", given(case.get("contractor"))),
            ("工地", given(case.get("site"))), ("项目", given(case.get("project"))), ("所在地", place(case))]),
        Block("heading", "三、申请事项"),
        Block("fields", rows=[
            ("案件类型", CASE_TYPES.get(case.get("case_type") or "", given(case.get("case_type")))),
            ("申请援助事项", request_line(case)),
            ("法律状态", ticks + ("" if status in LEGAL_STATUSES else f"　{MISSING}")),
            *key_dates(case)]),
        Block("heading", "四、案情概述（申请人自述，照原样记录）"),
        Block("verbatim", case.get("account") or MISSING),
    ]
    coworkers = [c.get("name") for c in case.get("coworkers") or [] if c.get("name")]
    if coworkers:
        blocks.append(Block("para", "一同被欠薪或受害的工友：" + "、".join(coworkers)))
    blocks += [
        Block("heading", "五、经济困难状况"),
        Block("para", means_text(case)),
        *([Block("para", f"家庭经济状况说明：{MISSING}")] if case.get("means_test") != "art42_exempt" else []),
        Block("heading", "六、提交的材料"),
        Block("list", rows=evidence_labels(case) or ["（未提交照片）"]),
    ]
    lawyer = lawyer_text(case.get("lawyer"))
    if lawyer:
        blocks.append(Block("para", f"指派的法律援助人员：{lawyer}"))
    office = (case.get("office") or {}).get("name") or "法律援助机构"
    blocks.append(Block("sign", rows=["申请人（签名或按手印）：", "日期：　　年　　月　　日",
                                      f"{office}经办人：", "日期：　　年　　月　　日"]))
    return blocks


# --- 劳动仲裁申请书（草稿） ---------------------------------------------------------------------------

def arbitration_claim(case: dict) -> list[Block]:
    respondents = [("被申请人一（用人单位或包工头）", case.get("employer_name"), case.get("employer_phone"))]
    if case.get("contractor"):
        # 《解释（一）》第二十八条 (SUB-05): the one who let the work and the one who took it are both named.
        respondents.append(("被申请人二（施工总承包单位）", case.get("contractor"), None))
    blocks = [
        Block("title", "劳动仲裁申请书"),
        Block("para", "（草稿：由法律援助人员核对、补全后提交）"),
        Block("fields", rows=[
            ("申请人", given(case.get("applicant_name"))), ("性别", sex(case.get("id_number"))),
            ("出生日期", birth(case.get("id_number"))), ("公民身份号码", given(case.get("id_number"))),
            ("联系电话", given(case.get("phone"))), ("户籍地", given(case.get("hometown"))), ("现住址", MISSING)]),
    ]
    for title, name, phone in respondents:
        blocks.append(Block("fields", rows=[(title, given(name)), ("住所地", MISSING), ("联系电话", given(phone))]))
    lawyer = lawyer_text(case.get("lawyer"))
    if lawyer:
        blocks.append(Block("fields", rows=[("委托代理人（法律援助人员）", lawyer), ("指派机构", office_text(case))]))
    blocks += [Block("heading", "仲裁请求"), Block("list", rows=_claims(case))]
    blocks += [Block("heading", "事实与理由"), *_facts(case)]
    blocks += [
        Block("heading", "证据清单"),
        Block("table", header=["序号", "证据名称", "来源", "证明内容"],
              rows=[[str(i), label, "申请人提供（照片）", MISSING] for i, label in enumerate(evidence_labels(case), 1)]
              or [["1", "（未提交照片）", "", ""]]),
        Block("para", "此致"),
        Block("para", f"{MISSING}劳动人事争议仲裁委员会"),
        Block("sign", rows=["申请人（签名）：", "日期：　　年　　月　　日"]),
    ]
    return blocks


def _claims(case: dict) -> list[str]:
    amount = case.get("amount_owed_fen")
    case_type = case.get("case_type")
    if case_type == "wages":
        first = f"裁决被申请人支付申请人被拖欠的劳动报酬{yuan(amount)}。"
    elif case_type == "injury":
        first = ("裁决被申请人支付申请人工伤待遇" + (yuan(amount) if amount is not None else "")
                 + f"（项目明细{MISSING}）。")
    else:
        first = f"{MISSING}" + (f"（申请人所述金额：{yuan(amount)}）" if amount is not None else "")
    claims = [first]
    if case.get("contractor"):
        claims.append("裁决被申请人二对上述款项承担清偿责任。")
    return claims


def _facts(case: dict) -> list[Block]:
    where = "".join(case.get(k) or "" for k in ("city", "district"))
    site = case.get("site") or MISSING
    project = case.get("project") or MISSING
    employer = case.get("employer_name") or MISSING
    started = day(case.get("started_on"))
    facts = [f"申请人自{started}起，在{where}{site}（项目：{project}）为被申请人一（{employer}）干活。"]
    if case.get("contractor"):
        facts.append(f"该工程的施工总承包单位为被申请人二（{case['contractor']}）。")
    facts.append(f"申请人最后一次拿到工资的日期为{day(case.get('last_paid_on'))}；"
                 f"申请人离开工地的日期为{day(case.get('left_on'))}。")
    if case.get("case_type") == "injury" or case.get("injured_on"):
        facts.append(f"申请人于{day(case.get('injured_on'))}受伤。")
    if case.get("amount_owed_fen") is not None:
        facts.append(f"据申请人陈述，被申请人尚欠申请人{yuan(case['amount_owed_fen'])}。")
    coworkers = [c.get("name") for c in case.get("coworkers") or [] if c.get("name")]
    if coworkers:
        facts.append("同一工地一同被欠薪的工友：" + "、".join(coworkers) + "。")
    return [Block("para", "　　" + "".join(facts)),
            Block("para", "申请人自述（照原样记录）："),
            Block("verbatim", case.get("account") or MISSING),
            Block("para", f"理由及法律依据：{MISSING}")]


BUILDERS = {"aid_application": aid_application, "arbitration_claim": arbitration_claim}
