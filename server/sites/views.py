"""What a site shows: the board's facts with the hotlines (public), its coming events, and the office's own view
with the applications and events linked to it."""
import hashlib
import json

from .. import codes
from ..clock import china_midnight, utcnow
from ..events.models import Event
from ..extensions import db
from ..offices import divisions
from ..offices.models import Office
from .models import Site

# The numbers every board prints (条例第三十四条（三）; law-facts WP-08): the public legal service line, the
# human-resources line (wages, labour inspection) and the government service line.
FIXED_HOTLINES = (("公共法律服务热线（法律援助）", "12348"), ("人社服务热线（欠薪投诉）", "12333"),
                  ("政务服务便民热线", "12345"))
COMING_EVENTS = 5


def hotlines(site: Site) -> list[dict]:
    """The office's own line first (when it has one), the local labour inspection, then the national lines."""
    office = db.session.get(Office, site.office_id)
    out = []
    if office is not None and office.phone:
        out.append({"label": divisions.public_name(office), "phone": office.phone})
    if site.inspection_phone:
        out.append({"label": site.inspection or "劳动保障监察", "phone": site.inspection_phone})
    return out + [{"label": label, "phone": phone} for label, phone in FIXED_HOTLINES]


def coming_events(site: Site, limit: int = COMING_EVENTS) -> list[Event]:
    return list(db.session.scalars(db.select(Event).where(
        Event.site_code == site.code, Event.status == "published", Event.starts_at >= china_midnight(utcnow()))
        .order_by(Event.starts_at, Event.id).limit(limit)))


def facts(site: Site) -> dict:
    """What the board prints about the site itself (no query but the division's name)."""
    return {"code": site.code, "code_display": codes.display(site.code), "name": site.name,
            "address": site.address, "division": site.division, "division_name": divisions.name(site.division),
            "owner": site.owner, "contractor": site.contractor, "subcontractor": site.subcontractor,
            "wage_officer": site.wage_officer, "wage_officer_phone": site.wage_officer_phone,
            "pay_day": site.pay_day, "minimum_wage": site.minimum_wage, "inspection": site.inspection,
            "inspection_phone": site.inspection_phone, "status": site.status, "status_label": site.status_label}


def public(site: Site) -> dict:
    office = db.session.get(Office, site.office_id)
    return {**facts(site), "office_name": divisions.public_name(office), "hotlines": hotlines(site),
            "events": [{"id": e.id, "title": e.title, "starts_at": e.starts_at, "place": e.place}
                       for e in coming_events(site)]}


def etag(body: dict) -> str:
    """A strong validator of the public answer: its facts, hotlines and coming events."""
    return hashlib.sha256(json.dumps(body, sort_keys=True, default=str, ensure_ascii=False).encode()).hexdigest()[:32]


def office_row(site: Site) -> dict:
    from ..aid.models import Application
    count = db.session.scalar(db.select(db.func.count()).select_from(Application)
                              .where(Application.site_id == site.id)) or 0
    return {**facts(site), "id": site.id, "office_id": site.office_id, "board_printed_at": site.board_printed_at,
            "created_at": site.created_at, "updated_at": site.updated_at, "application_count": count}
