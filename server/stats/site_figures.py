"""The sites figures (工地公示牌, server/sites/): boards printed, per office; applications and consultations per site
(registry entries). A site's board counts once, when it was first fetched to print (sites.first_printed_at)."""
from sqlalchemy import Row

from ..aid.models import Application
from ..clock import china_time
from ..extensions import db
from ..offices.models import Office
from ..sites.models import Site
from .aid_rows import Case, memoised, received
from .aid_rows import record as case_record
from .aid_sql import among, moved
from .aid_tally import movers
from .consult_figures import counted, record
from .registry import Figure, Period, Record, Value, register


@memoised
def printed(period: Period) -> list[Row]:
    return list(db.session.execute(
        db.select(Site.id, Site.code, Site.name, Site.office_id, Site.first_printed_at, Office.name.label("office"))
        .join(Office, Office.id == Site.office_id).where(
            Site.office_id.in_(period.offices), Site.first_printed_at >= period.start,
            Site.first_printed_at < period.end).order_by(Site.first_printed_at, Site.id)))


def _per_office(period: Period) -> Value:
    counts: dict[str, int] = {}
    labels: dict[str, str] = {}
    for site in printed(period):
        counts[str(site.office_id)] = counts.get(str(site.office_id), 0) + 1
        labels[str(site.office_id)] = site.office
    return Value(sum(counts.values()), counts, labels)


register(Figure("sites.boards_printed", "sites", "工地公示牌",
                "公示牌：本期内第一次打印（下载 PDF 或图片）维权公示牌的工地数，按工地所属机构分列；"
                "同一工地重印不再计。",
                "count", _per_office,
                lambda p: [Record("site", s.id, china_time(s.first_printed_at), s.name, s.office, s.code, s.office_id)
                           for s in printed(p)]))


@memoised
def _sites(period: Period, ids: tuple[int, ...]) -> dict[int, str]:
    return {i: name for i, name in db.session.execute(db.select(Site.id, Site.name).where(Site.id.in_(ids)))}


@memoised
def applications(period: Period) -> list[tuple[Case, int]]:
    """(case, its site) for each application received in the period that names a site."""
    cases = {case.id: case for case in received(period)}
    sites: dict[int, int] = {i: s for i, s in db.session.execute(db.select(Application.id, Application.site_id).where(
        among(Application.id, list(cases)), Application.site_id.is_not(None)))} if cases else {}
    return [(cases[i], sites[i]) for i in cases if i in sites]


def _per_site(period: Period, site_ids: list[int]) -> Value:
    counts: dict[str, int] = {}
    for site_id in site_ids:
        counts[str(site_id)] = counts.get(str(site_id), 0) + 1
    names = _sites(period, tuple(sorted(set(site_ids))))
    return Value(len(site_ids), counts, {str(i): name for i, name in names.items()})


def _applications_counted(period: Period) -> Value:
    """As `applications` counts them, in the database (its rows would read every case of the period): the cases
    not moved after the period began by their office now, the few moved by the row path (aid_tally.movers)."""
    a = Application
    sites = list(db.session.scalars(db.select(a.site_id).where(
        a.office_id.in_(period.offices), a.created_at >= period.start, a.created_at < period.end,
        a.site_id.is_not(None), a.id.not_in(moved(period)))))
    return _per_site(period, sites + [site for _, site in applications(movers(period))])


register(Figure("sites.applications", "sites", "工地来的援助申请",
                "工地申请：本期收到的法律援助申请中，扫工地公示牌二维码或填了工地的件数，按工地分列（与“收到申请”同样计）。",
                "count", _applications_counted,
                lambda p: [case_record(c, c.created_at, f"工地 {s}") for c, s in applications(p)],
                rows_value=lambda p: _per_site(p, [site for _, site in applications(p)])))


def _site_questions(period: Period) -> list[Row]:
    return [q for q in counted(period) if q.site_id is not None]


register(Figure("sites.questions", "sites", "工地来的咨询",
                "工地咨询：本期咨询中关联到工地（扫公示牌二维码提问或登记了工地）的人次，按工地分列；已标记的留言不计。",
                "count", lambda p: _per_site(p, [q.site_id for q in _site_questions(p)]),
                lambda p: [record(q) for q in _site_questions(p)]))
