"""An admin adding or changing an office in their subtree: the offices domain's change, with its audit entry.

Offices imports no accounts, so the entry of each change is written here, in the same unit of work.
"""
from ..extensions import db
from ..offices import service
from ..offices.models import Office
from .audit import record_view


def create(user, data: dict) -> Office:
    office = service.create(user, data)
    record_view(user, "create", "office", office.id, {"fields": sorted(data)})
    db.session.commit()
    return office


def update(user, office_id: int, changes: dict) -> Office:
    office = service.update(user, office_id, changes)
    record_view(user, "update", "office", office.id, {"fields": sorted(changes)})
    db.session.commit()
    return office
