"""Database details that differ between SQLite and PostgreSQL, and the clock we store by."""
from datetime import datetime, timezone

from sqlalchemy import DateTime, event
from sqlalchemy.engine import Engine
from sqlalchemy.types import TypeDecorator


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record):
    # WAL lets readers work while a writer commits; the busy timeout makes writers wait, not fail.
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=5000")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()


def utcnow() -> datetime:
    """Times are stored in UTC, with their zone."""
    return datetime.now(timezone.utc)


def aware(moment: datetime) -> datetime:
    """SQLite hands datetimes back without their zone; they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


class UTCDateTime(TypeDecorator):
    """A moment in time, stored as UTC on both databases and read back with its zone.

    SQLite keeps no offset: without this, 07:30+08:00 would be stored as 07:30 and read as UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return aware(value).astimezone(timezone.utc) if value is not None else None

    def process_result_value(self, value, dialect):
        return aware(value).astimezone(timezone.utc) if value is not None else None
