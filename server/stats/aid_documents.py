"""The documents figure (代写法律文书): each (case, kind of paper) first drawn up in the period, from the audit
entries the document downloads leave (registry entry). The firsts are found in the database (GROUP BY case and kind);
`GET /stats` counts them there for every case but the few moved after the period began (aid_sql.py), the
drill-down reads them as rows."""
from sqlalchemy import String, cast, func

from ..accounts.models import AuditEntry
from ..aid.models import Application
from ..clock import aware
from ..extensions import db
from .aid_rows import cases, held_then, record
from .aid_sql import moved
from .aid_tally import movers
from .registry import Figure, Period, Value, register


def _firsts(period: Period):
    """(record id, kind, when) for each (case, kind of paper) whose first download falls in the period."""
    entry = AuditEntry
    kind = func.coalesce(entry.detail["kind"].as_string(), "")
    where = [entry.action == "document", entry.record_type == "aid_application", entry.at < period.end]
    if period.only is not None:
        where.append(entry.record_id.in_(db.select(cast(period.only.subquery().c[0], String))))
    return (db.select(entry.record_id.label("rid"), kind.label("kind"), func.min(entry.at).label("at"))
            .where(*where).group_by(entry.record_id, kind).having(func.min(entry.at) >= period.start))


def _documents(period: Period) -> list[tuple]:
    """(when, case, kind) for each (case, kind of paper) first downloaded in the period, in its offices then."""
    wanted = [(aware(at), rid, kind) for rid, kind, at in db.session.execute(_firsts(period)) if rid.isdigit()]
    by_id = {a.id: a for (a,) in cases((Application.id.in_({int(rid) for _, rid, _ in wanted}),), plain=True)}
    rows = [(at, by_id[int(rid)], kind) for at, rid, kind in wanted if int(rid) in by_id]
    kept = {(at, a.id) for at, a in held_then(period, [(at, a) for at, a, _ in rows])}
    return sorted((row for row in rows if (row[0], row[1].id) in kept), key=lambda row: (row[0], row[1].id))


def _count(period: Period) -> Value:
    """The database's count for the cases not moved after the period began, and the moved ones' rows."""
    firsts, a = _firsts(period).subquery(), Application
    # IN, not a join on the id as text: PostgreSQL sorted every case's id as text to merge them
    held = db.select(cast(a.id, String)).where(a.office_id.in_(period.offices), a.id.not_in(moved(period)))
    settled = db.session.scalar(db.select(func.count()).select_from(firsts).where(firsts.c.rid.in_(held)))
    return Value((settled or 0) + len(_documents(movers(period))))


register(Figure("aid.documents", "aid", "制作法律文书",
                "文书：本期内第一次从案件里制作（下载）的法律文书份数，每件案件的每种文书只计一次（以审计记录的时间计）。",
                "count", _count, lambda p: [record(a, at, kind) for at, a, kind in _documents(p)],
                rows_value=lambda p: Value(len(_documents(p)))))
