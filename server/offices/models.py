"""An office: one node of the deployment's tree, kept with its materialised path for subtree queries."""
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import UTCDateTime, utcnow
from ..extensions import db

# The kinds an office can be (codes stored, the Chinese shown).
KINDS = {"legal_aid": "法律援助中心", "union": "工会", "inspection": "住建/劳动监察", "station": "工作站/联络点",
         "other": "其他"}
# The office every existing account and application was put in when offices came (migration 0014): the root.
DEFAULT_NAME = "本机构"
# Days a lawyer has to accept an assignment before staff see the case as overdue (the office's own rule, not a
# statute): counted in China calendar days from the latest assignment (aid/cases/accept.py).
ACCEPT_DAYS_DEFAULT = 3
ACCEPT_DAYS_MAX = 30


class Office(db.Model):
    """A node of the tree. `path` is the ids from the root down to this office, "/1/4/9/": the office and its
    subtree are the rows whose path starts with this one's (one prefix query, indexed on SQLite and PostgreSQL)."""

    __tablename__ = "offices"
    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("offices.id", ondelete="RESTRICT"), index=True)
    path: Mapped[str] = mapped_column(String(255), default="")
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(16), default="other")
    # The 6-digit administrative division (行政区划代码) the office serves; "" when not set.
    division: Mapped[str] = mapped_column(String(6), default="", server_default="")
    phone: Mapped[str] = mapped_column(String(32), default="", server_default="")
    address: Mapped[str] = mapped_column(String(200), default="", server_default="")
    accept_days: Mapped[int] = mapped_column(default=ACCEPT_DAYS_DEFAULT, server_default=str(ACCEPT_DAYS_DEFAULT))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (Index("ix_offices_path", "path", postgresql_ops={"path": "varchar_pattern_ops"}),)

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2
