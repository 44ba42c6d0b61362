"""The daily job over open cases, and what it leaves for staff (the case view's `staff_alert`)."""
from datetime import date

from ...extensions import db
from ..models import Application
from . import clocks, moves, workflow
from .rows import is_open


def sweep(on: date | None = None) -> dict:
    """The daily job: materials not supplied in time → withdrawn (Art. 43), unless the limitation date is near:
    then a withdrawal could cost the worker the claim, so the case is left for staff (it shows as overdue and
    urgent, with `staff_alert`); stored clocks refreshed."""
    on = on or clocks.today()
    withdrawn = held = 0
    for application in db.session.scalars(db.select(Application).where(
            Application.stage == "materials_requested")).all():
        due = date.fromisoformat((application.materials_request or {}).get("due_on") or on.isoformat())
        if due >= on or not moves.may_lapse(application):  # a lawyer's ask lapses into nothing
            continue
        if _limitation_near(application, on):
            held += 1
            continue
        workflow.apply(application, "materials_timeout", {}, None, on=on, system=True)
        withdrawn += 1
    refreshed = 0
    for application in db.session.scalars(db.select(Application).where(is_open())).all():
        before = (application.due_on, application.limitation_due_on)
        workflow.refresh(application, on)
        refreshed += before != (application.due_on, application.limitation_due_on)
    db.session.commit()
    return {"withdrawn": withdrawn, "held": held, "refreshed": refreshed}


def _limitation_near(application: Application, on: date) -> bool:
    return clocks.urgency(clocks.earliest(workflow.limitation_clocks(application, on)), on)[0]


def staff_alert(application: Application, on: date) -> str | None:
    """Materials overdue and the limitation date near: what the sweep left for staff, and why."""
    request = application.materials_request or {}
    if application.stage != "materials_requested" or not request.get("due_on") or not moves.may_lapse(application) or \
            date.fromisoformat(request["due_on"]) >= on or not _limitation_near(application, on):
        return None
    due = clocks.earliest(workflow.limitation_clocks(application, on))
    assert due is not None  # _limitation_near found one
    left = (due - on).days
    return (f"补充材料的期限 {request['due_on']} 已过，但劳动仲裁或工伤认定的时效 {due} 就要到了（还有 {left} 天）："
            "系统没有自动按撤回处理。请先联系工友；要保住时效，可以先行提供法律援助、事后补材料"
            "（《法律援助法》第四十四条），确实联系不上再按逾期处理。")
