"""The first-interview checklist a case is accepted on, one per case type.

Every case checks the work itself and who the employer is; the third item is what the claim is about: the
unpaid period and amount for 欠薪, the accident and the injury recognition for 工伤, how the job ended for 辞退,
the months without insurance for 社保. The case view sends its type's items, so the PWA shows what the server
checks and holds no list of its own.
"""
WORK = ("work_facts_confirmed", "已核实干活的事实（在哪个工地、给谁干、干了多久）")
EMPLOYER = ("employer_identified", "已查明用人单位（包工头、分包、总包）")
CLAIM = {
    "wages": ("arrears_checked", "已核对欠薪的期间和金额"),
    "injury": ("injury_checked", "已核对受伤的时间、经过和伤情，问清单位有没有申请工伤认定"),
    "dismissal": ("dismissal_checked", "已问清怎么被辞退的（哪天、谁说的、有没有书面通知、签没签合同）"),
    "social_insurance": ("insurance_checked", "已核对哪些月份没交社保、在哪里参保"),
    "other": ("claim_checked", "已问清工友要解决什么事、找谁解决"),
}


def items(case_type: str) -> list[dict]:
    """The checklist for a case type, in the order it is asked: [{key, label}]."""
    return [{"key": key, "label": label} for key, label in (WORK, EMPLOYER, CLAIM.get(case_type, CLAIM["other"]))]


def problems(case_type: str, ticked: dict | None) -> dict[str, list[str]]:
    """The items not ticked (each with its message) and any item that is not on this type's list."""
    ticked = ticked or {}
    keys = [i["key"] for i in items(case_type)]
    out = {key: ["这一项要核实后才能受理。"] for key in keys if ticked.get(key) is not True}
    out |= {key: ["这一项不是这类案件的核对项目，请刷新页面。"] for key in ticked if key not in keys}
    return out
