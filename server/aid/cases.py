"""Case handling for staff and lawyers: the inbox (filters, counts, urgency order), one case with its clocks,
group claims, likely duplicates, the figures of the green channel, the lawyers and a case's audit log.
"""
from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import case, exists, func, or_
from sqlalchemy.orm import aliased

from ..accounts import audit, audit_labels
from ..accounts.models import ROLE_NAMES, AuditEntry, User
from ..clock import utcnow
from ..errors import NotFound
from ..extensions import db
from ..media.models import Upload
from . import checklists, clocks, codes, linking, service, workflow
from .access import WHY_LABELS, application_for_handler, case_role
from .models import MEANS_TEST_EXEMPT, OPEN_STAGES, STAGES, Application, TimelineEntry
from .stages import STAGE

FILTERS = ("all", "new", "green", "urgent", "overdue", "group", "duplicate", "materials", "mine")
GREEN = "art42_exempt"
# A group claim counts the people the office is acting for: an application withdrawn (a duplicate withdrawn, the
# worker's own withdrawal) or not accepted (a duplicate closed as such) is still listed but neither counted as a
# person nor added to the total owed (issue 18: 4 people / 79,500 元 shown for 3 / 55,500).
NOT_COUNTED = ("withdrawn", "not_accepted")
DOCUMENTS = {"aid_application": "法律援助申请表", "arbitration_claim": "劳动仲裁申请书（草稿）"}
_ = MEANS_TEST_EXEMPT  # the case types whose applications get GREEN (server/aid/service.py)


# --- linking a new application to its group and its likely duplicates ------------------------------

def link_new(application: Application) -> None:
    """Give a just-flushed application its keys, its group (merging groups it bridges) and duplicate flags."""
    application.employer_key = linking.employer_key(application.employer_name)
    application.site_key = linking.site_key(application.site, application.city)
    matches = []
    if application.employer_key:
        matches.append(Application.employer_key == application.employer_key)
    if application.site_key:
        matches.append(Application.site_key == application.site_key)
    keys: set[str] = set()
    if matches:
        keys = set(db.session.scalars(db.select(Application.group_key).where(
            or_(*matches), Application.id != application.id, Application.group_key != "")))
    if keys:
        key = min(keys, key=lambda k: int(k[1:]) if k[1:].isdigit() else 0)
        if len(keys) > 1:
            db.session.execute(db.update(Application).where(Application.group_key.in_(keys - {key}))
                               .values(group_key=key))
    else:
        key = f"g{application.id}"
    application.group_key = key
    if application.employer_key:
        since = (application.created_at or utcnow()) - linking.DUPLICATE_WINDOW
        twins = list(db.session.scalars(db.select(Application).where(
            Application.id_number_hash == application.id_number_hash,
            Application.employer_key == application.employer_key,
            Application.created_at >= since, Application.id != application.id)))
        for twin in twins:
            twin.likely_duplicate = True
        application.likely_duplicate = application.likely_duplicate or bool(twins)


# --- the inbox -----------------------------------------------------------------------------------

def _visible(user: User):
    query = db.select(Application)
    if user.role == "lawyer":
        query = query.where(Application.lawyer_id == user.id)
    return query


def _is_open():
    return Application.stage.in_(OPEN_STAGES)


def _counted():
    return Application.stage.not_in(NOT_COUNTED)


def _live_duplicate():
    """Flagged as a likely duplicate and still counted, with a twin (same person, same employer) still counted: once
    one of the pair is withdrawn or not accepted, the pair is settled and neither waits in 疑似重复."""
    twin = aliased(Application)
    return Application.likely_duplicate.is_(True) & _counted() & exists().where(
        twin.id_number_hash == Application.id_number_hash, twin.employer_key == Application.employer_key,
        twin.employer_key != "", twin.id != Application.id, twin.stage.not_in(NOT_COUNTED))


def group_figures(keys: set[str]) -> dict[str, tuple[int, int]]:
    """{group key: (applications counted, total owed in fen)}, the withdrawn and not accepted left out."""
    if not keys:
        return {}
    return {k: (n, int(owed)) for k, n, owed in db.session.execute(
        db.select(Application.group_key, func.count(), func.coalesce(func.sum(Application.amount_owed_fen), 0))
        .where(Application.group_key.in_(keys), _counted()).group_by(Application.group_key))}


def _conditions(user: User, on: date) -> dict:
    grouped = db.select(Application.group_key).where(Application.group_key != "", _counted()) \
        .group_by(Application.group_key).having(func.count() > 1)
    mine = Application.lawyer_id == user.id if user.role == "lawyer" else Application.id.in_(
        db.select(TimelineEntry.application_id).where(TimelineEntry.actor_id == user.id))
    return {
        "new": Application.stage == "submitted",
        "green": Application.means_test == GREEN,
        "urgent": _is_open() & (Application.limitation_due_on <= on + timedelta(days=clocks.URGENT_DAYS)),
        "overdue": _is_open() & (Application.due_on < on),
        "group": Application.group_key.in_(grouped) & _counted(),
        "duplicate": _live_duplicate(),
        "materials": Application.stage == "materials_requested",
        "mine": mine,
    }


def _urgency(on: date):
    """0 aid first (Art. 44), 1 a statutory clock overdue, 2 urgent, 3 green channel waiting, 4 open, 5 ended."""
    return case(
        (_is_open() & (Application.limitation_due_on < on + timedelta(days=clocks.FIRST_AID_DAYS)), 0),
        (_is_open() & (Application.due_on < on), 1),
        (_is_open() & (Application.limitation_due_on <= on + timedelta(days=clocks.URGENT_DAYS)), 2),
        (Application.stage.in_(("submitted", "accepted", "approved")) & (Application.means_test == GREEN), 3),
        (_is_open(), 4),
        else_=5)


def list_cases(user: User, filter: str = "all", page: int = 1, page_size: int = 50) -> dict:
    on = clocks.today()
    conditions = _conditions(user, on)
    base = _visible(user)
    counted = base.with_only_columns(func.count(), *[
        func.coalesce(func.sum(case((cond, 1), else_=0)), 0) for cond in conditions.values()]).order_by(None)
    total_all, *figures = db.session.execute(counted).one()
    counts = {"all": total_all, **{name: int(n) for name, n in zip(conditions, figures, strict=True)}}
    query = base if filter == "all" else base.where(conditions[filter])
    query = query.order_by(_urgency(on), Application.created_at, Application.id)
    page_size = max(1, min(page_size, 100))
    offset = (page - 1) * page_size
    items = [] if offset >= 2**62 else list(db.session.scalars(query.limit(page_size).offset(offset)))
    return {"items": rows(items, on), "counts": counts, "page": page, "page_size": page_size,
            "total": counts[filter]}


def rows(applications: list[Application], on: date | None = None) -> list[dict]:
    """The masked rows of a list, with their flags (one query each for group sizes and lawyers' names)."""
    on = on or clocks.today()
    keys = {a.group_key for a in applications if a.group_key}
    sizes = {k: n for k, (n, _owed) in group_figures(keys).items()}
    live = live_duplicates(applications)
    lawyer_ids = {a.lawyer_id for a in applications if a.lawyer_id}
    names: dict[int | None, str] = {i: name for i, name in db.session.execute(
        db.select(User.id, User.display_name).where(User.id.in_(lawyer_ids)))} if lawyer_ids else {}
    return [_row(a, on, sizes.get(a.group_key, 1), names.get(a.lawyer_id), a.id in live) for a in applications]


def live_duplicates(applications: Sequence[Application]) -> set[int]:
    """The ids among `applications` still waiting in 疑似重复 (see _live_duplicate): the inbox row's flag and the
    case page's tag, so that a case whose only twin was withdrawn or not accepted is tagged in neither."""
    flagged = [a.id for a in applications if a.likely_duplicate]
    return set(db.session.scalars(db.select(Application.id).where(Application.id.in_(flagged), _live_duplicate()))) \
        if flagged else set()


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
        dates += [(c.due_on, c.label) for c in clocks.limitation_clocks(
            application.case_type, application.left_on, application.injured_on, on) if c.due_on is not None]
    return min(dates, key=lambda d: d[0]) if dates else (None, "")


def _flags(application: Application, on: date, extra: Sequence[tuple[date, str]] = ()) -> dict:
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
        **_flags(application, on)}


# --- one case ------------------------------------------------------------------------------------

def case_view(application_id: int, user: User) -> dict:
    """The full case for its handler; the read is written to the audit log (why: the reader's part in it)."""
    application = application_for_handler(application_id, user)
    audit.record_view(user, "view", "aid_application", application.id, {"why": case_role(user, application)})
    db.session.commit()
    return build_view(application, user)


def build_view(application: Application, user: User) -> dict:
    on = clocks.today()
    hearing = _next_hearing(application, on) if application.stage in ("lawyer_accepted", "in_progress") else None
    flags = _flags(application, on, [(hearing, "下次开庭/调解")] if hearing else [])
    case_clocks = workflow.case_clocks(application, on)
    lawyer = db.session.get(User, application.lawyer_id) if application.lawyer_id else None
    group = None
    if application.group_key:
        size, owed = group_figures({application.group_key}).get(application.group_key, (0, 0))
        if size > 1:
            group = {"key": application.group_key, "size": size, "total_owed_fen": int(owed)}
    request = application.materials_request
    actors = _actors(application)
    return {
        **service.full_dict(application),
        "code_display": codes.display(application.code),
        **flags,
        "allowed_actions": workflow.allowed_actions(application, user),
        "paused": application.paused_since is not None,
        "first_aid_note": clocks.FIRST_AID_NOTE if flags["first_aid"] else None,
        "staff_alert": staff_alert(application, on),
        "clocks": [c.as_dict() for c in case_clocks],
        "checklist": application.checklist,
        "checklist_items": checklists.items(application.case_type),
        "lawyer": {"id": lawyer.id, "name": lawyer.display_name, "office_phone": lawyer.office_phone,
                   "law_firm": lawyer.law_firm, "active": lawyer.active} if lawyer else None,
        "progress": [{"kind": e.detail.get("kind"),
                      "kind_label": workflow.PROGRESS_KINDS.get(e.detail.get("kind") or "", ""),
                      "note": e.detail.get("note", ""), "happened_on": e.detail.get("happened_on"),
                      "next_hearing_on": e.detail.get("next_hearing_on"), "at": e.at, "by": actors.get(e.actor_id, "")}
                     for e in application.timeline if e.action == "progress" and e.detail],
        "outcome": {**application.outcome,
                    "outcome_label": workflow.OUTCOMES.get(application.outcome.get("outcome") or "", "")}
        if application.outcome else None,
        "follow_up": application.follow_up,
        "materials_request": {"asked": request["asked"], "due_on": request["due_on"],
                              "supplied": request.get("supplied") or []} if request else None,
        # The tag counts only a live pair; the list keeps a withdrawn or not accepted twin for comparison (its own
        # row says duplicate false, with its stage).
        "duplicate": application.id in live_duplicates([application]),
        "duplicates": rows(_duplicates(application), on),
        "group": group,
        "timeline": [{"at": e.at, "stage": e.stage, "label": STAGES.get(e.stage, e.stage),
                      "note": (e.detail or {}).get("note") or e.note, "worker_note": e.note,
                      "reason": (e.detail or {}).get("reason", ""), "by": actors.get(e.actor_id, "工友本人"),
                      "action": e.action, "action_label": workflow.ACTION_LABELS.get(e.action, "")}
                     for e in application.timeline],
        "documents": [{"kind": kind, "label": label,
                       "docx_url": f"/api/v1/cases/{application.id}/documents/{kind}.docx",
                       "pdf_url": f"/api/v1/cases/{application.id}/documents/{kind}.pdf"}
                      for kind, label in DOCUMENTS.items()],
    }


def _actors(application: Application) -> dict:
    ids = {e.actor_id for e in application.timeline if e.actor_id}
    if not ids:
        return {}
    return {i: f"{name or ROLE_NAMES.get(role, role)}（{ROLE_NAMES.get(role, role)}）" for i, name, role in
            db.session.execute(db.select(User.id, User.display_name, User.role).where(User.id.in_(ids)))}


def _next_hearing(application: Application, on: date) -> date | None:
    for entry in reversed(application.timeline):
        if entry.action == "progress" and entry.detail and entry.detail.get("next_hearing_on"):
            day = date.fromisoformat(entry.detail["next_hearing_on"])
            return day if day >= on else None
    return None


def _duplicates(application: Application) -> list[Application]:
    if not application.employer_key or application.created_at is None:
        return []
    window = linking.DUPLICATE_WINDOW
    return list(db.session.scalars(db.select(Application).where(
        Application.id_number_hash == application.id_number_hash,
        Application.employer_key == application.employer_key, Application.id != application.id,
        Application.created_at >= application.created_at - window,
        Application.created_at <= application.created_at + window).order_by(Application.id)))


def act(application_id: int, action: str, data: dict, user: User) -> None:
    """A move on the case (server/aid/workflow.py decides whether it is allowed); view_after_move answers it."""
    workflow.apply(application_for_handler(application_id, user), action, data, user)


def view_after_move(application_id: int, user: User) -> dict:
    """The answer to a move, and to its retry: the case as it is now, in full (and audited) for whoever may
    handle it now; for one who may not any more (a lawyer who declined, or whose case was given to
    another) the stage alone, which holds nothing personal."""
    application = service.get_application(application_id)
    if not service_may_handle(user, application):
        # A lawyer who declined is no longer the case's handler: they get the stage and a sentence, not the case
        # (MoveAnswer.handler false); the PWA leaves the case page for 我的案件.
        return {"id": application.id, "stage": application.stage, "stage_label": application.stage_label,
                "allowed_actions": [], "handler": False, "message": LEFT_CASE}
    audit.record_view(user, "view", "aid_application", application.id, {"why": case_role(user, application)})
    db.session.commit()
    return {**build_view(application, user), "handler": True, "message": ""}


LEFT_CASE = "已拒绝指派，案件交回工作人员重新指派。这个案件不再出现在你的「我的案件」里。"


def service_may_handle(user: User, application: Application) -> bool:
    from .access import may_handle
    return may_handle(user, application)


# --- groups, figures, lawyers, audit --------------------------------------------------------------

def group_view(key: str) -> dict:
    members = list(db.session.scalars(db.select(Application).where(Application.group_key == key)
                                      .order_by(Application.created_at, Application.id)))
    if not key or len(members) < 2:
        raise NotFound("没有这个群体案件。", "group_not_found")
    size, owed = group_figures({key}).get(key, (0, 0))
    if size < 2:
        raise NotFound("没有这个群体案件。", "group_not_found")
    employers = [a.employer_name for a in members if a.employer_name]
    sites = [a.site for a in members if a.site]
    return {"key": key, "employer_name": max(set(employers), key=employers.count) if employers else "",
            "site": max(set(sites), key=sites.count) if sites else "", "size": size, "total_owed_fen": owed,
            "items": rows(members)}


def figures() -> dict:
    """Green-channel cases and how often same-day accept and same-day assign held for them."""
    green = db.session.execute(db.select(Application.created_at, Application.accepted_at, Application.assigned_at)
                               .where(Application.means_test == GREEN)).all()
    received = [clocks.day_of(c) for c, _, _ in green]
    accepted = [(r, clocks.day_of(a)) for r, (_, a, _) in zip(received, green, strict=True) if a is not None]
    assigned = [(r, clocks.day_of(s)) for r, (_, _, s) in zip(received, green, strict=True) if s is not None]
    return {"green_channel": len(green), "accepted": len(accepted), "assigned": len(assigned),
            "same_day_accept": sum(1 for r, a in accepted if r == a),
            "same_day_assign": sum(1 for r, s in assigned if r == s),
            "how": "绿色通道：进城务工人员讨薪、工伤的申请免予核查经济困难状况（《法律援助法》第四十二条）。"
                   "“当天受理”“当天指派”都按收到申请的那一天（中国时间）算。"}


def lawyers() -> dict:
    open_cases: dict[int | None, int] = {i: n for i, n in db.session.execute(
        db.select(Application.lawyer_id, func.count()).where(Application.lawyer_id.is_not(None), _is_open())
        .group_by(Application.lawyer_id))}
    people = db.session.scalars(db.select(User).where(User.role == "lawyer", User.active.is_(True)).order_by(User.id))
    return {"items": [{"id": u.id, "name": u.display_name, "office_phone": u.office_phone, "law_firm": u.law_firm,
                       "active": u.active, "open_cases": open_cases.get(u.id, 0)} for u in people]}


def case_audit(application_id: int, user: User) -> dict:
    application = application_for_handler(application_id, user)
    uploads = list(db.session.scalars(db.select(Upload.id).where(Upload.application_id == application.id)))
    record = str(application.id)
    query = db.select(AuditEntry, User).outerjoin(User, User.id == AuditEntry.actor_id).where(or_(
        (AuditEntry.record_type.in_(("aid_application", "aid_document", "document")))
        & (AuditEntry.record_id == record),
        (AuditEntry.record_type == "evidence") & AuditEntry.record_id.in_(uploads or [""]))) \
        .order_by(AuditEntry.id.desc())
    items = []
    for entry, actor in db.session.execute(query):
        # A read without its reason written down (a document download, an entry from before) was by a handler:
        # a lawyer could only read it while assigned.
        why = (entry.detail or {}).get("why") or ("assigned_lawyer" if entry.actor_role == "lawyer"
                                                  else entry.actor_role)
        items.append({"at": entry.at, "user_name": actor.display_name if actor else "",
                      "user_role": ROLE_NAMES.get(entry.actor_role, entry.actor_role), "action": entry.action,
                      "action_label": audit_labels.ACTIONS.get(entry.action, entry.action),
                      "record_type": entry.record_type,
                      "record_type_label": audit_labels.RECORD_TYPES.get(entry.record_type, entry.record_type),
                      "why": WHY_LABELS.get(why, why), "why_code": why})
    return {"items": items}


def sweep(on: date | None = None) -> dict:
    """The daily job: materials not supplied in time → withdrawn (Art. 43), unless the limitation date is near:
    then a withdrawal could cost the worker the claim, so the case is left for staff (it shows as overdue and
    urgent, with `staff_alert`); stored clocks refreshed."""
    on = on or clocks.today()
    withdrawn = held = 0
    for application in db.session.scalars(db.select(Application).where(
            Application.stage == "materials_requested")).all():
        due = date.fromisoformat((application.materials_request or {}).get("due_on") or on.isoformat())
        if due >= on:
            continue
        if _limitation_near(application, on):
            held += 1
            continue
        workflow.apply(application, "materials_timeout", {}, None, on=on, system=True)
        withdrawn += 1
    refreshed = 0
    for application in db.session.scalars(db.select(Application).where(_is_open())).all():
        before = (application.due_on, application.limitation_due_on)
        workflow.refresh(application, on)
        refreshed += before != (application.due_on, application.limitation_due_on)
    db.session.commit()
    return {"withdrawn": withdrawn, "held": held, "refreshed": refreshed}


def _limitation_near(application: Application, on: date) -> bool:
    due = clocks.earliest(clocks.limitation_clocks(application.case_type, application.left_on,
                                                   application.injured_on, on))
    return clocks.urgency(due, on)[0]


def staff_alert(application: Application, on: date) -> str | None:
    """Materials overdue and the limitation date near: what the sweep left for staff, and why."""
    request = application.materials_request or {}
    if application.stage != "materials_requested" or not request.get("due_on") or \
            date.fromisoformat(request["due_on"]) >= on or not _limitation_near(application, on):
        return None
    due = clocks.earliest(clocks.limitation_clocks(application.case_type, application.left_on,
                                                   application.injured_on, on))
    assert due is not None  # _limitation_near found one
    left = (due - on).days
    return (f"补充材料的期限 {request['due_on']} 已过，但劳动仲裁或工伤认定的时效 {due} 就要到了（还有 {left} 天）："
            "系统没有自动按撤回处理。请先联系工友；要保住时效，可以先行提供法律援助、事后补材料"
            "（《法律援助法》第四十四条），确实联系不上再按逾期处理。")
