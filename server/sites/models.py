"""A construction site as its rights notice board names it (保障农民工工资支付条例第三十四条, law-facts WP-08).

Everything here is printed at the gate and shown to anyone holding the code: the firms, the project's labour-wage
officer (劳资专管员) with the work phone the board must show, the pay day and where to complain. No worker's data.
"""
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..clock import UTCDateTime, utcnow
from ..extensions import db
from ..offices.models import Office  # noqa: F401  (sites.office_id names its table)

STATUSES = {"active": "在建", "finished": "已完工"}


class Site(db.Model):
    __tablename__ = "sites"
    id: Mapped[int] = mapped_column(primary_key=True)
    # The short code on the board and in /s/{code}: the tracking-code alphabet (codes.py), never reused.
    code: Mapped[str] = mapped_column(String(8), unique=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="RESTRICT"), index=True)
    name: Mapped[str] = mapped_column(String(120))  # the project's name
    address: Mapped[str] = mapped_column(String(200), default="")
    # The 6-digit 行政区划代码 of the county or district, as an application's site_division (offices/divisions.py).
    division: Mapped[str] = mapped_column(String(6), default="")
    owner: Mapped[str] = mapped_column(String(120), default="")  # 建设单位
    contractor: Mapped[str] = mapped_column(String(120), default="")  # 施工总承包单位
    subcontractor: Mapped[str] = mapped_column(String(120), default="")  # 劳务分包单位, if any
    wage_officer: Mapped[str] = mapped_column(String(40), default="")  # 劳资专管员
    wage_officer_phone: Mapped[str] = mapped_column(String(32), default="")  # the work phone the board shows
    pay_day: Mapped[str] = mapped_column(String(60), default="")  # 工资支付日期, e.g. 每月15日
    minimum_wage: Mapped[str] = mapped_column(String(60), default="")  # 当地最低工资标准, as the board prints it
    inspection: Mapped[str] = mapped_column(String(80), default="")  # the local 劳动保障监察
    inspection_phone: Mapped[str] = mapped_column(String(32), default="")
    status: Mapped[str] = mapped_column(String(16), default="active")
    board_printed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # the latest print
    # The first time staff fetched the board to print (board.pdf/png): the figures' 已印公示牌 (issue 25) count it.
    first_printed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    @property
    def status_label(self) -> str:
        return STATUSES.get(self.status, self.status)
