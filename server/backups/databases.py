"""The two databases a backup copies: SQLite through its online backup API, PostgreSQL through pg_dump and
pg_restore (the password in the environment, never on the command line), with the counts and revision a
manifest records."""
import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

import sqlalchemy as sa
from flask import current_app

from ..extensions import db

DATABASE_FILES = {"sqlite": "database.sqlite", "postgresql": "database.dump"}


class BackupError(Exception):
    """What went wrong, said for the person at the command line."""


# --- copying --------------------------------------------------------------------------------


def kind() -> str:
    name = db.engine.dialect.name
    if name not in DATABASE_FILES:
        raise BackupError(f"不支持的数据库类型 {name}（只支持 SQLite 和 PostgreSQL）")
    return name


def sqlite_path() -> Path:
    path = db.engine.url.database
    if not path or path == ":memory:":
        raise BackupError("SQLite 数据库不是文件，无法备份或恢复")
    return Path(path)


def libpq() -> tuple[str, dict]:
    """DATABASE_URL as pg_dump/pg_restore take it, the password in the environment (not on `ps`)."""
    url = db.engine.url
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def run(command: list[str], env: dict) -> None:
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600)
    except FileNotFoundError:
        raise BackupError(f"找不到 {command[0]}（PostgreSQL 客户端，如 apt-get install postgresql-client）") from None
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise BackupError(f"{Path(command[0]).name} 失败：" + " / ".join(tail))


def counts(conn) -> dict[str, int]:
    names = sorted(sa.inspect(conn).get_table_names())
    return {name: conn.execute(sa.text(f'SELECT COUNT(*) FROM "{name}"')).scalar_one() for name in names}


def revision(conn) -> str | None:
    if "alembic_version" not in sa.inspect(conn).get_table_names():
        return None
    return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def upload_keys(conn) -> set[str]:
    if "uploads" not in sa.inspect(conn).get_table_names():
        return set()
    rows = conn.execute(sa.text("SELECT image_key, thumb_key FROM uploads")).all()
    return {key for row in rows for key in row if key}


def dump_sqlite(dest: Path) -> tuple[dict[str, int], str | None, set[str]]:
    target = dest / DATABASE_FILES["sqlite"]
    timeout = current_app.config.get("SQLITE_BUSY_TIMEOUT_MS", 15000) / 1000
    source = sqlite3.connect(sqlite_path(), timeout=timeout)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)  # page by page under a read lock: writers wait, readers go on
    finally:
        copy.close()
        source.close()
    engine = sa.create_engine(f"sqlite:///{target}")
    try:
        with engine.connect() as conn:
            return counts(conn), revision(conn), upload_keys(conn)
    finally:
        engine.dispose()


def dump_postgres(dest: Path) -> tuple[dict[str, int], str | None, set[str]]:
    """pg_dump reads the snapshot this transaction exports, so the counts are those of the dump."""
    url, env = libpq()
    with db.engine.connect() as conn:
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            snapshot = conn.execute(sa.text("SELECT pg_export_snapshot()")).scalar_one()
            run(["pg_dump", "-Fc", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
                  "-f", str(dest / DATABASE_FILES["postgresql"]), url], env)
            return counts(conn), revision(conn), upload_keys(conn)


def restore_sqlite(database_file: Path) -> None:
    db.engine.dispose()  # no pooled connection of ours holds the file meanwhile
    timeout = current_app.config.get("SQLITE_BUSY_TIMEOUT_MS", 15000) / 1000
    # Read from a copy: opening the backup itself may write beside it (its WAL), and it stays as it was.
    with tempfile.TemporaryDirectory() as tmp:
        copy_path = Path(tmp) / "restore.sqlite"
        shutil.copyfile(database_file, copy_path)
        source = sqlite3.connect(copy_path)
        target = sqlite3.connect(sqlite_path(), timeout=timeout)
        try:
            source.backup(target)  # replaces every page of the target, under its write lock
        except sqlite3.Error as exc:
            raise BackupError(f"SQLite 恢复失败：{exc}") from None
        finally:
            target.close()
            source.close()
    db.engine.dispose()


def restore_postgres(database_file: Path) -> None:
    db.engine.dispose()
    url, env = libpq()
    # --clean --if-exists: the tables an empty migrated database already has are replaced, not doubled.
    run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
          "--exit-on-error", "-d", url, str(database_file)], env)
    db.engine.dispose()
