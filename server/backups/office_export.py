"""`flask office export OFFICE_ID DEST --key-file KEY`: one office's subtree, alone, into one sealed archive — the
handover when a county leaves a shared deployment (`office_import.py` takes it in elsewhere; `archive.py` is the
file, `office_rows.py` the rows).

What goes in: the office and every office under it; its accounts (password hashes too, so people sign in with the
same passwords) and the workers' accounts tied to its cases (who sent one signed in, or whose phone is a case's);
its cases with their timeline, texts and evidence photos (the files themselves); its events with volunteers,
sign-ups, check-ins and debriefs (every version); its sites, and the co-workers' confirmations of day logs at them;
its questions (问一问) with their threads, photos and voice clips (the converted files themselves); the audit
entries about those records, and those its own staff made about no record of anyone else's. Nothing of another
office: a pointer to a person outside the subtree (a
province lawyer, a volunteer lent by a neighbour) is left empty in the archive, keeping only the role where the row
has one; an audit entry about a case elsewhere stays behind, and so does what someone outside the subtree did
with a worker's account (their cases elsewhere are not this office's business).

Keys: the archive carries none of the deployment's keys (SECRET_KEY, JWT_SECRET_KEY, DATA_KEY). The receiving
deployment has its own, so phones and ID numbers travel decrypted inside the archive, and the archive is sealed
(AES-256-GCM) under a fresh archive key written once into KEY, a file of its own: hand the archive and the key over
by different ways. Sessions do not travel: people sign in again at the new deployment.
"""
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa

from ..accounts.audit import record_view
from ..extensions import db
from ..media.storage import MissingFile, storage
from . import archive
from .databases import BackupError, revision
from .office_rows import AUDIO_OWNERS, AUDIT_RECORDS, DETAIL_POINTERS, FILE_COLUMNS, POINTERS, TABLES, table, to_json


def _rows(conn, name: str, *where) -> list[dict]:
    t = table(name)
    order = [t.c[c] for c in t.primary_key.columns.keys()]
    return [dict(r) for r in conn.execute(sa.select(t).where(*where).order_by(*order)).mappings()]


def _ids(rows: list[dict], key: str = "id") -> list:
    return [r[key] for r in rows]


def collect(conn, office_id: int) -> dict[str, list[dict]]:
    """The subtree's rows, as the database holds them (source ids, pointers outside the subtree still set)."""
    offices = table("offices")
    path = conn.execute(sa.select(offices.c.path).where(offices.c.id == office_id)).scalar()
    if not path:
        raise BackupError(f"没有编号为 {office_id} 的机构")
    got: dict[str, list[dict]] = {"offices": _rows(conn, "offices", offices.c.path.startswith(path))}
    office_ids = _ids(got["offices"])
    for name in ("sites", "aid_applications", "events", "questions"):
        got[name] = _rows(conn, name, table(name).c.office_id.in_(office_ids))
    apps, events, questions = _ids(got["aid_applications"]), _ids(got["events"]), _ids(got["questions"])
    users = table("users")
    submitters = {r["submitted_by_id"] for r in got["aid_applications"]} - {None}
    phones = {r["phone_hash"] for r in got["aid_applications"]}
    got["users"] = _rows(conn, "users", sa.or_(
        users.c.office_id.in_(office_ids),
        sa.and_(users.c.role == "worker", sa.or_(users.c.id.in_(submitters), users.c.phone_hash.in_(phones)))))
    user_ids = _ids(got["users"])
    got["aid_timeline"] = _rows(conn, "aid_timeline", table("aid_timeline").c.application_id.in_(apps))
    for name in ("aid_notifications", "uploads"):  # a case's, or a question's (its texts, its photos)
        t = table(name)
        got[name] = _rows(conn, name, sa.or_(t.c.application_id.in_(apps), t.c.question_id.in_(questions)))
    got["question_messages"] = _rows(conn, "question_messages",
                                     table("question_messages").c.question_id.in_(questions))
    clips = table("audio_clips")
    got["audio_clips"] = _rows(conn, "audio_clips", sa.or_(*(
        sa.and_(clips.c.owner_kind == kind, clips.c.owner_id.in_(_ids(got[name])))
        for kind, name in AUDIO_OWNERS.items())))
    got["day_log_confirmations"] = _rows(conn, "day_log_confirmations", table("day_log_confirmations").c.site_code
                                         .in_([r["code"] for r in got["sites"]]))
    got["event_volunteers"] = _rows(conn, "event_volunteers", table("event_volunteers").c.event_id.in_(events),
                                    table("event_volunteers").c.user_id.in_(user_ids))
    for name in ("attendees", "checkins", "event_reports", "event_report_versions"):
        got[name] = _rows(conn, name, table(name).c.event_id.in_(events))
    got["audit_log"] = _audit(conn, got)
    return got


def _audit(conn, got: dict[str, list[dict]]) -> list[dict]:
    """Entries about a record of the archive; and entries the subtree's own staff made about no one's record
    (a search of accounts, an export of the log), never one about a record left behind."""
    log = table("audit_log")
    about = [sa.and_(log.c.record_type == kind, log.c.record_id.in_([str(i) for i in _ids(got[name])]))
             for kind, name in AUDIT_RECORDS.items()]
    about.append(sa.and_(log.c.record_type == "evidence", log.c.record_id.in_(_ids(got["uploads"]))))
    about.append(sa.and_(log.c.record_type == "question_audio", log.c.record_id.in_(_ids(got["audio_clips"]))))
    staff = [u["id"] for u in got["users"] if u["role"] != "worker"]
    own = sa.and_(log.c.actor_id.in_(staff), log.c.record_type.not_in(["evidence", "question_audio", *AUDIT_RECORDS]))
    mine = sa.and_(log.c.actor_id.in_(staff), log.c.record_id == "*")
    workers = {str(u["id"]) for u in got["users"] if u["role"] == "worker"}
    # A worker's account is theirs, not the office's: what someone elsewhere did with it (a reveal, its reason)
    # stays behind; what the subtree's own staff did with it comes along.
    return [row for row in _rows(conn, "audit_log", sa.or_(*about, own, mine))
            if not (row["record_type"] == "user" and row["record_id"] in workers and row["actor_id"] not in staff)]


def cut_loose(got: dict[str, list[dict]]) -> None:
    """Empty every pointer to a row not in the archive (a person or a case outside the subtree)."""
    have = {name: {r["id"] for r in got[name]} for name in ("offices", "users", "sites", "aid_applications", "events",
                                                          "attendees", "questions", "question_messages")}
    for (name, column), target in POINTERS.items():
        for row in got[name]:
            if row.get(column) is not None and row[column] not in have.get(target, ()):
                row[column] = None
    for (name, key), target in DETAIL_POINTERS.items():
        for row in got[name]:
            detail = row.get("detail")
            if isinstance(detail, dict) and detail.get(key) is not None and detail[key] not in have[target]:
                row["detail"] = {**detail, key: None}
    root = min(got["offices"], key=lambda r: len(r["path"]))
    root["parent_id"] = None  # the handed-over office hangs under the office the import names


def _files(got: dict[str, list[dict]]) -> list[str]:
    """The stored files the rows name: evidence photos and their thumbnails, voice clips."""
    return [r[c] for name, columns in FILE_COLUMNS.items() for r in got[name] for c in columns if r[c]]


def export(office_id: int, dest: str | Path, key_file: str | Path) -> dict:
    """Write office `office_id`'s subtree into the new archive file dest, its key into the new file key_file.
    Returns the manifest. The export is an audit entry of the source (personal data left the deployment)."""
    for path in (Path(dest), Path(key_file)):
        if path.exists():
            raise BackupError(f"{path} 已经存在：请给一个新的文件名（不覆盖）")
    with db.engine.connect() as conn:
        if conn.dialect.name == "postgresql":  # one moment for every table
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            if conn.dialect.name == "sqlite":  # pysqlite begins only before a write: read from one snapshot too
                conn.exec_driver_sql("BEGIN")
            got = collect(conn, office_id)
            source_revision = revision(conn)
    cut_loose(got)
    store = storage()
    keys = _files(got)
    root = min(got["offices"], key=lambda r: len(r["path"]))
    tables = {name: [to_json(name, row) for row in got[name]] for name in TABLES}
    head: dict = {"revision": source_revision, "office": {"id": root["id"], "name": root["name"]},
                  "counts": {name: len(rows) for name, rows in tables.items()}, "missing_files": []}

    def contents() -> Iterator[tuple[str, bytes]]:
        # Files are written before their rows, so every row read has its file; one in memory at a time. A file
        # already gone from storage is told in the manifest (as a backup does), not hidden.
        for key in keys:
            try:
                yield key, store.get(key)
            except MissingFile:
                head["missing_files"].append(key)

    key = archive.new_key()
    archive.write_key(key_file, key)
    try:
        manifest = archive.write(dest, key, head, tables, contents())
    except BaseException:
        Path(key_file).unlink(missing_ok=True)
        raise
    record_view(None, "office_export", "office", office_id, {"archive_id": manifest["archive_id"],
                                                            "counts": manifest["counts"]})
    db.session.commit()
    return manifest
