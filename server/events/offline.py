"""The events domain's offline operations, as `/sync` applies them: check-in, walk-in, offline sign-up.

A batch's attendees (by token, by id, and walk-ins by phone) are locked and loaded once, before
its operations run, so another device's batch touching the same people waits for this one; rows
are locked in id order, so two batches never hold each other's (see `lock_attendees`).
"""
from sqlalchemy import and_, false, or_

from ..errors import DomainError
from ..extensions import db
from ..pii import InvalidPhone, lookup_hash, normalise_phone
from ..sync import registry
from . import service
from .models import Attendee, CheckIn, Event
from .schemas import CheckinOp, RegistrationOp

DUPLICATE = "这位工友已经签过到了，不会重复计数。"


class BatchState:
    """What one batch loaded: its events, and its attendees by token and by id."""

    def __init__(self):
        self.events: dict[int, Event | None] = {}
        self.by_token: dict[str, Attendee] = {}
        self.by_id: dict[int, Attendee] = {}


def _state(batch) -> BatchState:
    return batch.state.setdefault("events", BatchState())


def _phone_hashes(ops: list[dict]) -> set[tuple[int, str]]:
    """(event, phone hash) of the people a batch registers; a bad phone is refused later, alone."""
    found = set()
    for op in ops:
        if op["type"] in ("walkin", "signup") and op.get("phone"):
            try:
                found.add((op["event_id"], lookup_hash(normalise_phone(op["phone"]))))
            except InvalidPhone:
                pass
    return found


def lock_attendees(ops: list[dict], batch) -> None:
    tokens = {op["qr_token"] for op in ops if op.get("qr_token")}
    ids = {op["attendee_id"] for op in ops if op.get("attendee_id")}
    phones = _phone_hashes(ops)
    if not (tokens or ids or phones):
        return
    by_phone = or_(*(and_(Attendee.event_id == e, Attendee.phone_hash == h) for e, h in phones)) if phones else false()
    wanted = db.select(Attendee.id).where(or_(Attendee.qr_token.in_(tokens), Attendee.id.in_(ids), by_phone))
    # Lock first, then read: another device's batch touching the same people waits for this one,
    # and what is read below is what that batch committed. In id order, so two batches with the
    # same people in opposite orders queue up instead of deadlocking.
    locked = db.session.scalars(wanted.order_by(Attendee.id).with_for_update()).all()
    rows = db.session.scalars(db.select(Attendee).where(Attendee.id.in_(locked))
                              .execution_options(populate_existing=True)).unique().all()
    state = _state(batch)
    state.by_token.update({a.qr_token: a for a in rows})
    state.by_id.update({a.id: a for a in rows})


def _event(op, batch) -> Event:
    """The operation's event, if the sender may run it and it is open (cached for the batch)."""
    cache = _state(batch).events
    eid = op["event_id"]
    if eid not in cache:
        cache[eid] = db.session.get(Event, eid)
    event = cache[eid]
    if event is None:
        raise DomainError("没有找到这场活动，请重新下载名单。", code="event_not_found", status=404)
    service.check_organiser(event, batch.user_id, batch.role)
    if event.status != "published":
        # 409: how the event stands now, not a fault of the operation (it may be published again).
        raise DomainError("这场活动已取消或未发布，不能再登记。", code="event_closed", status=409)
    return event


def _attendee(op, event, batch) -> Attendee:
    state = _state(batch)
    if op.get("qr_token"):
        attendee = state.by_token.get(op["qr_token"])
        if attendee is None:
            raise DomainError("没有找到这个报名码。请按姓名或手机号查找，或现场登记。", code="unknown_token")
    else:
        attendee = state.by_id.get(op["attendee_id"])
        if attendee is None:
            raise DomainError("没有找到这个报名人，请重新下载名单。", code="unknown_attendee")
    if attendee.event_id != event.id:
        raise DomainError("这是另一场活动的报名码，请核对工友报的是哪场活动。", code="other_event")
    return attendee


def checkin(op: dict, batch) -> dict:
    event = _event(op, batch)
    attendee = _attendee(op, event, batch)
    record, created = service.check_in(attendee, device_id=batch.device_id, device_time=op["device_time"],
                                       operation_id=op["id"], method="qr" if op.get("qr_token") else "search",
                                       user_id=batch.user_id, locked=True)
    return _result(attendee, created, "已签到" if created else DUPLICATE, record)


def _register(op: dict, batch, source: str) -> tuple[Attendee, bool]:
    event = _event(op, batch)
    attendee, created = service.register(event, op.get("name", ""), op.get("phone", ""), op.get("employer", ""),
                                         op.get("site", ""), source=source, enforce_capacity=False)
    return attendee, created


def walkin(op: dict, batch) -> dict:
    attendee, _created = _register(op, batch, "walkin")
    record, checked = service.check_in(attendee, device_id=batch.device_id, device_time=op["device_time"],
                                       operation_id=op["id"], method="walkin", user_id=batch.user_id)
    return _result(attendee, checked, "已登记并签到" if checked else DUPLICATE, record)


def signup(op: dict, batch) -> dict:
    attendee, created = _register(op, batch, "offline")
    return _result(attendee, created, "已报名" if created else "这个手机号已经报过名了。")


def _result(attendee, applied, message, record=None) -> dict:
    out = {"status": "applied" if applied else "duplicate", "message": message,
           "attendee_id": attendee.id, "qr_token": attendee.qr_token}
    if record is not None:
        out["checked_in_at"] = record.device_time.isoformat()
    return out


def register_operations() -> None:
    """Called by create_app: the events domain's operation types for `/sync`."""
    registry.register("checkin", CheckinOp, checkin, prepare=lock_attendees)
    registry.register("walkin", RegistrationOp, walkin, prepare=lock_attendees)
    registry.register("signup", RegistrationOp, signup, prepare=lock_attendees)
