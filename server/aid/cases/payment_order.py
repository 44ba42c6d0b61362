"""The draft 支付令申请书 (wage cases with an amount owed only): the worker asks the court to order the employer to pay.

Checked in shared/reference/statutes (law-facts LC-07, PR-02, PR-03, PR-05):
- 《劳动合同法》第三十条: wages in full and on time; arrears → the worker may apply to the local court for a 支付令.
- 《民事诉讼法》(2023) 第十七章 督促程序: 第二百二十五条 (a money debt, no other debt dispute between the two, the order
  can be served; to the 基层人民法院 with jurisdiction; the application states the amount and the facts and evidence),
  第二百二十六条 (5 days to say whether accepted), 第二百二十七条 (15 days from acceptance to issue; the debtor pays
  within 15 days of receiving it or files a written objection; no objection and no payment → enforcement),
  第二百二十八条 (an objection found valid ends the procedure, the order lapses).
- 《解释（一）》第十三条第二款: a wage 支付令 ended that way → the worker goes to arbitration first.
- 《诉讼费用交纳办法》第十四条第（三）项 (a third of the property-case fee), 第四十七条第（三）项 (deferred under
  legal aid).
Which court: the statute says only 有管辖权的基层人民法院; the debtor's domicile is the general rule (第二十二条),
the rule for payment orders is in the 民诉法解释, not stored: the paper asks the lawyer to check it.
"""
from .documents import MISSING, birth, day, given, office_text, sex, yuan
from .paper import Block
from .parties import contractor_rows, employer_rows, evidence_rows, has_second, individual, particulars, worker_address

COURT = ("受理法院：有管辖权的基层人民法院（《民事诉讼法》第二百二十五条）。一般由债务人（被申请人）住所地的基层"
         "人民法院受理（一般地域管辖，同法第二十二条；支付令的管辖规定在最高人民法院的司法解释里，原文未存），请律师核对。")
SUITS = ("支付令只适用于债权债务关系明确的欠薪：债权人与债务人没有其他债务纠纷、支付令能够送达债务人（《民事诉讼法》"
         "第二百二十五条）。对方不认账、不承认有劳动关系或者还有别的纠纷的，宜直接申请劳动仲裁。")
STEPS = ("法院在 5 日内通知是否受理（第二百二十六条）；审查后债权债务关系明确、合法的，在受理之日起 15 日内发出支付令"
         "（第二百二十七条第一款）。债务人应当自收到支付令之日起十五日内清偿债务，或者向人民法院提出书面异议"
         "（第二百二十七条第二款）；不提出异议又不履行的，可以向人民法院申请执行（同条第三款）。异议成立的，法院裁定终结"
         "督促程序，支付令自行失效（第二百二十八条）；依据《劳动合同法》第三十条第二款申请的支付令被终结后，要先申请劳动"
         "仲裁，不能直接起诉（《最高人民法院关于审理劳动争议案件适用法律问题的解释（一）》第十三条第二款），注意 1 年的"
         "仲裁时效。")
FEE = ("申请费：比照财产案件受理费标准的 1/3 交纳（《诉讼费用交纳办法》第十四条第（三）项）；正在接受法律援助的，可以"
       "申请缓交（同办法第四十七条第（三）项）。")
UNIT_NOTE = ("被申请人二（总包或发包单位）的清偿责任来自《保障农民工工资支付条例》，与申请人之间的债权债务是否“明确”、"
             "能否一并申请支付令，请律师核对；有争议的，对其宜在劳动仲裁中主张。")
DENIED = ("注意：本案记录单位不承认劳动关系，这是债务以外的争议，支付令很可能因异议而失效，建议直接申请劳动仲裁"
          "（确认劳动关系并追索劳动报酬）。")


def payment_order(case: dict) -> list[Block]:
    amount = case.get("amount_owed_fen")
    two = has_second(case)
    one = "被申请人一" if two else "被申请人"
    asked = [f"请求人民法院向{one}发出支付令，督促{one}给付申请人被拖欠的劳动报酬{yuan(amount)}。"]
    if two:
        asked.append(f"请求督促被申请人二对上述劳动报酬{yuan(amount)}承担清偿责任（是否在支付令中一并主张，请律师核对：见下方"
                     "提示）。")
    employer = given(case.get("employer_name"))
    facts = (f"申请人自{day(case.get('started_on'))}起，在{given(case.get('site'))}（项目："
             f"{given(case.get('project'))}）为{one}（{employer}）干活，最后一次拿到工资的日期为"
             f"{day(case.get('last_paid_on'))}，离开工地的日期为{day(case.get('left_on'))}。据申请人陈述，{one}至今尚欠"
             f"申请人劳动报酬{yuan(amount)}。申请人与{one}之间没有其他债务纠纷（请律师向申请人核实）。")
    evidence = evidence_rows(case)
    return [
        Block("title", "支付令申请书"),
        Block("para", f"（草稿：由{office_text(case)}的法律援助人员核对、补全后提交）"),
        Block("fields", rows=[
            ("申请人（债权人）", given(case.get("applicant_name"))), ("性别", sex(case.get("id_number"))),
            ("出生日期", birth(case.get("id_number"))), ("公民身份号码", given(case.get("id_number"))),
            ("联系电话", given(case.get("phone"))), ("住址", worker_address(case))]),
        Block("fields", rows=employer_rows(case, f"{one}（债务人）")),
        *([Block("fields", rows=contractor_rows(case, "被申请人二"))] if two else []),
        Block("heading", "请求事项"),
        Block("list", rows=asked),
        Block("heading", "事实与理由"),
        Block("para", "　　" + facts),
        Block("para", "申请人自述（照原样记录）："),
        Block("verbatim", case.get("account") or MISSING),
        Block("para", "　　用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬；用人单位拖欠或者未足额"
                      "支付劳动报酬的，劳动者可以依法向当地人民法院申请支付令（《中华人民共和国劳动合同法》第三十条）。债权人"
                      "请求债务人给付金钱，债权人与债务人没有其他债务纠纷、支付令能够送达债务人的，可以向有管辖权的基层"
                      "人民法院申请支付令（《中华人民共和国民事诉讼法》第二百二十五条）。"
                      + ("被申请人二的清偿责任：《保障农民工工资支付条例》第三十条第三、四款、第三十六条。"
                         if two and not individual(case) else "")),
        Block("para", f"　　其他事实和理由：{MISSING}"),
        Block("heading", "证据（名称及来源）"),
        Block("list", rows=[f"{name}（{source}）" for name, source in evidence] or [MISSING]),
        Block("para", "此致"),
        Block("para", f"{MISSING}基层人民法院"),
        Block("note", COURT),
        Block("heading", "律师提示（提交前删去）"),
        *([Block("note", DENIED)] if particulars(case)["employment_denied"] is True else []),
        Block("note", SUITS),
        Block("note", STEPS),
        *([Block("note", UNIT_NOTE)] if two else []),
        Block("note", FEE),
        Block("sign", rows=["申请人（签名或按手印）：", "日期：　　年　　月　　日"]),
    ]


BUILDERS = {"payment_order": payment_order}
