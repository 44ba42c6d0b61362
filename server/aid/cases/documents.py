"""The papers an office files from a case, and the helpers they share: here the filled 法律援助申请表; the draft
劳动仲裁申请书 in arbitration_paper.py, the 工伤认定申请表 in injury_papers.py, the 支付令申请书 in payment_order.py,
the lawyer's day-one papers (KINDS' NEEDS_LAWYER) in lawyer_papers.py, all built on the helpers here (the parties,
from the case's particulars, in parties.py); which a case offers, and who draws each: case_papers.py.

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
         "injury_recognition": "工伤认定申请表", "payment_order": "支付令申请书",
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
    """This module's own paper (法律援助申请表); every kind, each by its own module: case_papers.render."""
    if kind not in BUILDERS or fmt not in FORMATS:
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
    """A date, a stored moment (its China day) or either as ISO text -> '2026年3月1日'; nothing → （待补充）."""
    if value in (None, ""):
        return MISSING
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value) if len(value) > 10 else date.fromisoformat(value)
        except ValueError:
            return MISSING
    if isinstance(value, datetime):
        value = china_time(value).date()
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


BUILDERS = {"aid_application": aid_application}
