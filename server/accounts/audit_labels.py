"""The audit log in Chinese: the one table of record types, actions and roles, and details as readable lines.

The page's choice lists (`GET /audit/choices`), its rows and both exports read this table, so a label
is changed in one place; `tests/test_audit_labels.py` fails when a `record_view()` call writes a code
that is not here.
"""
from collections.abc import Callable
from typing import Any

from .. import jobs
from .models import ROLE_NAMES

RECORD_TYPES = {
    "aid_application": "法律援助申请（案件）",
    "evidence": "证据照片",
    "case_file": "案件材料（办案方附加的文件）",
    "aid_hearing": "开庭、调解或仲裁日程",
    "user": "账号",
    "office": "机构",
    "event": "活动",
    "device_queue": "手机导出的待发送记录",
    "audit": "审计日志",
    "office_archive": "机构移交档案",
    "job": "后台任务",
    "stats": "工作统计数字",
    "site": "工地（维权信息告示牌）",
    "question": "咨询（问一问、咨询登记）",
    "question_audio": "咨询录音",
}

ACTIONS = {
    "view": "查看",
    "list": "查找账号",
    "create": "新建",
    "update": "修改",
    "reveal": "看完整手机号",
    "search": "查找案件",
    "call": "给工友打电话（看完整手机号）",
    "notes": "看私人备注",
    "note": "写私人备注",
    "hearing": "记录开庭或调解日期",
    "hearings": "看案件的开庭和调解日期",
    "hearing_change": "改开庭或调解的日期、地点",
    "hearing_cancel": "取消开庭或调解",
    "particulars": "看当事人和案件要素",
    "case_particulars_update": "修改当事人和案件要素",
    "schedule": "看我的日程",
    "calendar": "下载日历文件（.ics）",
    "reset_password": "重置密码",
    "change_password": "改自己的密码",
    "document": "下载文书",
    "download": "下载原件（照片原图或附加的材料）",
    "remove": "删除附加错了的材料（留档）",
    "roster": "下载签到名单",
    "attendance.xlsx": "导出签到表（Excel）",
    "attendance.csv": "导出签到表（CSV）",
    "export": "导出审计日志",
    "import": "导入待发送记录",
    "import_preview": "预览待发送记录",
    "office_export": "导出机构移交档案",
    "office_import": "导入机构移交档案",
    "retry": "重试失败的任务",
    "transfer": "转办案件",
    "stats_records": "查看统计数字背后的记录",
    "site_records": "看工地关联的申请和活动",
    "claim": "认领咨询",
    "release": "放回咨询",
    "answer": "回复咨询",
    "convert": "咨询转为法律援助申请",
    "moderate": "标记咨询（不是法律问题、广告或骚扰）",
    "listen": "听录音",
}

ROLES = ROLE_NAMES

# Why a handler read a case (written with each read of a case, its photos and documents).
WHY = {"assigned_lawyer": "指派的援助律师", "staff": "经办工作人员", "admin": "管理员"}

_FIELDS = {"username": "用户名", "password": "密码", "phone": "手机号", "display_name": "名字", "role": "角色",
           "active": "启用/停用", "office_phone": "办公电话", "office_id": "所属机构", "name": "名称",
           "kind": "类型", "division": "行政区划", "address": "地址", "parent_id": "上级机构", "law_firm": "律师事务所",
           "accept_days": "接受指派的期限（天）", "starts_at": "日期时间", "place": "地点", "note": "备注",
           # a case's particulars (aid/cases/particulars.py): which were changed, never what they now say
           "worker_address": "工友住址", "employer_kind": "对方是单位还是个人", "employer_address": "单位住所地",
           "employer_legal_rep": "单位法定代表人", "employer_legal_rep_title": "单位法定代表人职务",
           "employer_credit_code": "单位统一社会信用代码", "contractor_address": "总包单位住所地",
           "contractor_legal_rep": "总包单位法定代表人", "contractor_legal_rep_title": "总包单位法定代表人职务",
           "contractor_credit_code": "总包单位统一社会信用代码", "employment_denied": "单位是否承认劳动关系",
           "injury_recognition": "工伤认定情况", "recognised_on": "工伤认定日期", "disability_grade": "伤残等级",
           "witnesses": "证人", "commission": "仲裁委名称",
           # a site's board (sites/models.py)
           "owner": "建设单位", "contractor": "施工总承包单位", "subcontractor": "劳务分包单位",
           "wage_officer": "劳资专管员", "wage_officer_phone": "劳资专管员电话", "pay_day": "工资支付日期",
           "minimum_wage": "当地最低工资标准", "inspection": "劳动保障监察", "inspection_phone": "劳动保障监察电话",
           "status": "状态"}
_DOCUMENTS = {"aid_application": "法律援助申请表", "arbitration_claim": "劳动仲裁申请书",
              "injury_recognition": "工伤认定申请表", "payment_order": "支付令申请书",
              "appointment_letter": "法律援助公函（指派通知书）", "agency_agreement": "委托代理协议",
              # the kinds of a case file the office attaches (aid/cases/files.py KINDS)
              "mediation_agreement": "调解协议", "arbitration_award": "仲裁裁决书", "judgment": "判决书",
              "power_of_attorney": "授权委托书", "paper_scan": "纸质材料扫描件", "other": "其他材料"}
_PARTS = {"files": "案件材料清单（证据照片和附加的文件）"}
_FORMATS = {"xlsx": "Excel", "csv": "CSV", "docx": "Word", "pdf": "PDF"}
_SIZES = {"thumbnail": "缩略图", "full": "原图"}
# What a case search was taken for (aid/inbox/search.py): the query itself is never kept but a tail or words.
_SEARCHES = {"phone": "完整手机号（不记号码）", "id_number": "完整身份证号（不记号码）", "code": "查询码（不记查询码）",
             "tail": "手机号或身份证号后四位", "text": "名字、单位或工地"}
_COUNTS = {"checkin": "签到", "signup": "报名", "report": "活动小结", "unknown": "看不懂的"}


def _yes_no(value) -> str:
    return "是" if value else "否"


def _fields(value) -> str:
    return "、".join(_FIELDS.get(str(f), str(f)) for f in value) if isinstance(value, list) else str(value)


def _counts(value) -> str:
    if not isinstance(value, dict):
        return str(value)
    return "，".join(f"{_COUNTS.get(k, k)} {n} 条" for k, n in value.items())


# key → (label, how its value reads); in this order. A key not here is shown as "key：value" at the end.
_DETAIL: dict[str, tuple[str, Callable[[Any], object]]] = {
    "application_id": ("案件编号", str),
    "kind": ("文书", lambda v: _DOCUMENTS.get(v, v)),
    "size": ("大小", lambda v: _SIZES.get(v, v)),
    "position": ("第几张", str),
    "field": ("看的是", lambda v: _FIELDS.get(v, v)),
    "part": ("看的是", lambda v: _PARTS.get(v, v)),
    "phone": ("手机号", lambda v: "只显示后四位" if v == "masked" else v),
    "reason": ("理由", str),
    "from_office": ("原承办机构", str),
    "to_office": ("转给", str),
    "role": ("角色", lambda v: ROLES.get(v, v) if v else "全部"),
    "search": ("查找方式", lambda v: "、".join(_SEARCHES.get(k, k) for k in str(v).split("+"))),
    "q": ("查找", str),
    "length": ("输入字数", str),
    "found": ("找到", lambda v: f"{v} 件"),
    "applications": ("关联的申请", lambda v: f"{v} 件"),
    "fields": ("改了", _fields),
    "on_behalf": ("代为申请", _yes_no),
    "since": ("只下载这之后的变化", str),
    "counts": ("条数", _counts),
    "exported_at": ("导出时间", str),
    # the filters an export of this log was made with
    "record_type": ("按记录类型", lambda v: RECORD_TYPES.get(v, v)),
    "record_id": ("按记录编号", str),
    "actor_id": ("按操作人编号", str),
    "action": ("按操作", lambda v: ACTIONS.get(v, v)),
    "date_from": ("从", str),
    "date_to": ("到", str),
    "format": ("格式", lambda v: _FORMATS.get(v, v)),
    "why": ("查看缘由", lambda v: WHY.get(v, ROLES.get(v, v))),
    "archive_id": ("档案编号", str),
    "office_id": ("机构编号", str),
    "job": ("任务", lambda v: jobs.label(str(v))),
    "question": ("咨询编号", str),
    "message_id": ("回复编号", str),
    "verdict": ("标记为", str),
    "channel": ("咨询方式", str),
}


def detail_lines(detail: dict | None) -> list[str]:
    """The entry's details as lines such as "理由：回电核实" (never JSON); empty values left out."""
    if not detail:
        return []
    lines = []
    for key, (label, read) in _DETAIL.items():
        if key in detail and detail[key] not in (None, "", [], {}):  # False stays: 代为申请：否
            lines.append(f"{label}：{read(detail[key])}")
    lines += [f"{key}：{value}" for key, value in detail.items() if key not in _DETAIL and value not in (None, "")]
    return lines


def choices() -> dict:
    """What the page offers to filter by, in the table's order."""
    def listed(table: dict) -> list[dict]:
        return [{"value": value, "label": label} for value, label in table.items()]
    return {"record_types": listed(RECORD_TYPES), "actions": listed(ACTIONS), "roles": listed(ROLES)}
