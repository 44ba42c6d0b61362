"""The one scoping rule: an account sees its office and the office's subtree (an admin of the root office, the
province, so sees everything). Every list of cases, every case read and every office list asks here.

An account is read only through `role` and `office_id` (this package imports no accounts). A worker, or an account
with no office, sees no office: nothing is shown by default.
"""
from sqlalchemy import Select, false

from ..extensions import db
from .models import DEFAULT_NAME, Office


def office_path(office_id: int | None) -> str | None:
    if office_id is None:
        return None
    return db.session.scalar(db.select(Office.path).where(Office.id == office_id))


def subtree(office_id: int | None) -> Select:
    """The ids of the office and every office under it (none when there is no such office)."""
    path = office_path(office_id)
    if not path:
        return db.select(Office.id).where(false())
    # The path holds only digits and "/", so it is safe as a LIKE prefix (no % or _ to escape).
    return db.select(Office.id).where(Office.path.startswith(path))


def visible_offices(user) -> Select:
    """The ids of the offices `user` sees: their office and its subtree; none for a worker or without an office."""
    if user is None or getattr(user, "role", "worker") == "worker":
        return db.select(Office.id).where(false())
    return subtree(getattr(user, "office_id", None))


def within(query: Select, column, user) -> Select:
    """`query` cut down to the rows whose `column` (an office id) `user` sees."""
    return query.where(column.in_(visible_offices(user)))


def sees(user, office_id: int | None) -> bool:
    """Whether `user` sees the office `office_id` (a record in it); False for a record with no office."""
    if office_id is None:
        return False
    return db.session.scalar(visible_offices(user).where(Office.id == office_id)) is not None


def in_subtree(office_id: int | None, ancestor_id: int | None) -> bool:
    """Whether `office_id` is `ancestor_id` or lies under it."""
    if office_id is None:
        return False
    return db.session.scalar(subtree(ancestor_id).where(Office.id == office_id)) is not None


def at_root(user) -> bool:
    """Whether `user` belongs to the root office (the province, or the one office of a one-office deployment)."""
    office_id = getattr(user, "office_id", None)
    if office_id is None or getattr(user, "role", "worker") == "worker":
        return False
    return db.session.scalar(db.select(Office.parent_id).where(Office.id == office_id)) is None and \
        office_path(office_id) is not None


def default_office_id() -> int:
    """The root office, where applications land until routing by division comes, and new accounts by default.
    Made ("本机构") when the database has none (a database emptied after migrating)."""
    found = db.session.scalar(db.select(Office.id).where(Office.parent_id.is_(None)).order_by(Office.id).limit(1))
    if found is not None:
        return found
    office = Office(name=DEFAULT_NAME, kind="other")
    db.session.add(office)
    db.session.flush()
    office.path = f"/{office.id}/"
    db.session.flush()
    return office.id
