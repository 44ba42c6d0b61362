"""`POST /api/v1/sync`: apply a device's queued offline operations, each exactly once.

Every operation carries the id its device gave it. An id seen before returns the stored result;
the same id with other content is a conflict. What an operation does is its domain's business,
through the handler registered for its type (registry.py). A unique-constraint race with another
device's batch rolls this batch back and runs it again, when the other device's work is visible.
"""
import hashlib
import json
import random
import time
from collections import defaultdict

from marshmallow import ValidationError
from sqlalchemy.exc import DBAPIError, IntegrityError

from .. import metrics
from ..clock import utcnow
from ..errors import DomainError, chinese_messages
from ..extensions import db
from ..inputs import text_problem
from .models import SyncOperation
from .registry import HANDLERS, Batch, Envelope

INVALID = "这条记录的内容不完整或格式不对，请修改后重新登记。"
# What a rejection echoes of what the device sent: enough to match it, never a whole payload.
ECHO_CHARS = 64
ECHO_FIELDS = 20
# Refusals because of how things stand now (not allowed yet, event closed for now) may change:
# they are answered but not stored, so the same operation sent again is applied once they do.
PASSING = {403, 409, 423}


def payload_hash(op: dict) -> str:
    # surrogatepass: identical bytes for every valid operation, and no crash on any other.
    text = json.dumps(op, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _echo(value) -> str:
    """A string from the device, safe to put in the answer: short, and only valid characters."""
    if not isinstance(value, str):
        return ""
    return "".join("\ufffd" if text_problem(ch) else ch for ch in value[:ECHO_CHARS])


def _safe_errors(messages):
    """Marshmallow's messages name the fields sent, unknown ones too: cap and clean those names."""
    if not isinstance(messages, dict):
        return messages
    return {(_echo(k) if isinstance(k, str) else k): _safe_errors(v)
            for k, v in list(messages.items())[:ECHO_FIELDS]}


ATTEMPTS = 5
# PostgreSQL's deadlock_detected and serialization_failure: another batch won; run this one again.
RETRY_SQLSTATES = {"40P01", "40001"}


def _race_lost(exc: DBAPIError) -> bool:
    return isinstance(exc, IntegrityError) or getattr(exc.orig, "sqlstate", None) in RETRY_SQLSTATES


def apply_batch(operations: list[dict], device_id: str, user_id: int, role: str) -> list[dict]:
    for attempt in range(ATTEMPTS):
        try:
            results = _apply_all(operations, Batch(device_id, user_id, role))
            db.session.commit()
            metrics.sync_results(results, [_known_type(op) for op in operations])
            return results
        except DBAPIError as exc:
            db.session.rollback()
            if not _race_lost(exc):
                raise
            time.sleep(random.uniform(0, 0.05 * (attempt + 1)))  # let the winner finish first
    raise DomainError("另一台设备正在同步同一批人，请稍后再同步。", code="sync_busy", status=409)


def _known_type(raw) -> str | None:
    """The operation's type when it names one this server knows (a label never holds what a client made up)."""
    kind = raw.get("type") if isinstance(raw, dict) else None
    return kind if isinstance(kind, str) and kind in HANDLERS else None


def _without_private(record: dict) -> dict:
    """What is kept of a result: not the fields its type rebuilds on a replay (tokens, personal data)."""
    private = HANDLERS[record["kind"]].private
    return {**record, "result": {k: v for k, v in record["result"].items() if k not in private}}


def _parse(raw):
    if not isinstance(raw, dict):
        return None, {"id": "", "status": "rejected", "code": "invalid", "reason": INVALID,
                      "errors": {"_schema": ["应该是一条记录（对象）。"]}}
    kind_name = raw.get("type")
    kind = HANDLERS.get(kind_name) if isinstance(kind_name, str) else None
    try:
        op = (kind.schema if kind else Envelope()).load(raw)
    except ValidationError as exc:
        return None, {"id": _echo(raw.get("id")), "status": "rejected", "code": "invalid", "reason": INVALID,
                      "errors": _safe_errors(chinese_messages(exc.messages))}
    op["id"] = str(op["id"])
    return op, None


def _prepare(new_ops: list[dict], batch: Batch) -> None:
    """Each domain loads (and locks) what its new operations in this batch need, once."""
    by_prepare = defaultdict(list)
    for op in new_ops:
        handler_prepare = HANDLERS[op["type"]].prepare
        if handler_prepare:
            by_prepare[handler_prepare].append(op)
    for prepare, ops in by_prepare.items():
        prepare(ops, batch)


def _apply_all(raw_operations, batch: Batch):
    parsed = [_parse(raw) for raw in raw_operations]
    ids = [op["id"] for op, _bad in parsed if op]
    rows = db.session.execute(db.select(SyncOperation.id, SyncOperation.payload_hash, SyncOperation.result,
                                        SyncOperation.user_id, SyncOperation.device_id)
                              .where(SyncOperation.id.in_(ids)))
    # Whose an id is: the account that sent it, and the device that made it (the office may load a
    # device's exported queue for it, and the device then sends the same operations itself).
    seen = {row.id: (row.payload_hash, row.result, (row.user_id, row.device_id)) for row in rows}
    _prepare([op for op, _bad in parsed if op and op["id"] not in seen], batch)
    results, records, replays = [], [], []
    for raw, (op, invalid) in zip(raw_operations, parsed, strict=False):
        if invalid:
            results.append(invalid)
            continue
        digest = payload_hash(raw)
        if op["id"] in seen:
            stored_hash, stored_result, (owner, device) = seen[op["id"]]
            if owner is not None and batch.user_id != owner and batch.device_id != device:
                results.append({"id": op["id"], "status": "conflict", "code": "id_taken",
                                "reason": "这个操作编号已经被别的账号、别的手机用过，这条没有保存，请重新登记。"})
            elif stored_hash != digest:
                results.append({"id": op["id"], "status": "conflict", "code": "id_reused",
                                "reason": "这个操作编号已经用于另一条不同的记录，这条没有保存，请重新登记。"})
            else:
                replays.append((len(results), op["type"], stored_result))
                results.append(None)  # filled in below, once results made in this batch are complete
            continue
        try:
            result = HANDLERS[op["type"]].apply(op, batch)  # the same dict: `finish` may complete it
            result["id"] = op["id"]
        except DomainError as exc:
            result = {"id": op["id"], "status": "rejected", "code": exc.code, "reason": exc.message}
            if exc.status in PASSING:
                results.append(result | {"retryable": True})
                continue
        records.append({"id": op["id"], "kind": op["type"], "payload_hash": digest, "device_id": batch.device_id,
                        "user_id": batch.user_id, "result": result, "created_at": utcnow()})
        seen[op["id"]] = (digest, result, (batch.user_id, batch.device_id))
        results.append(result)
    for finish in dict.fromkeys(HANDLERS[op["type"]].finish for op, _bad in parsed if op):
        if finish:
            finish(batch)
    for index, kind, stored_result in replays:
        rebuild = HANDLERS[kind].replay
        results[index] = (rebuild(stored_result) if rebuild else stored_result) | {"replayed": True}
    if records:  # one bulk insert; an id another batch stored meanwhile is a unique race (retried)
        db.session.execute(db.insert(SyncOperation), [_without_private(record) for record in records])
    return results
