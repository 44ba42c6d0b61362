"""The draft 工伤认定申请表 (injury cases only), and what must come before an injury-benefits claim.

Checked in shared/reference/statutes/工伤保险条例(2010-12-20).md (law-facts WI-05, WI-06, WI-07, WI-15):
- 第十七条: the employer applies within 30 days of the 事故伤害发生之日; when it does not, the worker, their close
  relatives or the union may apply within 1 year, directly to the 社会保险行政部门 of the employer's 统筹地区.
  The dates are counted as the case's own clock counts them (clocks.add_years; 30 days: the day plus 30).
- 第十八条: the application form, proof of a labour relationship (de facto included), the medical diagnosis; incomplete
  materials are listed once in writing. 第十九条第二款: the employer disputing the injury bears the burden of proof.
- 第二十条: a decision within 60 days of acceptance. 第二十一、二十三条: 劳动能力鉴定 at the 设区的市级 committee.
- 第五十五条第（一）、（二）项, 《行政复议法》第二十条 (60 days), 《行政诉讼法》第四十六条 (6 months): a
  decision not to accept or not to recognise.
- 法释〔2014〕9号第三条第一款第（四）、（五）项 (SUB-03/SUB-09): who bears the injury-insurance liability when the work
  was passed on to a person or organisation without 用工主体资格, or under another unit's name.
"""
from datetime import date, datetime, timedelta

from .clocks import add_years
from .documents import MISSING, birth, day, given, office_text, place, sex
from .paper import Block
from .parties import UNIT, contractor_rows, employer_rows, evidence_rows, needs_unit, particulars, worker_address

EMPLOYER_DAYS = 30
WORKER_YEARS = 1
LIABLE = ("用工单位违反法律、法规规定将承包业务转包给不具备用工主体资格的组织或者自然人，该组织或者自然人聘用的职工从事"
          "承包业务时因工伤亡的，用工单位为承担工伤保险责任的单位；个人挂靠其他单位对外经营，其聘用的人员因工伤亡的，"
          "被挂靠单位为承担工伤保险责任的单位（《最高人民法院关于审理工伤保险行政案件若干问题的规定》（法释〔2014〕9号）"
          "第三条第一款第（四）、（五）项）。违法分包的情形，见人社部发〔2013〕34号第七条（原文未存，请律师核对）。"
          "承担工伤保险责任，不等于与该单位存在劳动关系。")
DENIED = ("单位不承认劳动关系：实务中社会保险行政部门常要求先通过劳动仲裁确认劳动关系（或者确定承担工伤保险责任的单位）"
          "再认定；这期间 1 年的申请期限是否扣除，各地做法不一（未见明文），期限要盯紧，可先提出申请。")
REVIEW = ("对不予受理的决定或者认定结论不服的，可以依法申请行政复议，也可以提起行政诉讼（《工伤保险条例》第五十五条"
          "第（一）、（二）项）：行政复议自知道该决定之日起 60 日内申请（《行政复议法》第二十条），直接起诉自知道之日起"
          " 6 个月内（《行政诉讼法》第四十六条）。")


def _day_of(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value[:10]) if isinstance(value, str) and value else None
    except ValueError:
        return None


def time_limits(case: dict) -> str:
    """第十七条's two time limits, reckoned from the injury date (or said to be unknown)."""
    hurt = _day_of(case.get("injured_on"))
    if hurt is None:
        return ("受伤日期没有记录，无法推算（请问清受伤日期）：用人单位应当自事故伤害发生之日起 30 日内提出工伤认定"
                "申请；用人单位未申请的，工伤职工或者其近亲属、工会组织在事故伤害发生之日起 1 年内可以直接申请"
                "（《工伤保险条例》第十七条）。")
    employer_due, worker_due = hurt + timedelta(days=EMPLOYER_DAYS), add_years(hurt, WORKER_YEARS)
    return (f"事故伤害发生之日为{day(hurt)}。用人单位应当自该日起 30 日内（至{day(employer_due)}）提出工伤认定申请；"
            f"用人单位未申请的，工伤职工或者其近亲属、工会组织在该日起 1 年内（至"
            f"{day(worker_due)}）可以直接向用人单位所在地统筹地区社会保险行政部门申请"
            "（《工伤保险条例》第十七条）。用人单位未在 30 日内申请的，这期间的工伤待遇等有关费用由用人单位负担"
            "（同条第四款）。日期按日历推算，请律师核对。")


def recognised(case: dict) -> bool:
    """An injury-benefits claim stands on a 工伤认定 and a 伤残等级: both recorded in the particulars."""
    p = particulars(case)
    return p["injury_recognition"] == "recognised" and p["disability_grade"] is not None


def first_steps(case: dict) -> str:
    """What must come before an injury-benefits claim, for the case as it stands (instead of inventing a claim)."""
    p = particulars(case)
    state = p["injury_recognition"]
    head = "工伤待遇暂不列入请求："
    if state == "recognised":
        return (f"{head}已认定为工伤（认定日期{day(p['recognised_on'])}），还没有伤残等级。经治疗伤情相对稳定后存在"
                "残疾、影响劳动能力的，应当进行劳动能力鉴定，由用人单位、工伤职工或者其近亲属向设区的市级劳动能力鉴定委员会"
                "申请（《工伤保险条例》第二十一条、第二十三条）。鉴定后再列工伤待遇请求；没有残疾、不需鉴定的，由律师据实"
                "列明请求（如停工留薪期工资、医疗费）。")
    if state == "applied":
        return (f"{head}已申请工伤认定，还没有结论。社会保险行政部门应当自受理之日起 60 日内作出认定决定（《工伤保险"
                "条例》第二十条）；认定为工伤、经劳动能力鉴定确定伤残等级后，再列工伤待遇请求。")
    if state == "not_recognised":
        return f"{head}工伤认定的结论是不属于工伤。{REVIEW}"
    unknown = "" if state == "not_applied" else "案件没有记录是否已申请工伤认定，请向工友核实。"
    return (f"{head}{unknown}要先申请工伤认定，认定为工伤、经劳动能力鉴定确定伤残等级后，再按认定和鉴定结论主张待遇。"
            + time_limits(case) + (DENIED if p["employment_denied"] is True else ""))


def injury_recognition(case: dict) -> list[Block]:
    p = particulars(case)
    liable = needs_unit(case) or bool((case.get("contractor") or "").strip())
    where = f"{place(case)}{given(case.get('site'))}（项目：{given(case.get('project'))}）"
    proof = [name for name, _source in evidence_rows(case)]
    state = {"applied": "本案记录：已申请工伤认定，尚未作出结论。",
             "recognised": f"本案记录：已认定为工伤（认定日期{day(p['recognised_on'])}），不必再申请。",
             "not_recognised": "本案记录：工伤认定的结论是不属于工伤。" + REVIEW}.get(p["injury_recognition"])
    return [
        Block("title", "工伤认定申请表"),
        Block("para", f"（草稿：由{office_text(case)}的法律援助人员核对、补全；提交时以统筹地区社会保险行政部门的"
                      "正式表格为准）"),
        *([Block("note", state)] if state else []),
        Block("heading", "一、申请人"),
        Block("fields", rows=[
            ("申请人", given(case.get("applicant_name"))), ("与受伤职工的关系", "本人"),
            ("性别", sex(case.get("id_number"))), ("出生日期", birth(case.get("id_number"))),
            ("公民身份号码", given(case.get("id_number"))), ("联系电话", given(case.get("phone"))),
            ("住址", worker_address(case)), ("户籍地", given(case.get("hometown")))]),
        Block("heading", "二、用人单位"),
        Block("fields", rows=employer_rows(case, "对方")),
        *([Block("fields", rows=contractor_rows(case, "承担工伤保险责任的单位（如适用）")),
           Block("note", LIABLE + ("" if not needs_unit(case) else f"请查明{UNIT}后补全。"))] if liable else []),
        Block("heading", "三、事故情况"),
        Block("fields", rows=[
            ("事故时间", day(case.get("injured_on"))), ("事故地点", where), ("受伤部位", MISSING),
            ("医疗诊断（医院、诊断结论）", MISSING), ("伤害程度", MISSING)]),
        Block("para", "事故经过（申请人自述，照原样记录）："),
        Block("verbatim", case.get("account") or MISSING),
        Block("heading", "四、申请时限"),
        Block("para", time_limits(case)),
        *([Block("note", DENIED)] if p["employment_denied"] is True else []),
        Block("heading", "五、受理部门"),
        Block("para", f"用人单位所在地统筹地区社会保险行政部门（工伤职工本人申请的，《工伤保险条例》第十七条第二款）："
                      f"{MISSING}"),
        Block("note", f"用人单位住所地：{given(p['employer_address'])}。请律师核对用人单位所在地、其统筹地区和受理的"
                      "社会保险行政部门（不一定是工地所在地）。"),
        Block("heading", "六、提交的材料（《工伤保险条例》第十八条）"),
        Block("list", rows=[
            "工伤认定申请表（本表）",
            "与用人单位存在劳动关系（包括事实劳动关系）的证明材料：" + ("、".join(proof) if proof else MISSING),
            f"医疗诊断证明或者职业病诊断证明书（或者职业病诊断鉴定书）：{MISSING}"]),
        Block("note", "材料不完整的，社会保险行政部门应当一次性书面告知需要补正的全部材料（第十八条第三款）；职工认为是"
                      "工伤、用人单位不认为是工伤的，由用人单位承担举证责任（第十九条第二款）。"),
        Block("sign", rows=["申请人（签名或按手印）：", "日期：　　年　　月　　日"]),
    ]


BUILDERS = {"injury_recognition": injury_recognition}
