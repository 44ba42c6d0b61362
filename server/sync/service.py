"""`POST /api/v1/sync`: apply a device's queued offline operations, each exactly once.

Every operation carries the id its device gave it. An id seen before returns the stored result;
the same id with other content is a conflict. Two devices checking in one person make one
check-in, the earliest device time kept. A unique-constraint race with another device's batch
rolls this batch back and runs it again, when the other device's work is visible.
"""
import hashlib
import json
from datetime import datetime

from marshmallow import ValidationError
from sqlalchemy import or_
from sqlalchemy.exc import IntegrityError

from ..errors import DomainError, chinese_messages
from ..events import service as events
from ..events.models import Attendee, CheckIn, Event
from ..extensions import db
from .models import SyncOperation
from .schemas import Operation

STAFF_ROLES = {"staff", "admin"}


class Rejected(Exception):
    def __init__(self, code: str, reason: str):
        super().__init__(reason)
        self.code, self.reason = code, reason


def payload_hash(op: dict) -> str:
    return hashlib.sha256(json.dumps(op, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def apply_batch(operations: list[dict], device_id: str, user_id: int, role: str) -> list[dict]:
    for _attempt in range(3):
        try:
            results = _apply_all(operations, device_id, user_id, role)
            db.session.commit()
            return results
        except IntegrityError:
            db.session.rollback()
    raise DomainError("另一台设备正在同步同一批人，请稍后再同步。", code="sync_busy", status=409)


def _parse(raw: dict):
    try:
        op = Operation().load(raw)
    except ValidationError as exc:
        return None, {"id": str(raw.get("id", "")), "status": "rejected", "code": "invalid",
                      "reason": "这条记录的内容不完整或格式不对，请修改后重新登记。", "errors": chinese_messages(exc.messages)}
    op["id"] = str(op["id"])
    return op, None


def _apply_all(raw_operations, device_id, user_id, role):
    parsed = [_parse(raw) for raw in raw_operations]
    ids = [op["id"] for op, _bad in parsed if op]
    seen = {s.id: s for s in db.session.scalars(db.select(SyncOperation).where(SyncOperation.id.in_(ids)))}
    events_cache: dict[int, Event | None] = {}
    attendees = _lock_attendees([op for op, _bad in parsed if op])
    results = []
    for raw, (op, invalid) in zip(raw_operations, parsed):
        if invalid:
            results.append(invalid)
            continue
        digest = payload_hash(raw)
        stored = seen.get(op["id"])
        if stored is not None:
            if stored.payload_hash != digest:
                results.append({"id": op["id"], "status": "conflict", "code": "id_reused",
                                "reason": "这个操作编号已经用于另一条不同的记录，这条没有保存，请重新登记。"})
            else:
                results.append(stored.result | {"replayed": True})
            continue
        try:
            result = _apply_one(op, device_id, user_id, role, events_cache, attendees)
        except Rejected as exc:
            result = {"id": op["id"], "status": "rejected", "code": exc.code, "reason": exc.reason}
        except DomainError as exc:
            result = {"id": op["id"], "status": "rejected", "code": exc.code, "reason": exc.message}
        record = SyncOperation(id=op["id"], kind=op["type"], payload_hash=digest, device_id=device_id,
                               user_id=user_id, result=result)
        db.session.add(record)
        seen[op["id"]] = record
        results.append(result)
    return results


class Attendees:
    """The batch's attendees by token and by id, loaded once with their check-ins locked."""

    def __init__(self, rows):
        self.by_token = {a.qr_token: a for a in rows}
        self.by_id = {a.id: a for a in rows}


def _lock_attendees(ops) -> Attendees:
    tokens = {op["qr_token"] for op in ops if op.get("qr_token")}
    ids = {op["attendee_id"] for op in ops if op.get("attendee_id")}
    if not (tokens or ids):
        return Attendees([])
    wanted = db.select(Attendee.id).where(or_(Attendee.qr_token.in_(tokens), Attendee.id.in_(ids)))
    # Lock first, then read: another device's batch touching the same people waits for this one,
    # and what is read below is what that batch committed.
    db.session.execute(db.select(CheckIn.id).where(CheckIn.attendee_id.in_(wanted)).with_for_update())
    rows = db.session.scalars(db.select(Attendee).where(Attendee.id.in_(wanted))
                              .execution_options(populate_existing=True)).unique().all()
    return Attendees(rows)


def _event_for(op, user_id, role, cache) -> Event:
    eid = op["event_id"]
    if eid not in cache:
        cache[eid] = db.session.get(Event, eid)
    event = cache[eid]
    if event is None:
        raise Rejected("event_not_found", "没有找到这场活动，请重新下载名单。")
    if role not in STAFF_ROLES and not events.is_volunteer(event, user_id):
        raise Rejected("not_your_event", "你不是这场活动的志愿者，不能为它登记。请联系工作人员。")
    if event.status != "published":
        raise Rejected("event_closed", "这场活动已取消或未发布，不能再登记。")
    return event


def _attendee_for(op, event, attendees: Attendees) -> Attendee:
    if op.get("qr_token"):
        attendee = attendees.by_token.get(op["qr_token"])
        if attendee is None:
            raise Rejected("unknown_token", "没有找到这个报名码。请按姓名或手机号查找，或现场登记。")
    elif op.get("attendee_id"):
        attendee = attendees.by_id.get(op["attendee_id"])
        if attendee is None:
            raise Rejected("unknown_attendee", "没有找到这个报名人，请重新下载名单。")
    else:
        raise Rejected("no_attendee", "签到需要报名码或报名人。")
    if attendee.event_id != event.id:
        raise Rejected("other_event", "这是另一场活动的报名码，请核对工友报的是哪场活动。")
    return attendee


def _apply_one(op, device_id, user_id, role, cache, attendees: Attendees) -> dict:
    event = _event_for(op, user_id, role, cache)
    device_time: datetime = op["device_time"]
    if op["type"] == "checkin":
        attendee = _attendee_for(op, event, attendees)
        checkin, created = events.check_in(attendee, device_id=device_id, device_time=device_time,
                                           operation_id=op["id"], method="qr" if op.get("qr_token") else "search",
                                           user_id=user_id, locked=True)
        return _result(op, attendee, created, "已签到" if created else "这位工友已经签过到了，不会重复计数。", checkin)
    attendee, created = events.register(event, op.get("name", ""), op.get("phone", ""), op.get("employer", ""),
                                        op.get("site", ""), source="walkin" if op["type"] == "walkin" else "offline",
                                        enforce_capacity=False)
    if op["type"] == "signup":
        return _result(op, attendee, created, "已报名" if created else "这个手机号已经报过名了。")
    checkin, checked = events.check_in(attendee, device_id=device_id, device_time=device_time,
                                       operation_id=op["id"], method="walkin", user_id=user_id)
    message = "已登记并签到" if checked else "这位工友已经签过到了，不会重复计数。"
    return _result(op, attendee, checked, message, checkin)


def _result(op, attendee, applied, message, checkin=None) -> dict:
    out = {"id": op["id"], "status": "applied" if applied else "duplicate", "message": message,
           "attendee_id": attendee.id, "qr_token": attendee.qr_token}
    if checkin is not None:
        out["checked_in_at"] = checkin.device_time.isoformat()
    return out
