"""A co-worker's confirmation of a worker's day log (记工, issue 23): optional, and recorded as what it is — a
co-worker at the same site saying, on their own phone, that they saw the worker work those days.

How it travels: the worker's month view draws a QR (in the browser) holding the log's random id, the site's code
and the month's days, in a link's fragment; a co-worker scans it, ticks the days they saw, gives their name and
phone, and their phone's outbox sends that here (`record`) under the log's id. Nothing is shown back: the server
keeps it (the log id as a keyed hash and under DATA_KEY, the phone as a keyed hash, under DATA_KEY and masked,
the name and days under DATA_KEY) and joins it to the log only when the worker's log reaches an application that
names the same log id and the same site (`for_log`), and only for days the log has.

Not forged cheaply: the log's id is a random UUID only the worker's QR shows; a confirmation names a real site and
the log's site; the worker's own phone (the application's) never counts as a co-worker's; the same phone
confirming twice is one co-worker. The case page and the papers say whose word it is."""
import json

from .. import codes, site_links
from ..errors import DomainError
from ..extensions import db
from ..pii import decrypt, encrypt, lookup_hash, mask_phone
from .models import DayLogConfirmation

MAX_PER_LOG = 50  # co-workers' confirmations of one log (a crew is rarely more than 20)
UNKNOWN_SITE = "没有这个工地编号，请核对二维码。"


def record(data: dict) -> dict:
    """Keep one co-worker's confirmation; answers how many days and which site (nothing about the worker)."""
    code = site_links.known_site_code(data["site_code"])  # sites sit above daylogs (they link applications)
    if code is None:
        raise DomainError(UNKNOWN_SITE, "site_unknown", errors={"json": {"site_code": [UNKNOWN_SITE]}})
    log_hash = lookup_hash(data["log_id"])
    kept = db.session.scalar(db.select(db.func.count()).select_from(DayLogConfirmation)
                             .where(DayLogConfirmation.log_hash == log_hash))
    if (kept or 0) >= MAX_PER_LOG:
        raise DomainError(f"这份记工已经有 {MAX_PER_LOG} 次工友确认了。", "too_many", 422)
    dates = sorted(str(d) for d in data["dates"])
    phone = data["phone"]
    db.session.add(DayLogConfirmation(
        log_enc=encrypt(data["log_id"]), log_hash=log_hash, site_code=code,
        phone_enc=encrypt(phone), phone_hash=lookup_hash(phone),
        data_enc=encrypt(json.dumps({"name": data["name"], "phone_masked": mask_phone(phone), "dates": dates},
                                    ensure_ascii=False))))
    db.session.commit()
    return {"days": len(dates), "site_code": code}


def for_log(log: dict, own_phone_hash: str | None = None) -> list[dict]:
    """The co-workers' confirmations of the log sent with an application: per co-worker (one phone), the name they
    gave, their phone masked and the days of the log they confirmed; the applicant's own phone is no co-worker."""
    if not log.get("log_id") or not log.get("site_code"):
        return []
    logged = {str(e["date"]) for e in log["entries"]}
    own = own_phone_hash
    rows = db.session.scalars(db.select(DayLogConfirmation).where(
        DayLogConfirmation.log_hash == lookup_hash(log["log_id"]),
        DayLogConfirmation.site_code == codes.normalise(log["site_code"])).order_by(DayLogConfirmation.id))
    people: dict[str, dict] = {}
    for row in rows:
        if row.phone_hash == own:
            continue
        said = json.loads(decrypt(row.data_enc))
        dates = {d for d in said["dates"] if d in logged}
        if not dates:
            continue
        had = people.get(row.phone_hash, {"dates": set()})
        people[row.phone_hash] = {"name": said["name"], "phone_masked": said["phone_masked"],
                                  "dates": had["dates"] | dates, "confirmed_at": row.created_at}
    return [{**p, "dates": sorted(p["dates"])} for p in people.values()]


def confirmed_days(log: dict) -> list[str]:
    """The log's days at least one co-worker confirmed (the case view's `confirmations`, joined)."""
    return sorted({d for c in log.get("confirmations") or [] for d in c["dates"]})
