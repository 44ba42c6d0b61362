"""One backup of a running instance, and its restore into an empty one.

A backup is a folder:

- `database.sqlite` (SQLite's online backup API: a consistent copy while the app serves) or
  `database.dump` (`pg_dump -Fc` of DATABASE_URL, PostgreSQL);
- `files/evidence/...`: every evidence file in storage (the local folder or the S3 bucket), copied
  after the database, so every upload row in the copy finds its file (files are written before rows);
- `manifest.json`, written last (a folder without one is an unfinished backup): when, the migration
  revision, the database kind, rows per table, and each file with its size and sha256.

Not in it: SECRET_KEY, JWT_SECRET_KEY and DATA_KEY. Phones and ID numbers are stored encrypted with
DATA_KEY; a restore is readable only by an app given the same DATA_KEY, so the keys are kept apart.
"""
import hashlib
import json
import mimetypes
import re
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from alembic.script import ScriptDirectory
from flask import current_app

from ..extensions import db
from ..media.storage import PREFIX, storage
from . import databases
from .databases import DATABASE_FILES, BackupError

FORMAT = "gongyou-backup"
VERSION = 1
MANIFEST = "manifest.json"
FILES = "files"
# Loaded from content/ by `flask content load` (the release step does it): not a sign of someone's data.
CONTENT_TABLES = {"topics", "cards", "card_terms", "quiz_questions", "content_version", "alembic_version"}
KEY = re.compile(r"^evidence/[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$")


# --- files ---------------------------------------------------------------------------------------


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def checked_manifest(raw: bytes, fmt: str, version: int, *, unreadable: str, foreign: str, what: str) -> dict:
    """A manifest's JSON, refused unless it is a dict of this format and version (a backup's or an archive's).

    `unreadable` and `foreign` are the refusals for bad JSON and for another format; `what` names the file
    kind in the one for an unknown version.
    """
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise BackupError(unreadable) from None
    if not isinstance(manifest, dict) or manifest.get("format") != fmt:
        raise BackupError(foreign)
    if manifest.get("version") != version:
        raise BackupError(f"{what}格式版本 {manifest.get('version')!r} 本程序不认识（只认识 {version}）")
    return manifest


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _stored_keys() -> Iterator[str]:
    for key, _ in storage().keys(PREFIX):
        if not key.endswith(".part"):  # half-written by a process killed mid-write
            yield key


# --- backup --------------------------------------------------------------------------------------


def backup(dest: str | Path) -> dict:
    """Write one backup of this instance into the folder dest (new or empty); return its manifest."""
    dest = Path(dest)
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise BackupError(f"{dest} 已存在且不是空文件夹：请给一个新的文件夹")
    kind = databases.kind()
    dest.mkdir(parents=True, exist_ok=True)
    started = datetime.now(timezone.utc)
    counts, revision, referenced = (databases.dump_sqlite if kind == "sqlite" else databases.dump_postgres)(dest)
    files = []
    store = storage()
    for key in sorted(_stored_keys()):
        data = store.get(key)
        path = dest / FILES / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        files.append({"key": key, "bytes": len(data), "sha256": _sha256(data)})
    database_file = dest / DATABASE_FILES[kind]
    manifest = {
        "format": FORMAT, "version": VERSION, "created_at": started.isoformat(),
        "revision": revision, "database": kind,
        "database_file": {"name": database_file.name, "bytes": database_file.stat().st_size,
                          "sha256": _file_sha256(database_file)},
        "counts": counts, "files": files,
        # Upload rows whose file was already gone from storage: told, not hidden.
        "missing_files": sorted(referenced - {f["key"] for f in files}),
    }
    tmp = dest / (MANIFEST + ".part")
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(dest / MANIFEST)
    return manifest


# --- restore -------------------------------------------------------------------------------------


def read_manifest(src: str | Path) -> dict:
    """The backup's manifest, checked for shape, revision, database kind and every checksum."""
    src = Path(src)
    if not src.is_dir():
        raise BackupError(f"{src} 不是文件夹：备份是 `flask backup` 写的一个文件夹")
    try:
        raw = (src / MANIFEST).read_bytes()
    except FileNotFoundError:
        raise BackupError(f"{src} 不是备份：没有 {MANIFEST}（或者备份没有写完）") from None
    manifest = checked_manifest(raw, FORMAT, VERSION, unreadable=f"{src / MANIFEST} 不是可读的 JSON：备份已损坏",
                                foreign=f"{src / MANIFEST} 不是本程序的备份清单", what="备份")
    try:
        kind, revision = manifest["database"], manifest["revision"]
        database_file, counts, files = manifest["database_file"], manifest["counts"], manifest["files"]
        shape_ok = (kind in DATABASE_FILES and isinstance(counts, dict) and isinstance(files, list)
                    and all(isinstance(f, dict) and isinstance(f.get("key"), str) and isinstance(f.get("sha256"), str)
                            for f in files)
                    and database_file.get("name") == DATABASE_FILES[kind]
                    and isinstance(database_file.get("sha256"), str))
    except (KeyError, TypeError, AttributeError):
        shape_ok = False
    if not shape_ok:
        raise BackupError(f"{src / MANIFEST} 缺少必需的内容：备份已损坏")
    _check_revision(revision)
    here = databases.kind()
    if kind != here:
        raise BackupError(f"这是 {kind} 的备份，而本实例用的是 {here}：只能恢复到同一种数据库")
    _check_file(src / database_file["name"], database_file["sha256"], "数据库文件")
    for entry in files:
        if not KEY.match(entry["key"]) or ".." in entry["key"].split("/"):
            raise BackupError(f"清单里的文件名 {entry['key']!r} 不是证据文件的名字：备份不可信")
        _check_file(src / FILES / entry["key"], entry["sha256"], "证据文件")
    return manifest


def _check_file(path: Path, sha256: str, what: str) -> None:
    if not path.is_file():
        raise BackupError(f"{what} {path} 不在备份里：备份不完整")
    if _file_sha256(path) != sha256:
        raise BackupError(f"{what} {path} 的校验和与清单不符：文件已损坏或被改动，不恢复")


def _scripts() -> ScriptDirectory:
    return ScriptDirectory(current_app.extensions["migrate"].directory)


def _check_revision(revision) -> None:
    if revision is None:
        return  # a database never migrated: nothing to compare
    scripts = _scripts()
    try:
        known = scripts.get_revision(revision) if isinstance(revision, str) else None
    except Exception:  # alembic says so in several ways for a revision it has no script for
        known = None
    if known is None:
        raise BackupError(f"备份来自更新的程序版本（数据库迁移 {revision!r}），本程序只认识到 "
                          f"{scripts.get_current_head()!r}：请先把程序升级到做备份时的版本再恢复")


def _data_here() -> dict[str, int]:
    """Tables holding rows in this instance's database (content loaded from content/ aside)."""
    with db.engine.connect() as conn:
        return {name: n for name, n in databases.counts(conn).items() if n and name not in CONTENT_TABLES}


def restore(src: str | Path, force: bool = False) -> dict:
    """Restore the backup in src into this (empty) instance: database first, then files, then check both."""
    src = Path(src)
    manifest = read_manifest(src)
    if not force:
        held = _data_here()
        if held:
            listed = "，".join(f"{name} {n} 行" for name, n in sorted(held.items())[:6])
            raise BackupError(f"数据库里已经有数据（{listed}…）：恢复只写入空的实例。确实要覆盖，加 --force")
        if next(_stored_keys(), None) is not None:
            raise BackupError("存储里已经有证据文件：恢复只写入空的实例。确实要覆盖，加 --force")
    database_file = src / manifest["database_file"]["name"]
    if manifest["database"] == "sqlite":
        databases.restore_sqlite(database_file)
    else:
        databases.restore_postgres(database_file)
    store = storage()
    for entry in manifest["files"]:
        data = (src / FILES / entry["key"]).read_bytes()
        store.put(entry["key"], data, mimetypes.guess_type(entry["key"])[0] or "application/octet-stream")
    _check_restored(manifest)
    return manifest


def _check_restored(manifest: dict) -> None:
    with db.engine.connect() as conn:
        counts = databases.counts(conn)
    wrong = [f"{name}：清单 {n}，恢复后 {counts.get(name)}" for name, n in manifest["counts"].items()
             if counts.get(name) != n]
    if wrong:
        raise BackupError("恢复后的行数与清单不符：" + "；".join(wrong))
    store = storage()
    for entry in manifest["files"]:
        if _sha256(store.get(entry["key"])) != entry["sha256"]:
            raise BackupError(f"证据文件 {entry['key']} 写入存储后校验和不符")


def behind_head(manifest: dict) -> str | None:
    """The code's newest migration when the restored database is older (then `flask db upgrade`), else None."""
    head = _scripts().get_current_head()
    return head if manifest["revision"] not in (None, head) else None
