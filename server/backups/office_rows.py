"""What an office archive holds, table by table, and how a row travels: values as JSON, personal fields in clear
inside the sealed archive (decrypted with the source's DATA_KEY at export, encrypted and hashed again with the
receiver's at import, so a lookup by phone works there), never the source's ciphertext or keyed hashes.

Tables are read and written through the metadata (SQLAlchemy Core), so every column of a table travels, a new
one too; only the personal columns and the ids that point at other rows are handled by name here.
"""
from datetime import date, datetime

import sqlalchemy as sa

from ..extensions import db
from ..pii import PROTECTED, Protected, decrypt, encrypt, lookup_hash
from .databases import BackupError

# In the order an import writes them (each after the rows it points to).
TABLES = ("offices", "users", "sites", "aid_applications", "aid_timeline", "events", "event_volunteers", "attendees",
          "checkins", "event_reports", "event_report_versions", "questions", "question_messages", "audio_clips",
          "aid_notifications", "uploads", "day_log_confirmations", "audit_log")
# Columns whose values are ids of rows in the archive: (table, column) → the table they point into.
POINTERS = {
    ("offices", "parent_id"): "offices", ("users", "office_id"): "offices",
    ("sites", "office_id"): "offices", ("sites", "created_by"): "users",
    ("aid_applications", "office_id"): "offices", ("aid_applications", "submitted_by_id"): "users",
    ("aid_applications", "lawyer_id"): "users", ("aid_applications", "site_id"): "sites",
    ("aid_timeline", "application_id"): "aid_applications", ("aid_timeline", "actor_id"): "users",
    ("aid_notifications", "application_id"): "aid_applications", ("aid_notifications", "question_id"): "questions",
    ("uploads", "application_id"): "aid_applications", ("uploads", "question_id"): "questions",
    ("events", "office_id"): "offices", ("events", "created_by"): "users",
    ("event_volunteers", "event_id"): "events", ("event_volunteers", "user_id"): "users",
    ("attendees", "event_id"): "events",
    ("checkins", "attendee_id"): "attendees", ("checkins", "event_id"): "events", ("checkins", "by_user_id"): "users",
    ("event_reports", "event_id"): "events", ("event_reports", "submitted_by"): "users",
    ("event_report_versions", "event_id"): "events", ("event_report_versions", "submitted_by"): "users",
    ("questions", "office_id"): "offices", ("questions", "site_id"): "sites",
    ("questions", "claimed_by_id"): "users", ("questions", "application_id"): "aid_applications",
    ("questions", "event_id"): "events", ("questions", "logged_by_id"): "users",
    ("question_messages", "question_id"): "questions", ("question_messages", "author_id"): "users",
    ("audit_log", "actor_id"): "users",
}
# Ids inside JSON: a timeline step's lawyers, an audit entry's case.
DETAIL_POINTERS = {("aid_timeline", "lawyer_id"): "users", ("aid_timeline", "from_lawyer_id"): "users",
                   ("audit_log", "application_id"): "aid_applications"}
# An audit entry's record, by record_type, when it is a row of the archive (evidence ids are kept as they are).
AUDIT_RECORDS = {"aid_application": "aid_applications", "user": "users", "office": "offices", "event": "events",
                 "site": "sites", "question": "questions"}
# A voice clip's owner (audio_clips.owner_kind, owner_id): the table its owner_id points into.
AUDIO_OWNERS = {"question": "questions", "question_message": "question_messages"}
# Stored files, by table: the columns naming them in storage (the files travel in the archive, new names at import).
FILE_COLUMNS = {"uploads": ("image_key", "thumb_key"), "audio_clips": ("key", "source_key")}
# Rows keeping their own (client-made, string) ids, as the apps that sent them know them.
OWN_IDS = ("uploads", "audio_clips")


def _personal(name: str) -> Protected | None:
    """The table's personal columns, as its domain named them for DATA_KEY (pii.protect): in the archive each is
    kept in clear under its name without `_enc` (phone_enc → phone), its keyed hash left out."""
    return next((p for p in PROTECTED if p.model.__table__.name == name), None)


def table(name: str) -> sa.Table:
    return db.metadata.tables[name]


def _is(column: sa.Column, kind: type) -> bool:
    return isinstance(column.type, kind) or isinstance(getattr(column.type, "impl", None), kind)


def to_json(name: str, row: dict) -> dict:
    """A row as the archive keeps it: dates as ISO text, personal fields in clear (decrypted with DATA_KEY)."""
    out: dict = {key: value.isoformat() if isinstance(value, (date, datetime)) else value for key, value in row.items()}
    personal = _personal(name)
    try:
        for enc, digest in (personal.columns.items() if personal else ()):
            out[enc.removesuffix("_enc")] = decrypt(out[enc]) if out.get(enc) else None
            out.pop(enc, None)
            if digest:
                out.pop(digest, None)
        for column, (enc, digest) in (personal.lists.items() if personal else ()):
            out[column] = [{**{k: v for k, v in c.items() if k not in (enc, digest)},
                            enc.removesuffix("_enc"): decrypt(c[enc]) if c.get(enc) else None}
                           for c in (out.get(column) or [])]
    except Exception:  # cryptography's InvalidTag, a damaged value: say which row
        raise BackupError(f"{name} #{row.get('id')} 的个人信息用本机的 DATA_KEY 解不开：DATA_KEY 不对或数据已损坏，"
                          "不导出") from None
    return out


def from_json(name: str, row: dict) -> dict:
    """An archive row as this database takes it: personal fields encrypted and hashed with this DATA_KEY, dates
    read back; columns this table does not have are refused (an archive from other code)."""
    row = dict(row)
    personal = _personal(name)
    for enc, digest in (personal.columns.items() if personal else ()):
        value = row.pop(enc.removesuffix("_enc"), None)
        row[enc] = encrypt(value) if value else None
        if digest:
            row[digest] = lookup_hash(value) if value else None
    for column, (enc, digest) in (personal.lists.items() if personal else ()):
        field = enc.removesuffix("_enc")
        row[column] = [{**{k: v for k, v in c.items() if k != field},
                        enc: encrypt(c[field]) if c.get(field) else None,
                        digest: lookup_hash(c[field]) if c.get(field) else None}
                       for c in (row.get(column) or [])]
    columns = table(name).c
    unknown = sorted(set(row) - set(columns.keys()))
    if unknown:
        raise BackupError(f"档案里 {name} 有本程序不认识的列 {', '.join(unknown)}：请先把程序升级到导出时的版本")
    for key, value in row.items():
        if isinstance(value, str) and _is(columns[key], sa.DateTime):
            row[key] = datetime.fromisoformat(value)
        elif isinstance(value, str) and _is(columns[key], sa.Date):
            row[key] = date.fromisoformat(value)
    return row
