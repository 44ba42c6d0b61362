"""A lawyer's open cases and handing them to another lawyer when the account is switched off or given another role
(issue 18 item 14).

Without this a switched-off lawyer's cases waited at 等律师接受指派 with nobody to act and the worker kept being
shown a number nobody answers. Each case is moved by the table's own `reassign` (one timeline entry, the worker's
text with the new lawyer's number), made by the admin who switches the account off. A lawyer made staff, volunteer
or anything else would leave the cases in the same state, so a change of role follows the same rule.
"""
from ...accounts.models import User
from ...accounts.users import scoped_accounts
from ...errors import DomainError, NotFound
from ...extensions import db
from ...offices import scope
from ..models import OPEN_STAGES, Application
from . import workflow
from .moves import takes_cases_of
from .rows import rows

HANDOVER_REASON = "原承办律师{name}的账号已停用，改派给其他律师。"
ROLE_CHANGE_REASON = "原承办律师{name}不再担任援助律师，改派给其他律师。"


def open_cases(lawyer_id: int) -> list[Application]:
    return list(db.session.scalars(db.select(Application).where(
        Application.lawyer_id == lawyer_id, Application.stage.in_(OPEN_STAGES)).order_by(Application.id)))


def open_case_rows(lawyer_id: int, reader: User) -> dict:
    """The lawyer's open cases as masked inbox rows (the accounts screen lists them before a switch-off): a lawyer
    of the reader's office or its subtree (404 otherwise), and the cases the reader's offices hold."""
    if db.session.scalar(scoped_accounts(db.select(User.id), reader).where(User.id == lawyer_id)) is None:
        raise NotFound("没有这个账号。", "user_not_found")
    held = scope.within(db.select(Application), Application.office_id, reader).where(
        Application.lawyer_id == lawyer_id, Application.stage.in_(OPEN_STAGES)).order_by(Application.id)
    return {"items": rows(list(db.session.scalars(held)), reader)}


def check_switch_off(lawyer: User, reassign_to: int | None, role_change: bool = False) -> list[Application]:
    """Before switching `lawyer` off (or, `role_change`, giving them another role): their open cases, refused (409)
    when there are some and nobody to take them."""
    held = open_cases(lawyer.id)
    if not held:
        return []
    if reassign_to is None:
        step = "改角色" if role_change else "停用"
        who = lawyer.display_name or "这位律师"
        raise DomainError(f"{who}还有 {len(held)} 件在办的案件。{step}前请选一位律师接手，"
                          "这些案件会改派给他，工友会收到短信。", "lawyer_has_open_cases", 409)
    target = db.session.get(User, reassign_to)
    if target is None or target.id == lawyer.id or target.role != "lawyer" or not target.active:
        raise _reassign_to_error("请选择另一位在职的援助律师接手。")
    if not all(takes_cases_of(target, application.office_id) for application in held):
        raise _reassign_to_error("接手的律师须属于承办这些案件的机构，请选择同一机构的律师。")
    return held


def _reassign_to_error(message: str) -> DomainError:
    return DomainError("填写的内容有误，请按提示修改。", "invalid", 422, errors={"json": {"reassign_to": [message]}})


def hand_over(actor: User, lawyer: User, held: list[Application], reassign_to: int, role_change: bool = False) -> None:
    """Reassign every open case of `lawyer` to `reassign_to` (each a `reassign` move, committed one by one)."""
    reason = (ROLE_CHANGE_REASON if role_change else HANDOVER_REASON).format(name=lawyer.display_name or "")
    for application in held:
        workflow.apply(application, "reassign", {"lawyer_id": reassign_to, "reason": reason}, actor)
