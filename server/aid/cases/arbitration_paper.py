"""The draft 劳动仲裁申请书, as 《劳动争议调解仲裁法》第二十八条 says one must read: each party (the worker's name,
sex, age, work and address; the employer's name, seat and legal representative or principal with their title), the
claims with their facts and reasons, the evidence with its source and the witnesses' names and addresses; addressed
to the commission (第二十一条, parties.commission).

Who is claimed against (law-facts SUB-01, SUB-04, SUB-05, SUB-08, checked in statutes/ where stored):
- the general contractor beside the employer: 《解释（一）》第二十八条; for wages it 清偿 / 先行清偿 (《保障农民工工资
  支付条例》第三十条第三、四款, 第三十六条第一款); never a labour relationship with it;
- a 包工头 (employer_kind "individual") with no contractor known: a second respondent to be filled in, the unit with
  用工主体资格 that let the work, and the money claims go against it (承担用工主体责任, not 劳动关系);
- an injury (工伤待遇) is claimed only once recognised (工伤认定) and graded (劳动能力鉴定): 《工伤保险条例》第十七、
  二十三条; before that the draft says what comes first (injury_papers.first_steps) and claims nothing invented;
- the employer denies employment: the first claim confirms it (劳社部发〔2005〕12号第一、二条, SUB-02/SUB-07).
"""
from ..models import CASE_TYPES
from . import claims as calculated
from .day_log_text import fact as day_log_fact
from .documents import MISSING, birth, day, given, lawyer_text, office_text, sex, yuan
from .injury_papers import first_steps, recognised
from .paper import Block
from .parties import (
    COMMISSION_CAVEAT,
    UNIT_BASIS,
    commission,
    contractor_rows,
    employer_rows,
    evidence_rows,
    has_second,
    individual,
    needs_unit,
    particulars,
    witnesses,
    worker_address,
)

WAGES_LAW = "用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬（《劳动合同法》第三十条第一款）。"
CONTRACTOR_PAYS = ("分包单位拖欠农民工工资的、工程转包后拖欠的，由施工总承包单位先行清偿，再依法追偿（《保障农民工"
                   "工资支付条例》第三十条第三、四款）；建设单位或者施工总承包单位将工程发包或者分包给个人或者不具备合法经营资格的"
                   "单位，导致拖欠农民工工资的，由建设单位或者施工总承包单位清偿（同条例第三十六条第一款）。")
BOTH_PARTIES = ("承包经营期间发生的劳动争议，应当将承包方和发包方作为当事人（《最高人民法院关于审理劳动争议案件适用法律"
                "问题的解释（一）》第二十八条）。")
EMPLOYMENT = ("没有书面劳动合同，但双方符合法律、法规规定的主体资格，申请人受被申请人的劳动管理、从事其安排的有报酬的"
              "劳动，且该劳动是其业务的组成部分的，劳动关系成立（劳社部发〔2005〕12号第一条）；可以参照工资支付凭证或者"
              "记录、工作证、招工登记表、考勤记录、其他劳动者的证言等认定，其中工资支付凭证、招工登记表、考勤记录由"
              "用人单位负举证责任（同通知第二条）。该通知原文未存，请律师核对。")
UNIT_RESPONSIBLE = ("包工头个人不具备用工主体资格：由具备用工主体资格的发包方对其招用的劳动者承担用工主体责任（劳社部发"
                    "〔2005〕12号第四条，原文未存，请律师核对）。请求的是承担用工主体责任，不是确认与发包单位存在劳动关系；"
                    "向发包单位主张二倍工资、经济补偿能否得到支持，各地有争议。")
WHO_PAYS = ("项目明细只列应由单位支付的：如停工留薪期内的原工资福利（《工伤保险条例》第三十三条）、一次性伤残就业"
            "补助金（第三十六条、第三十七条）；单位应当参加工伤保险而未参加的，按条例规定的待遇项目和标准由单位支付（第六十二条"
            "第二款）。对经办机构核定的工伤保险待遇有异议的，是申请行政复议或者提起行政诉讼（第五十五条第（五）项），"
            "不在仲裁请求里。")
MAYBE_INDIVIDUAL = ("被申请人一如果是包工头个人（不具备用工主体资格），一般不宜请求确认与其存在劳动关系，应改为请求确认"
                    "具备用工主体资格的发包单位承担用工主体责任（劳社部发〔2005〕12号第四条），请律师核对。")


def arbitration_claim(case: dict) -> list[Block]:
    blocks = [
        Block("title", "劳动仲裁申请书"),
        Block("para", f"（草稿：由{office_text(case)}的法律援助人员核对、补全后提交）"),
        Block("fields", rows=[
            ("申请人", given(case.get("applicant_name"))), ("性别", sex(case.get("id_number"))),
            ("出生日期", birth(case.get("id_number"))), ("公民身份号码", given(case.get("id_number"))),
            ("职业", MISSING), ("工作单位", given(case.get("employer_name"))),
            ("联系电话", given(case.get("phone"))), ("户籍地", given(case.get("hometown"))),
            ("现住址", worker_address(case))]),
        Block("fields", rows=employer_rows(case, "被申请人一")),
    ]
    if has_second(case):
        blocks.append(Block("fields", rows=contractor_rows(case, "被申请人二")))
    if needs_unit(case):
        blocks.append(Block("note", UNIT_BASIS))
    lawyer = lawyer_text(case.get("lawyer"))
    if lawyer:
        blocks.append(Block("fields", rows=[("委托代理人（法律援助人员）", lawyer), ("指派机构", office_text(case))]))
    asked, notes, reasons = claims(case)
    blocks += [Block("heading", "仲裁请求"), Block("list", rows=asked), *[Block("note", n) for n in notes]]
    blocks += [Block("heading", "事实与理由"), *_facts(case, reasons)]
    named = commission(case)
    blocks += [
        Block("heading", "证据清单"),
        Block("table", header=["序号", "证据名称", "来源", "证明内容"],
              rows=[[str(i), name, source, MISSING] for i, (name, source) in enumerate(evidence_rows(case), 1)]
              or [["1", "（未提交照片）", "", ""]]),
        Block("heading", "证人（姓名、住所）"),
        *([Block("list", rows=witnesses(case))] if witnesses(case) else [Block("para", MISSING)]),
        Block("para", "此致"),
        Block("para", named[0]),
        *([Block("note", COMMISSION_CAVEAT)] if named[1] else []),
        Block("sign", rows=["申请人（签名）：", "日期：　　年　　月　　日"]),
    ]
    return blocks


def claims(case: dict) -> tuple[list[str], list[str], list[str]]:
    """(the claims, notes under them for the lawyer, the reasons and legal basis) for the case as it stands."""
    p = particulars(case)
    amount, case_type = case.get("amount_owed_fen"), case.get("case_type")
    two = has_second(case)
    one = "被申请人一" if two else "被申请人"
    unit_pays = individual(case) and two  # a 包工头: the unit that let the work answers for the money
    payer = "被申请人二承担用工主体责任，" if unit_pays else one
    asked, notes, reasons = [], [], []
    if p["employment_denied"] is True:
        started = day(case.get("started_on"))
        if individual(case):
            asked.append(f"确认被申请人二为对申请人自{started}起从事的工作承担用工主体责任的单位。")
        else:
            asked.append(f"确认申请人与被申请人一（{given(case.get('employer_name'))}）自{started}起存在劳动关系。"
                         if two else f"确认申请人与被申请人自{started}起存在劳动关系。")
            reasons.append(EMPLOYMENT)
            if not p["employer_kind"]:
                notes.append(MAYBE_INDIVIDUAL)
    if unit_pays:
        reasons.append(UNIT_RESPONSIBLE)
    # The worker's 算一算 amounts (the server's numbers), each with its basis, ask for the money when there are any;
    # before an injury is recognised and graded its benefits are not asked (injury_papers.first_steps).
    worked = [c for c in case.get("claims") or [] if c["calc"] != "injury" or recognised(case)]
    computed, computed_notes = calculated.requests(worked, payer, yuan)
    if case_type == "wages":
        asked += computed or [f"裁决{payer}支付申请人被拖欠的劳动报酬{yuan(amount)}。"]
        if two and not unit_pays:
            asked.append("裁决被申请人二对上述劳动报酬承担清偿责任。")
        reasons += [WAGES_LAW, *([CONTRACTOR_PAYS] if two else [])]
    elif case_type == "injury":
        if recognised(case) and not any(c["calc"] == "injury" for c in worked):
            asked.append(f"裁决{payer}支付申请人工伤保险待遇{yuan(amount) if amount is not None else ''}"
                         f"（已认定为工伤，伤残等级{p['disability_grade']}级；项目明细{MISSING}）。")
        if recognised(case):
            notes.append(WHO_PAYS)
        else:
            notes.append(first_steps(case))
        asked += computed
    else:
        label = CASE_TYPES.get(case_type or "", "")
        asked += computed or [f"{label}争议：请求事项{MISSING}" + (f"（申请人所述金额：{yuan(amount)}）"
                                                                  if amount is not None else "")]
    notes += computed_notes
    if two:
        reasons.append(BOTH_PARTIES)
    return asked or [MISSING], notes, reasons


def _facts(case: dict, reasons: list[str]) -> list[Block]:
    where = "".join(case.get(k) or "" for k in ("city", "district"))
    site = case.get("site") or MISSING
    project = case.get("project") or MISSING
    employer = case.get("employer_name") or MISSING
    one = "被申请人一" if has_second(case) else "被申请人"
    facts = [f"申请人自{day(case.get('started_on'))}起，在{where}{site}（项目：{project}）为{one}（{employer}）干活。"]
    if case.get("contractor"):
        facts.append(f"该工程的施工总承包单位为被申请人二（{case['contractor']}）。")
    elif needs_unit(case):
        facts.append(f"该工程由被申请人二（发包单位：{MISSING}）发包，被申请人一是包工头个人。")
    facts.append(f"申请人最后一次拿到工资的日期为{day(case.get('last_paid_on'))}；"
                 f"申请人离开工地的日期为{day(case.get('left_on'))}。")
    if case.get("case_type") == "injury" or case.get("injured_on"):
        facts.append(f"申请人于{day(case.get('injured_on'))}受伤。")
    if case.get("amount_owed_fen") is not None:
        facts.append(f"据申请人陈述，被申请人尚欠申请人{yuan(case['amount_owed_fen'])}。")
    if case.get("day_log"):
        facts.append(day_log_fact(case["day_log"]))
    coworkers = [c.get("name") for c in case.get("coworkers") or [] if c.get("name")]
    if coworkers:
        facts.append("同一工地一同被欠薪或受害的工友：" + "、".join(coworkers) + "。")
    return [Block("para", "　　" + "".join(facts)),
            Block("para", "申请人自述（照原样记录）："),
            Block("verbatim", case.get("account") or MISSING),
            Block("para", "理由及法律依据："),
            *[Block("para", f"　　{reason}") for reason in reasons],
            Block("para", f"　　其他事实和理由：{MISSING}")]
