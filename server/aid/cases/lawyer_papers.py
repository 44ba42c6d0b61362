"""The papers a lawyer needs on day one, once the office has assigned them: the office's 法律援助公函（指派通知书）,
the 委托代理协议 between the worker and the lawyer, and the worker's 授权委托书.

Built as documents.py builds its papers (blocks drawn by paper.py as .docx and PDF, a fact the case does not hold
left as （待补充）). Articles cited are the ones read in shared/reference/statutes: 《法律援助法》第十九、二十、二十一、
四十三、四十六、四十七、四十八条; 《劳动争议调解仲裁法》第二十四、五十三条; 《民事诉讼法》第六十二条.
"""
from ...errors import DomainError, NotFound
from ..models import CASE_TYPES
from .documents import FORMATS, KINDS, MISSING, NO_LAWYER, birth, day, given, office_text, place, request_line, sex
from .paper import Block, printable, write_docx, write_pdf
from .parties import worker_address

# What the worker may grant only by name, one by one (《民事诉讼法》第六十二条第二款): never ticked for them.
SPECIAL_POWERS = ("代为承认仲裁请求或者诉讼请求", "代为放弃仲裁请求或者诉讼请求", "代为变更仲裁请求或者诉讼请求",
                  "进行和解", "提起反诉", "提起上诉")


def _lawyer(case: dict) -> dict:
    return case.get("lawyer") or {}


def lawyer_name(case: dict) -> str:
    lawyer = _lawyer(case)
    return given(lawyer.get("name") or lawyer.get("display_name"))


def law_firm(case: dict) -> str:
    return given(_lawyer(case).get("law_firm"))


def office_name(case: dict) -> str:
    return (case.get("office") or {}).get("name") or "法律援助机构"


def matters(case: dict) -> str:
    """What the lawyer handles: for an injury, first the 工伤认定 application (a non-litigation matter)."""
    return ("工伤认定申请、" if case.get("case_type") == "injury" else "") + "协商、调解、劳动仲裁和诉讼事项"


def salutation(case: dict) -> str:
    """'四川蜀法律师事务所　王援法律师：', never '王律师律师：' for an account named 王律师."""
    name = lawyer_name(case)
    return f"{law_firm(case)}　{name}{'' if name.endswith('律师') else '律师'}："


def dispute(case: dict) -> str:
    """'张三劳务队、某某建设集团有限公司之间的拖欠工资争议': who the worker is against, and about what."""
    parties = "、".join(p for p in (case.get("employer_name"), case.get("contractor")) if p) or MISSING
    label = CASE_TYPES.get(case.get("case_type") or "", "") or MISSING
    return f"与{parties}之间的{label}争议"


def worker_rows(case: dict, role: str) -> list[tuple[str, str]]:
    return [(role, given(case.get("applicant_name"))), ("性别", sex(case.get("id_number"))),
            ("出生日期", birth(case.get("id_number"))), ("公民身份号码", given(case.get("id_number"))),
            ("联系电话", given(case.get("phone"))), ("住址", worker_address(case))]


def lawyer_rows(case: dict, role: str) -> list[tuple[str, str]]:
    return [(role, lawyer_name(case)), ("执业机构（律师事务所）", law_firm(case)),
            ("办公电话", given(_lawyer(case).get("office_phone"))), ("指派机构", office_text(case))]


# --- 法律援助公函（指派通知书） -----------------------------------------------------------------------

def appointment_letter(case: dict) -> list[Block]:
    name, lawyer, firm = given(case.get("applicant_name")), lawyer_name(case), law_firm(case)
    rows = [("受援人", name), ("公民身份号码", given(case.get("id_number"))),
            ("案件类型", CASE_TYPES.get(case.get("case_type") or "", MISSING)),
            ("对方当事人（用人单位或包工头）", given(case.get("employer_name")))]
    if case.get("contractor"):
        rows.append(("施工总承包单位（总包）", case["contractor"]))
    rows += [("工地及所在地", f"{given(case.get('site'))}（{place(case)}）"), ("申请援助事项", request_line(case)),
             ("开始干活", day(case.get("started_on"))), ("最后一次发工资", day(case.get("last_paid_on"))),
             ("离开工地", day(case.get("left_on")))]
    if case.get("case_type") == "injury" or case.get("injured_on"):
        rows.append(("受伤", day(case.get("injured_on"))))
    # Neither the worker's phone nor the tracking code: the letter is shown to the tribunal and others (the lawyer
    # reaches the worker through 打电话 on the case, audited), and the code is the worker's key to their case.
    rows += [("指派日期", day(case.get("assigned_at"))), ("承办律师", lawyer), ("律师事务所", firm),
             ("律师办公电话", given(_lawyer(case).get("office_phone")))]
    phone = (case.get("office") or {}).get("phone")
    return [
        Block("title", "法律援助公函"),
        Block("para", "（指派通知书）"),
        Block("para", salutation(case)),
        Block("para", f"　　{name}{dispute(case)}，向本机构申请法律援助。本机构经审查，决定给予法律援助，依照"
                      f"《中华人民共和国法律援助法》第四十三条，指派你担任{name}的代理人，办理该争议的{matters(case)}。"
                      f"本次代理的阶段：{MISSING}。案件情况如下："),
        Block("fields", rows=rows),
        Block("heading", "受援人自述（照原样记录）"),
        Block("verbatim", case.get("account") or MISSING),
        Block("heading", "请注意"),
        Block("list", rows=[
            "法律援助不收费：不得向受援人收取任何财物（《法律援助法》第二十条）。",
            "接受指派后，没有正当理由不得拒绝、拖延或者终止法律援助；要按规定向受援人通报办理情况"
            "（《法律援助法》第四十六条）。",
            "办案中知悉的个人隐私、商业秘密要保密（《法律援助法》第二十一条）。",
            "请尽快联系受援人，签订委托代理协议、授权委托书。"]),
        Block("para", "　　请有关劳动人事争议仲裁委员会、人民法院和单位予以接洽。特此函告。"),
        Block("sign", rows=[f"{office_name(case)}（盖章）", f"联系电话：{phone or MISSING}",
                            "日期：　　年　　月　　日"]),
    ]


# --- 委托代理协议 ---------------------------------------------------------------------------------------

def agency_agreement(case: dict) -> list[Block]:
    name, lawyer, office = given(case.get("applicant_name")), lawyer_name(case), office_name(case)
    return [
        Block("title", "委托代理协议"),
        Block("para", "（法律援助案件）"),
        Block("fields", rows=worker_rows(case, "甲方（受援人、委托人）")),
        Block("fields", rows=lawyer_rows(case, "乙方（受指派的法律援助律师）")),
        Block("para", f"　　甲方因{dispute(case)}，向{office}申请法律援助。{office}决定给予法律援助，指派乙方为甲方"
                      "提供法律援助。双方商定如下："),
        Block("heading", "一、委托事项"),
        Block("para", f"　　甲方委托乙方担任代理人，办理上述争议的{matters(case)}。"
                      f"本次代理的阶段：{MISSING}。甲方的请求：{request_line(case)}。"),
        Block("heading", "二、代理权限"),
        Block("para", "　　以甲方另行签署的《授权委托书》写明的为准。没有甲方逐项写明的特别授权，乙方不得代甲方"
                      "承认、放弃、变更请求，进行和解，提起反诉或者上诉。"),
        Block("heading", "三、费用"),
        Block("para", "　　乙方提供的是法律援助，不向甲方收取代理费或者任何财物（《法律援助法》第二十条）。"
                      "劳动争议仲裁不收费（《劳动争议调解仲裁法》第五十三条）。"),
        Block("heading", "四、甲方要做的"),
        Block("para", "　　如实说明与本案有关的情况，及时提供证据材料，配合乙方办案（《法律援助法》第四十七条）；"
                      "换了电话、住址要及时告诉乙方。"),
        Block("heading", "五、乙方要做的"),
        Block("para", "　　依法履行职责，及时提供法律援助，维护甲方的合法权益（《法律援助法》第十九条）；"
                      "按规定告诉甲方案件办到哪一步，不得损害甲方的合法权益（第四十六条）；"
                      "对甲方的个人隐私保密（第二十一条）。"),
        Block("heading", "六、协议的结束"),
        Block("para", f"　　委托事项办完，或者{office}依照《法律援助法》第四十八条终止法律援助（例如甲方自行委托了"
                      "律师或者其他代理人），本协议结束。"),
        Block("heading", "七、其他"),
        Block("para", f"　　本协议一式三份，甲方、乙方、{office}各执一份，双方签字之日起生效。其他约定：{MISSING}"),
        Block("sign", rows=[f"甲方（签名或按手印）：{name}", "乙方（签名）：" + lawyer,
                            "日期：　　年　　月　　日"]),
    ]


# --- 授权委托书 -----------------------------------------------------------------------------------------

def power_of_attorney(case: dict) -> list[Block]:
    name = given(case.get("applicant_name"))
    return [
        Block("title", "授权委托书"),
        Block("fields", rows=worker_rows(case, "委托人")),
        Block("fields", rows=lawyer_rows(case, "受托人（法律援助律师）")),
        Block("para", f"　　委托人因{dispute(case)}，委托上列受托人为委托人的代理人。"),
        Block("heading", "委托事项"),
        Block("para", f"　　代理委托人办理上述争议的{matters(case)}。本次代理的阶段及受理机构：{MISSING}"),
        Block("heading", "代理权限"),
        Block("para", "■ 一般代理：代为提出申请、起诉，提交和收集证据，参加调解、开庭，发表代理意见，"
                      "代为签收法律文书。"),
        Block("para", "特别授权（默认不授权。委托人同意哪一项，要在该项后面亲笔写明“同意”并签名；没有写明的，"
                      "受托人无权办理）："),
        Block("list", rows=[f"□ {power}　{MISSING}" for power in SPECIAL_POWERS]),
        Block("para", "　　依据：委托书要写明委托事项和权限（《劳动争议调解仲裁法》第二十四条、《民事诉讼法》"
                      "第六十二条）；代为承认、放弃、变更诉讼请求，进行和解，提起反诉或者上诉，必须有委托人的特别授权"
                      "（《民事诉讼法》第六十二条）。"),
        Block("para", f"委托期限：自签署之日起至本次代理的阶段结束。结束时间：{MISSING}"),
        Block("sign", rows=[f"委托人（签名或按手印）：{name}", "日期：　　年　　月　　日"]),
    ]


BUILDERS = {"appointment_letter": appointment_letter, "agency_agreement": agency_agreement,
            "power_of_attorney": power_of_attorney}


def render(kind: str, fmt: str, case: dict) -> bytes:
    """One of the lawyer's papers as .docx or PDF bytes; 409 when the case has no lawyer (nothing to appoint)."""
    if kind not in BUILDERS or fmt not in FORMATS:
        raise NotFound("没有这种文书。", "document_not_found")
    if not case.get("lawyer"):
        raise DomainError(NO_LAWYER, "lawyer_not_assigned", 409)
    blocks = [printable(block) for block in BUILDERS[kind](case)]
    return write_docx(blocks) if fmt == "docx" else write_pdf(blocks, KINDS[kind])
