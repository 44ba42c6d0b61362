"""The tree as an admin manages it: the offices an account sees, a new office under one of them, a change to one.

Who may call these is the route's business (admins); which offices they reach is scope.py's: an admin adds and
changes offices only in their own subtree, and an office outside it is answered as not there (404).
"""
from ..errors import DomainError, NotFound
from ..extensions import db
from . import scope
from .models import Office

FIELDS = ("name", "kind", "division", "phone", "address", "accept_days")


def tree(user) -> list[Office]:
    """The offices `user` sees, each after its parent (ordered by path), the user's own office first."""
    return list(db.session.scalars(scope.within(db.select(Office), Office.id, user).order_by(Office.path)))


def get(user, office_id: int) -> Office:
    """An office `user` sees; 404 for one that is not there or lies outside their subtree (a sibling learns nothing)."""
    office = db.session.get(Office, office_id)
    if office is None or not scope.sees(user, office.id):
        raise NotFound("没有这个机构。", "office_not_found")
    return office


def create(user, data: dict) -> Office:
    """A new office under `data["parent_id"]`, an office in `user`'s subtree; flushed, not committed."""
    try:
        parent = get(user, data["parent_id"])
    except NotFound:
        raise DomainError("上级机构不存在或不在你管理的范围内。", "office_not_found", 422,
                          errors={"json": {"parent_id": ["上级机构不存在或不在你管理的范围内。"]}}) from None
    office = Office(parent_id=parent.id, **{name: _clean(data.get(name, "")) for name in FIELDS if name in data})
    office.kind = office.kind or "other"
    db.session.add(office)
    db.session.flush()
    office.path = f"{parent.path}{office.id}/"
    db.session.flush()
    return office


def update(user, office_id: int, changes: dict) -> Office:
    """Changes name, kind, division, phone, address or accept days of an office in `user`'s subtree; flushed, not
    committed."""
    office = get(user, office_id)
    for name in FIELDS:
        if name in changes:
            setattr(office, name, _clean(changes[name]))
    db.session.flush()
    return office


def _clean(value):
    return value.strip() if isinstance(value, str) else value
