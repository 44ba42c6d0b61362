"""Each case's first steps, kept on its row when they are taken: when it was first accepted, aided, refused, not
accepted, withdrawn (or lapsed for want of materials), assigned, closed, followed up, and first asked for materials.
The work-report figures (server/stats/aid_sql.py) count these columns instead of grouping the timeline at every
question. A first step's time never changes once written (later steps of the kind leave it), so a figure for a
past period stays the same; the timeline keeps every step and stays the record the drill-downs list.

Written by the workflow where the step is taken (workflow.apply, at the timeline entry's own moment); migration
0031_stats_first_steps filled them for the cases before it from their timelines, as `restamp` does."""
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func

from ..extensions import db
from .models import Application, TimelineEntry

# column → the actions whose first makes it (the earliest of any of them)
FIRSTS = {"first_accept_at": ("accept",), "first_approve_at": ("approve",), "first_refuse_at": ("refuse_aid",),
          "first_not_accept_at": ("not_accept",), "first_withdraw_at": ("withdraw", "materials_timeout"),
          "first_assign_at": ("assign",), "first_close_at": ("close",), "first_follow_up_at": ("follow_up",),
          "first_ask_at": ("request_materials",)}
BY_ACTION = {action: column for column, actions in FIRSTS.items() for action in actions}


def note(application: Application, action: str, at: datetime) -> None:
    """The step `action` taken at `at`: kept as the case's first of its kind unless one is kept already."""
    column = BY_ACTION.get(action)
    if column is not None and getattr(application, column) is None:
        setattr(application, column, at)


def restamp(application_ids: Iterable[int]) -> None:
    """Set these cases' first steps again from their timelines (a case whose stored steps were rewritten: the
    tests' known worlds set each step's time after the move)."""
    for application_id in application_ids:
        step = TimelineEntry
        values = {column: db.session.scalar(db.select(func.min(step.at)).where(
            step.application_id == application_id, step.action.in_(actions))) for column, actions in FIRSTS.items()}
        db.session.execute(db.update(Application).where(Application.id == application_id).values(**values))
