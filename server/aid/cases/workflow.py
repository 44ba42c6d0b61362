"""The one table of moves a case may make, who may make each, and what each move does.

Anything the table does not allow is refused: 409 `move_not_allowed` (not from this stage) or 403
`not_your_move` (not this person), each with a plain reason. Every move appends a timeline entry (who,
when, the note, the action); nothing is ever deleted. The stored clocks are refreshed at each move.
"""
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from ...accounts.models import User
from ...clock import utcnow
from ...errors import DomainError
from ...extensions import db
from ...offices import divisions
from ...offices.models import Office
from .. import firsts
from ..access import HANDLER_ROLES
from ..models import OPEN_STAGES, STAGES, Application, TimelineEntry
from ..stages import ENDED, LAWYER, STAFF, STAGE, WORKER
from . import claims, clocks, moves, notifications
from .moves import OUTCOMES, PROGRESS_KINDS, REASON_CODES, REASON_LABELS, Step, sentence  # noqa: F401  (the table's words)

BACK = "<back>"  # materials supplied: back to the stage the request was made from
SAME = "<same>"  # the case stays in its stage (a transfer), unless the effect sends it elsewhere
WHO_LABELS = {STAFF: "工作人员", LAWYER: "指派的律师", WORKER: "工友本人"}


@dataclass(frozen=True)
class Ask:
    """One field of a move's form: what the person reads beside it, and whether the move needs it.

    The field's type, choices and limits are the request schema's (move_schemas.ActionIn); `kind` names a form
    piece the type alone does not tell (lawyer, money, preset). `need` is the message when it is missing: a
    field `shown_if` a yes/no field is needed only when that is yes; one `filled_by` a preset is not needed
    when a preset with a standard text is chosen.
    """

    label: str
    need: str = ""
    hint: str = ""
    kind: str = ""
    default: str = ""  # "today": the form starts at today's date (Beijing)
    shown_if: str = ""
    filled_by: str = ""
    fills: str = ""  # a preset: the text field its choice writes its standard text into
    choices: tuple = ()  # a yes/no field's two answers, as (value, label)
    rows: int = 0


@dataclass(frozen=True)
class Move:
    """Everything about one action: from which stages, to which, who, its label, its form, what it does
    (`effect`, in moves.py), the worker's sentence on the timeline and the text (notifications.TEXTS) it sends."""

    sources: tuple[str, ...]
    to: str
    who: tuple[str, ...]
    label: str
    effect: Callable[[Step], None]
    says: str
    sms: str | None = None
    asks: dict[str, Ask] = field(default_factory=dict)
    warn: bool = False  # it ends or sets back the case: drawn in red
    button: str = ""  # the button's word where the person's own differs from the record's label
    explain: str = ""  # a line the form shows above its buttons
    offered: Callable[[Application], bool] | None = None  # offered only when this says yes (a transfer: a target)


NOTE = Ask("备注（可不填）", rows=2)

# THE table: one row per action. Adding an action: a row here, its effect in moves.py, its row in the test walk.
MOVES: dict[str, Move] = {
    "accept": Move(("submitted",), "accepted", (STAFF,), "受理", moves.accept, "{office}受理了你的申请。",
                   "accepted", {"checklist": Ask("首次面谈核对（每一项都要确认）", need="请先完成首次面谈核对清单。"),
                                "note": NOTE}),
    "not_accept": Move(("submitted",), "not_accepted", (STAFF,), "不予受理", moves.not_accept, "{reason}",
                       "not_accepted", {
                           "reason_code": Ask("标准理由", kind="preset", fills="reason"),
                           "reason": Ask("不予受理的理由（工友会看到）", filled_by="reason_code",
                                         need="请写明不予受理的理由，工友会看到（或选一个标准理由）。")}, warn=True),
    # staff while deciding; the assigned lawyer (and staff) while the lawyer works the case, where nothing lapses
    "request_materials": Move(("submitted", "accepted", "lawyer_accepted", "in_progress"), "materials_requested",
                              (STAFF, LAWYER), "请工友补充材料",
                              moves.request_materials, "要你补充材料：{asked}请在 {due_on} 前补上。",
                              "materials_requested", {
                                  "asked": Ask("需要补充什么（工友会看到）", need="请写明需要补充什么。"),
                                  "due_on": Ask("补充期限", hint="不填默认 15 天")}),
    "materials_supplied": Move(("materials_requested",), BACK, (STAFF, LAWYER, WORKER), "材料已补充",
                               moves.materials_supplied, "补充的材料收到了。", None, {"note": NOTE}),
    "materials_timeout": Move(("materials_requested",), "withdrawn", (STAFF,), "补充材料逾期（视为撤回）",
                              moves.materials_timeout, "补材料的期限是 {due_on}，过了没有补，申请算撤回了"
                              "（《法律援助法》第四十三条）。材料补齐后可以重新申请。", "withdrawn_timeout", warn=True,
                              explain="补充材料已过期限：按《法律援助法》第四十三条视为撤回申请。",
                              offered=moves.may_lapse),
    "approve": Move(("accepted",), "approved", (STAFF,), "决定给予法律援助", moves.approve, "决定给你法律援助。",
                    asks={"note": NOTE}),
    "refuse_aid": Move(("accepted",), "refused", (STAFF,), "决定不予法律援助", moves.refuse_aid, "{reason}",
                       "refused", {"reason": Ask("不予援助的理由（书面告知工友）",
                                                 need="请写明不予法律援助的理由，工友会看到。")}, warn=True),
    "assign": Move(("approved",), "assigned", (STAFF,), "指派律师", moves.assign, "已为你指派{lawyer}。律师会联系你。",
                   "assigned", {"lawyer_id": Ask("承办律师", need="请选择要指派的律师。", kind="lawyer"),
                                "note": NOTE}),
    "lawyer_accept": Move(("assigned",), "lawyer_accepted", (LAWYER,), "律师接受指派", moves.lawyer_accept,
                          "援助律师已接受指派，开始办理你的案件。", "lawyer_accepted", button="接受指派",
                          explain="接受后，工友会收到短信：你已接手他的案件，还有你的办公电话。"),
    "lawyer_decline": Move(("assigned",), "approved", (LAWYER,), "律师不接受指派", moves.lawyer_decline,
                           "原来指派的律师不能承办，工作人员会尽快为你重新指派。", None,
                           {"reason": Ask("拒绝指派的原因", need="请写明不能接受指派的理由。")}, warn=True,
                           button="拒绝指派"),
    "reassign": Move(("assigned", "lawyer_accepted", "in_progress"), "assigned", (STAFF,), "改派律师",
                     moves.reassign, "已为你指派{lawyer}。律师会联系你。", "assigned", {
                         "lawyer_id": Ask("承办律师", need="请选择改派给哪位律师。", kind="lawyer"),
                         "reason": Ask("改派的原因", need="请写明改派的理由。")}),
    "progress": Move(("lawyer_accepted", "in_progress"), "in_progress", (LAWYER, STAFF), "记录办理进展",
                     moves.progress, "案子有新进展：{kind}。{hearing}", None, {
                         "kind": Ask("进展类型", need="请选择进展的类型。"),
                         "note": Ask("进展情况", need="请写下这次进展的情况。"),
                         "happened_on": Ask("发生日期", default="today"),
                         "next_hearing_on": Ask("下次开庭/调解", hint="没有可不填")}),
    "close": Move(("in_progress",), "closed", (STAFF, LAWYER), "结案", moves.close, "案子办完了：{outcome}{recovered}",
                  "closed", {"outcome": Ask("结案方式", need="请选择结案方式。"),
                             "recovered_fen": Ask("追回金额（元）", need="请填写追回的金额（没有追回填 0）。",
                                                  kind="money", hint="没有追回填 0"),
                             "closed_on": Ask("结案日期", need="请填写结案日期。", default="today"),
                             "note": NOTE}),
    "follow_up": Move(("closed",), "followed_up", (STAFF,), "回访", moves.follow_up, "工作人员已回访，谢谢你的意见。",
                      None, {"reached": Ask("联系上工友了吗", need="请选择是否联系上了工友。",
                                            choices=((True, "联系上了"), (False, "没联系上"))),
                             "satisfaction": Ask("满意度（1 很不满意，5 很满意）", shown_if="reached",
                                                 need="联系上了，请记下满意度（1 到 5）。"),
                             "comment": Ask("工友的话、回访记录")}),
    "withdraw": Move(OPEN_STAGES, "withdrawn", (STAFF,), "撤回申请", moves.withdraw, "按你的意思撤回了申请。", None,
                     {"reason": Ask("撤回的原因（工友本人的意思）")}, warn=True),
    # 《法律援助法》第四十八条: aid given is ended (deceit, the worker's own lawyer ...); objection per 第四十九条.
    "terminate": Move(("approved", "assigned", "lawyer_accepted", "in_progress"), "terminated", (STAFF,),
                      "终止法律援助", moves.terminate, "{reason}", "terminated", {"reason": Ask(
                          "终止的理由（书面告知工友）",
                          need="请写明终止法律援助的理由（《法律援助法》第四十八条的哪一种情形），工友会看到。",
                          hint="《法律援助法》第四十八条：骗取援助、隐瞒事实或造假、经济状况变了、案件终止审理或撤销、"
                               "自己另请了律师、本人有正当理由要求终止等。工友会看到理由和怎么提异议（第四十九条）。")},
                      warn=True),
    # 转办: to the legal-aid centre of another place (the site's, 《法律援助法》第三十八条, when intake guessed wrong),
    # with a reason the worker reads; the office's own lawyer goes with the case only into that office's subtree.
    "transfer": Move(OPEN_STAGES, SAME, (STAFF,), "转办", moves.transfer, "转给{office}办理：{reason}", "transferred",
                     {"office_id": Ask("转给哪个法律援助中心", need="请选择转给哪个法律援助中心。", kind="choice"),
                      "reason": Ask("转办的原因（工友会看到）", need="请写明转办的原因，工友会看到。",
                                    hint="例如：工地在涪城区，由工地所在地的法律援助中心办理，离仲裁委近。")},
                     explain="转办后，案件由对方机构办理，本机构看不到这个案件了（上级机构仍然能看到）；工友会收到短信。",
                     offered=moves.has_transfer_targets),
}
ACTIONS = tuple(MOVES)
ACTION_LABELS = {name: move.label for name, move in MOVES.items()}
PRESET_TEXTS = {"reason_code": REASON_CODES}  # a preset's standard texts, by field



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
            if application.stage in move.sources and parts & set(move.who)
            and (move.offered is None or move.offered(application))]


def missing(action: str, data: dict) -> dict[str, list[str]]:
    """The fields the move needs and `data` lacks, each with its message (the request schema asks this)."""
    move = MOVES.get(action)
    problems: dict[str, list[str]] = {}
    for name, ask in (move.asks.items() if move else ()):
        if not ask.need or data.get(name) not in (None, ""):
            continue
        if ask.shown_if and not data.get(ask.shown_if):
            continue
        if ask.filled_by and PRESET_TEXTS[ask.filled_by].get(data.get(ask.filled_by) or ""):
            continue
        problems[name] = [ask.need]
    return problems


def check(application: Application, action: str, user: User | None) -> Move:
    """The move, if this person may make it from this stage; refused with a plain reason otherwise."""
    move = MOVES.get(action)
    if move is None:
        raise DomainError("没有这个操作。", "move_not_allowed", 409)
    if not who_is(user, application) & set(move.who):
        allowed = "、".join(WHO_LABELS[w] for w in move.who)
        raise DomainError(f"「{move.label}」只能由{allowed}来做。", "not_your_move", 403)
    if application.stage not in move.sources:
        sources = "、".join(f"「{STAGES[s]}」" for s in move.sources)
        now = STAGES.get(application.stage, application.stage)
        raise DomainError(f"这个案件现在是「{now}」，不能「{move.label}」：只有{sources}的案件才能这样做。",
                          "move_not_allowed", 409)
    return move


def apply(application: Application, action: str, data: dict, user: User | None, on: date | None = None,
          system: bool = False) -> Application:
    """Make the move `action` with its fields `data` (already checked by the schema), in one transaction.

    `user` None is the worker (through the tracking page); `system` is the daily sweep acting on the Law's terms.
    """
    move = MOVES[action] if system and action in MOVES and application.stage in MOVES[action].sources \
        else check(application, action, user)
    on = on or clocks.today()
    note = data.get("note") or ""
    to = application.stage if move.to == SAME else move.to
    step = Step(application, data, user, on, utcnow(), to, move.says, {"note": note} if note else {})
    step.words["office"] = divisions.public_name(db.session.get(Office, application.office_id))
    move.effect(step)
    application.stage = step.to
    refresh(application, on)
    # Appended to the loaded timeline too: the answer shows it even when an Idempotency-Key defers the commit.
    firsts.note(application, action, step.now)  # the case's first step of this kind, if it is (the figures count it)
    application.timeline.append(TimelineEntry(
        application_id=application.id, at=step.now, stage=step.to, note=step.says.format(**step.words), action=action,
        detail=step.detail or None, actor_id=user.id if user else None,
        actor_role="system" if system else user.role if user else ""))
    queued = []
    if move.sms:  # a date in a text is the running clock's (the decision counts from receipt, Art. 43) unless said
        running = running_clock(application, on)
        text = {"due_on": running.due_on if running else None, **step.text}
        queued.append(notifications.queue(application, move.sms, **text))
    db.session.commit()
    notifications.send_after_commit([n.id for n in queued])
    return application


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
    out += limitation_clocks(application, on)
    if application.stage not in OPEN_STAGES:
        for clock in out:
            clock.overdue, clock.days_left = False, None
    return out


def limitation_clocks(application: Application, on: date) -> list[clocks.Clock]:
    """The case's limitation dates: those its own dates allow, and each 算一算 claim's earliest line (claims.py).
    The one list the case page, the inbox's stored date (refresh), its order and the daily sweep all read."""
    return [*clocks.limitation_clocks(application.case_type, application.left_on, application.injured_on, on),
            *claims.clocks(application.claims, on)]


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
    application.limitation_due_on = clocks.earliest(limitation_clocks(application, on))


def next_actor(application: Application) -> tuple[str | None, str]:
    """Who acts next at this stage (stages.STAGE), and what the case waits for."""
    stage = STAGE.get(application.stage)
    return (stage.actor, stage.waiting) if stage else (None, ENDED)
