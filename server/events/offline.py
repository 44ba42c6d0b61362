"""The events domain's offline operations, as `/sync` applies them: check-in, walk-in, offline sign-up.

A batch's attendees (by token, by id, and walk-ins by phone) are locked and loaded once, before
its operations run, so another device's batch touching the same people waits for this one; rows
are locked in id order, so two batches never hold each other's (see `lock_attendees`). New
check-ins are kept in memory while the batch runs, and new walk-ins wait unflushed in the session
(found absent by that one look-up by phone), until one bulk insert each at its end
(`write_checkins`): a thousand operations are a handful of statements, not thousands.
"""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, false, or_

from ..accounts.models import User
from ..clock import aware, utcnow
from ..errors import DomainError
from ..extensions import db
from ..pii import InvalidPhone, lookup_hash, normalise_phone
from ..sync import registry
from . import service, signups
from .models import Attendee, CheckIn, Event
from .schemas import CheckinOp, RegistrationOp

DUPLICATE = "这位工友已经签过到了，不会重复计数。"


@dataclass
class NewCheckIn:
    """A check-in this batch makes, written with the others at the end of the batch."""

    attendee: Attendee  # its id is known only then, for a walk-in registered by this batch
    device_id: str
    device_time: datetime
    operation_id: str
    method: str
    by_user_id: int | None


class BatchState:
    """What one batch loaded (its events, its attendees by token and by id) and the check-ins it makes."""

    def __init__(self):
        self.events: dict[int, Event | None] = {}
        self.user: User | None = None  # the sender, read once: which offices' events they may run
        self.may_run: set[int] = set()  # events the sender was found to run: checked once per batch, not per operation
        self.by_token: dict[str, Attendee] = {}
        self.by_id: dict[int, Attendee] = {}
        self.by_phone: dict[tuple[int, str], Attendee] = {}
        self.new_checkins: dict[Attendee, NewCheckIn] = {}
        self.touched: set[int] = set()  # attendees whose updated_at moves, for the next roster download
        self.unfinished: list[tuple[dict, Attendee]] = []  # results waiting for a new attendee's id


def _state(batch) -> BatchState:
    return batch.state.setdefault("events", BatchState())


def _phone_key(op: dict) -> tuple[int, str] | None:
    """(event, phone hash) of a person registered at the gate; None for a bad phone (refused later)."""
    try:
        return op["event_id"], lookup_hash(normalise_phone(op.get("phone") or ""))
    except InvalidPhone:
        return None


def _phone_hashes(ops: list[dict]) -> set[tuple[int, str]]:
    return {key for op in ops if op["type"] in ("walkin", "signup") and (key := _phone_key(op))}


def lock_attendees(ops: list[dict], batch) -> None:
    tokens = {op["qr_token"] for op in ops if op.get("qr_token")}
    ids = {op["attendee_id"] for op in ops if op.get("attendee_id")}
    phones = _phone_hashes(ops)
    if not (tokens or ids or phones):
        return
    by_phone = and_(Attendee.event_id.in_({e for e, _h in phones}),
                    Attendee.phone_hash.in_({h for _e, h in phones})) if phones else false()
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
    state.by_phone.update({(a.event_id, a.phone_hash): a for a in rows})


def _event(op, batch) -> Event:
    """The operation's event, if the sender may run it and it is open (cached for the batch)."""
    cache = _state(batch).events
    eid = op["event_id"]
    if eid not in cache:
        cache[eid] = db.session.get(Event, eid)
    event = cache[eid]
    if event is None:
        raise DomainError("没有找到这场活动，请重新下载名单。", code="event_not_found", status=404)
    state = _state(batch)
    if eid not in state.may_run:
        # Once per event: its queries would otherwise flush each operation's new row on its own.
        if state.user is None:
            state.user = db.session.get(User, batch.user_id)
        service.check_organiser(event, state.user)
        state.may_run.add(eid)
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


def _check_in(attendee: Attendee, op: dict, method: str, batch, new: bool = False) -> tuple[datetime, bool]:
    """Record the check-in once; a later report from another device only moves it earlier.

    The attendee is locked for this batch (lock_attendees) or new in it, and its check-in, if
    any, loaded with it (`new`: registered by this batch, so none yet). Returns (the check-in's
    device time, whether this one made it).
    """
    state, device_time = _state(batch), op["device_time"]
    current = state.new_checkins.get(attendee) or (None if new else attendee.checkin)
    if current is not None:
        if aware(device_time) < aware(current.device_time):
            current.device_time, current.device_id, current.method = device_time, batch.device_id, method
            if attendee.id is not None:
                state.touched.add(attendee.id)
        return current.device_time, False
    state.new_checkins[attendee] = NewCheckIn(attendee, batch.device_id, device_time, op["id"], method,
                                              batch.user_id)
    if attendee.id is not None:  # a new one is stamped when it is inserted
        state.touched.add(attendee.id)
    return device_time, True


def write_checkins(batch) -> None:
    """End of the batch: its new attendees, then its new check-ins, each in one bulk insert;
    the attendees they touched marked changed; the results completed with the new ids."""
    state = _state(batch)
    now = utcnow()
    db.session.flush()  # the walk-ins registered with their flush deferred (see _register)
    for result, attendee in state.unfinished:
        result["attendee_id"] = attendee.id
    if state.new_checkins:
        db.session.execute(db.insert(CheckIn), [
            {"attendee_id": c.attendee.id, "event_id": c.attendee.event_id, "device_id": c.device_id,
             "device_time": c.device_time, "operation_id": c.operation_id, "method": c.method,
             "by_user_id": c.by_user_id, "created_at": now} for c in state.new_checkins.values()])
    if state.touched:
        db.session.execute(db.update(Attendee).where(Attendee.id.in_(state.touched)).values(updated_at=now)
                           .execution_options(synchronize_session=False))


def checkin(op: dict, batch) -> dict:
    event = _event(op, batch)
    attendee = _attendee(op, event, batch)
    when, created = _check_in(attendee, op, "qr" if op.get("qr_token") else "search", batch)
    return _result(batch, attendee, created, "已签到" if created else DUPLICATE, when)


def _register(op: dict, batch, source: str) -> tuple[Attendee, bool]:
    """The same phone at the same event is the same attendee: one the batch locked or made already.

    Any other phone was not signed up when lock_attendees looked all of the batch's phones up in one
    query, so the attendee is new: added to the session, and written with the batch's other new ones
    in one bulk insert at its end (write_checkins). Should another request sign the same phone up in
    between, that insert fails the (event, phone) unique key and the batch runs again, when its lock
    finds that person (sync/service.py), as register()'s own look-up would have.
    """
    event = _event(op, batch)
    state, key = _state(batch), _phone_key(op)
    if key in state.by_phone:
        return state.by_phone[key], False
    attendee = signups.new_attendee(event, op.get("name", ""), op.get("phone", ""), op.get("employer", ""),
                                    op.get("site", ""), source=source)
    db.session.add(attendee)
    state.by_phone[key] = attendee  # type: ignore[index]  # new_attendee() refused a bad phone (key None)
    return attendee, True


def walkin(op: dict, batch) -> dict:
    attendee, created = _register(op, batch, "walkin")
    # The attendee is new in this batch or was locked by phone in lock_attendees. One registered
    # elsewhere after that lock (an online sign-up a moment ago) has its check-in loaded with
    # it; a check-in another device makes meanwhile is a unique race, and the batch runs again.
    when, checked = _check_in(attendee, op, "walkin", batch, new=created)
    return _result(batch, attendee, checked, "已登记并签到" if checked else DUPLICATE, when)


def signup(op: dict, batch) -> dict:
    attendee, created = _register(op, batch, "offline")
    return _result(batch, attendee, created, "已报名" if created else "这个手机号已经报过名了。")


def _result(batch, attendee, applied, message, checked_in_at: datetime | None = None) -> dict:
    out = {"status": "applied" if applied else "duplicate", "message": message,
           "attendee_id": attendee.id, "qr_token": attendee.qr_token}
    if attendee.id is None:  # registered by this batch: its id comes with the batch's insert
        _state(batch).unfinished.append((out, attendee))
    if checked_in_at is not None:
        out["checked_in_at"] = aware(checked_in_at).isoformat()
    return out


def register_operations() -> None:
    """Called by create_app: the events domain's operation types for `/sync`."""
    for kind, fields, apply in (("checkin", CheckinOp, checkin), ("walkin", RegistrationOp, walkin),
                                ("signup", RegistrationOp, signup)):
        registry.register(kind, fields, apply, prepare=lock_attendees, finish=write_checkins, private=("qr_token",),
                          replay=replay_with_token)


def replay_with_token(result: dict) -> dict:
    """A replayed result gets the attendee's QR token back (the server keeps it with the attendee only)."""
    attendee = db.session.get(Attendee, result.get("attendee_id")) if result.get("attendee_id") else None
    return result | {"qr_token": attendee.qr_token} if attendee else result
