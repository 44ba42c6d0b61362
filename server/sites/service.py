"""Site rules: a new site's code, who may see and change it (its office and those above it: offices/scope.py),
finding it by name or code, and the codes applications and events name."""
from sqlalchemy import or_

from .. import codes
from ..errors import DomainError, NotFound
from ..extensions import db
from ..offices import scope
from .models import Site

EDITABLE = ("name", "address", "division", "owner", "contractor", "subcontractor", "wage_officer",
            "wage_officer_phone", "pay_day", "minimum_wage", "inspection", "inspection_phone", "status")
UNKNOWN_CODE = "没有这个工地编号，请核对告示牌上的编号。"
FINISHED = "这个工地已经完工，不能再关联新的申请；请直接填写单位和工地。"


def _not_found() -> NotFound:
    return NotFound("没有找到这个工地。", code="site_not_found")


def by_code(raw: str) -> Site:
    """The site a typed code names (dash, spaces, lower case and full-width folded), or 404."""
    code = codes.normalise(raw)
    site = db.session.scalar(db.select(Site).where(Site.code == code)) if len(code) == codes.LENGTH else None
    if site is None:
        raise _not_found()
    return site


def office_site(raw: str, user) -> Site:
    """The site, if it belongs to `user`'s office or its subtree (404 otherwise, as for no site)."""
    site = by_code(raw)
    if not scope.sees(user, site.office_id):
        raise _not_found()
    return site


def linkable(raw: str | None, field: str = "site_code") -> Site | None:
    """The active site an application names by `raw` (None for none); an unknown or finished one is a 422."""
    if not raw or not raw.strip():
        return None
    try:
        site = by_code(raw)
    except NotFound:
        raise DomainError(UNKNOWN_CODE, "site_unknown", errors={"json": {field: [UNKNOWN_CODE]}}) from None
    if site.status != "active":
        raise DomainError(FINISHED, "site_finished", errors={"json": {field: [FINISHED]}})
    return site


def _unused_code() -> str:
    for _ in range(10):
        code = codes.new_code()
        if db.session.scalar(db.select(Site.id).where(Site.code == code)) is None:
            return code
    raise RuntimeError("no free site code after 10 draws")


def create(data: dict, user) -> Site:
    if user.office_id is None:
        raise DomainError("你的账号还没有所属机构，不能建工地。", "no_office", 403)
    site = Site(code=_unused_code(), office_id=user.office_id, created_by=user.id,
                **{k: data[k] for k in EDITABLE if k in data})
    db.session.add(site)
    db.session.commit()
    return site


def update(site: Site, data: dict) -> Site:
    for key in EDITABLE:
        if key in data:
            setattr(site, key, data[key])
    db.session.commit()
    return site


def search(user, q: str = "", status: str | None = None):
    """The sites of `user`'s office and its subtree, by name, address, firm or code; newest first (paged)."""
    query = scope.within(db.select(Site), Site.office_id, user)
    q = (q or "").strip()
    if q:
        like = f"%{q.replace('%', '').replace('_', '')}%"
        code = codes.normalise(q)
        conditions: list = [Site.name.ilike(like), Site.address.ilike(like), Site.contractor.ilike(like),
                      Site.subcontractor.ilike(like), Site.owner.ilike(like)]
        if code and set(code) <= set(codes.ALPHABET):
            conditions.append(Site.code.startswith(code))
        query = query.where(or_(*conditions))
    if status:
        query = query.where(Site.status == status)
    return query.order_by(Site.id.desc())


def fill_application(data: dict) -> int | None:
    """An application naming a site (`site_code`): the site's id, and what the worker left empty filled from the
    board — the employer (the 劳务分包 or else the 总包), the 总包, the 建设单位, the site's name and its district
    (which routes the application to the office serving it). What the worker wrote is kept."""
    site = linkable(data.get("site_code"))
    if site is None:
        return None
    board = {"employer_name": site.subcontractor or site.contractor, "contractor": site.contractor,
             "owner": site.owner, "site": site.name, "project": site.name, "site_division": site.division}
    for key, value in board.items():
        if not data.get(key) and value:
            data[key] = value[:120]
    return site.id
