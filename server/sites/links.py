"""What sites give the other domains through server/site_links.py: the site an application or an event names, one
site's cases in the inbox, the inbox grouped by site, and the site a case view shows."""
from sqlalchemy import func

from .. import codes, site_links
from ..errors import DomainError, NotFound
from ..extensions import db
from . import service
from .models import Site


def by_site(applications, limit: int = 20) -> list[dict]:
    """The applications of `applications` (a select) grouped by the site they came from, most first."""
    cases = applications.subquery()
    found = db.session.execute(
        db.select(Site.code, Site.name, func.count()).join(cases, Site.id == cases.c.site_id)
        .group_by(Site.id, Site.code, Site.name).order_by(func.count().desc(), Site.id).limit(limit)).all()
    return [{"code": code, "name": name, "count": n} for code, name, n in found]


def ref(site_id: int | None) -> dict | None:
    site = db.session.get(Site, site_id) if site_id else None
    if site is None:
        return None
    return {"code": site.code, "code_display": codes.display(site.code), "name": site.name, "status": site.status,
            "status_label": site.status_label}


def event_site_code(raw: str | None) -> str | None:
    """An event's site: empty for none; else an existing site's code (finished ones too: a visit after the work)."""
    if raw is None or not raw.strip():
        return None
    try:
        return service.by_code(raw).code
    except NotFound:
        raise DomainError(service.UNKNOWN_CODE, "site_unknown",
                          errors={"json": {"site_code": [service.UNKNOWN_CODE]}}) from None


def known_site_code(raw: str) -> str | None:
    """A site's code as stored, or None when no site has the typed code."""
    try:
        return service.by_code(raw).code
    except NotFound:
        return None


def register() -> None:
    site_links.register(fill_application=service.fill_application,
                        office_site_id=lambda code, user: service.office_site(code, user).id,
                        by_site=by_site, ref=ref, event_site_code=event_site_code,
                        known_site_code=known_site_code)
