"""Who may read a full application and its evidence: its handlers; and the one audited read of a case.

Staff and admins, and the lawyer the case is assigned to now: every route that shows a case asks
`may_handle`, so a lawyer who is unassigned (declined, or the case reassigned) loses access at once.
Before that, the case must lie in the reader's office or its subtree (offices/scope.py): one outside it is
answered as not there (404, never 403), so a sibling office learns nothing, not even that the case exists.
Every read of a case's personal data goes through `read_case`: the access check and the audit entry, once.
"""
from ..accounts import audit
from ..accounts.audit_labels import WHY
from ..errors import DomainError, NotFound
from ..extensions import db
from ..offices import scope
from .models import Application

HANDLER_ROLES = ("staff", "admin")


# Why a handler reads a case (written into the audit log with each read); the labels are the log's own.
WHY_LABELS = WHY


def assigned_lawyer_id(application: Application) -> int | None:
    """The lawyer currently assigned to the case (None before assignment and after a decline)."""
    return application.lawyer_id


def case_role(user, application: Application) -> str:
    """The reader's part in the case, for the audit log's `why`."""
    if user.role == "lawyer" and assigned_lawyer_id(application) == user.id:
        return "assigned_lawyer"
    return user.role


def in_scope(user, application: Application) -> bool:
    """Whether the case lies in `user`'s office or its subtree."""
    return user is not None and scope.sees(user, application.office_id)


def may_handle(user, application: Application) -> bool:
    if not in_scope(user, application):
        return False
    if user.role in HANDLER_ROLES:
        return True
    return user.role == "lawyer" and assigned_lawyer_id(application) == user.id


def get_application(application_id: int | None) -> Application:
    """The application; 404 when there is none."""
    application = db.session.get(Application, application_id) if application_id is not None else None
    if application is None:
        raise NotFound("没有找到这份申请。", "application_not_found")
    return application


def application_in_scope(application_id: int | None, user) -> Application:
    """The application, if it lies in `user`'s office or its subtree; 404 when there is none or it lies outside."""
    application = get_application(application_id)
    if not in_scope(user, application):
        raise NotFound("没有找到这份申请。", "application_not_found")
    return application


def application_for_handler(application_id: int | None, user) -> Application:
    """The application, if `user` handles it; 404 when there is none or it lies outside their office's subtree,
    403 when it is in their subtree but not theirs (a lawyer's colleague's case)."""
    application = application_in_scope(application_id, user)
    if not may_handle(user, application):
        raise DomainError("这不是你经办的案件。", "not_your_case", 403)
    return application


def read_case(user, application_id: int | None, action: str = "view", record: tuple[str, object] | None = None,
              /, **detail) -> Application:
    """The case, read by `user`: 404 when there is none (or it is outside their office's subtree), 403 when they
    have no part in it; the read written to the audit log, saying what was read (`action` on `record`: the case,
    or one of its photos; `detail`) and why (the reader's part in the case: assigned_lawyer, staff, admin).

    A read commits just its entry before anything is shown (accounts/audit.py): no personal data leaves
    without its entry, and a slow answer (a PDF) holds no write lock. Inside an @idempotent request (a move's
    answer) the commit is a flush and the request commits it with the move.
    """
    application = application_for_handler(application_id, user)
    record_type, record_id = record or ("aid_application", application.id)
    audit.record_view(user, action, record_type, record_id, {**detail, "why": case_role(user, application)})
    db.session.commit()
    return application
