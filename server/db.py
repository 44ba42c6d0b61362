"""Database details that differ between SQLite and PostgreSQL."""
from sqlalchemy import event

from .clock import UTCDateTime, aware, utcnow  # noqa: F401  re-exported until accounts/ imports server.clock

# Ids are 32-bit integers on PostgreSQL: a bigger number names no record.
MAX_ID = 2**31 - 1


def _sqlite_pragmas(dbapi_connection, _record):
    # WAL lets readers work while a writer commits; the busy timeout makes writers wait, not fail.
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=5000")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()


def bind_pragmas(engine) -> None:
    """Called by create_app for the app's engine: SQLite's settings on every new connection."""
    if engine.dialect.name == "sqlite" and not event.contains(engine, "connect", _sqlite_pragmas):
        event.listen(engine, "connect", _sqlite_pragmas)
