"""Who may read a full application and its evidence: its handlers.

Today that is staff and admins. Issue 13 (case handling) adds "the lawyer assigned to this case":
it only has to fill in `assigned_lawyer_id`; every route that shows a case asks `may_handle`.
"""
from ..errors import DomainError, NotFound
from ..extensions import db
from .models import Application

HANDLER_ROLES = ("staff", "admin")


def assigned_lawyer_id(application: Application) -> int | None:
    """The lawyer currently assigned to the case (none until assignment exists)."""
    return None


def may_handle(user, application: Application) -> bool:
    if user is None:
        return False
    if user.role in HANDLER_ROLES:
        return True
    return user.role == "lawyer" and assigned_lawyer_id(application) == user.id


def application_for_handler(application_id: int | None, user) -> Application:
    """The application, if `user` handles it; 404 when there is none, 403 when it is not theirs."""
    application = db.session.get(Application, application_id) if application_id is not None else None
    if application is None:
        raise NotFound("没有找到这份申请。", "application_not_found")
    if not may_handle(user, application):
        raise DomainError("这不是你经办的案件。", "not_your_case", 403)
    return application
