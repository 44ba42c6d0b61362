"""Loading a device's exported queue (导出待发送记录), and what content is live.

The file is what the PWA's outbox exported (pwa/src/core/outbox-store.ts `exportWaiting`):
`operations` is a `/sync` body's operations as they stood; `signups` are a worker's online
sign-ups ({id, event_id, name, phone, employer, site}); `reports` are debriefs ({id, event_id,
...四个带回}); `notes` say what each entry was to the person. Operations and sign-ups go through
`/sync`'s own path (sync.service.apply_batch), so an operation the device sends later, or the
same file loaded twice, is applied once; a debrief through the event's debrief service.
"""
from collections import Counter, defaultdict

from marshmallow import ValidationError

from ..accounts.audit import record_view
from ..cards.models import Card, ContentVersion, QuizQuestion, Topic
from ..errors import DomainError, chinese_messages
from ..events import debriefs
from ..events import service as events
from ..events.models import Event
from ..events.schemas import ReportIn
from ..extensions import db
from ..inputs import text_problem
from ..offices import scope
from ..sync import service as sync
from ..sync.models import SyncOperation
from .schemas import MAX_ENTRIES

SIGNUP_FIELDS = ("event_id", "name", "phone", "employer", "site")
BAD_FILE = "这不是一个导出的待发送记录文件（请选手机上「导出待发送记录」保存的那个文件）。"


def _list(data: dict, key: str) -> list:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise DomainError(BAD_FILE, "import_invalid", 422, errors={"json": {"file": [f"{key} 应该是一个列表。"]}})
    return value


def _text(value, limit: int = 64) -> str:
    if not isinstance(value, str):
        return ""
    return "".join("\ufffd" if text_problem(ch) else ch for ch in value[:limit])


def _event_id(entry) -> int | None:
    value = entry.get("event_id") if isinstance(entry, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**31 else None


def _entries(data: dict) -> list[tuple[str, object]]:
    """(kind, entry) for everything the file holds, in its order: operations, sign-ups, debriefs."""
    out: list[tuple[str, object]] = []
    for op in _list(data, "operations"):
        kind = op.get("type") if isinstance(op, dict) else None
        out.append((kind if kind in ("checkin", "walkin", "signup") else "unknown", op))
    out += [("online_signup", e) for e in _list(data, "signups")]
    out += [("report", e) for e in _list(data, "reports")]
    if not out and not any(k in data for k in ("operations", "signups", "reports")):
        raise DomainError(BAD_FILE, "import_invalid", 422)
    if len(out) > MAX_ENTRIES:
        raise DomainError(f"一个文件最多 {MAX_ENTRIES} 条记录，这个有 {len(out)} 条。", "import_too_large", 422)
    return out


def _labels(data: dict) -> dict[str, str]:
    notes = data.get("notes")
    if not isinstance(notes, list):
        return {}
    return {n["id"]: _text(n.get("label"), 120) for n in notes if isinstance(n, dict) and isinstance(n.get("id"), str)}


def import_queue(actor, data: dict, dry_run: bool) -> dict:
    entries = _entries(data)
    device_id = _text(data.get("device_id")) or "import"
    exported_at = _text(data.get("exported_at")) or None
    counts = Counter(kind for kind, _e in entries)
    per_event: dict[int | None, Counter] = defaultdict(Counter)
    for kind, entry in entries:
        per_event[_event_id(entry)][kind] += 1
    known = [i for i in per_event if i is not None]
    # Titles of the reader's offices' events only: another office's event is named by its number alone.
    titles = dict(db.session.execute(scope.within(db.select(Event.id, Event.title), Event.office_id, actor)
                                     .where(Event.id.in_(known))).tuples().all())
    ids = [e["id"] for _k, e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)]
    received = db.session.scalar(db.select(db.func.count()).select_from(SyncOperation)
                                 .where(SyncOperation.id.in_(ids))) if ids else 0
    answer = {"dry_run": dry_run, "device_id": device_id, "exported_at": exported_at, "total": len(entries),
              "counts": dict(counts), "already_received": received or 0, "unreadable": counts.get("unknown", 0),
              "events": [{"event_id": eid, "title": titles.get(eid, "") if eid else "", "counts": dict(c)}
                         for eid, c in sorted(per_event.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))]}
    record_view(actor, "import" if not dry_run else "import_preview", "device_queue", device_id,
                {"counts": dict(counts), "exported_at": exported_at})
    db.session.commit()
    if dry_run:
        return answer
    results = _apply(actor, entries, device_id, exported_at)
    labels = _labels(data)
    for result in results:
        if result.get("id") in labels:
            result["label"] = labels[result["id"]]
    answer["results"] = results
    answer["status_counts"] = dict(Counter(r["status"] for r in results))
    return answer


def _apply(actor, entries: list[tuple[str, object]], device_id: str, exported_at: str | None) -> list[dict]:
    """Operations and sign-ups in one `/sync` batch (in the file's order), then the debriefs."""
    batch: list = []  # as the device sent them: /sync checks each one, even whether it is an object
    where: list[int] = []
    for index, (kind, entry) in enumerate(entries):
        if kind == "report":
            continue
        if kind == "online_signup" and isinstance(entry, dict):
            # The worker's own sign-up, sent now as the offline sign-up it is: same person, same event.
            entry = {"id": entry.get("id"), "type": "signup", "device_time": exported_at,
                     **{k: entry[k] for k in SIGNUP_FIELDS if k in entry}}
        batch.append(entry)
        where.append(index)
    results: list[dict | None] = [None] * len(entries)
    if batch:
        for index, result in zip(where, sync.apply_batch(batch, device_id, actor.id, actor.role), strict=True):
            results[index] = result
    for index, (kind, entry) in enumerate(entries):
        if kind == "report":
            results[index] = _apply_report(actor, entry)
    return [{**(result or {}), "kind": kind, "event_id": _event_id(entry)}
            for (kind, entry), result in zip(entries, results, strict=True)]


def _apply_report(actor, entry) -> dict:
    op_id = _text(entry.get("id")) if isinstance(entry, dict) else ""
    if not isinstance(entry, dict):
        return {"id": "", "status": "rejected", "code": "invalid", "reason": sync.INVALID}
    fields = {k: v for k, v in entry.items() if k not in ("id", "event_id")}
    try:
        data = ReportIn().load(fields)
    except ValidationError as exc:
        return {"id": op_id, "status": "rejected", "code": "invalid", "reason": sync.INVALID,
                "errors": sync._safe_errors(chinese_messages(exc.messages))}
    event = db.session.get(Event, _event_id(entry) or 0)
    if event is None:
        return {"id": op_id, "status": "rejected", "code": "event_not_found", "reason": "没有找到这场活动。"}
    try:
        events.check_organiser(event, actor)
        debriefs.save_report(event, data, actor.id)
    except DomainError as exc:
        db.session.rollback()
        return {"id": op_id, "status": "rejected", "code": exc.code, "reason": exc.message}
    return {"id": op_id, "status": "applied", "message": "活动小结已保存。"}


def live_content() -> dict:
    version = db.session.get(ContentVersion, 1)

    def count(model) -> int:
        return db.session.scalar(db.select(db.func.count()).select_from(model)) or 0

    return {"version": version.version if version else 0, "loaded_at": version.updated_at if version else None,
            "digest": version.digest if version else "", "cards": count(Card), "questions": count(QuizQuestion),
            "topics": count(Topic)}
