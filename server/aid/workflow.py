"""The one table of moves a case may make, who may make each, and what each move does.

Anything the table does not allow is refused: 409 `move_not_allowed` (not from this stage) or 403
`not_your_move` (not this person), each with a plain reason. Every move appends a timeline entry (who,
when, the note, the action); nothing is ever deleted. The stored clocks are refreshed at each move.
"""
from dataclasses import dataclass
from datetime import date, timedelta

from ..accounts.models import User
from ..clock import utcnow
from ..errors import DomainError
from ..extensions import db
from . import checklists, clocks, notifications
from .access import HANDLER_ROLES
from .models import OPEN_STAGES, STAGES, Application, TimelineEntry

STAFF, LAWYER, WORKER = "staff", "lawyer", "worker"
BACK = "<back>"  # materials supplied: back to the stage the request was made from

REASON_CODES = {
    "contractor_dispute": "经核实，这是承包方之间的工程款纠纷，不属于拖欠农民工工资，不予受理。"
                          "如果你本人有被拖欠的工资，可以单独为自己的工资重新申请。",
    "not_aid_matter": "这件事不属于法律援助的事项范围（《法律援助法》第三十一条），不予受理。",
    "other": "",
}
PROGRESS_KINDS = {"mediation": "调解", "arbitration": "仲裁", "litigation": "诉讼", "other": "其他"}
NEXT_SITTING = {"mediation": "调解", "arbitration": "仲裁开庭", "litigation": "法院开庭", "other": "约见"}
OUTCOMES = {"mediated": "调解结案", "award": "仲裁裁决", "judgment": "判决", "settled": "和解",
            "withdrawn_by_worker": "工友撤回", "other": "其他"}
ACTION_LABELS = {"accept": "受理", "not_accept": "不予受理", "request_materials": "请工友补充材料",
                 "materials_supplied": "材料已补充", "materials_timeout": "补充材料逾期（视为撤回）",
                 "approve": "决定给予法律援助", "refuse_aid": "决定不予法律援助", "assign": "指派律师",
                 "lawyer_accept": "律师接受指派", "lawyer_decline": "律师不接受指派", "reassign": "改派律师",
                 "progress": "记录办理进展", "close": "结案", "follow_up": "回访", "withdraw": "撤回申请",
                 "terminate": "终止法律援助"}
WHO_LABELS = {STAFF: "工作人员", LAWYER: "指派的律师", WORKER: "工友本人"}


@dataclass(frozen=True)
class Move:
    sources: tuple[str, ...]
    to: str
    who: tuple[str, ...]


# THE table: action → from which stages → to which stage, and who may do it.
MOVES: dict[str, Move] = {
    "accept": Move(("submitted",), "accepted", (STAFF,)),
    "not_accept": Move(("submitted",), "not_accepted", (STAFF,)),
    "request_materials": Move(("submitted", "accepted"), "materials_requested", (STAFF,)),
    "materials_supplied": Move(("materials_requested",), BACK, (STAFF, WORKER)),
    "materials_timeout": Move(("materials_requested",), "withdrawn", (STAFF,)),
    "approve": Move(("accepted",), "approved", (STAFF,)),
    "refuse_aid": Move(("accepted",), "refused", (STAFF,)),
    "assign": Move(("approved",), "assigned", (STAFF,)),
    "lawyer_accept": Move(("assigned",), "lawyer_accepted", (LAWYER,)),
    "lawyer_decline": Move(("assigned",), "approved", (LAWYER,)),
    "reassign": Move(("assigned", "lawyer_accepted", "in_progress"), "assigned", (STAFF,)),
    "progress": Move(("lawyer_accepted", "in_progress"), "in_progress", (LAWYER, STAFF)),
    "close": Move(("in_progress",), "closed", (STAFF, LAWYER)),
    "follow_up": Move(("closed",), "followed_up", (STAFF,)),
    "withdraw": Move(OPEN_STAGES, "withdrawn", (STAFF,)),
    # 《法律援助法》第四十八条: aid given is ended (deceit, the worker's own lawyer ...); objection per 第四十九条.
    "terminate": Move(("approved", "assigned", "lawyer_accepted", "in_progress"), "terminated", (STAFF,)),
}
ACTIONS = tuple(MOVES)

# Who acts next at each stage, and what the case waits for.
NEXT_ACTOR = {"submitted": (STAFF, "等工作人员受理"), "materials_requested": (WORKER, "等工友补充材料"),
              "accepted": (STAFF, "等工作人员决定是否给予法律援助"), "approved": (STAFF, "等工作人员指派律师"),
              "assigned": (LAWYER, "等律师接受指派"), "lawyer_accepted": (LAWYER, "律师办理中"),
              "in_progress": (LAWYER, "律师办理中"), "closed": (STAFF, "等工作人员回访")}
ENDED = (None, "已办结，不需要再操作")


def who_is(user: User | None, application: Application) -> set[str]:
    """The parts `user` plays on this case: staff, the assigned lawyer, or (no user) the worker themselves."""
    if user is None:
        return {WORKER}
    parts = set()
    if user.role in HANDLER_ROLES:
        parts.add(STAFF)
    if user.role == "lawyer" and application.lawyer_id == user.id:
        parts.add(LAWYER)
    return parts


def allowed_actions(application: Application, user: User | None) -> list[str]:
    parts = who_is(user, application)
    return [name for name, move in MOVES.items()
            if application.stage in move.sources and parts & set(move.who)]


def check(application: Application, action: str, user: User | None) -> Move:
    """The move, if this person may make it from this stage; refused with a plain reason otherwise."""
    move = MOVES.get(action)
    if move is None:
        raise DomainError("没有这个操作。", "move_not_allowed", 409)
    if not who_is(user, application) & set(move.who):
        allowed = "、".join(WHO_LABELS[w] for w in move.who)
        raise DomainError(f"「{ACTION_LABELS[action]}」只能由{allowed}来做。", "not_your_move", 403)
    if application.stage not in move.sources:
        sources = "、".join(f"「{STAGES[s]}」" for s in move.sources)
        now = STAGES.get(application.stage, application.stage)
        raise DomainError(f"这个案件现在是「{now}」，不能「{ACTION_LABELS[action]}」：只有{sources}的案件才能这样做。",
                          "move_not_allowed", 409)
    return move


def sentence(text: str) -> str:
    """Typed words as one sentence: its own end mark kept, 。 added when it has none (never 。。)."""
    text = text.strip().rstrip("，,；;、：:")
    return text if not text or text[-1] in "。！？.!?…" else text + "。"


def _field(name: str, message: str) -> DomainError:
    return DomainError("填写的内容有误，请按提示修改。", "invalid", 422, errors={"json": {name: [message]}})


def _lawyer(lawyer_id: int | None) -> User:
    lawyer = db.session.get(User, lawyer_id) if lawyer_id is not None else None
    if lawyer is None or lawyer.role != "lawyer" or not lawyer.active:
        raise _field("lawyer_id", "请选择一位在职的援助律师。")
    return lawyer


def _lawyer_words(lawyer: User) -> str:
    # No phone in the stored sentence: the tracking page shows the number of the lawyer assigned now, and only
    # while that account is active; a sentence kept forever would go on showing a number nobody answers.
    firm = f"（{lawyer.law_firm}）" if lawyer.law_firm else ""
    return f"援助律师{lawyer.display_name}{firm}"


def apply(application: Application, action: str, data: dict, user: User | None, on: date | None = None,
          system: bool = False) -> Application:
    """Make the move `action` with its fields `data` (already checked by the schema), in one transaction.

    `user` None is the worker (through the tracking page); `system` is the daily sweep acting on the Law's terms.
    """
    move = MOVES[action] if system and action in MOVES and application.stage in MOVES[action].sources \
        else check(application, action, user)
    on = on or clocks.today()
    now = utcnow()
    note = data.get("note") or ""
    detail: dict = {"note": note} if note else {}
    public = ""
    texts: list[tuple[str, dict]] = []
    source = application.stage
    to = move.to

    if action == "accept":
        missing = checklists.problems(application.case_type, data["checklist"])
        if missing:
            raise DomainError("填写的内容有误，请按提示修改。", "invalid", 422, errors={"json": {"checklist": missing}})
        application.checklist = {**{i["key"]: True for i in checklists.items(application.case_type)},
                                 "by": user.id if user else None, "at": now.isoformat()}
        application.accepted_at = now
        public = "法律援助中心受理了你的申请。"
    elif action == "not_accept":
        reason = data.get("reason") or REASON_CODES.get(data.get("reason_code") or "", "")
        if not reason:
            raise _field("reason", "请写明不予受理的理由，工友会看到。")
        detail |= {"reason": reason, "reason_code": data.get("reason_code") or ""}
        application.decided_at = now
        public = sentence(reason)  # the label says 不予受理; the route to object is the page's next step
        texts.append(("not_accepted", {}))
    elif action == "request_materials":
        due = data.get("due_on") or on + timedelta(days=clocks.MATERIALS_DAYS)
        if due <= on:
            raise _field("due_on", "补充材料的期限要在今天之后。")
        application.stage_before_materials = source
        application.materials_request = {"asked": data["asked"], "due_on": due.isoformat(),
                                         "requested_at": on.isoformat(), "supplied": []}
        application.paused_since = on
        detail |= {"asked": data["asked"], "due_on": due.isoformat()}
        public = f"要你补充材料：{sentence(data['asked'])}请在 {due} 前补上。"
        texts.append(("materials_requested", {"asked": data["asked"], "due_on": due}))
    elif action == "materials_supplied":
        to = application.stage_before_materials or "submitted"
        _end_pause(application, on)
        request = dict(application.materials_request or {})
        supplied = {"text": data.get("text") or note, "upload_ids": list(data.get("upload_ids") or []),
                    "at": now.isoformat()}
        request["supplied"] = [*(request.get("supplied") or []), supplied]
        request["supplied_on"] = on.isoformat()
        application.materials_request = request
        detail |= {"upload_ids": supplied["upload_ids"]}
        public = "补充的材料收到了。"
    elif action == "materials_timeout":
        due = date.fromisoformat((application.materials_request or {}).get("due_on") or on.isoformat())
        if on <= due:
            raise DomainError(f"补充材料的期限是 {due}，还没有到，不能按逾期处理。", "move_not_allowed", 409)
        _end_pause(application, on)
        public = f"补材料的期限是 {due}，过了没有补，申请算撤回了（《法律援助法》第四十三条）。材料补齐后可以重新申请。"
        texts.append(("withdrawn_timeout", {}))
    elif action == "approve":
        application.decided_at = now
        public = "决定给你法律援助。"
    elif action == "refuse_aid":
        application.decided_at = now
        detail["reason"] = data["reason"]
        public = sentence(data["reason"])
        texts.append(("refused", {}))
    elif action == "terminate":
        detail["reason"] = data["reason"]
        public = sentence(data["reason"])
        texts.append(("terminated", {}))
    elif action in ("assign", "reassign"):
        lawyer = _lawyer(data.get("lawyer_id"))
        if action == "reassign":
            if lawyer.id == application.lawyer_id:
                raise _field("lawyer_id", "请选择另一位律师。")
            detail |= {"reason": data["reason"], "from_lawyer_id": application.lawyer_id}
        application.lawyer_id = lawyer.id
        application.assigned_at = application.assigned_at or now
        detail["lawyer_id"] = lawyer.id
        public = f"已为你指派{_lawyer_words(lawyer)}。律师会联系你。"
        texts.append(("assigned", {"lawyer": lawyer}))
    elif action == "lawyer_accept":
        public = "援助律师已接受指派，开始办理你的案件。"
        if user is not None:
            texts.append(("lawyer_accepted", {"lawyer": user}))
    elif action == "lawyer_decline":
        detail |= {"reason": data["reason"], "from_lawyer_id": application.lawyer_id}
        application.lawyer_id = None
        public = "原来指派的律师不能承办，工作人员会尽快为你重新指派。"
    elif action == "progress":
        kind = data["kind"]
        detail |= {"kind": kind, "note": data["note"], "happened_on": _iso(data.get("happened_on")),
                   "next_hearing_on": _iso(data.get("next_hearing_on"))}
        public = f"案子有新进展：{PROGRESS_KINDS[kind]}。"
        if data.get("next_hearing_on"):
            public += f"下一次{NEXT_SITTING[kind]}在 {data['next_hearing_on']}，律师会提前告诉你要准备什么。"
    elif action == "close":
        application.outcome = {"outcome": data["outcome"], "recovered_fen": data["recovered_fen"],
                               "closed_on": data["closed_on"].isoformat(), "note": note}
        yuan = data["recovered_fen"] / 100
        public = f"案子办完了：{OUTCOMES[data['outcome']]}" + (
            f"，追回 {yuan:,.2f} 元。" if data["recovered_fen"] else "。")
        texts.append(("closed", {}))
    elif action == "follow_up":
        application.follow_up = {"reached": data["reached"], "satisfaction": data.get("satisfaction"),
                                 "comment": data.get("comment") or "", "at": now.isoformat()}
        public = "工作人员已回访，谢谢你的意见。" if data["reached"] else "工作人员回访时没有联系上你。"
    elif action == "withdraw":
        _end_pause(application, on)
        if data.get("reason"):
            detail["reason"] = data["reason"]
        public = "按你的意思撤回了申请。"

    application.stage = to
    refresh(application, on)
    # Appended to the loaded timeline too: the answer shows it even when an Idempotency-Key defers the commit.
    application.timeline.append(TimelineEntry(application_id=application.id, stage=to, note=public, action=action,
                                 detail=detail or None, actor_id=user.id if user else None,
                                 actor_role="system" if system else user.role if user else ""))
    if action == "accept":  # the decision date counts from receipt (Art. 43), not from acceptance
        texts.append(("accepted", {"due_on": running_clock(application, on).due_on}))  # type: ignore[union-attr]
    queued = [notifications.queue(application, kind, **fmt) for kind, fmt in texts]
    db.session.commit()
    notifications.send_after_commit([n.id for n in queued])
    return application


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _end_pause(application: Application, on: date) -> None:
    if application.paused_since is not None:
        application.paused_days = clocks.paused_total(application.paused_days, application.paused_since, on)
        application.paused_since = None


def case_clocks(application: Application, on: date) -> list[clocks.Clock]:
    """Every clock of the case: the Art. 43 ones it has reached, materials if asked, the limitation dates."""
    received = clocks.day_of(application.created_at)
    assert received is not None
    decided = clocks.day_of(application.decided_at)
    out = [clocks.decide_clock(received, application.paused_days, application.paused_since, decided, on)]
    request = application.materials_request
    if request:
        supplied = request.get("supplied_on")
        done = date.fromisoformat(supplied) if supplied else None
        out.append(clocks.materials_clock(date.fromisoformat(request["requested_at"]),
                                          date.fromisoformat(request["due_on"]), on, done))
    if decided is not None and application.stage not in ("not_accepted", "refused") and \
            (application.assigned_at is not None or application.stage == "approved"):
        out.append(clocks.assign_clock(decided, clocks.day_of(application.assigned_at), on))
    out += clocks.limitation_clocks(application.case_type, application.left_on, application.injured_on, on)
    if application.stage not in OPEN_STAGES:
        for clock in out:
            clock.overdue, clock.days_left = False, None
    return out


def running_clock(application: Application, on: date) -> clocks.Clock | None:
    """The statutory clock the case now runs against (the one its next actor must beat)."""
    by_name = {c.name: c for c in case_clocks(application, on)}
    if application.stage in ("submitted", "accepted"):
        return by_name["decide"]
    if application.stage == "materials_requested":
        return by_name.get("materials")
    if application.stage == "approved":
        return by_name.get("assign")
    return None


def refresh(application: Application, on: date | None = None) -> None:
    """Store the running clock's date and the first limitation date, for the inbox's filters and order."""
    on = on or clocks.today()
    running = running_clock(application, on)
    application.due_on = running.due_on if running else None
    application.limitation_due_on = clocks.earliest(
        clocks.limitation_clocks(application.case_type, application.left_on, application.injured_on, on))


def next_actor(application: Application) -> tuple[str | None, str]:
    return NEXT_ACTOR.get(application.stage, ENDED)
