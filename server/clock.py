"""The one clock: moments are stored in UTC with their zone; people count days in China time.

Shared ground (imports no domain).
"""
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator

CHINA = ZoneInfo("Asia/Shanghai")


def utcnow() -> datetime:
    """Now, in UTC, with its zone."""
    return datetime.now(timezone.utc)


def aware(moment: datetime) -> datetime:
    """SQLite hands datetimes back without their zone; they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def china_time(moment: datetime) -> datetime:
    """The moment as a clock in China shows it (for sheets, posters, messages)."""
    return aware(moment).astimezone(CHINA)


def china_midnight(moment: datetime) -> datetime:
    """The start of the moment's day as workers count days: midnight in China, not in UTC."""
    return china_time(moment).replace(hour=0, minute=0, second=0, microsecond=0)


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
