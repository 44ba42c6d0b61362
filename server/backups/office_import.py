"""`flask office import SRC --key-file KEY [--under OFFICE_ID]`: an office archive (`office_export.py`) into this
deployment, under the office named (by default the root), as one unit of work.

- Checked whole first (`archive.Archive`): the key, the manifest, every member's checksum, the rows' counts; a bad
  archive imports nothing and says why in one sentence.
- Once: the import is an audit entry (record type `office_archive`, the archive's id); the same archive again is
  refused. Cases, photos and sign-ups already here (a second export of the same office) are refused too, by their
  own unique ids, before anything is written.
- New ids: every row gets this database's next id and every pointer follows it; the offices' paths are made anew
  under the parent. Evidence files get new storage names (written before the rows, as uploads are; removed again if
  the import fails).
- This deployment's keys: phones and ID numbers are encrypted and hashed with this DATA_KEY, so a lookup by phone
  finds them here. A worker who already has an account here (the same phone, or WeChat) keeps it, and the cases
  find it; a staff account whose username or phone is taken here is refused (rename it at the source first).
"""
import mimetypes
import re
import secrets
from pathlib import Path

import sqlalchemy as sa

from ..accounts.audit import record_view
from ..accounts.models import AuditEntry
from ..extensions import db
from ..media.storage import PREFIX, storage
from ..offices.scope import default_office_id
from ..pii import lookup_hash
from . import archive, office_rows
from .databases import BackupError, revision
from .office_rows import AUDIT_RECORDS, DETAIL_POINTERS, POINTERS, TABLES, from_json, table
from .service import _check_revision, _scripts, _sha256

MARK = "office_archive"
STORED = re.compile(r"^" + re.escape(PREFIX) + r"([0-9a-f]{32})(.*)$")
# Ids other rows point to.
REFERENCED = ("offices", "users", "sites", "aid_applications", "events", "attendees", "questions", "question_messages")


def import_archive(src: str | Path, key_file: str | Path, under: int | None = None) -> dict:
    """Import the archive src (sealed under the key in key_file) under office `under`; return what was done."""
    arc = archive.Archive(src, archive.read_key(key_file))
    written: list[str] = []
    try:
        manifest = arc.manifest
        _check_revision(manifest.get("revision"))
        _at_head()
        data = arc.data()
        _not_yet(manifest["archive_id"])
        parent = _parent(under)  # may make the root office of an empty database: rolled back with the rest
        _no_clashes(data["tables"])
        keys = _files(arc, data["files"], written)
        done = _rows(data["tables"], parent, keys)
        record_view(None, "office_import", MARK, manifest["archive_id"],
                    {"office_id": done["office_id"], "counts": manifest["counts"]})
        db.session.commit()
    except sa.exc.IntegrityError:
        _undo(written)
        raise BackupError("导入的数据与本机已有的数据冲突（同一个编号已经在这里）：什么都没有导入") from None
    except BaseException:
        _undo(written)
        raise
    finally:
        arc.close()
    return {**done, "archive_id": manifest["archive_id"], "files": len(written), "manifest": manifest}


def _undo(written: list[str]) -> None:
    db.session.rollback()
    store = storage()
    for key in written:
        try:
            store.delete(key)
        except Exception:  # noqa: BLE001  the media sweep removes a file no row points to
            pass


def _at_head() -> None:
    with db.engine.connect() as conn:
        here = revision(conn)
    head = _scripts().get_current_head()
    if here != head:
        raise BackupError(f"本机的数据库迁移是 {here!r}，程序已到 {head!r}："
                          "请先运行 flask --app server db upgrade 再导入")


def _not_yet(archive_id: str) -> None:
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.record_type == MARK,
                                                          AuditEntry.record_id == archive_id))
    if entry is not None:
        office = (entry.detail or {}).get("office_id")
        raise BackupError(f"这个档案已经导入过（{entry.at:%Y-%m-%d %H:%M} UTC，成为机构 #{office}）：不重复导入")


def _parent(under: int | None) -> dict:
    offices = table("offices")
    office_id = under if under is not None else default_office_id()
    found = db.session.execute(sa.select(offices.c.id, offices.c.path).where(offices.c.id == office_id)).first()
    if found is None:
        raise BackupError(f"本机没有编号为 {office_id} 的机构：--under 要写本机已有的机构编号")
    return {"id": found.id, "path": found.path}


def _taken(name: str, column: str, values) -> set:
    values = {v for v in values if v}
    if not values:
        return set()
    col = table(name).c[column]
    return set(db.session.scalars(sa.select(col).where(col.in_(values))))


def _no_clashes(tables: dict) -> None:
    """Refuse, before writing anything, what this deployment already holds under the same unique names."""
    problems = []
    apps = tables.get("aid_applications", [])
    if _taken("aid_applications", "client_id", [a.get("client_id") for a in apps]) or \
            _taken("aid_applications", "code", [a.get("code") for a in apps]):
        problems.append("其中的案件已经在本机（同样的申请编号或查询码）")
    if _taken("uploads", "id", [u.get("id") for u in tables.get("uploads", [])]):
        problems.append("其中的证据照片已经在本机")
    if _taken("attendees", "qr_token", [a.get("qr_token") for a in tables.get("attendees", [])]):
        problems.append("其中的活动报名已经在本机")
    questions, messages = tables.get("questions", []), tables.get("question_messages", [])
    if _taken("questions", "code", [q.get("code") for q in questions]) or \
            _taken("questions", "client_id", [q.get("client_id") for q in questions]) or \
            _taken("question_messages", "client_id", [m.get("client_id") for m in messages]) or \
            _taken("audio_clips", "id", [c.get("id") for c in tables.get("audio_clips", [])]):
        problems.append("其中的咨询（或它的录音）已经在本机")
    if _taken("sites", "code", [site.get("code") for site in tables.get("sites", [])]):
        problems.append("其中的工地已经在本机（同样的工地码）")
    staff = [u for u in tables.get("users", []) if u.get("role") != "worker"]
    names = _taken("users", "username", [u.get("username") for u in staff])
    if names:
        problems.append("用户名已被本机的账号占用：" + "、".join(sorted(names)) + "（请先在原系统里改名）")
    phones = _taken("users", "phone_hash", [lookup_hash(u["phone"]) for u in staff if u.get("phone")])
    if phones:
        problems.append(f"{len(phones)} 个工作人员账号的手机号已是本机另一个账号的手机号")
    if problems:
        raise BackupError("不能导入：" + "；".join(problems) + "。什么都没有导入")


def _files(arc: archive.Archive, listed: list, written: list[str]) -> dict[str, str]:
    """Each evidence file into this storage under a new name; returns old name → new name."""
    store = storage()
    names: dict[str, str] = {}
    stems: dict[str, str] = {}
    for entry in listed:
        content = arc.open(entry["member"])
        if _sha256(content) != entry["sha256"]:
            raise BackupError(f"档案里的证据文件 {entry['member']} 与清单不符：档案已损坏，不导入")
        old = entry["key"]
        found = STORED.match(old)
        if found:  # a photo and its thumbnail keep one stem between them
            stem = stems.setdefault(found.group(1), secrets.token_hex(16))
            new = f"{PREFIX}{stem}{found.group(2)}"
        else:
            new = f"{PREFIX}{secrets.token_hex(16)}{Path(old).suffix}"
        store.put(new, content, mimetypes.guess_type(new)[0] or "application/octet-stream")
        written.append(new)
        names[old] = new
    return names


def _existing_worker(row: dict) -> int | None:
    users = table("users")
    found = []
    if row.get("phone"):
        found.append(users.c.phone_hash == lookup_hash(row["phone"]))
    if row.get("wechat_openid"):
        found.append(users.c.wechat_openid == row["wechat_openid"])
    if not found:
        return None
    return db.session.scalar(sa.select(users.c.id).where(sa.or_(*found)).order_by(users.c.id).limit(1))


def _rows(tables: dict, parent: dict, file_names: dict[str, str]) -> dict:
    maps: dict[str, dict] = {name: {} for name in REFERENCED}
    merged = 0
    offices = sorted(tables.get("offices", []), key=lambda r: r["path"].count("/"))
    if not offices:
        raise BackupError("档案里没有机构：档案不完整，不导入")
    paths = {parent["id"]: parent["path"]}
    t = table("offices")
    for row in offices:  # each after its parent; the handed-over office under `parent`
        values = from_json("offices", row)
        values["parent_id"] = maps["offices"][row["parent_id"]] if row["parent_id"] is not None else parent["id"]
        values |= {"path": ""}
        new = db.session.execute(sa.insert(t).values(**{k: v for k, v in values.items() if k != "id"})
                                 .returning(t.c.id)).scalar_one()
        paths[new] = f"{paths[values['parent_id']]}{new}/"
        db.session.execute(sa.update(t).where(t.c.id == new).values(path=paths[new]))
        maps["offices"][row["id"]] = new
    for name in TABLES[1:]:
        rows = tables.get(name, [])
        t = table(name)
        batch = []
        for row in rows:
            if name == "users" and row.get("role") == "worker" and (mine := _existing_worker(row)) is not None:
                maps["users"][row["id"]], merged = mine, merged + 1
                continue
            values = _remap(name, from_json(name, row), maps)
            files = office_rows.FILE_COLUMNS.get(name, ())
            values |= {k: file_names.get(values[k], values[k]) for k in files if values.get(k)}
            if name in maps:
                source_id = values.pop("id")
                maps[name][source_id] = db.session.execute(sa.insert(t).values(**values).returning(t.c.id)).scalar_one()
            else:
                if "id" in values and name not in office_rows.OWN_IDS:
                    values.pop("id")
                batch.append(values)
        if batch:
            db.session.execute(sa.insert(t), batch)
    db.session.flush()
    return {"office_id": maps["offices"][offices[0]["id"]], "merged_workers": merged,
            "counts": {name: len(tables.get(name, [])) for name in TABLES}}


def _remap(name: str, values: dict, maps: dict[str, dict]) -> dict:
    """Every pointer of the row to the new id of what it points to (empty when that did not come along)."""
    for (table_name, column), target in POINTERS.items():
        if table_name == name and values.get(column) is not None:
            values[column] = maps[target].get(values[column])
    detail = values.get("detail")
    if isinstance(detail, dict):
        values["detail"] = {**detail, **{key: maps[target].get(detail[key]) for (table_name, key), target
                                         in DETAIL_POINTERS.items() if table_name == name and detail.get(key)}}
    owners = office_rows.AUDIO_OWNERS
    if name == "audio_clips" and values.get("owner_kind") in owners and values.get("owner_id") is not None:
        values["owner_id"] = maps[owners[values["owner_kind"]]].get(values["owner_id"])
    if name == "audit_log" and values.get("record_type") in AUDIT_RECORDS and str(values["record_id"]).isdigit():
        new = maps[AUDIT_RECORDS[values["record_type"]]].get(int(values["record_id"]))
        values["record_id"] = str(new) if new is not None else f"source-{values['record_id']}"
    return values
