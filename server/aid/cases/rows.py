"""A case as a row of a list (masked), with the flags the inbox and the case page share: green channel, urgent,
first aid, overdue, who acts next, the nearest date to beat; and what a group claim or a duplicate pair counts.

A group and a duplicate pair count only the applications the reader's offices hold (offices/scope.py): a county is
not told of a group member or a twin in a sibling county, not even by a number."""
from collections.abc import Sequence
from datetime import date

from sqlalchemy import exists, func
from sqlalchemy.orm import aliased

from ... import codes
from ...accounts.models import User
from ...extensions import db
from ...offices import scope
from ..models import MEANS_TEST_EXEMPT, OPEN_STAGES, Application
from ..stages import STAGE
from . import accept, clocks, workflow

GREEN = "art42_exempt"
# A group claim counts the people the office is acting for: an application withdrawn (a duplicate withdrawn, the
# worker's own withdrawal) or not accepted (a duplicate closed as such) is still listed but neither counted as a
# person nor added to the total owed (issue 18: 4 people / 79,500 元 shown for 3 / 55,500).
NOT_COUNTED = ("withdrawn", "not_accepted")
_ = MEANS_TEST_EXEMPT  # the case types whose applications get GREEN (server/aid/intake/service.py)


def is_open():
    return Application.stage.in_(OPEN_STAGES)


# The stage names the Art. 43 clock its stored due_on is (workflow.running_clock).
CLOCK_OF_STAGE = {"submitted": "decide", "accepted": "decide", "materials_requested": "materials",
                  "approved": "assign"}


def overdue_by_clock(on: date | None = None) -> list[tuple[tuple[str], int]]:
    """Open cases past their running Art. 43 deadline (decide in 7 days, assign in 3, supply materials in time),
    counted by that clock, every clock named (0 when none): the inbox's "overdue" filter, for /metrics."""
    on = on or clocks.today()
    counts = dict.fromkeys(dict.fromkeys(CLOCK_OF_STAGE.values()), 0)
    for stage, n in db.session.execute(db.select(Application.stage, func.count())
                                       .where(is_open(), Application.due_on < on).group_by(Application.stage)):
        clock = CLOCK_OF_STAGE.get(stage)
        if clock:
            counts[clock] += n
    return [((clock,), n) for clock, n in counts.items()]


def counted():
    return Application.stage.not_in(NOT_COUNTED)


def live_duplicate(reader: User):
    """Flagged as a likely duplicate and still counted, with a twin (same person, same employer) still counted in an
    office `reader` sees: once one of the pair is withdrawn or not accepted, the pair is settled and neither waits in
    疑似重复; a twin in another office is not the reader's to compare."""
    twin = aliased(Application)
    return Application.likely_duplicate.is_(True) & counted() & exists().where(
        twin.id_number_hash == Application.id_number_hash, twin.employer_key == Application.employer_key,
        twin.employer_key != "", twin.id != Application.id, twin.stage.not_in(NOT_COUNTED),
        twin.office_id.in_(scope.visible_offices(reader)))


def group_figures(keys: set[str], reader: User) -> dict[str, tuple[int, int]]:
    """{group key: (applications counted, total owed in fen)} over the offices `reader` sees, the withdrawn and not
    accepted left out."""
    if not keys:
        return {}
    return {k: (n, int(owed)) for k, n, owed in db.session.execute(
        scope.within(db.select(Application.group_key, func.count(),
                               func.coalesce(func.sum(Application.amount_owed_fen), 0)), Application.office_id, reader)
        .where(Application.group_key.in_(keys), counted()).group_by(Application.group_key))}


def rows(applications: list[Application], reader: User, on: date | None = None) -> list[dict]:
    """The masked rows of a list for `reader`, with their flags (one query each for group sizes and lawyers' names)."""
    on = on or clocks.today()
    keys = {a.group_key for a in applications if a.group_key}
    sizes = {k: n for k, (n, _owed) in group_figures(keys, reader).items()}
    live = live_duplicates(applications, reader)
    lawyer_ids = {a.lawyer_id for a in applications if a.lawyer_id}
    names: dict[int | None, str] = {i: name for i, name in db.session.execute(
        db.select(User.id, User.display_name).where(User.id.in_(lawyer_ids)))} if lawyer_ids else {}
    late = accept.flags(applications, on, staff=reader.role != "lawyer")
    return [{**_row(a, on, sizes.get(a.group_key, 1), names.get(a.lawyer_id), a.id in live), **late[a.id]}
            for a in applications]


def live_duplicates(applications: Sequence[Application], reader: User) -> set[int]:
    """The ids among `applications` still waiting in 疑似重复 for `reader` (see live_duplicate): the inbox row's flag
    and the case page's tag, so that a case whose only twin was withdrawn or not accepted is tagged in neither."""
    flagged = [a.id for a in applications if a.likely_duplicate]
    return set(db.session.scalars(db.select(Application.id).where(Application.id.in_(flagged),
                                                                  live_duplicate(reader)))) if flagged else set()


def _clock_label(stage: str) -> str:
    """The label of the running clock stored in due_on (workflow.running_clock), by stage."""
    return (STAGE[stage].clock if stage in STAGE else "") or "期限"


def _most_urgent(application: Application, on: date, extra: Sequence[tuple[date, str]] = ()) -> tuple[date | None, str]:
    """The nearest date the case must beat, and which one: the office's running clock or a limitation date.

    A limitation date counts while the case is open and no step has been recorded yet: once the lawyer records
    mediation, arbitration or a suit (in_progress), the claim is made and the limitation is interrupted
    (《劳动争议调解仲裁法》第二十七条第二款).
    """
    dates = list(extra)
    if application.due_on is not None:
        dates.append((application.due_on, _clock_label(application.stage)))
    if application.stage in OPEN_STAGES and application.stage != "in_progress":
        dates += [(c.due_on, c.label) for c in workflow.limitation_clocks(application, on) if c.due_on is not None]
    return min(dates, key=lambda d: d[0]) if dates else (None, "")


def flags(application: Application, on: date, extra: Sequence[tuple[date, str]] = ()) -> dict:
    is_open = application.stage in OPEN_STAGES
    urgent, first_aid = clocks.urgency(application.limitation_due_on, on) if is_open else (False, False)
    actor, label = workflow.next_actor(application)
    due, due_label = _most_urgent(application, on, extra)
    return {"green_channel": application.means_test == GREEN, "urgent": urgent, "first_aid": first_aid,
            "overdue": bool(is_open and application.due_on is not None and application.due_on < on),
            "next_actor": actor, "next_actor_label": label, "due_on": due, "due_label": due_label,
            "days_left": (due - on).days if due else None}


def _row(application: Application, on: date, group_size: int, lawyer_name: str | None, duplicate: bool) -> dict:
    return {
        **{name: getattr(application, name) for name in (
            "id", "case_type", "case_type_label", "stage", "stage_label", "applicant_name", "phone_masked",
            "id_number_masked", "employer_name", "site", "city", "amount_owed_fen", "created_at")},
        "code_display": codes.display(application.code), "duplicate": duplicate,
        "group_size": group_size, "lawyer_name": lawyer_name, "group_key": application.group_key,
        **flags(application, on)}
