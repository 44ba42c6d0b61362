"""What each case move does to the case: one small function per action (the table in workflow.py names it).

An effect gets the `Step` (the case, the checked fields, who, the day) and changes the case; it fills the
words of the worker's sentence and of the text that its row in `workflow.MOVES` names, and may say another
sentence or send the case elsewhere. What every move shares (the check, the stage, the clocks, the timeline
entry, the text, the commit) is `workflow.apply`'s.
"""
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ...accounts import audit
from ...accounts.models import User
from ...errors import DomainError
from ...extensions import db
from ...offices import divisions, scope
from ...offices.models import Office
from ..models import Application
from . import checklists, clocks

REASON_CODES = {
    "contractor_dispute": "经核实，这是承包方之间的工程款纠纷，不属于拖欠农民工工资，不予受理。"
                          "如果你本人有被拖欠的工资，可以单独为自己的工资重新申请。",
    "not_aid_matter": "这件事不属于法律援助的事项范围（《法律援助法》第三十一条），不予受理。",
    "other": "",
}
REASON_LABELS = {"contractor_dispute": "工程款纠纷", "not_aid_matter": "不属于法律援助事项", "other": "其他"}
PROGRESS_KINDS = {"mediation": "调解", "arbitration": "仲裁", "litigation": "诉讼", "other": "其他"}
NEXT_SITTING = {"mediation": "调解", "arbitration": "仲裁开庭", "litigation": "法院开庭", "other": "约见"}
OUTCOMES = {"mediated": "调解结案", "award": "仲裁裁决", "judgment": "判决", "settled": "和解",
            "withdrawn_by_worker": "工友撤回", "other": "其他"}


@dataclass
class Step:
    """One move being made: what its effect reads, and what it hands back to `apply`."""

    application: Application
    data: dict
    user: User | None
    on: date
    now: datetime
    to: str  # the stage the table names; an effect may choose another (materials supplied: back)
    says: str  # the worker's sentence (the row's), its {words} filled from `words`
    detail: dict = field(default_factory=dict)  # kept on the timeline entry
    words: dict = field(default_factory=dict)
    text: dict = field(default_factory=dict)  # the words of the row's SMS


def sentence(text: str) -> str:
    """Typed words as one sentence: its own end mark kept, 。 added when it has none (never 。。)."""
    text = text.strip().rstrip("，,；;、：:")
    return text if not text or text[-1] in "。！？.!?…" else text + "。"


def field_error(name: str, message: str) -> DomainError:
    return DomainError("填写的内容有误，请按提示修改。", "invalid", 422, errors={"json": {name: [message]}})


def takes_cases_of(lawyer: User | None, office_id: int | None) -> bool:
    """Whether `lawyer` is an active lawyer of the office `office_id` or its subtree (a case goes to no one else)."""
    return lawyer is not None and lawyer.role == "lawyer" and lawyer.active and \
        scope.in_subtree(lawyer.office_id, office_id)


def _lawyer(lawyer_id: int | None, application: Application) -> User:
    lawyer = db.session.get(User, lawyer_id) if lawyer_id is not None else None
    if lawyer is None or lawyer.role != "lawyer" or not lawyer.active:
        raise field_error("lawyer_id", "请选择一位在职的援助律师。")
    if not takes_cases_of(lawyer, application.office_id):
        raise field_error("lawyer_id", "这位律师不属于承办这件案子的机构，请选择本机构的律师。")
    return lawyer


def _lawyer_words(lawyer: User) -> str:
    # No phone in the stored sentence: the tracking page shows the number of the lawyer assigned now, and only
    # while that account is active; a sentence kept forever would go on showing a number nobody answers.
    firm = f"（{lawyer.law_firm}）" if lawyer.law_firm else ""
    return f"援助律师{lawyer.display_name}{firm}"


def end_pause(application: Application, on: date) -> None:
    if application.paused_since is not None:
        application.paused_days = clocks.paused_total(application.paused_days, application.paused_since, on)
        application.paused_since = None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _reason(step: Step) -> None:
    step.detail["reason"] = step.data["reason"]
    step.words["reason"] = sentence(step.data["reason"])


# --- one function per action -----------------------------------------------------------------------

def accept(step: Step) -> None:
    a = step.application
    missing = checklists.problems(a.case_type, step.data["checklist"])
    if missing:
        raise DomainError("填写的内容有误，请按提示修改。", "invalid", 422, errors={"json": {"checklist": missing}})
    a.checklist = {**{i["key"]: True for i in checklists.items(a.case_type)},
                   "by": step.user.id if step.user else None, "at": step.now.isoformat()}
    a.accepted_at = step.now


def not_accept(step: Step) -> None:
    reason = step.data.get("reason") or REASON_CODES.get(step.data.get("reason_code") or "", "")
    if not reason:
        raise field_error("reason", "请写明不予受理的理由，工友会看到。")
    step.detail |= {"reason": reason, "reason_code": step.data.get("reason_code") or ""}
    step.application.decided_at = step.now
    step.words["reason"] = sentence(reason)  # the label says 不予受理; the route to object is the page's next step


def request_materials(step: Step) -> None:
    due = step.data.get("due_on") or step.on + timedelta(days=clocks.MATERIALS_DAYS)
    if due <= step.on:
        raise field_error("due_on", "补充材料的期限要在今天之后。")
    a, asked = step.application, step.data["asked"]
    a.stage_before_materials = a.stage
    a.materials_request = {"asked": asked, "due_on": due.isoformat(), "requested_at": step.on.isoformat(),
                           "supplied": []}
    a.paused_since = step.on
    step.detail |= {"asked": asked, "due_on": due.isoformat()}
    step.words |= {"asked": sentence(asked), "due_on": due}
    step.text |= {"asked": asked, "due_on": due}
    if a.stage in LAWYER_STAGES:  # the lawyer asks for evidence: not supplying it withdraws nothing
        step.text["lapse"] = "律师办案要用，请按时补上。"


def materials_supplied(step: Step) -> None:
    a = step.application
    step.to = a.stage_before_materials or "submitted"
    end_pause(a, step.on)
    request = dict(a.materials_request or {})
    supplied = {"text": step.data.get("text") or step.data.get("note") or "",
                "upload_ids": list(step.data.get("upload_ids") or []), "at": step.now.isoformat()}
    request["supplied"] = [*(request.get("supplied") or []), supplied]
    request["supplied_on"] = step.on.isoformat()
    a.materials_request = request
    step.detail["upload_ids"] = supplied["upload_ids"]


def may_lapse(application: Application) -> bool:
    """Art. 43's withdrawal is for materials asked while the application is decided, not for a lawyer's ask."""
    return application.stage_before_materials not in LAWYER_STAGES


def materials_timeout(step: Step) -> None:
    if not may_lapse(step.application):
        raise DomainError("这些材料是律师办案时要的，过期不补也不会按撤回处理；请联系工友。", "move_not_allowed", 409)
    due = date.fromisoformat((step.application.materials_request or {}).get("due_on") or step.on.isoformat())
    if step.on <= due:
        raise DomainError(f"补充材料的期限是 {due}，还没有到，不能按逾期处理。", "move_not_allowed", 409)
    end_pause(step.application, step.on)
    step.words["due_on"] = due


def approve(step: Step) -> None:
    step.application.decided_at = step.now


def refuse_aid(step: Step) -> None:
    step.application.decided_at = step.now
    _reason(step)


def terminate(step: Step) -> None:
    _reason(step)


def assign(step: Step) -> None:
    _give_to(step, _lawyer(step.data.get("lawyer_id"), step.application))


def reassign(step: Step) -> None:
    lawyer = _lawyer(step.data.get("lawyer_id"), step.application)
    if lawyer.id == step.application.lawyer_id:
        raise field_error("lawyer_id", "请选择另一位律师。")
    step.detail |= {"reason": step.data["reason"], "from_lawyer_id": step.application.lawyer_id}
    _give_to(step, lawyer)


def _give_to(step: Step, lawyer: User) -> None:
    a = step.application
    a.lawyer_id = lawyer.id
    a.assigned_at = a.assigned_at or step.now
    step.detail["lawyer_id"] = lawyer.id
    step.words["lawyer"] = _lawyer_words(lawyer)
    step.text["lawyer"] = lawyer


def lawyer_accept(step: Step) -> None:
    step.text["lawyer"] = step.user  # the table lets only the assigned lawyer make this move


def lawyer_decline(step: Step) -> None:
    step.detail |= {"reason": step.data["reason"], "from_lawyer_id": step.application.lawyer_id}
    step.application.lawyer_id = None


def progress(step: Step) -> None:
    kind, hearing = step.data["kind"], step.data.get("next_hearing_on")
    step.detail |= {"kind": kind, "note": step.data["note"], "happened_on": _iso(step.data.get("happened_on")),
                    "next_hearing_on": _iso(hearing)}
    step.words |= {"kind": PROGRESS_KINDS[kind], "hearing": (
        f"下一次{NEXT_SITTING[kind]}在 {hearing}，律师会提前告诉你要准备什么。" if hearing else "")}


def close(step: Step) -> None:
    data = step.data
    step.application.outcome = {"outcome": data["outcome"], "recovered_fen": data["recovered_fen"],
                                "closed_on": data["closed_on"].isoformat(), "note": data.get("note") or ""}
    yuan = data["recovered_fen"] / 100
    step.words |= {"outcome": OUTCOMES[data["outcome"]],
                   "recovered": f"，追回 {yuan:,.2f} 元。" if data["recovered_fen"] else "。"}


def follow_up(step: Step) -> None:
    data = step.data
    step.application.follow_up = {"reached": data["reached"], "satisfaction": data.get("satisfaction"),
                                  "comment": data.get("comment") or "", "at": step.now.isoformat()}
    if not data["reached"]:
        step.says = "工作人员回访时没有联系上你。"


# The stages where a lawyer of the office holds the case: a transfer to an office the lawyer does not belong to takes
# the case back to 已决定给予法律援助, where the new office picks one of its own lawyers (as after a declined
# assignment). The decision to give aid stands: it is the aid system's (《法律援助法》第四十三条), and the worker
# should not be asked again because the case changed desks. Before the decision the case keeps its stage and its
# Art. 43 clock, counted from receipt: the receiving office decides, on the same date.
LAWYER_STAGES = ("assigned", "lawyer_accepted", "in_progress")


def transfer(step: Step) -> None:
    a = step.application
    target = db.session.get(Office, step.data.get("office_id")) if step.data.get("office_id") else None
    if target is None or target.kind != "legal_aid" or target.id == a.office_id:
        raise field_error("office_id", "请从列表里选一个其他的法律援助中心。")
    source = db.session.get(Office, a.office_id)
    step.detail |= {"reason": step.data["reason"], "from_office_id": a.office_id, "to_office_id": target.id}
    a.office_id = target.id
    lawyer = db.session.get(User, a.lawyer_id) if a.lawyer_id else None
    if lawyer is not None and not scope.in_subtree(lawyer.office_id, target.id):
        step.detail["from_lawyer_id"] = a.lawyer_id
        a.lawyer_id = None
        if a.stage in LAWYER_STAGES:
            step.to = "approved"
    step.words |= {"office": divisions.public_name(target), "reason": sentence(step.data["reason"])}
    if step.user is not None:
        audit.record_view(step.user, "transfer", "aid_application", a.id, {
            "from_office": source.name if source else "", "to_office": target.name, "reason": step.data["reason"]})


def has_transfer_targets(application: Application) -> bool:
    """Whether there is another legal-aid centre to transfer the case to (a one-office deployment has none)."""
    return bool(divisions.transfer_targets(application.office_id))


def withdraw(step: Step) -> None:
    end_pause(step.application, step.on)
    if step.data.get("reason"):
        step.detail["reason"] = step.data["reason"]
